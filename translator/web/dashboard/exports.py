"""The matrix as downloads (``export.json``, ``export.csv``: the numbers ``translator stats``
prints) and who may take them: coordinators and admins, plus the language roles the
coordinators open them to (saved in ``instance/dashboard.json``; the default comes from the
project's ``dashboard_export_roles``), limited to the languages a person can see."""

from __future__ import annotations

import json
from pathlib import Path

from flask import Response, abort, current_app, flash, redirect, request, url_for
from flask_login import current_user, login_required

from translator.catalog.io import write_text_atomic
from translator.progress.matrix import matrix_csv
from translator.web.access import coordinator_required, known_document, known_language
from translator.web.dashboard.figures import overview, project, today

EXPORT_ROLES = ("translator", "reviewer")  # who besides coordinators may be allowed to export
SETTINGS_FILE = "dashboard.json"


def export_roles() -> list[str]:
    """Language roles allowed to download the exports (besides coordinators and admins)."""
    saved = _settings_path()
    if saved.is_file():
        try:
            roles = json.loads(saved.read_text(encoding="utf-8")).get("export_roles", [])
        except (OSError, ValueError, AttributeError):
            roles = []
    else:
        roles = current_app.config.get("DASHBOARD_EXPORT_ROLES", [])
    return [role for role in roles if role in EXPORT_ROLES]


def _settings_path() -> Path:
    return Path(current_app.instance_path) / SETTINGS_FILE


def may_export() -> bool:
    if not current_user.is_authenticated:
        return False
    if current_user.is_coordinator:
        return True
    roles = set(export_roles())
    return any(role in roles for role in current_user.languages.values())


@coordinator_required
def settings():
    """Coordinators choose which language roles may download the exports."""
    roles = [role for role in request.form.getlist("export_roles") if role in EXPORT_ROLES]
    text = json.dumps({"export_roles": roles}, indent=2) + "\n"
    write_text_atomic(_settings_path(), text)
    who = " and ".join(f"{role}s" for role in roles) or "only coordinators"
    flash(f"Exports are now open to coordinators{' and ' + who if roles else ''}.", "success")
    return redirect(url_for("dashboard.index"))


def _export_scope() -> tuple[list[str] | None, list[str]]:
    """The documents and languages to export: those asked for that the person may see."""
    if not may_export():
        abort(403, "Only coordinators can download the exports.")
    proj = project()
    asked = [code for value in request.args.getlist("lang") for code in value.split(",") if code]
    langs = [known_language(code) for code in asked] or proj.languages()
    langs = [lang for lang in langs if current_user.can_view(lang)]
    if not langs:
        abort(403, "You are not a member of any language team.")
    slugs = [known_document(slug) for slug in request.args.getlist("doc")] or None
    return slugs, langs


@login_required
def export_json():
    """The matrix exactly as ``translator stats --json`` prints it (failing checks included)."""
    slugs, langs = _export_scope()
    table = project().stats(slugs, langs)
    body = json.dumps(table.to_dict(), ensure_ascii=False, indent=2)
    return _download(body, "application/json", "json")


@login_required
def export_csv():
    """One line per catalog with the same numbers, plus staleness (``translator stats --csv``)."""
    table, staleness = overview(*_export_scope())
    return _download(matrix_csv(table, staleness), "text/csv", "csv")


def _download(body: str, mimetype: str, suffix: str) -> Response:
    name = f"translation-status-{today().isoformat()}.{suffix}"
    response = Response(body, mimetype=f"{mimetype}; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
