"""Blueprint ``dashboard``: the coordinators' view of a whole project, and its URL map.

- ``/dashboard/``: the matrix (documents x languages), sorted and filtered by query parameters
  — :mod:`.matrix`, its cells drawn by :mod:`.cells`, both kept between requests while the
  figures hold by :mod:`.memo`;
- ``/dashboard/language/<lang>``: one language's documents, team, last activity, words left,
  and ``/dashboard/activity`` (and ``activity.svg``): words translated and approved per day
  — :mod:`.activity`, charts by :mod:`.charts`;
- ``/dashboard/people``: words translated and reviewed per person and language over time,
  a chart per person — :mod:`.people`;
- ``/dashboard/amendments`` and ``/dashboard/amendments/<slug>``: changed source sentences and
  the coordinator's decision per change — :mod:`.amendments`;
- ``/dashboard/documents/new`` and ``/documents/accept``: a new document (or a new version)
  uploaded or pasted, previewed, then accepted — :mod:`.documents`;
- ``/dashboard/export.csv`` and ``export.json``, and who may download them (``/settings``)
  — :mod:`.exports`.

Pages are for coordinators and admins; what they all read is in :mod:`.figures`. Templates
are in ``templates/dashboard/``.
"""

from __future__ import annotations

from flask import Blueprint

from translator.web.context import STORE
from translator.web.dashboard import (
    activity,
    amendments,
    documents,
    exports,
    figures,
    matrix,
    people,
)
from translator.web.templating import add_nav

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard", template_folder="templates")

bp.add_url_rule("/", view_func=matrix.index)
bp.add_url_rule("/settings", view_func=exports.settings, methods=("POST",))
bp.add_url_rule("/language/<lang>", view_func=activity.language)
bp.add_url_rule("/amendments", view_func=amendments.amendments)
bp.add_url_rule("/amendments/<slug>", view_func=amendments.amendment, methods=("GET", "POST"))
bp.add_url_rule("/activity", view_func=activity.activity)
bp.add_url_rule("/activity.svg", view_func=activity.activity_svg)
bp.add_url_rule("/people", view_func=people.people)
bp.add_url_rule("/export.json", view_func=exports.export_json)
bp.add_url_rule("/documents/new", view_func=documents.new_document, methods=("GET", "POST"))
bp.add_url_rule("/documents/accept", view_func=documents.accept_document, methods=("POST",))
bp.add_url_rule("/export.csv", view_func=exports.export_csv)

bp.add_app_template_filter(figures.short_error, "short_error")
bp.add_app_template_global(figures.dashboard_nav)
bp.add_app_template_global(figures.page_url, "dashboard_page_url")


@bp.record_once
def _setup(state) -> None:
    """A top-bar link for coordinators, and the export setting's default from the project."""
    app = state.app
    add_nav(app, "dashboard.index", "Dashboard", coordinators=True)
    store = app.extensions.get(STORE)
    roles = store.project.settings.extra.get("dashboard_export_roles", []) if store else []
    app.config.setdefault("DASHBOARD_EXPORT_ROLES", list(roles))
