"""The catalog statistics index: same numbers as parsing, and only changed catalogs parsed again."""

from __future__ import annotations

import json
import os
import re
import subprocess
import time

import pytest

from translator.catalog import read_catalog, write_catalog
from translator.catalog.state import approve, set_draft, set_human
from translator.cli import cli
from translator.progress.index import INDEX_NAME, StatsIndex, refresh

LONG_AGO = time.time() - 3600


def age(*paths) -> None:
    """Make files look an hour old, outside the index's racy window."""
    for path in paths:
        os.utime(path, (LONG_AGO, LONG_AGO))


def msgfmt_counts(path) -> tuple[int, int, int]:
    """(translated, fuzzy, untranslated) as GNU msgfmt counts them."""
    result = subprocess.run(
        ["msgfmt", "--statistics", "-o", os.devnull, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    found = {
        kind: int(number)
        for number, kind in re.findall(r"(\d+) (translated|fuzzy|untranslated)", result.stderr)
    }
    return found.get("translated", 0), found.get("fuzzy", 0), found.get("untranslated", 0)


@pytest.fixture
def worked(project):
    """Three languages: German partly done (human, draft, approved), French broken, Persian new."""
    project.init(["de", "fa", "fr"])
    path = project.catalog_path("de", "sample")
    po = read_catalog(path)
    entries = [entry for entry in po if entry.msgid]
    set_human(entries[0], "Frieden jetzt.")
    set_human(entries[1], "Stoppt den Krieg!")
    approve(entries[1], "rita", "2026-01-02")
    set_draft(entries[2], "ICOR-Resolution, 8. März 2021", "mt:google")
    write_catalog(po, path)
    project.catalog_path("fr", "sample").write_text('msgid "x"\nmsgstr\n', encoding="utf-8")
    return project


def index_of(project) -> StatsIndex:
    return project.stats_index()


def test_indexed_numbers_equal_parsing_and_msgfmt(worked):
    indexed = worked.stats().to_dict()
    assert indexed == worked.stats(use_index=False).to_dict()
    for row in worked.stats().rows:
        if row.error:
            continue
        path = worked.root / row.catalog
        assert (row.stats.done, row.stats.fuzzy, row.stats.untranslated) == msgfmt_counts(path)
    german = next(row for row in worked.stats().rows if row.language == "de")
    assert (german.stats.translated, german.stats.approved, german.stats.fuzzy) == (1, 1, 1)


def test_cli_json_is_the_indexed_table(worked, runner):
    result = runner.invoke(cli, ["--project", str(worked.root), "stats", "--json"])
    assert result.exit_code == 1  # the broken French catalog is reported
    assert json.loads(result.stdout) == worked.stats(use_index=False).to_dict()


def test_broken_catalog_is_a_record_with_an_error(worked):
    table = worked.stats()
    broken = {row.language: row.error for row in table.rows}
    assert "fr/LC_MESSAGES/sample.po" in broken["fr"] and not broken["de"]
    assert table.errors == [broken["fr"]]


def test_unchanged_catalogs_are_not_parsed_again(worked):
    index = index_of(worked)
    worked.stats()
    age(*worked.settings.locales_dir.rglob("*.po*"))
    worked.stats()  # files were re-dated: identities changed, parsed once more
    before = index.parsed
    assert worked.stats().to_dict() == worked.stats(use_index=False).to_dict()
    assert index.parsed == before


def test_one_changed_catalog_is_the_only_one_parsed(worked):
    index = index_of(worked)
    age(*worked.settings.locales_dir.rglob("*.po*"))
    worked.stats()
    path = worked.catalog_path("fa", "sample")
    po = read_catalog(path)
    set_human(next(entry for entry in po if entry.msgid), "صلح اکنون.")
    write_catalog(po, path)
    before = index.parsed
    persian = next(row for row in worked.stats().rows if row.language == "fa")
    assert index.parsed == before + 1
    assert persian.stats.translated == 1


def test_a_new_process_reads_the_index_file_instead_of_parsing(worked):
    age(*worked.settings.locales_dir.rglob("*.po*"))
    index_of(worked).records()
    index_path = worked.settings.instance_dir / INDEX_NAME
    assert index_path.is_file()
    other = StatsIndex(worked.settings.locales_dir, index_path)
    records = other.records()
    assert other.parsed == 0
    assert records[("sample", "de")].stats == index_of(worked).records()[("sample", "de")].stats
    assert records[("sample", "fr")].error


def test_same_size_same_mtime_edit_is_seen_while_racy(worked):
    path = worked.catalog_path("de", "sample")
    worked.stats()
    stat = path.stat()
    text = path.read_text(encoding="utf-8").replace("Frieden jetzt.", "Frieden sofort")
    assert len(text) == len(path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same identity as indexed
    german = next(row for row in worked.stats().rows if row.language == "de")
    assert german.stats.translated == 1  # still counted, and the text was re-read
    po = read_catalog(path)
    assert any(entry.msgstr == "Frieden sofort" for entry in po)


def test_an_unchanged_racy_catalog_read_again_keeps_the_answer(worked):
    index = index_of(worked)
    first = index.records()  # just written: every catalog is racy, read again next time
    generation, before = index.generation, index.parsed
    again = index.records()
    assert index.parsed > before  # the racy ones were read again ...
    assert index.generation == generation  # ... said the same: callers' caches hold
    assert again is first and again[("sample", "de")] is first[("sample", "de")]
    path = worked.catalog_path("de", "sample")
    po = read_catalog(path)
    set_human(next(entry for entry in po if entry.msgid and not entry.msgstr), "Nie wieder.")
    write_catalog(po, path)
    changed = index.records()
    assert index.generation > generation
    assert (
        changed[("sample", "de")].stats.translated == first[("sample", "de")].stats.translated + 1
    )


@pytest.mark.parametrize("damage", ["missing", "corrupt"])
def test_damaged_index_file_is_rebuilt(worked, damage):
    worked.stats()
    index_path = worked.settings.instance_dir / INDEX_NAME
    for suffix in ("-wal", "-shm"):
        index_path.with_name(index_path.name + suffix).unlink(missing_ok=True)
    if damage == "missing":
        index_path.unlink()
    else:
        index_path.write_bytes(b"not a database at all" * 100)
    fresh = StatsIndex(worked.settings.locales_dir, index_path)
    records = fresh.records()
    assert fresh.parsed == 4  # three catalogs and the template
    assert records[("sample", "de")].stats.approved == 1
    again = StatsIndex(worked.settings.locales_dir, index_path)
    again.records()
    assert again.parsed <= 4  # readable again (racy files may be checked once more)


def test_refresh_takes_the_written_catalog_without_parsing(worked):
    index = index_of(worked)
    worked.stats()
    path = worked.catalog_path("fa", "sample")
    po = read_catalog(path)
    set_human(next(entry for entry in po if entry.msgid), "صلح اکنون.")
    write_catalog(po, path)
    before = index.parsed
    record = refresh(path, po)
    assert record.stats.translated == 1
    assert index.parsed == before + 1  # counted from the object, not read from disk
    age(path)
    assert refresh(path).stats.translated == 1


def test_deleted_catalog_leaves_the_index(worked):
    worked.stats()
    worked.catalog_path("fa", "sample").unlink()
    assert ("sample", "fa") not in index_of(worked).records()
    assert {row.language for row in worked.stats().rows} == {"de", "fr"}


def test_rebuild_parses_everything_once(worked):
    worked.stats()
    assert index_of(worked).rebuild() == 4


def test_templates_are_indexed_separately(worked):
    templates = index_of(worked).templates()
    assert list(templates) == ["sample"]
    assert templates["sample"].language == ""
    assert templates["sample"].stats.untranslated == templates["sample"].stats.total > 0
    assert templates["sample"].keys == index_of(worked).records()[("sample", "de")].keys


def test_overview_is_stats_and_staleness_in_one_look(worked):
    table, marks = worked.overview()
    assert table.to_dict() == worked.stats(with_checks=False).to_dict()
    assert marks == worked.staleness()
