"""Blueprint ``notices``: each person's notifications, and its URL map.

- ``/notifications/``: the feed, with the e-mail settings (address; off, immediate or a daily
  digest), and ``/notifications/read`` to mark one or all read (and open the one clicked);
- ``/notifications/unsubscribe?t=<token>``: the link in every e-mail; it asks to confirm, and
  works without logging in (the token is the credential);
- the unread count in the top bar (``unread_notifications()`` in templates).

The feed and settings are in :mod:`translator.web.data.notifications`, sending in
:mod:`translator.web.data.mail`; :func:`deliver` is what views call after notifying.
"""

from __future__ import annotations

from flask import Blueprint

from translator.web.notices import views
from translator.web.notices.delivery import deliver, start_digests

__all__ = ["bp", "deliver"]

bp = Blueprint("notices", __name__, url_prefix="/notifications", template_folder="templates")

bp.add_url_rule("/", view_func=views.feed)
bp.add_url_rule("/read", view_func=views.read, methods=("POST",))
bp.add_url_rule("/settings", view_func=views.settings, methods=("POST",))
bp.add_url_rule("/unsubscribe", view_func=views.unsubscribe, methods=("GET", "POST"))
bp.add_app_template_global(views.unread_notifications)


@bp.record_once
def _setup(state) -> None:
    start_digests(state.app)
