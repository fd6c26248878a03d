"""update_catalog, one rule per test (Babel's naming)."""

from __future__ import annotations

import difflib

import polib
import pytest

from translator.catalog import update_catalog
from translator.catalog.merge import similarity


def catalog(*entries: tuple[str, str], fuzzy: tuple[str, ...] = ()) -> polib.POFile:
    po = polib.POFile()
    po.metadata = {"POT-Creation-Date": "2020-01-01 00:00+0000"}
    for msgid, msgstr in entries:
        entry = polib.POEntry(msgid=msgid, msgstr=msgstr)
        if msgid in fuzzy:
            entry.flags.append("fuzzy")
        po.append(entry)
    return po


def template(*msgids: str, role: str = "role-paragraph") -> polib.POFile:
    pot = polib.POFile()
    pot.metadata = {"POT-Creation-Date": "2021-01-01 00:00+0000"}
    for number, msgid in enumerate(msgids, 1):
        pot.append(
            polib.POEntry(
                msgid=msgid,
                occurrences=[("source/x.md", str(number))],
                comment=f"paragraph {number}",
                flags=[role],
            )
        )
    return pot


def test_update_exact_match_keeps_translation():
    po = catalog(("We demand peace.", "Wir fordern Frieden."))
    result = update_catalog(po, template("We demand peace."))
    assert po.find("We demand peace.").msgstr == "Wir fordern Frieden."
    assert (result.kept, result.fuzzy, result.new, result.obsolete) == (1, 0, 0, 0)


def test_update_exact_match_takes_new_locations_and_roles():
    po = catalog(("Peace!", "Frieden!"))
    update_catalog(po, template("Peace!", role="role-slogan"))
    entry = po.find("Peace!")
    assert entry.occurrences == [("source/x.md", "1")]
    assert entry.flags == ["role-slogan"]
    assert po.metadata["POT-Creation-Date"] == "2021-01-01 00:00+0000"


def test_update_fuzzy_char_change():
    po = catalog(
        ("We demand the withdrawal of all troops.", "Wir fordern den Abzug aller Truppen.")
    )
    result = update_catalog(po, template("We demand the withdrawal of all foreign troops."))
    entry = po.find("We demand the withdrawal of all foreign troops.")
    assert entry.msgstr == "Wir fordern den Abzug aller Truppen."
    assert "fuzzy" in entry.flags
    assert entry.previous_msgid == "We demand the withdrawal of all troops."
    assert (result.fuzzy, result.obsolete) == (1, 0)


def test_update_fuzzy_case_change():
    po = catalog(("stop the war!", "Stoppt den Krieg!"))
    update_catalog(po, template("Stop the war!"))
    assert po.find("Stop the war!").msgstr == "Stoppt den Krieg!"
    assert po.find("Stop the war!").fuzzy


def test_update_no_fuzzy_match_below_cutoff():
    po = catalog(("We demand peace.", "Wir fordern Frieden."))
    result = update_catalog(po, template("Strengthen the revolutionary world organisation!"))
    assert po.find("Strengthen the revolutionary world organisation!").msgstr == ""
    assert (result.new, result.obsolete) == (1, 1)


def test_update_fuzzy_no_msgstr_is_not_a_candidate():
    po = catalog(("We demand the withdrawal of all troops.", ""))
    update_catalog(po, template("We demand the withdrawal of all foreign troops."))
    assert po.find("We demand the withdrawal of all foreign troops.").msgstr == ""


def test_update_removed_sentence_becomes_obsolete():
    po = catalog(("Old sentence.", "Alter Satz."), ("Kept.", "Behalten."))
    result = update_catalog(po, template("Kept."))
    obsolete = po.obsolete_entries()
    assert [entry.msgid for entry in obsolete] == ["Old sentence."]
    assert obsolete[0].msgstr == "Alter Satz."
    assert result.obsolete == 1


def test_update_untranslated_removed_sentence_is_dropped():
    po = catalog(("Gone.", ""), ("Kept.", "Behalten."))
    update_catalog(po, template("Kept."))
    assert po.find("Gone.", include_obsolete_entries=True) is None


def test_update_obsolete_comes_back_as_fuzzy():
    po = catalog(("Back again.", "Wieder da."))
    update_catalog(po, template("Something else entirely, nothing alike at all."))
    update_catalog(po, template("Back again."))
    entry = po.find("Back again.")
    assert entry.msgstr == "Wieder da." and entry.fuzzy and not entry.obsolete


def test_update_keeps_state_flags_and_translator_comments():
    po = catalog(("Peace!", "Frieden!"), fuzzy=("Peace!",))
    po[0].flags.append("ignore-end-stop")
    po[0].tcomment = "origin: mt:google"
    update_catalog(po, template("Peace!"))
    entry = po.find("Peace!")
    assert entry.flags[:2] == ["fuzzy", "ignore-end-stop"]
    assert entry.tcomment == "origin: mt:google"


def test_update_follows_template_order():
    po = catalog(("B.", "b"), ("A.", "a"))
    update_catalog(po, template("A.", "B.", "C."))
    assert [entry.msgid for entry in po] == ["A.", "B.", "C."]


def test_update_fuzzy_same_template_into_each_language():
    # Similarities are cached by text across catalogs; each catalog still gets its own entry.
    old = "We demand the withdrawal of all troops."
    german = catalog((old, "Wir fordern den Abzug aller Truppen."))
    french = catalog((old, "Nous exigeons le retrait de toutes les troupes."))
    new = template("We demand the withdrawal of all foreign troops.")
    update_catalog(german, new)
    update_catalog(french, new)
    assert german[0].msgstr == "Wir fordern den Abzug aller Truppen."
    assert french[0].msgstr == "Nous exigeons le retrait de toutes les troupes."
    assert german[0].previous_msgid == french[0].previous_msgid == old


def test_update_fuzzy_prefers_the_closest_candidate():
    po = catalog(
        ("We demand peace and bread for everyone.", "far"),
        ("We demand the withdrawal of all troops.", "close"),
    )
    update_catalog(po, template("We demand the withdrawal of all foreign troops."))
    assert po[0].msgstr == "close"


def test_similarity_is_difflibs_ratio_above_the_cutoff():
    assert similarity("stop the war!", "stop the wars!") == pytest.approx(
        difflib.SequenceMatcher(None, "stop the war!", "stop the wars!").ratio()
    )
    assert similarity("peace.", "strengthen the revolutionary world organisation!") == 0.0
