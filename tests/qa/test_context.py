"""check_context's language index: built once per version of the catalogs, never stale."""

from __future__ import annotations

import os

import polib

from translator.catalog import write_catalog
from translator.config import load_settings
from translator.qa import check_context


def write(path, msgstr: str, stamp: int) -> None:
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Stop the war!", msgstr=msgstr))
    write_catalog(po, path)
    os.utime(path, ns=(stamp, stamp))  # a distinct identity even within one clock tick


def test_language_index_is_shared_while_catalogs_are_unchanged(project):
    other = project.settings.locales_dir / "de" / "LC_MESSAGES" / "other.po"
    write(other, "Beendet den Krieg!", 1_000_000_000)
    settings = load_settings(project.root)
    first = check_context("de", settings, slug="sample")
    second = check_context("de", settings, slug="another")
    assert first.translations is second.translations
    assert second.slug == "another"


def test_language_index_follows_a_changed_catalog(project):
    other = project.settings.locales_dir / "de" / "LC_MESSAGES" / "other.po"
    write(other, "Beendet den Krieg!", 1_000_000_000)
    settings = load_settings(project.root)
    before = check_context("de", settings, slug="sample").translations
    write(other, "Stoppt den Krieg sofort!", 2_000_000_000)
    after = check_context("de", settings, slug="sample").translations
    assert after.others("Stop the war!", "sample") == [("other", "Stoppt den Krieg sofort!")]
    assert before.others("Stop the war!", "sample") == [("other", "Beendet den Krieg!")]


def test_language_index_sees_a_new_catalog(project):
    lc = project.settings.locales_dir / "de" / "LC_MESSAGES"
    write(lc / "one.po", "Beendet den Krieg!", 1_000_000_000)
    settings = load_settings(project.root)
    assert len(check_context("de", settings).translations.others("Stop the war!", "x")) == 1
    write(lc / "two.po", "Beendet den Krieg!", 1_000_000_000)
    assert len(check_context("de", settings).translations.others("Stop the war!", "x")) == 2
