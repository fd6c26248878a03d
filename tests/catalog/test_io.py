"""Catalog reading and writing: round trip, clear errors, atomic replace, locking."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import polib
import pytest

from translator.catalog import catalog_lock, catalog_text, read_catalog, write_catalog
from translator.errors import CatalogError

REPO = Path(__file__).resolve().parents[2]


def small_catalog() -> polib.POFile:
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "de"}
    po.append(polib.POEntry(msgid="Peace!", msgstr="Frieden!", occurrences=[("source/a.md", "3")]))
    return po


def test_round_trip(tmp_path: Path):
    path = tmp_path / "de" / "LC_MESSAGES" / "a.po"
    assert write_catalog(small_catalog(), path)
    again = read_catalog(path)
    assert again.find("Peace!").msgstr == "Frieden!"
    assert not write_catalog(again, path), "rewriting an unchanged catalog changes nothing"


def test_no_temporary_file_left_behind(tmp_path: Path):
    write_catalog(small_catalog(), tmp_path / "a.po")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.po"]


def test_failed_write_keeps_old_file(tmp_path: Path, monkeypatch):
    path = tmp_path / "a.po"
    write_catalog(small_catalog(), path)
    before = path.read_bytes()
    po = small_catalog()
    po[0].msgstr = "Frieden jetzt!"

    def broken_replace(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", broken_replace)
    with pytest.raises(CatalogError, match="No space left"):
        write_catalog(po, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.po"]


def test_syntax_error_names_file_and_line(tmp_path: Path):
    path = tmp_path / "bad.po"
    path.write_text('msgid "a"\nmsgstr "b"\nnonsense "c"\n', encoding="utf-8")
    with pytest.raises(CatalogError, match=r"bad\.po:3: invalid PO file"):
        read_catalog(path)


def test_non_utf8_names_file_and_line(tmp_path: Path):
    path = tmp_path / "latin1.po"
    path.write_bytes(b'msgid ""\nmsgstr ""\n\nmsgid "caf\xe9"\nmsgstr ""\n')
    with pytest.raises(CatalogError, match=r"latin1\.po:4"):
        read_catalog(path)


def test_lock_blocks_a_second_writer(tmp_path: Path):
    path = tmp_path / "a.po"
    order: list[str] = []
    holding = threading.Event()

    def first():
        with catalog_lock(path):
            holding.set()
            time.sleep(0.3)
            order.append("first done")

    thread = threading.Thread(target=first)
    thread.start()
    holding.wait()
    with catalog_lock(path):
        order.append("second in")
    thread.join()
    assert order == ["first done", "second in"]


def test_lock_times_out_with_clear_error(tmp_path: Path):
    path = tmp_path / "a.po"
    holding, release = threading.Event(), threading.Event()

    def holder():
        with catalog_lock(path):
            holding.set()
            release.wait(5)

    thread = threading.Thread(target=holder)
    thread.start()
    holding.wait()
    try:
        with pytest.raises(CatalogError, match="busy"), catalog_lock(path, timeout=0.2):
            pass
    finally:
        release.set()
        thread.join()


def test_remembered_field_wrapping_writes_what_polib_writes(monkeypatch):
    """The memo of polib's field wrapping (io._remember_wrapped_fields) changes no byte."""
    paths = sorted((REPO / "locales").rglob("*.po*"))
    remembered = [catalog_text(read_catalog(path)) for path in paths]
    assert polib._BaseEntry._str_field.remembered
    monkeypatch.setattr(polib._BaseEntry, "_str_field", polib._BaseEntry._str_field.original)
    assert [catalog_text(read_catalog(path)) for path in paths] == remembered
    assert remembered[0] == paths[0].read_text("utf-8")
