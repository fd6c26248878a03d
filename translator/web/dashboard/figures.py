"""What every dashboard page reads: the project's figures and staleness, the logged work, the
days a chart covers, and links from a cell to the editor.

Figures come from :meth:`Project.overview` (the statistics index), so an unchanged project is
not parsed again and a saved catalog shows up on the next request.
"""

from __future__ import annotations

import datetime as dt

from flask import current_app, request, url_for

from translator.progress.staleness import settle_with_work
from translator.web.context import get_db, get_store
from translator.web.data.database import changes_since, last_work

DAY_CHOICES = (7, 14, 30, 90, 180, 365)


def project():
    return get_store().project


def overview(slugs: list[str] | None = None, langs: list[str] | None = None):
    """Figures and staleness; work logged after a catalog's update settles "new untranslated"."""
    table, marks = project().overview(slugs, langs)
    if any("new-untranslated" in mark.reasons for mark in marks.values()):
        last = {key: _utc(at) for key, at in last_work(get_db()).items()}
        marks = settle_with_work(marks, {key: at for key, at in last.items() if at})
    return table, marks


def _utc(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)
    except (TypeError, ValueError):
        return None


def today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def days_arg(default: int = 30) -> int:
    """The ``days`` asked for, rounded to the nearest of :data:`DAY_CHOICES`."""
    value = request.args.get("days", type=int) or default
    return min(DAY_CHOICES, key=lambda choice: abs(choice - value))


def first_day(days: int) -> dt.date:
    """The first of the last ``days`` days (today included)."""
    return today() - dt.timedelta(days=days - 1)


def events(since: dt.date, langs: list[str] | None = None) -> list[dict]:
    """The changes logged since the day ``since`` (only in ``langs`` when given)."""
    return changes_since(get_db(), since.isoformat(), langs)


def editor_url(slug: str, lang: str, **args) -> str:
    """Where a cell leads: the review editor for that catalog."""
    if "review.editor" in current_app.view_functions:
        return url_for("review.editor", slug=slug, lang=lang, **args)
    return url_for("dashboard.language", lang=lang)


def editor_pattern() -> str:
    """The editor URL with placeholders, so 20,000 cells do not each call ``url_for``."""
    return editor_url("__SLUG__", "__LANG__")


def short_error(text: str) -> str:
    """A catalog error with the project's own path left out (``locales/de/...: line 3``)."""
    root = str(project().root)
    return text.replace(root + "/", "").replace(root, "")


def dashboard_nav() -> list[tuple[str, str, str]]:
    """(endpoint, label, url) of the dashboard's pages, for its sub-navigation."""
    return [
        ("dashboard.index", "Matrix", url_for("dashboard.index")),
        ("dashboard.amendments", "Amendments", url_for("dashboard.amendments")),
        ("dashboard.activity", "Activity", url_for("dashboard.activity")),
        ("dashboard.people", "People", url_for("dashboard.people")),
        ("dashboard.new_document", "New document", url_for("dashboard.new_document")),
    ]


def page_url(**changes) -> str:
    """This page's URL with some query parameters changed."""
    args = request.args.to_dict(flat=False)
    for key, value in changes.items():
        args[key] = [str(value)]
    return url_for(request.endpoint, **request.view_args, **args)
