"""Activity from audit-log events: words per language and day, contributors."""

from __future__ import annotations

import datetime as dt

from translator.progress.activity import contributors, daily_activity, event_kinds

END = dt.date(2026, 3, 10)


def event(day: int, msgid: str, before: str, after: str, lang: str = "de", user: str = "tina"):
    at = (END - dt.timedelta(days=day)).isoformat() + " 12:00:00"
    return {
        "at": at, "username": user, "doc": "d", "lang": lang, "msgid": msgid, "action": "save",
        "before_state": before, "after_state": after,
    }  # fmt: skip


def test_kinds_follow_the_state_change():
    assert event_kinds(event(0, "a", "untranslated", "translated")) == {"translated"}
    assert event_kinds(event(0, "a", "translated", "approved")) == {"approved"}
    assert event_kinds(event(0, "a", "draft", "approved")) == {"translated", "approved"}
    assert event_kinds(event(0, "a", "translated", "draft")) == set()
    assert event_kinds({"action": "approve"}) == {"approved"}  # an old event without states


def test_words_per_day_count_a_sentence_once_per_day():
    events = [
        event(0, "Peace now.", "untranslated", "translated"),
        event(0, "Peace now.", "translated", "translated"),  # edited again the same day
        event(1, "Peace now.", "translated", "translated"),  # and the day before
        event(0, "Stop the war!", "translated", "approved", lang="fa"),
        event(40, "Too old to show.", "untranslated", "translated"),
    ]
    activity = daily_activity(events, end=END, days=7, langs=["de", "fr"])
    assert activity.days[0] == END - dt.timedelta(days=6) and activity.days[-1] == END
    assert [day.translated for day in activity.series["de"]][-2:] == [2, 2]
    assert activity.words("de") == (4, 0) and activity.words("fa") == (0, 3)
    assert activity.words("fr") == (0, 0)  # asked for, no work: an empty series
    assert [day.approved for day in activity.total()][-1] == 3


def test_contributors_latest_first_with_members_who_never_worked():
    events = [
        event(2, "Peace now.", "untranslated", "translated", user="omid"),
        event(0, "Stop the war!", "untranslated", "translated", user="tina"),
        event(0, "Stop the war!", "translated", "approved", user="rita"),
    ]
    people = contributors(events, {"tina": "translator", "zoe": "reviewer"})
    assert [p.username for p in people] == ["rita", "tina", "omid", "zoe"]
    assert people[1].role == "translator" and people[1].words == 3 and people[3].last == ""
