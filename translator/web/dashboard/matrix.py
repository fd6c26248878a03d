"""Blueprint ``dashboard``: the coordinators' view of a whole project.

- ``/dashboard/``: the matrix (documents x languages), sorted and filtered by query parameters;
- ``/dashboard/language/<lang>``: one language's documents, team, last activity, words left;
- ``/dashboard/amendments`` and ``/dashboard/amendments/<slug>``: changed source sentences and
  the coordinator's decision per change;
- ``/dashboard/activity`` (and ``activity.svg``): words translated and approved per day;
- ``/dashboard/export.csv`` and ``export.json``: the matrix, same numbers as
  ``translator stats --json``.

Figures come from :meth:`Project.overview` (the statistics index), so an unchanged project is
not parsed again and a saved catalog shows up on the next request. Pages are for coordinators
and admins; the exports also for the roles in ``DASHBOARD_EXPORT_ROLES`` (or the coordinators'
choice saved in ``instance/dashboard.json``), limited to the languages a person can see.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required

from translator.catalog.io import write_text_atomic
from translator.errors import TranslatorError
from translator.progress.activity import contributors, daily_activity
from translator.progress.amend import DECISIONS, decide, find_changes, prefill_refill
from translator.progress.matrix import (
    PART_LABELS,
    MatrixQuery,
    build_matrix,
    completion,
    document_titles,
    left,
    matrix_csv,
)
from translator.progress.staleness import settle_with_work
from translator.web.access import coordinator_required, known_document, known_language
from translator.web.cells import bar, cell_title, row_cells
from translator.web.charts import activity_chart, sparkline
from translator.web.db import get_db, log_change
from translator.web.store import get_store

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard", template_folder="templates")

EXPORT_ROLES = ("translator", "reviewer")  # who besides coordinators may be allowed to export
SETTINGS_FILE = "dashboard.json"
DAY_CHOICES = (7, 14, 30, 90, 180, 365)
DEFAULT_PER_PAGE = 100  # documents per page of the matrix (``?per=all`` shows every one)


@bp.record_once
def _setup(state) -> None:
    """A top-bar link for coordinators, and the export setting's default from the project."""
    from translator.web import add_nav

    app = state.app
    add_nav(app, "dashboard.index", "Dashboard", coordinators=True)
    store = app.extensions.get("translator.store")
    roles = store.project.settings.extra.get("dashboard_export_roles", []) if store else []
    app.config.setdefault("DASHBOARD_EXPORT_ROLES", list(roles))


# -- helpers --------------------------------------------------------------------------------------


def project():
    return get_store().project


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


def editor_url(slug: str, lang: str, **args) -> str:
    """Where a cell leads: the review editor for that catalog."""
    if "review.editor" in current_app.view_functions:
        return url_for("review.editor", slug=slug, lang=lang, **args)
    return url_for("dashboard.language", lang=lang)


def _editor_pattern() -> str:
    """The editor URL with placeholders, so 20,000 cells do not each call ``url_for``."""
    return editor_url("__SLUG__", "__LANG__")


def _query_from_args() -> MatrixQuery:
    args = request.args
    langs = [code for value in args.getlist("lang") for code in value.split(",") if code]
    try:
        below = float(args["below"]) if args.get("below") else None
    except ValueError:
        below = None
    return MatrixQuery(
        langs=langs,
        doc=args.get("doc", "")[:200],
        below=below,
        stale=args.get("stale") == "1",
        sort=args.get("sort", "document"),
        lang_sort=args.get("lsort", "code"),
        unit=args.get("unit", "words"),
    )


def _overview(slugs: list[str] | None = None, langs: list[str] | None = None):
    """Figures and staleness; work logged after a catalog's update settles "new untranslated"."""
    table, marks = project().overview(slugs, langs)
    if any("new-untranslated" in mark.reasons for mark in marks.values()):
        rows = get_db().execute(
            "SELECT doc, lang, MAX(at) AS at FROM audit_log "
            "WHERE action NOT LIKE 'amend-%' GROUP BY doc, lang"
        )
        last = {(row["doc"], row["lang"]): _utc(row["at"]) for row in rows}
        marks = settle_with_work(marks, {key: at for key, at in last.items() if at})
    return table, marks


def _utc(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)
    except (TypeError, ValueError):
        return None


def _today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def _days_arg(default: int = 30) -> int:
    value = request.args.get("days", type=int) or default
    return min(DAY_CHOICES, key=lambda choice: abs(choice - value))


def _events(since: dt.date, langs: list[str] | None = None) -> list[dict]:
    sql = (
        "SELECT at, username, doc, lang, msgid, action, before_state, after_state "
        "FROM audit_log WHERE at >= ?"
    )
    params: list = [since.isoformat()]
    if langs is not None:
        marks = ",".join("?" * len(langs)) or "''"
        sql += f" AND lang IN ({marks})"
        params += langs
    return [dict(row) for row in get_db().execute(sql, params)]


