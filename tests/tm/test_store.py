"""The memory index under instance/: built from every catalog, re-read only where changed."""

from __future__ import annotations

import json
import os

import polib

from translator.catalog import write_catalog
from translator.tm import MemoryStore


def write_po(path, pairs):
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for source, target in pairs:
        po.append(polib.POEntry(msgid=source, msgstr=target))
    path.parent.mkdir(parents=True, exist_ok=True)
    write_catalog(po, path)


def test_memory_holds_every_catalog_of_the_language(tmp_path):
    locales = tmp_path / "locales"
    write_po(locales / "de/LC_MESSAGES/a.po", [("Peace.", "Frieden.")])
    write_po(locales / "de/LC_MESSAGES/b.po", [("War.", "Krieg.")])
    write_po(locales / "es/LC_MESSAGES/a.po", [("Peace.", "Paz.")])
    tm = MemoryStore(locales, tmp_path / "instance").load("de")
    assert len(tm) == 2
    assert tm.lookup("War.").origin == "tm:100 b" and tm.lookup("Peace.").text == "Frieden."


def test_index_is_reused_until_a_catalog_changes(tmp_path):
    locales = tmp_path / "locales"
    write_po(locales / "de/LC_MESSAGES/a.po", [("Peace.", "Frieden.")])
    write_po(locales / "de/LC_MESSAGES/b.po", [("War.", "Krieg.")])
    store = MemoryStore(locales, tmp_path / "instance")
    store.load("de")
    assert store.reread == 2 and (tmp_path / "instance/tm/de.json").is_file()
    store.load("de")
    assert store.reread == 0
    write_po(locales / "de/LC_MESSAGES/b.po", [("War.", "Der Krieg.")])
    os.utime(locales / "de/LC_MESSAGES/b.po", ns=(1, 1))  # a different signature, surely
    tm = store.load("de")
    assert store.reread == 1 and tm.lookup("War.").text == "Der Krieg."


def test_deleted_catalog_leaves_the_memory(tmp_path):
    locales = tmp_path / "locales"
    write_po(locales / "de/LC_MESSAGES/a.po", [("Peace.", "Frieden.")])
    store = MemoryStore(locales, tmp_path / "instance")
    store.load("de")
    (locales / "de/LC_MESSAGES/a.po").unlink()
    assert len(store.load("de")) == 0
    data = json.loads((tmp_path / "instance/tm/de.json").read_text())
    assert data["catalogs"] == {}


def test_damaged_index_is_rebuilt(tmp_path):
    locales = tmp_path / "locales"
    write_po(locales / "de/LC_MESSAGES/a.po", [("Peace.", "Frieden.")])
    (tmp_path / "instance/tm").mkdir(parents=True)
    (tmp_path / "instance/tm/de.json").write_text("{not json")
    store = MemoryStore(locales, tmp_path / "instance")
    assert store.load("de").lookup("Peace.").text == "Frieden."


def test_broken_catalog_is_reported_and_the_rest_still_count(tmp_path):
    locales = tmp_path / "locales"
    write_po(locales / "de/LC_MESSAGES/a.po", [("Peace.", "Frieden.")])
    (locales / "de/LC_MESSAGES/b.po").write_bytes(b'msgid "x"\nmsgstr "\xff"\n')
    store = MemoryStore(locales, tmp_path / "instance")
    assert len(store.load("de")) == 1
    assert len(store.errors) == 1 and "b.po" in store.errors[0]


def test_without_instance_dir_nothing_is_written(tmp_path):
    locales = tmp_path / "locales"
    write_po(locales / "de/LC_MESSAGES/a.po", [("Peace.", "Frieden.")])
    assert len(MemoryStore(locales).load("de")) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["locales"]


def test_a_read_only_store_uses_the_index_but_never_writes_it(tmp_path):
    locales, instance = tmp_path / "locales", tmp_path / "instance"
    write_po(locales / "de/LC_MESSAGES/a.po", [("Peace.", "Frieden.")])
    assert len(MemoryStore(locales, instance, read_only=True).load("de")) == 1
    assert not instance.exists()
    MemoryStore(locales, instance).load("de")
    index = instance / "tm" / "de.json"
    before = index.read_bytes()
    write_po(locales / "de/LC_MESSAGES/b.po", [("War.", "Krieg.")])
    store = MemoryStore(locales, instance, read_only=True)
    assert len(store.load("de")) == 2 and store.reread == 1  # a.po came from the index
    assert index.read_bytes() == before
