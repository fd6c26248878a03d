"""Pre-fill touches no file before its options are known good, and a dry run writes nothing."""

from __future__ import annotations

import json
import shutil

import pytest

from translator.catalog import read_catalog
from translator.cli import cli
from translator.errors import ConfigError, MTUnavailable
from translator.prefill import Prefill, catalog_refs


@pytest.fixture
def started(project):
    """The sample project with German catalogs and no instance/ folder yet."""
    assert project.init(["de"]).ok
    shutil.rmtree(project.settings.instance_dir)  # init's catalog locks live there
    return project


def prefill(runner, project, *args):
    return runner.invoke(cli, ["--project", str(project.root), "prefill", "--lang", "de", *args])


def drafts(project) -> int:
    return sum(1 for e in read_catalog(project.catalog_path("de", "sample")) if e.msgstr)


def test_an_unknown_engine_fails_before_any_draft_is_written(runner, started, snapshot):
    before = snapshot(started.root)
    result = prefill(runner, started, "--engine", "bogus")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: unknown engine 'bogus' (known: apertium,")
    assert result.stdout == ""
    assert snapshot(started.root) == before  # 3 memory-free drafts (copies) were written before


def test_an_unknown_engine_in_the_settings_fails_the_same_way(runner, started, snapshot):
    (started.root / "translator.toml").write_text('engines = {de = "nope"}\n')
    before = snapshot(started.root)
    result = prefill(runner, started)
    assert result.exit_code == 1 and "unknown engine 'nope'" in result.stderr
    assert snapshot(started.root) == before


def test_a_missing_key_fails_before_any_file_is_touched(
    runner, started, snapshot, monkeypatch, tmp_path
):
    monkeypatch.delenv("TRANSLATOR_DEEPL_API_KEY", raising=False)
    monkeypatch.setenv("TRANSLATOR_KEYS_FILE", str(tmp_path / "no-keys.toml"))
    before = snapshot(started.root)
    result = prefill(runner, started, "--engine", "deepl")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: deepl needs api_key: set TRANSLATOR_DEEPL_API_KEY "
        "(or add it to the keys file, see `translator engines`)"
    ]
    assert snapshot(started.root) == before


def test_the_library_refuses_an_unknown_engine_even_with_no_catalog(started):
    with pytest.raises(ConfigError, match="unknown engine 'bogus'"):
        Prefill(started.settings, [], engine="bogus").prepare()
    refs = catalog_refs(started.settings, ["de"], [])
    with pytest.raises(MTUnavailable, match="deepl needs api_key"):
        Prefill(started.settings, refs, engine="deepl").run()
    assert drafts(started) == 0


def test_a_dry_run_writes_nothing_anywhere(runner, started, snapshot):
    before = snapshot(started.root)
    result = prefill(runner, started, "--engine", "dummy", "--dry-run", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["languages"]["de"]["sent"] == 11
    assert snapshot(started.root) == before  # no instance/tm/de.sqlite3, no mt-cache.sqlite3


def test_a_dry_run_reads_the_memory_index_and_the_cache_but_writes_neither(
    runner, started, snapshot
):
    assert prefill(runner, started, "--engine", "dummy").exit_code == 0
    instance = started.settings.instance_dir
    assert (instance / "tm" / "de.sqlite3").is_file() and (instance / "mt-cache.sqlite3").is_file()
    started.catalog_path("de", "sample").unlink()  # start German again: the index is now stale
    assert started.init(["de"]).ok
    before = snapshot(started.root)
    result = prefill(runner, started, "--engine", "dummy", "--dry-run", "--json")
    assert result.exit_code == 0, result.output
    counts = json.loads(result.stdout)["languages"]["de"]
    assert counts["sent"] == 0 and counts["machine"] == 11  # every text is in the cache
    assert snapshot(started.root) == before
    assert drafts(started) == 0