@bp.app_template_filter("short_error")
def short_error(text: str) -> str:
    """A catalog error with the project's own path left out (``locales/de/...: line 3``)."""
    root = str(project().root)
    return text.replace(root + "/", "").replace(root, "")


@bp.app_template_global()
def dashboard_nav() -> list[tuple[str, str, str]]:
    """(endpoint, label, url) of the dashboard's pages, for its sub-navigation."""
    return [
        ("dashboard.index", "Matrix", url_for("dashboard.index")),
        ("dashboard.amendments", "Amendments", url_for("dashboard.amendments")),
        ("dashboard.activity", "Activity", url_for("dashboard.activity")),
    ]


# -- the matrix -----------------------------------------------------------------------------------


@bp.get("/")
@coordinator_required
def index():
    """Documents x languages, every cell a stacked bar linking to the editor."""
    query = _query_from_args()
    proj = project()
    table, staleness = _overview()
    titles = document_titles(proj.settings.source_dir, proj.slugs())
    matrix = build_matrix(table, staleness, query, titles)
    pages = Pages(len(matrix.rows), request.args.get("per", ""), request.args.get("page", ""))
    return render_template(
        "dashboard/index.html",
        matrix=matrix,
        rows=matrix.rows[pages.start : pages.end],
        pages=pages,
        query=query,
        all_languages=sorted({row.language for row in table.rows}),
        editor=_editor_pattern(),
        row_cells=row_cells,
        short_error=short_error,
        bar=bar,
        cell_title=cell_title,
        completion=completion,
        left=left,
        part_labels=PART_LABELS,
        export_roles=export_roles(),
        amendments=sum(1 for mark in staleness.values() if mark.amended),
    )


