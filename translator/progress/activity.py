"""Translation activity over time, from audit-log events: words translated and approved per
language and day, and who works on which language.

Events are plain mappings with the audit log's fields (``at``, ``username``, ``doc``, ``lang``,
``msgid``, ``action``, ``before_state``, ``after_state``); the states are
:class:`~translator.model.EntryState` values. A sentence counts once per day and kind, however
often it was saved that day; its words are the source words (``text.word_count`` of the msgid).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from translator.model import EntryState
from translator.text import word_count

DONE = {EntryState.TRANSLATED.value, EntryState.APPROVED.value}
TRANSLATE_ACTIONS = {"save", "edit", "translate", "join", "restore", "revert", "undo"}
APPROVE_ACTIONS = {"approve"}


@dataclass
class Day:
    """Words one language moved forward on one day."""

    day: dt.date
    translated: int = 0
    approved: int = 0


@dataclass
class Activity:
    """Per-language daily series over a fixed range of days, oldest first."""

    days: list[dt.date]
    series: dict[str, list[Day]] = field(default_factory=dict)

    def total(self) -> list[Day]:
        """All languages summed, day by day."""
        summed = [Day(day) for day in self.days]
        for days in self.series.values():
            for into, item in zip(summed, days, strict=True):
                into.translated += item.translated
                into.approved += item.approved
        return summed

    def words(self, lang: str) -> tuple[int, int]:
        """(translated, approved) words of one language over the whole range."""
        days = self.series.get(lang, [])
        return sum(d.translated for d in days), sum(d.approved for d in days)


def event_kinds(event: Mapping) -> set[str]:
    """``translated`` and/or ``approved``: what the event did for the language's progress."""
    before, after = event.get("before_state") or "", event.get("after_state") or ""
    kinds = set()
    if after or before:
        if after == EntryState.TRANSLATED.value or (after in DONE and before not in DONE):
            kinds.add("translated")
        if after == EntryState.APPROVED.value and before != EntryState.APPROVED.value:
            kinds.add("approved")
        return kinds
    action = (event.get("action") or "").lower()  # older events without states
    if action in TRANSLATE_ACTIONS:
        kinds.add("translated")
    if action in APPROVE_ACTIONS:
        kinds.add("approved")
    return kinds


def event_day(event: Mapping) -> dt.date | None:
    """The UTC day of an event's ``at`` (``YYYY-MM-DD ...``), None when unreadable."""
    try:
        return dt.date.fromisoformat(str(event.get("at", ""))[:10])
    except ValueError:
        return None


def daily_activity(
    events: Iterable[Mapping],
    *,
    end: dt.date,
    days: int = 30,
    langs: Iterable[str] | None = None,
) -> Activity:
    """Words translated and approved per language and day, for ``days`` days up to ``end``."""
    start = end - dt.timedelta(days=days - 1)
    span = [start + dt.timedelta(days=n) for n in range(days)]
    activity = Activity(span, {lang: [Day(day) for day in span] for lang in langs or ()})
    seen: set[tuple] = set()
    for event in events:
        day = event_day(event)
        if day is None or not start <= day <= end:
            continue
        lang = event.get("lang", "")
        for kind in event_kinds(event):
            key = (day, kind, event.get("doc"), lang, event.get("msgid"))
            if key in seen:
                continue
            seen.add(key)
            series = activity.series.setdefault(lang, [Day(d) for d in span])
            item = series[(day - start).days]
            setattr(item, kind, getattr(item, kind) + word_count(event.get("msgid", "")))
    activity.series = dict(sorted(activity.series.items()))
    return activity


@dataclass
class Contributor:
    """One person's work in one language."""

    username: str
    role: str = ""  # translator / reviewer / coordinator, when known
    last: str = ""  # time of the latest logged change
    changes: int = 0
    words: int = 0  # source words of the sentences they translated or approved


def contributors(
    events: Iterable[Mapping], members: Mapping[str, str] | None = None
) -> list[Contributor]:
    """Team members (``username -> role``) and everyone in ``events``, latest activity first."""
    people = {name: Contributor(name, role) for name, role in (members or {}).items()}
    counted: set[tuple] = set()
    for event in events:
        name = event.get("username", "")
        person = people.setdefault(name, Contributor(name))
        person.changes += 1
        person.last = max(person.last, str(event.get("at", "")))
        key = (name, event.get("doc"), event.get("msgid"))
        if event_kinds(event) and key not in counted:
            counted.add(key)
            person.words += word_count(event.get("msgid", ""))
    by_name = sorted(people.values(), key=lambda person: person.username.lower())
    return sorted(by_name, key=lambda person: person.last, reverse=True)  # stable: names stay
