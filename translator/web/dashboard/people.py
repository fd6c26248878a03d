"""People's progress: the source words each person translated and reviewed (approved), per
language and over time, with a chart per person. The counting is
:func:`translator.progress.activity.daily_activity`'s, run on each person's own events."""

from __future__ import annotations

from collections import defaultdict

from flask import render_template

from translator.progress.activity import daily_activity
from translator.web.access import coordinator_required
from translator.web.dashboard.charts import activity_chart, sparkline
from translator.web.dashboard.figures import DAY_CHOICES, days_arg, events, first_day, today


def people_progress(work: list[dict], days: int) -> list[dict]:
    """One item per person with work in the range: totals, a chart, and one row per language."""
    by_person: dict[str, list[dict]] = defaultdict(list)
    for event in work:
        by_person[event["username"]].append(event)
    found = []
    for name, theirs in by_person.items():
        activity = daily_activity(theirs, end=today(), days=days)
        rows = [
            {"lang": lang, "spark": sparkline(series), "words": activity.words(lang)}
            for lang, series in activity.series.items()
        ]
        rows = [row for row in rows if any(row["words"])]
        if not rows:
            continue
        translated = sum(row["words"][0] for row in rows)
        reviewed = sum(row["words"][1] for row in rows)
        found.append(
            {
                "name": name,
                "translated": translated,
                "reviewed": reviewed,
                "rows": rows,
                "chart": activity_chart(
                    activity.total(), label=f"{name}, last {days} days", width=560, height=200
                ),
            }
        )
    found.sort(key=lambda item: (-(item["translated"] + item["reviewed"]), item["name"].lower()))
    return found


@coordinator_required
def people():
    """Words translated and reviewed per person and language, last ``days`` days."""
    days = days_arg()
    return render_template(
        "dashboard/people.html",
        people=people_progress(events(first_day(days)), days),
        days=days,
        day_choices=DAY_CHOICES,
    )
