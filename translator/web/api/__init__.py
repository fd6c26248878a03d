"""Blueprint ``api``: the JSON calls of the editor's JavaScript, and its URL map in one table.

Every call checks login, the URL's document and language, and the role (403 as JSON);
state-changing ones are POSTs protected by CSRF (the token travels in ``X-CSRFToken``).

- one entry: read it, save, approve, join, unjoin, revert, dismiss a check — :mod:`.changes`;
- beside it: history, comments, machine translation, live checks — :mod:`.sidebar`;
- what a call reads from its request — :mod:`.arguments`.
"""

from __future__ import annotations

from flask import Blueprint

from translator.web.api import changes, sidebar

bp = Blueprint("api", __name__, url_prefix="/api")

DOC = "/translate/<slug>/<lang>"
ENTRY = f"{DOC}/segment/<key>"
POST = ("POST",)
bp.add_url_rule(ENTRY, view_func=changes.get_entry)
bp.add_url_rule(ENTRY, view_func=changes.save, methods=POST)
bp.add_url_rule(f"{ENTRY}/join", view_func=changes.join, methods=POST)
bp.add_url_rule(f"{ENTRY}/unjoin", view_func=changes.unjoin, methods=POST)
bp.add_url_rule(f"{ENTRY}/revert", view_func=changes.revert, methods=POST)
bp.add_url_rule(f"{ENTRY}/dismiss", view_func=changes.dismiss, methods=POST)
bp.add_url_rule(f"{ENTRY}/history", view_func=sidebar.history)
bp.add_url_rule(f"{ENTRY}/comments", view_func=sidebar.comments)
bp.add_url_rule(f"{ENTRY}/comments", view_func=sidebar.add_comment, methods=POST)
bp.add_url_rule(
    f"{DOC}/comments/<int:comment_id>/delete", view_func=sidebar.delete_comment, methods=POST
)
bp.add_url_rule(f"{ENTRY}/machine", view_func=sidebar.machine, methods=POST)
bp.add_url_rule(f"{DOC}/check", view_func=sidebar.check_text)
