"""The same source sentence translated differently across a language's catalogs."""

from __future__ import annotations

import polib
import pytest

from translator.qa.index import TranslationIndex

from .cases import assert_covers, fails, issues, passes

F, P = True, False
SLOGAN = "Stop the war!"


def index(text: str, **extra) -> TranslationIndex:
    """One other document ("other") translating the slogan as ``text``."""
    return TranslationIndex.from_catalogs(
        {"other": [polib.POEntry(msgid=SLOGAN, msgstr=text, **extra)]}
    )


def ctx(text: str, **extra) -> dict:
    """Context with one other document translating the slogan as ``text``."""
    slug = extra.pop("slug", "doc")
    return {"translations": index(text, **extra), "slug": slug}


TABLE = [
    ("consistency", "de", SLOGAN, "Stoppt den Krieg!", P, ctx("Stoppt den Krieg!")),
    ("consistency", "de", SLOGAN, "Beendet den Krieg!", F, ctx("Stoppt den Krieg!")),
    ("consistency", "de", SLOGAN, "Beendet!", P, ctx("Stoppt den Krieg!", flags=["fuzzy"])),
    ("consistency", "de", SLOGAN, "Beendet den Krieg!", P, ctx("Stoppt den Krieg!", slug="other")),
    ("consistency", "de", SLOGAN, "Stoppt  den Krieg!", P, ctx("Stoppt den Krieg!")),
    ("consistency", "ru", SLOGAN, "Остановите войну!", P, ctx("Остановите войну!")),
    ("consistency", "ru", SLOGAN, "Прекратите войну!", F, ctx("Остановите войну!")),
    ("consistency", "ar", SLOGAN, "أوقفوا الحرب!", P, ctx("أوقفوا الحرب!")),
    ("consistency", "ar", SLOGAN, "أنهوا الحرب!", F, ctx("أوقفوا الحرب!")),
    ("consistency", "hi", SLOGAN, "युद्ध रोको!", P, ctx("युद्ध रोको!")),
    ("consistency", "hi", SLOGAN, "जंग रोको!", F, ctx("युद्ध रोको!")),
    ("consistency", "bn", SLOGAN, "যুদ্ধ থামাও!", P, ctx("যুদ্ধ থামাও!")),
    ("consistency", "bn", SLOGAN, "যুদ্ধ বন্ধ করো!", F, ctx("যুদ্ধ থামাও!")),
]  # fmt: skip


@pytest.mark.parametrize("row", TABLE, ids=lambda row: f"{row[1]}-{row[3]!r}")
def test_case(row):
    check_id, lang, source, target, fires, *context = row
    assert (fails if fires else passes)(check_id, source, target, lang, **(context or [{}])[0])


def test_table_covers_five_scripts():
    assert_covers(TABLE)


def test_message_names_the_other_document():
    (issue,) = issues("consistency", SLOGAN, "Beendet!", translations=index("Stoppt den Krieg!"))
    assert issue.message == "translated differently in other: 'Stoppt den Krieg!'"


def test_joined_entries_are_not_indexed():
    joined = index("Stoppt den Krieg! Sofort!", tcomment="joined: next")
    assert joined.by_source == {}
    assert passes("consistency", SLOGAN, "Beendet den Krieg!", translations=joined)


def test_without_an_index_the_check_does_not_run():
    assert passes("consistency", SLOGAN, "Beendet den Krieg!")
