"""Translation memory lookups: one rule per test (Babel's naming style)."""

from __future__ import annotations

import doctest

import polib

from translator.tm import TranslationMemory, catalog_units, search
from translator.tm import memory as memory_module


def memory(*pairs, slug="old") -> TranslationMemory:
    tm = TranslationMemory("de")
    for source, target in pairs:
        tm.add(source, target, slug)
    return tm


def test_lookup_exact_scores_100_with_its_document():
    hit = memory(("Stop the war!", "Stoppt den Krieg!")).lookup("Stop the war!")
    assert (hit.text, hit.score, hit.origin) == ("Stoppt den Krieg!", 100, "tm:100 old")


def test_lookup_fuzzy_char_change():
    hit = memory(("Stop the war!", "Stoppt den Krieg!")).lookup("Stop the wars!")
    assert hit.text == "Stoppt den Krieg!" and 75 <= hit.score < 100
    assert hit.source == "Stop the war!" and hit.origin == f"tm:{hit.score} old"


def test_lookup_fuzzy_case_change_is_99():
    assert memory(("Stop the war!", "x")).lookup("STOP THE WAR!").score == 99


def test_lookup_below_threshold_is_none():
    tm = memory(("Stop the war!", "x"))
    assert tm.lookup("Strengthen the ICOR!") is None
    assert tm.lookup("Stop the war now, today!", min_score=90) is None


def test_exact_does_not_fall_back_to_fuzzy():
    assert memory(("Peace now!", "x")).exact("Peace now") is None


def test_approved_translation_wins_over_plain():
    tm = TranslationMemory("de")
    tm.add("Peace.", "Frieden (alt).", "a")
    tm.add("Peace.", "Frieden.", "b", approved=True)
    tm.add("Peace.", "Friede.", "c")
    assert tm.lookup("Peace.").origin == "tm:100 b"


def test_first_catalog_wins_between_equals():
    tm = TranslationMemory("de")
    tm.add("Peace.", "Frieden.", "a")
    tm.add("Peace.", "Friede.", "b")
    assert tm.lookup("Peace.").text == "Frieden."


def test_catalog_units_skip_drafts_plurals_and_joined_copies():
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Human.", msgstr="Mensch."))
    po.append(polib.POEntry(msgid="Draft.", msgstr="Entwurf.", flags=["fuzzy"]))
    po.append(polib.POEntry(msgid="Empty.", msgstr=""))
    po.append(polib.POEntry(msgid="One", msgid_plural="Many", msgstr_plural={0: "a", 1: "b"}))
    po.append(polib.POEntry(msgid="Joined.", msgstr="Joined.", tcomment="joined: previous"))
    old = polib.POEntry(msgid="Obsolete.", msgstr="Veraltet.")
    old.obsolete = True
    po.append(old)
    units = catalog_units(po, "doc")
    assert [(u.source, u.target, u.slug) for u in units] == [
        ("Human.", "Mensch.", "doc"),
        ("Obsolete.", "Veraltet.", "doc"),
    ]


def test_catalog_units_mark_valid_approvals():
    from translator.catalog.state import approve

    po = polib.POFile()
    entry = polib.POEntry(msgid="Peace.", msgstr="Frieden.")
    approve(entry, "ana", "2024-01-01")
    po.append(entry)
    assert catalog_units(po)[0].approved


def test_module_examples_hold():
    for module in (memory_module, search):
        result = doctest.testmod(module)
        assert result.attempted and not result.failed, module.__name__
