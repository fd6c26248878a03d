"""Who worked when: one language's page (its documents, what is left, its team and their last
activity) and the charts of words translated and approved per day."""

from __future__ import annotations

import datetime as dt

from flask import Response, render_template, request

from translator.progress.activity import contributors, daily_activity
from translator.progress.matrix import PART_LABELS, MatrixQuery, build_matrix, document_titles, left
from translator.web.access import coordinator_required, known_language
from translator.web.context import get_db
from translator.web.dashboard.cells import bar, cell_title
from translator.web.dashboard.charts import activity_chart, sparkline
from translator.web.dashboard.figures import (
    DAY_CHOICES,
    days_arg,
    editor_pattern,
    events,
    first_day,
    overview,
    project,
    today,
)
from translator.web.data.people import language_team

ALL_TIME = dt.timedelta(days=3650)  # how far back a language's team is looked for


@coordinator_required
def language(lang: str):
    """One language: its documents, what is left, its team and their last activity."""
    lang = known_language(lang)
    proj = project()
    table, staleness = overview(langs=[lang])
    titles = document_titles(proj.settings.source_dir, proj.slugs())
    matrix = build_matrix(table, staleness, MatrixQuery(sort=request.args.get("sort", "document")))
    days = days_arg()
    since = first_day(days)
    work = events(since - ALL_TIME, [lang])
    recent = [event for event in work if event["at"][:10] >= since.isoformat()]
    activity = daily_activity(recent, end=today(), days=days, langs=[lang])
    last_by_doc: dict[str, str] = {}
    for event in work:
        last_by_doc[event["doc"]] = max(last_by_doc.get(event["doc"], ""), event["at"])
    return render_template(
        "dashboard/language.html",
        bar=bar,
        lang=lang,
        matrix=matrix,
        titles=titles,
        total=matrix.total,
        team=contributors(work, language_team(get_db(), lang)),
        last_by_doc=last_by_doc,
        chart=activity_chart(
            activity.series[lang], label=f"{lang}, last {days} days", width=470, height=220
        ),
        days=days,
        day_choices=DAY_CHOICES,
        editor=editor_pattern(),
        cell_title=cell_title,
        left=left,
        part_labels=PART_LABELS,
    )


@coordinator_required
def activity():
    """Words translated and approved per day: all languages, then one small chart each."""
    days = days_arg()
    langs = project().languages()
    data = daily_activity(events(first_day(days)), end=today(), days=days, langs=langs)
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


@coordinator_required
def activity_svg():
    """The activity chart as an image (``?lang=`` for one language)."""
    days = days_arg()
    lang = request.args.get("lang")
    langs = [known_language(lang)] if lang else None
    data = daily_activity(events(first_day(days), langs), end=today(), days=days, langs=langs)
    series = data.series[lang] if lang else data.total()
    title = f"{lang or 'All languages'}, last {days} days"
    chart = activity_chart(series, label=title, title=title)
    return Response(str(chart), mimetype="image/svg+xml")
