"""Staleness marks and amendments: a source changes mid-translation, the coordinator decides."""

from __future__ import annotations

import os
import time

import pytest

from translator.catalog import read_catalog, write_catalog
from translator.catalog.state import entry_state, pending_amendment, set_human
from translator.errors import TranslatorError
from translator.model import EntryState
from translator.progress.amend import decide, find_changes, word_diff
from translator.progress.staleness import catalog_staleness, parse_po_date

OLD = "We demand the withdrawal of all troops."
NEW = "We demand the immediate withdrawal of all foreign troops."
SIGNATORY = "NP New Party (Neue Partei)"
YESTERDAY = "2020-01-01 10:00+0000"


def translate_all(project, lang: str, prefix: str) -> None:
    """Translate every sentence of the sample in ``lang`` and date the work long ago."""
    path = project.catalog_path(lang, "sample")
    po = read_catalog(path)
    for entry in po:
        if entry.msgid:
            set_human(entry, f"{prefix} {entry.msgid}")
    po.metadata["PO-Revision-Date"] = YESTERDAY
    write_catalog(po, path)


def edit_source(project) -> None:
    """Reword one sentence and add a signatory, an hour after the catalogs were made."""
    path = project.settings.source_dir / "sample.md"
    text = path.read_text(encoding="utf-8").replace(OLD, NEW)
    text = text.replace("Red Star\n:::", f"Red Star\n4. {SIGNATORY}\n:::")
    assert SIGNATORY in text and NEW in text
    earlier = time.time() - 3600
    for done in project.settings.locales_dir.rglob("*.po*"):
        os.utime(done, (earlier, earlier))  # the catalogs were made an hour ago
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def amended(project):
    """German and Persian fully translated, French untouched; then the source changes."""
    project.init(["de", "fa", "fr"])
    translate_all(project, "de", "DE")
    translate_all(project, "fa", "FA")
    edit_source(project)
    return project


def reasons(project) -> dict[str, tuple[str, ...]]:
    return {lang: mark.reasons for (_, lang), mark in project.staleness().items()}


def test_fresh_catalogs_are_not_stale(project):
    project.init(["de", "fr"])
    assert project.staleness() == {}


def test_touched_source_with_the_same_sentences_is_not_stale(project):
    project.init(["de"])
    earlier = time.time() - 3600
    for path in project.settings.locales_dir.rglob("*.po*"):
        os.utime(path, (earlier, earlier))
    source = project.settings.source_dir / "sample.md"
    source.write_text(source.read_text("utf-8") + "\n", encoding="utf-8")  # newer, same sentences
    assert project.staleness() == {}
    calls = []
    keys = project.stats_index().source_keys(source, lambda path: calls.append(path) or "other")
    assert keys == project.stats_index().templates()["sample"].keys and calls == []  # cached


def test_edited_source_marks_every_catalog(amended):
    assert set(reasons(amended)) == {"de", "fa", "fr"}
    assert all("source-changed" in why for why in reasons(amended).values())


def test_extract_moves_the_mark_to_the_template(amended):
    amended.extract()
    found = reasons(amended)
    assert all(why == ("template-changed",) for why in found.values()), found


def test_update_leaves_new_sentences_and_amendments(amended):
    amended.update()
    found = reasons(amended)
    assert found["de"] == ("new-untranslated", "amended")
    assert found["fa"] == ("new-untranslated", "amended")
    assert "fr" not in found  # never worked on: nothing new since


def test_template_date_newer_than_catalog_is_stale(amended):
    amended.update()
    index = amended.stats_index()
    record = index.records()[("sample", "fr")]
    template = index.templates()["sample"]
    assert not catalog_staleness(record, template, None)
    template.pot_date = "2999-01-01 00:00+0000"
    assert catalog_staleness(record, template, None).reasons == ("template-changed",)


def test_broken_catalog_has_no_staleness_only_its_error(amended):
    amended.update()
    amended.catalog_path("fa", "sample").write_text("msgid\n", encoding="utf-8")
    assert "fa" not in reasons(amended)