class Pages:
    """Which rows of the matrix one page shows (``per``: a number or ``all``)."""

    def __init__(self, count: int, per: str, page: str):
        self.count = count
        self.all = per == "all"
        self.per = (count or 1) if self.all else _bounded(per, DEFAULT_PER_PAGE, 10, 1000)
        self.pages = max(1, -(-count // self.per))
        self.page = _bounded(page, 1, 1, self.pages)
        self.start = (self.page - 1) * self.per
        self.end = min(self.start + self.per, count)


def _bounded(text: str, default: int, low: int, high: int) -> int:
    try:
        value = int(text)
    except ValueError:
        return default
    return min(max(value, low), high)


@bp.app_template_global("dashboard_page_url")
def page_url(**changes) -> str:
    """This page's URL with some query parameters changed."""
    args = request.args.to_dict(flat=False)
    for key, value in changes.items():
        args[key] = [str(value)]
    return url_for(request.endpoint, **request.view_args, **args)


@bp.post("/settings")
@coordinator_required
def settings():
    """Coordinators choose which language roles may download the exports."""
    roles = [role for role in request.form.getlist("export_roles") if role in EXPORT_ROLES]
    text = json.dumps({"export_roles": roles}, indent=2) + "\n"
    write_text_atomic(_settings_path(), text)
    who = " and ".join(f"{role}s" for role in roles) or "only coordinators"
    flash(f"Exports are now open to coordinators{' and ' + who if roles else ''}.", "success")
    return redirect(url_for("dashboard.index"))


# -- one language ---------------------------------------------------------------------------------


@bp.get("/language/<lang>")
@coordinator_required
def language(lang: str):
    """One language: its documents, what is left, its team and their last activity."""
    lang = known_language(lang)
    proj = project()
    table, staleness = _overview(langs=[lang])
    titles = document_titles(proj.settings.source_dir, proj.slugs())
    matrix = build_matrix(table, staleness, MatrixQuery(sort=request.args.get("sort", "document")))
    days = _days_arg()
    since = _today() - dt.timedelta(days=days - 1)
    events = _events(since - dt.timedelta(days=3650), [lang])  # the team: all time
    recent = [event for event in events if event["at"][:10] >= since.isoformat()]
    activity = daily_activity(recent, end=_today(), days=days, langs=[lang])
    last_by_doc: dict[str, str] = {}
    for event in events:
        last_by_doc[event["doc"]] = max(last_by_doc.get(event["doc"], ""), event["at"])
    return render_template(
        "dashboard/language.html",
        bar=bar,
        lang=lang,
        matrix=matrix,
        titles=titles,
        total=matrix.total,
        team=contributors(events, _members(lang)),
        last_by_doc=last_by_doc,
        chart=activity_chart(
            activity.series[lang], label=f"{lang}, last {days} days", width=470, height=220
        ),
        days=days,
        day_choices=DAY_CHOICES,
        editor=_editor_pattern(),
        cell_title=cell_title,
        left=left,
        part_labels=PART_LABELS,
    )


def _members(lang: str) -> dict[str, str]:
    rows = get_db().execute(
        "SELECT u.username, l.role FROM user_languages l JOIN users u ON u.id = l.user_id "
        "WHERE l.lang = ?",
        (lang,),
    )
    return {row["username"]: row["role"] for row in rows}


# -- amendments -----------------------------------------------------------------------------------


@bp.get("/amendments")
@coordinator_required
def amendments():
    """Documents whose catalogs are behind their source, with what is waiting in each."""
    table, staleness = _overview()
    documents: dict[str, dict] = {}
    for (slug, lang), mark in sorted(staleness.items()):
        item = documents.setdefault(slug, {"amended": 0, "languages": [], "reasons": set()})
        item["amended"] += mark.amended
        item["languages"].append(lang)
        item["reasons"].update(mark.reasons)
    return render_template("dashboard/amendments.html", documents=documents)


@bp.route("/amendments/<slug>", methods=["GET", "POST"])
@coordinator_required
def amendment(slug: str):
    """The changed sentences of one document; POST applies one decision to every language."""
    slug = known_document(slug)
    catalogs = project().catalog_paths(slug)
    if request.method == "POST":
        return _decide(slug, catalogs)
    found = find_changes(slug, catalogs)
    return render_template(
        "dashboard/amendment.html",
        slug=slug,
        title=document_titles(project().settings.source_dir, [slug]).get(slug, ""),
        found=found,
        decisions=DECISIONS,
        languages=sorted(catalogs),
    )


def _decide(slug: str, catalogs: dict[str, Path]):
    key, decision = request.form.get("key", ""), request.form.get("decision", "")
    change = next((c for c in find_changes(slug, catalogs).changes if c.key == key), None)
    if change is None or decision not in DECISIONS:
        flash("That change is no longer waiting for a decision.", "error")
        return redirect(url_for("dashboard.amendment", slug=slug))
    targets = {lang: catalogs[lang] for lang in change.pending}
    day = _today().isoformat()
    try:
        report = decide(
            targets, key, decision, user=current_user.username, day=day, refill=_refill()
        )
    except TranslatorError as exc:
        flash(str(exc), "error")
        return redirect(url_for("dashboard.amendment", slug=slug))
    db = get_db()
    for lang in report.changed:
        log_change(
            db, user=current_user.username, doc=slug, lang=lang, msgid=change.new,
            action=f"amend-{decision}", before=change.old, after=change.new,
            before_state="draft", after_state="draft" if decision == "minor" else "untranslated",
        )  # fmt: skip
    db.commit()
    for line in report.errors:
        flash(line, "error")
    refilled = sum(report.refilled.values())
    extra = f", {refilled} pre-filled again" if decision == "substantive" else ""
    flash(f"{DECISIONS[decision]}: {len(report.changed)} languages{extra}.", "success")
    return redirect(url_for("dashboard.amendment", slug=slug))


def _refill():
    """Pre-fill cleared sentences again with the project's memory and engine."""
    return prefill_refill(project().settings, current_app.config.get("DASHBOARD_REFILL_ENGINE"))


# -- activity -------------------------------------------------------------------------------------


@bp.get("/activity")
@coordinator_required
def activity():
    """Words translated and approved per day: all languages, then one small chart each."""
    days = _days_arg()
    langs = project().languages()
    since = _today() - dt.timedelta(days=days - 1)
    data = daily_activity(_events(since), end=_today(), days=days, langs=langs)
    rows = [(lang, sparkline(series), *data.words(lang)) for lang, series in data.series.items()]
    rows.sort(key=lambda row: (-(row[2] + row[3]), row[0]))
    return render_template(
        "dashboard/activity.html",
        chart=activity_chart(
            data.total(), label=f"All languages, last {days} days", width=1150, height=260
        ),
        rows=rows,
        days=days,
        day_choices=DAY_CHOICES,
    )


@bp.get("/activity.svg")
@coordinator_required
def activity_svg():
    """The activity chart as an image (``?lang=`` for one language)."""
    days = _days_arg()
    since = _today() - dt.timedelta(days=days - 1)
    lang = request.args.get("lang")
    langs = [known_language(lang)] if lang else None
    data = daily_activity(_events(since, langs), end=_today(), days=days, langs=langs)
    series = data.series[lang] if lang else data.total()
    title = f"{lang or 'All languages'}, last {days} days"
    chart = activity_chart(series, label=title, title=title)
    return Response(str(chart), mimetype="image/svg+xml")


# -- exports --------------------------------------------------------------------------------------


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


@bp.get("/export.json")
@login_required
def export_json():
    """The matrix exactly as ``translator stats --json`` prints it (failing checks included)."""
    slugs, langs = _export_scope()
    table = project().stats(slugs, langs)
    body = json.dumps(table.to_dict(), ensure_ascii=False, indent=2)
    return _download(body, "application/json", "json")


@bp.get("/export.csv")
@login_required
def export_csv():
    """One line per catalog with the same numbers, plus staleness (``translator stats --csv``)."""
    table, staleness = _overview(*_export_scope())
    return _download(matrix_csv(table, staleness), "text/csv", "csv")


def _download(body: str, mimetype: str, suffix: str) -> Response:
    name = f"translation-status-{_today().isoformat()}.{suffix}"
    response = Response(body, mimetype=f"{mimetype}; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
