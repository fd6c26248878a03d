"""The catalog cache and the save path: no reparse of unchanged files, versions, conflicts."""

from __future__ import annotations

import os

import polib
import pytest

from tests.web.conftest import make_web_project
from translator.catalog import read_catalog, write_catalog
from translator.errors import CatalogError
from translator.web.data.catalogs import Conflict, EntryGone, Store, entry_key, entry_version


@pytest.fixture
def store(project):
    make_web_project(project.root, ("de",))
    return Store(project)


def _key(store, msgid):
    return entry_key(polib.POEntry(msgid=msgid))


def test_unchanged_catalog_is_parsed_once(store):
    first = store.catalog("de", "sample")
    for _ in range(5):
        assert store.catalog("de", "sample") is first
    assert store.parses == 1


def test_cache_is_bounded_and_forgets_the_least_recently_used(project):
    make_web_project(project.root, ("de", "fr", "ar"))
    store = Store(project, max_catalogs=2)
    de = store.catalog("de", "sample")
    store.catalog("fr", "sample")
    assert store.catalog("de", "sample") is de  # de is now the most recent, fr the oldest
    store.catalog("ar", "sample")  # no room: fr is forgotten
    assert store.parses == 3
    assert store.catalog("de", "sample") is de and store.catalog("ar", "sample")
    assert store.parses == 3
    store.catalog("fr", "sample")
    assert store.parses == 4 and store.evictions == 2


def test_changed_file_is_parsed_again(store, project):
    first = store.catalog("de", "sample")
    path = project.catalog_path("de", "sample")
    po = read_catalog(path)
    po.find("Peace now.").msgstr = "Frieden jetzt."
    write_catalog(po, path)
    second = store.catalog("de", "sample")
    assert second is not first and store.parses == 2
    assert second.entry(_key(store, "Peace now.")).msgstr == "Frieden jetzt."


def test_own_save_needs_no_reparse(store):
    key = _key(store, "Peace now.")
    view = store.catalog("de", "sample")
    version = entry_version(view.entry(key))

    def change(po, entries):
        entries[key].msgstr = "Frieden jetzt."

    new, changes = store.modify("de", "sample", {key: version}, change)
    assert store.catalog("de", "sample") is new
    assert store.parses == 1
    assert changes[0].before.msgstr == "" and changes[0].after.msgstr == "Frieden jetzt."


def test_stale_version_raises_conflict_with_current_text(store):
    key = _key(store, "Peace now.")
    old = entry_version(store.catalog("de", "sample").entry(key))

    def set_text(text):
        return lambda po, entries: setattr(entries[key], "msgstr", text)

    store.modify("de", "sample", {key: old}, set_text("Frieden jetzt."))
    with pytest.raises(Conflict) as caught:
        store.modify("de", "sample", {key: old}, set_text("Jetzt Frieden."))
    assert caught.value.current.msgstr == "Frieden jetzt."
    assert store.catalog("de", "sample").entry(key).msgstr == "Frieden jetzt."


def test_missing_entry(store):
    with pytest.raises(EntryGone):
        store.modify("de", "sample", {"0" * 16: "v"}, lambda po, entries: None)


def test_version_ignores_what_update_rewrites():
    entry = polib.POEntry(msgid="a", msgstr="b", flags=["role-title"], occurrences=[("x", "1")])
    before = entry_version(entry)
    entry.flags = ["role-slogan"]
    entry.occurrences = [("y", "2")]
    entry.comment = "slogan 1"
    assert entry_version(entry) == before
    for change in (
        lambda e: setattr(e, "msgstr", "c"),
        lambda e: e.flags.append("fuzzy"),
        lambda e: setattr(e, "tcomment", "approved: rita 2024-01-01 abc"),
        lambda e: e.flags.append("ignore-end-punctuation"),
    ):
        copy = polib.POEntry(msgid="a", msgstr="b", flags=["role-title"])
        change(copy)
        assert entry_version(copy) != before


def test_broken_catalog_is_an_error_until_fixed(store, project):
    path = project.catalog_path("de", "sample")
    good = path.read_text(encoding="utf-8")
    path.write_text(good + "\nnot po at all\n", encoding="utf-8")
    with pytest.raises(CatalogError, match=r"locales/de/LC_MESSAGES/sample.po:\d+"):
        store.catalog("de", "sample")
    with pytest.raises(CatalogError):
        store.catalog("de", "sample")
    assert store.parses == 1  # the error is cached too
    path.write_text(good, encoding="utf-8")
    assert len(store.catalog("de", "sample").entries) == 14


def test_derived_data_is_carried_across_a_save(store):
    key = _key(store, "Peace now.")
    view = store.catalog("de", "sample")
    view.memo("issues", lambda: {"other": ["kept"]})
    calls = []

    def carrier(old, new_view, changed):
        calls.append(changed)
        return {**old, "changed": changed}

    store.carriers["issues"] = carrier
    new, _ = store.modify(
        "de",
        "sample",
        {key: entry_version(view.entry(key))},
        lambda po, entries: setattr(entries[key], "msgstr", "Frieden jetzt."),
    )
    assert calls == [[key]]
    assert new.memo("issues", lambda: pytest.fail("recomputed")) == {
        "other": ["kept"],
        "changed": [key],
    }


def test_document_cached_by_identity(store, project):
    first = store.document("sample")
    assert store.document("sample") is first
    path = project.root / "source" / "sample.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    assert store.document("sample") is not first


def test_document_listing_is_kept_until_the_folder_changes(store, project, monkeypatch):
    source = project.settings.source_dir
    os.utime(source, ns=(10**18, 10**18))  # long ago: not in the racy window
    calls = []
    real = type(project).slugs
    monkeypatch.setattr(type(project), "slugs", lambda self: calls.append(1) or real(self))
    assert store.slugs() == ["sample"] and store.slugs() == ["sample"]
    assert len(calls) == 1  # listed once
    (source / "other.md").write_text((source / "sample.md").read_text("utf-8"), "utf-8")
    os.utime(source, ns=(10**18 + 1, 10**18 + 1))  # the new entry changed the folder
    assert store.slugs() == ["other", "sample"] and len(calls) == 2
    (source / "third.md").write_text("x", "utf-8")  # changed just now: listed every time
    assert "third" in store.slugs() and store.slugs() and len(calls) == 4


def test_a_request_leaves_the_database_log_open(app, client):
    """The worker's idle connection spares a checkpoint and log deletion at each request."""
    from tests.web.conftest import AuthActions

    app.config["KEEP_DATABASES_OPEN"] = True  # as `translator serve` sets it
    AuthActions(client).login("dana")
    assert client.get("/").status_code == 200
    assert os.path.exists(app.config["DATABASE"] + "-wal")  # the last close would delete it
