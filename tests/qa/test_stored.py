"""The translation store: the consistency index on disk equals the one built in memory, and a
process over many projects keeps only a few of its files open."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from translator.catalog import catalog_lock, read_catalog, write_catalog
from translator.qa import stored
from translator.qa.context import language_index
from translator.qa.stored import open_store, refresh_language


@pytest.fixture
def translated(project):
    """The sample in German twice (two documents), one sentence translated differently."""
    source = project.settings.source_dir / "sample.md"
    text = source.read_text("utf-8").replace("slug: sample", "slug: second", 1)
    (project.settings.source_dir / "second.md").write_text(text, "utf-8")
    project.init(["de"])
    for slug, word in (("sample", "Frieden"), ("second", "Friede")):
        path = project.catalog_path("de", slug)
        with catalog_lock(path):
            po = read_catalog(path)
            for entry in po:
                entry.msgstr = f"{word}: {entry.msgid}"
            write_catalog(po, path)
    return project


def whole(project, keys):
    index = language_index(project.settings.locales_dir, "de")
    return {key: index.by_source[key] for key in keys if key in index.by_source}


def keys_of(project, slug):
    return [entry.msgid_with_context for entry in read_catalog(project.catalog_path("de", slug))]


def test_store_gives_what_the_whole_index_gives(translated):
    store = open_store(translated.settings.instance_dir, translated.settings.locales_dir)
    assert store.refresh("de")
    keys = keys_of(translated, "sample")
    assert store.index_for("de", keys).by_source == whole(translated, keys)
    assert store.index_for("de", keys).others(keys[1], "sample") == [
        ("second", f"Friede: {keys[1]}")
    ]


def test_a_changed_or_removed_catalog_is_read_again(translated):
    store = open_store(translated.settings.instance_dir, translated.settings.locales_dir)
    store.refresh("de")
    path = translated.catalog_path("de", "second")
    with catalog_lock(path):
        po = read_catalog(path)
        po[1].msgstr = "Ganz anders."
        write_catalog(po, path)
    store.refresh("de")
    keys = keys_of(translated, "sample")
    assert store.index_for("de", keys).by_source == whole(translated, keys)
    path.unlink()
    store.refresh("de")
    assert store.index_for("de", keys).others(keys[1], "sample") == []


def test_processes_refresh_side_by_side(translated):
    settings = translated.settings
    with multiprocessing.get_context("fork").Pool(4) as pool:
        done = pool.map(refresh_language, [(settings.instance_dir, settings.locales_dir, "de")] * 6)
    assert all(done)
    store = open_store(settings.instance_dir, settings.locales_dir)
    keys = keys_of(translated, "second")
    assert store.index_for("de", keys).by_source == whole(translated, keys)
    rows = store.conn.execute("SELECT count(*) FROM catalogs WHERE lang = 'de'").fetchone()
    assert rows == (2,)


def open_files(root) -> int:
    return sum(
        os.readlink(f"/proc/self/fd/{fd}").startswith(str(root))
        for fd in os.listdir("/proc/self/fd")
        if os.path.exists(f"/proc/self/fd/{fd}")
    )


def test_the_least_recently_used_store_is_closed_and_opened_again_when_asked(tmp_path):
    projects = [tmp_path / f"p{n}" for n in range(stored.MAX_OPEN + 5)]
    for root in projects:
        (root / "locales" / "de" / "LC_MESSAGES").mkdir(parents=True)
    first = stored.open_store(projects[0] / "instance", projects[0] / "locales")
    assert first.refresh("de")
    for root in projects[1:]:
        assert stored.open_store(root / "instance", root / "locales").refresh("de")
    assert open_files(tmp_path) <= 3 * stored.MAX_OPEN  # the file, its WAL and shared memory
    assert not first.refresh("de")  # closed: its callers fall back to the in-memory index
    again = stored.open_store(projects[0] / "instance", projects[0] / "locales")
    assert again is not first and again.refresh("de")
