"""An index of catalog statistics keyed by file identity, so the figures for thousands of
catalogs come back in milliseconds and only a changed catalog is parsed again.

Each PO (and POT) file under ``locales/`` has one record (:mod:`translator.progress.records`):
its identity (size, mtime_ns, inode), its :class:`~translator.progress.stats.CatalogStats`, the
header dates staleness needs, the number of amended entries (fuzzy, with a ``#| msgid``) and,
once statistics with checks asked, what its checks found (:mod:`translator.progress.checked`).
Records live in memory and in SQLite at ``instance/stats-index.sqlite3``; a missing, unreadable
or outdated index file (another schema version) is rebuilt.

A record is trusted while the file's identity is unchanged, except when the file was modified
within :data:`RACY_NS` of being indexed (a second write in the same clock tick could keep the same
size and mtime): such records are checked again (git's "racily clean" rule). Writers call
:func:`refresh` after saving so the next reader has nothing to do.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import json
import os
import sqlite3
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from translator.errors import TranslatorError
from translator.parallel import run_parallel
from translator.progress.records import (
    COLUMNS,
    CREATE_CATALOGS,
    LOADED,
    MARKS,
    RACY_NS,
    CatalogRecord,
    Identity,
    fingerprint,
    parse_record,
    record_from_row,
    row_from_record,
    summarize,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    import polib

__all__ = [
    "INDEX_NAME",
    "RACY_NS",
    "CatalogRecord",
    "StatsIndex",
    "fingerprint",
    "open_index",
    "refresh",
    "summarize",
]

INDEX_NAME = "stats-index.sqlite3"
SCHEMA_VERSION = "5"  # 5: file identity with the inode, check facts per catalog


class StatsIndex:
    """Catalog figures for one ``locales/`` directory, persisted in ``index_path``."""

    def __init__(self, locales_dir: Path, index_path: Path | None):
        self.locales_dir = Path(locales_dir)
        self.index_path = Path(index_path) if index_path else None
        self.parsed = 0  # catalogs parsed by this object (benchmarks and tests read it)
        self.generation = 0  # goes up whenever a record changes (callers cache on it)
        self._last: tuple | None = None  # the last answer of records(), while still right
        self._records: dict[str, CatalogRecord] | None = None
        self._trust: dict[str, Identity] | None = None  # see _trusted
        self._source_records: dict[str, tuple[tuple[int, int], str | None]] | None = None
        self._memos: dict[str, tuple[str, dict] | None] = {}  # language_memo, by name
        self._lock = threading.RLock()

    # -- reading ----------------------------------------------------------------------------------

    def records(
        self,
        slugs: Iterable[str] | None = None,
        langs: Iterable[str] | None = None,
        *,
        jobs: int = 1,
        on_done: Callable[[int, int], None] | None = None,
    ) -> dict[tuple[str, str], CatalogRecord]:
        """Up-to-date records by (document, language) for every catalog on disk (or those asked).

        Changed catalogs are read on ``jobs`` processes (``on_done``: progress over them). The
        answer is shared with later calls while nothing changes: do not modify it.
        """
        wanted_langs = set(langs) if langs is not None else None
        wanted_slugs = set(slugs) if slugs is not None else None
        with self._lock:
            known = self._load()
            found = self._scan(wanted_slugs, wanted_langs)
            trusted = self._trusted
            changed = [rel for rel, ident in found.items() if trusted.get(rel) != ident]
            work = functools.partial(parse_record, self.locales_dir)
            idents = [(rel, found[rel]) for rel in changed]
            fresh = run_parallel(work, idents, jobs=jobs, on_done=on_done)
            self.parsed += len(fresh)
            gone = self._vanished(known, found, wanted_slugs, wanted_langs)
            self._store(fresh, gone)
            area = (_frozen(wanted_slugs), _frozen(wanted_langs))
            if self._last is not None and self._last[:2] == (area, self.generation):
                return self._last[2]  # nothing changed since the same question: same answer
            result = {(known[rel].document, known[rel].language): known[rel] for rel in found}
            self._last = (area, self.generation, result)
            return result

    def templates(self, slugs: Iterable[str] | None = None) -> dict[str, CatalogRecord]:
        """Up-to-date records of the templates (``<slug>.pot``), by document."""
        return {slug: rec for (slug, _), rec in self.records(slugs, [""]).items()}

    def refresh(self, path: Path, po: polib.POFile | None = None) -> CatalogRecord | None:
        """Re-index one catalog after a write (``po``: what was written, saves a parse)."""
        path = Path(path)
        rel = self._relative(path)
        with self._lock:
            known = self._load()
            try:
                stat = path.stat()
            except FileNotFoundError:
                self._store([], [rel] if rel in known else [])
                return None
            ident = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
            record = self._parse(rel, ident, po)
            self._store([record], [])
            return record

    def store_checks(self, facts: list[tuple[CatalogRecord, str, str]]) -> None:
        """Keep ``(record, check key, facts as JSON)`` with each record that still holds.

        A catalog rewritten meanwhile (its record replaced) keeps nothing: its new version is
        checked the next time.
        """
        with self._lock:
            known = self._load()
            kept = [(r, key, data) for r, key, data in facts if known.get(r.path) is r]
            for record, key, data in kept:
                record.check_key, record.checks = key, data
            if not kept or not self.index_path:
                return
            rows = [(key, data, r.path, r.size, r.mtime_ns) for r, key, data in kept]
            try:
                with contextlib.closing(self._connect()) as db, db:
                    db.executemany(
                        "UPDATE catalogs SET check_key = ?, checks = ? "
                        "WHERE path = ? AND size = ? AND mtime_ns = ?",
                        rows,
                    )
            except (sqlite3.Error, OSError):
                self._discard()

    def stored_checks(self, records: Iterable[CatalogRecord]) -> dict[str, str]:
        """The check facts of ``records`` kept in the index file (by path), as stored."""
        wanted = {record.path: record.identity[:2] for record in records}
        if not wanted or not self.index_path or not self.index_path.is_file():
            return {}
        try:
            with contextlib.closing(self._connect()) as db:
                rows = db.execute(
                    "SELECT path, size, mtime_ns, checks FROM catalogs WHERE checks != ''"
                ).fetchall()
        except (sqlite3.Error, OSError):
            return {}
        return {path: data for path, *ident, data in rows if wanted.get(path) == tuple(ident)}

    def language_memo(self, name: str) -> tuple[str, dict] | None:
        """A derived answer kept under ``name``: (the fingerprint it was made for, the answer)."""
        with self._lock:
            if name in self._memos:
                return self._memos[name]
            memo = None
            if self.index_path and self.index_path.is_file():
                try:
                    with contextlib.closing(self._connect()) as db:
                        row = db.execute("SELECT value FROM meta WHERE key = ?", (name,)).fetchone()
                    if row:
                        mark, answer = json.loads(row[0])
                        memo = (mark, answer)
                except (sqlite3.Error, OSError, ValueError):
                    memo = None
            self._memos[name] = memo
            return memo

    def store_language_memo(self, name: str, mark: str, answer: dict) -> None:
        """Keep ``answer`` under ``name`` for the fingerprint ``mark`` (memory and file)."""
        with self._lock:
            self._memos[name] = (mark, answer)
            if not self.index_path:
                return
            try:
                with contextlib.closing(self._connect()) as db, db:
                    value = json.dumps([mark, answer])
                    db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (name, value))
            except (sqlite3.Error, OSError):
                pass  # kept in memory; made again by the next process

    def rebuild(self) -> int:
        """Forget everything and index every catalog again; returns how many were parsed."""
        with self._lock:
            self._records, self._source_records, self._last = {}, {}, None
            self._trust = {}
            self._memos = {}
            if self.index_path:
                with contextlib.suppress(FileNotFoundError):
                    self.index_path.unlink()
            before = self.parsed
            self.records()
            return self.parsed - before

    def source_keys(self, path: Path, compute: Callable[[Path], str | None]) -> str | None:
        """The fingerprint of a source document's sentences, computed once per file version.

        ``compute`` segments the document (slow); its result is kept by file identity in memory
        and in the index file. None means the document cannot be read.
        """
        try:
            stat = path.stat()
        except OSError:
            return None
        ident, name = (stat.st_size, stat.st_mtime_ns), str(path)
        with self._lock:
            known = self._sources()
            cached = known.get(name)
            if cached is not None and cached[0] == ident:
                return cached[1]
            keys = compute(path)
            known[name] = (ident, keys)
            self._write_source(name, ident, keys)
            return keys

    # -- scanning ---------------------------------------------------------------------------------

    def _scan(self, slugs: set[str] | None, langs: set[str] | None) -> dict[str, Identity]:
        """Identity of every catalog file (relative path -> (size, mtime_ns, inode))."""
        found: dict[str, Identity] = {}
        if langs is None or "" in langs:
            _scan_dir(self.locales_dir, ".pot", "", slugs, found)
        try:
            entries = list(os.scandir(self.locales_dir))
        except FileNotFoundError:
            return found
        for entry in entries:
            if not entry.is_dir() or entry.name.startswith(".") or entry.name == "":
                continue
            if langs is not None and entry.name not in langs:
                continue
            prefix = f"{entry.name}/LC_MESSAGES/"
            _scan_dir(Path(entry.path, "LC_MESSAGES"), ".po", prefix, slugs, found)
        return found

    @property
    def _trusted(self) -> dict[str, Identity]:
        """Identity of every record an equal identity proves right (not racy), by path."""
        if self._trust is None:
            known = self._load()
            self._trust = {rel: rec.identity for rel, rec in known.items() if not rec.racy}
        return self._trust

    def _vanished(self, known, found, slugs, langs) -> list[str]:
        """Indexed catalogs inside the scanned area whose file is gone."""
        if known.keys() <= found.keys():
            return []  # every indexed file was seen: nothing vanished (the usual case)
        return [
            rel
            for rel, rec in known.items()
            if rel not in found
            and (slugs is None or rec.document in slugs)
            and (langs is None or rec.language in langs)
        ]

    def _parse(self, rel: str, ident: Identity, po: polib.POFile | None = None) -> CatalogRecord:
        """A fresh record for one file: its counts, or its error when it cannot be read."""
        self.parsed += 1
        return parse_record(self.locales_dir, rel, ident, po)

    def _relative(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.locales_dir.resolve()).as_posix()
        except ValueError as exc:
            raise TranslatorError(f"{path}: not a catalog under {self.locales_dir}") from exc

    # -- persistence ------------------------------------------------------------------------------

    def _load(self) -> dict[str, CatalogRecord]:
        if self._records is None:
            self._records = self._read_index()
        return self._records

    def _read_index(self) -> dict[str, CatalogRecord]:
        if not self.index_path or not self.index_path.is_file():
            return {}
        try:
            with contextlib.closing(self._connect()) as db:
                rows = db.execute(f"SELECT {LOADED} FROM catalogs").fetchall()
        except (sqlite3.Error, OSError, ValueError):
            self._discard()  # unreadable or from another version: start again
            return {}
        return {row[0]: record_from_row(row) for row in rows}

    def _store(self, fresh: list[CatalogRecord], gone: list[str]) -> None:
        known = self._load()
        trusted = self._trusted
        if gone or any(not _same_facts(known.get(record.path), record) for record in fresh):
            self.generation += 1
        for rel in gone:
            known.pop(rel, None)
            trusted.pop(rel, None)
        for record in fresh:
            old = known.get(record.path)
            if _same_facts(old, record):
                old.checked_ns = record.checked_ns  # re-checked, unchanged: callers keep it
                record = old
            known[record.path] = record
            if record.racy:
                trusted.pop(record.path, None)
            else:
                trusted[record.path] = record.identity
        if not (fresh or gone) or not self.index_path:
            return
        try:
            with contextlib.closing(self._connect()) as db, db:
                db.executemany("DELETE FROM catalogs WHERE path = ?", [(rel,) for rel in gone])
                db.executemany(
                    f"INSERT OR REPLACE INTO catalogs ({COLUMNS}) VALUES ({MARKS})",
                    [row_from_record(record) for record in fresh],
                )
        except (sqlite3.Error, OSError):
            self._discard()  # the in-memory records stay right; the file is rebuilt next time

    def _connect(self) -> sqlite3.Connection:
        self.index_path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.index_path, timeout=10)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        version = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if version is None or version[0] != SCHEMA_VERSION:
            with db:
                db.execute("DROP TABLE IF EXISTS catalogs")
                db.execute("DROP TABLE IF EXISTS sources")
                db.execute("DELETE FROM meta WHERE key != 'schema'")
                db.execute(CREATE_CATALOGS)
                db.execute(_CREATE_SOURCES)
                db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
        return db

    def _sources(self) -> dict[str, tuple[tuple[int, int], str | None]]:
        if self._source_records is None:
            self._source_records = {}
            if self.index_path and self.index_path.is_file():
                try:
                    with contextlib.closing(self._connect()) as db:
                        rows = db.execute("SELECT path, size, mtime_ns, keys FROM sources")
                        for path, size, mtime_ns, keys in rows:
                            self._source_records[path] = ((size, mtime_ns), keys)
                except (sqlite3.Error, OSError):
                    pass
        return self._source_records

    def _write_source(self, name: str, ident: tuple[int, int], keys: str | None) -> None:
        if not self.index_path:
            return
        try:
            with contextlib.closing(self._connect()) as db, db:
                db.execute(
                    "INSERT OR REPLACE INTO sources VALUES (?, ?, ?, ?)", (name, *ident, keys)
                )
        except (sqlite3.Error, OSError):
            pass  # kept in memory; computed again by the next process

    def _discard(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                Path(f"{self.index_path}{suffix}").unlink()


def _same_facts(old: CatalogRecord | None, new: CatalogRecord) -> bool:
    """Whether ``new`` (a re-read) says what ``old`` said, apart from when it was checked."""
    return old is not None and dataclasses.replace(old, checked_ns=new.checked_ns) == new


def _frozen(values: set[str] | None) -> frozenset[str] | None:
    return None if values is None else frozenset(values)


def _scan_dir(directory, suffix: str, prefix: str, slugs, found: dict) -> None:
    try:
        entries = os.scandir(directory)
    except (FileNotFoundError, NotADirectoryError):
        return
    with entries:
        for entry in entries:
            name = entry.name
            if not name.endswith(suffix) or name.startswith("."):
                continue
            if slugs is not None and name[: -len(suffix)] not in slugs:
                continue
            try:
                stat = entry.stat()
            except FileNotFoundError:
                continue
            found[prefix + name] = (stat.st_size, stat.st_mtime_ns, stat.st_ino)


_CREATE_SOURCES = (
    "CREATE TABLE sources (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, keys TEXT)"
)


# -- one index per project, shared by the writers and readers of this process --------------------

_OPEN: dict[Path, StatsIndex] = {}
_OPEN_LOCK = threading.Lock()


def open_index(locales_dir: Path, instance_dir: Path | None) -> StatsIndex:
    """The process-wide index of ``locales_dir`` (persisted under ``instance_dir`` if given)."""
    key = Path(locales_dir).resolve()
    with _OPEN_LOCK:
        index = _OPEN.get(key)
        if index is None:
            index_path = Path(instance_dir) / INDEX_NAME if instance_dir else None
            index = _OPEN[key] = StatsIndex(key, index_path)
        return index


def refresh(path: Path, po: polib.POFile | None = None) -> CatalogRecord | None:
    """Tell the index that the catalog at ``path`` was written (call after ``write_catalog``).

    The project is found from the path (``<root>/locales/<lang>/LC_MESSAGES/<slug>.po`` or
    ``<root>/locales/<slug>.pot``); the index is kept in ``<root>/instance/``.
    """
    path = Path(path).resolve()
    locales = path.parent if path.suffix == ".pot" else path.parent.parent.parent
    if locales.name != "locales":
        return None  # not part of a project layout: nothing indexes it
    return open_index(locales, locales.parent / "instance").refresh(path, po)