def test_po_dates_compare_across_zones():
    assert parse_po_date("2026-01-02 10:00+0100") < parse_po_date("2026-01-02 09:30+0000")
    assert parse_po_date("YEAR-MO-DA HO:MI+ZONE") is None


def test_word_diff_marks_inserted_words():
    assert word_diff(OLD, NEW) == [
        ("equal", "We demand the"),
        ("insert", " immediate"),
        ("equal", " withdrawal of all "),
        ("insert", "foreign "),
        ("equal", "troops."),
    ]


def test_word_diff_rebuilds_both_sentences():
    old, new = "Stop the war, now!", "Stop all wars - now and forever."
    pieces = word_diff(old, new)
    assert "".join(text for op, text in pieces if op != "insert") == old
    assert "".join(text for op, text in pieces if op != "delete") == new


def test_changes_list_the_reworded_sentence_per_language(amended):
    amended.update()
    found = find_changes("sample", amended.catalog_paths("sample"))
    (change,) = found.changes
    assert (change.old, change.new) == (OLD, NEW)
    assert change.pending == ["de", "fa"]
    assert found.per_language() == {"de": 1, "fa": 1}
    assert SIGNATORY in found.untranslated_everywhere
    assert found.errors == []


def test_minor_keeps_translations_fuzzy_and_settles_the_change(amended):
    amended.update()
    catalogs = amended.catalog_paths("sample")
    key = find_changes("sample", catalogs).changes[0].key
    report = decide(catalogs, key, "minor", user="coco", day="2026-02-01")
    assert report.changed == {"de": 1, "fa": 1}
    entry = read_catalog(catalogs["de"]).find(NEW)
    assert entry.msgstr == f"DE {OLD}" and entry_state(entry) is EntryState.DRAFT
    assert entry.previous_msgid == OLD  # the reviewer still sees what changed
    assert not pending_amendment(entry)
    again = find_changes("sample", catalogs)
    assert again.changes[0].pending == [] and again.changes[0].decided == {
        "de": "minor",
        "fa": "minor",
    }
    assert "amended" not in reasons(amended)["de"]


def test_substantive_clears_and_refills(amended):
    amended.update()
    catalogs = amended.catalog_paths("sample")
    key = find_changes("sample", catalogs).changes[0].key
    calls = []

    def refill(lang, path, msgids):
        calls.append((lang, msgids))
        return len(msgids)

    report = decide(catalogs, key, "substantive", user="coco", day="2026-02-01", refill=refill)
    assert report.changed == {"de": 1, "fa": 1} and report.refilled == {"de": 1, "fa": 1}
    assert calls == [("de", [NEW]), ("fa", [NEW])]
    entry = read_catalog(catalogs["fa"]).find(NEW)
    assert entry.msgstr == "" and entry.previous_msgid is None and "fuzzy" not in entry.flags
    assert find_changes("sample", catalogs).changes == []
    figures = {row.language: row.stats for row in amended.stats().rows}
    assert figures["de"].fuzzy == 0 and figures["de"].untranslated == 2  # NEW and the signatory


def test_a_second_source_change_asks_again(amended):
    amended.update()
    catalogs = amended.catalog_paths("sample")
    key = find_changes("sample", catalogs).changes[0].key
    decide(catalogs, key, "minor", user="coco", day="2026-02-01")
    path = amended.settings.source_dir / "sample.md"
    path.write_text(path.read_text("utf-8").replace(NEW, NEW.replace("foreign", "occupying")))
    amended.update()
    (change,) = find_changes("sample", catalogs).changes
    assert change.old == NEW and "occupying" in change.new  # a new change: a new key
    assert change.pending == ["de", "fa"]


def test_unknown_decision_is_refused(amended):
    with pytest.raises(TranslatorError, match="decision"):
        decide(amended.catalog_paths("sample"), "abc", "maybe", user="u", day="d")
