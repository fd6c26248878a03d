"""An index of catalog statistics keyed by file identity, so the figures for thousands of
catalogs come back in milliseconds and only a changed catalog is parsed again.

Each PO (and POT) file under ``locales/`` has one record: its identity (size, mtime_ns), its
:class:`~translator.progress.stats.CatalogStats`, the header dates staleness needs, and the
number of amended entries (fuzzy, with a ``#| msgid``). Records live in memory and in SQLite at
``instance/stats-index.sqlite3``; a missing, unreadable or outdated index file is rebuilt.

A record is trusted while the file's identity is unchanged, except when the file was modified
within :data:`RACY_NS` of being indexed (a second write in the same clock tick could keep the same
size and mtime): such records are checked again (git's "racily clean" rule). Writers call
:func:`refresh` after saving so the next reader has nothing to do.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import threading
import time
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING

from translator.catalog.raw import read_entries_fast
from translator.catalog.state import pending_amendment
from translator.errors import TranslatorError
from translator.progress.stats import CatalogStats, compute_stats

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    import polib

    from translator.catalog.raw import LightCatalog

INDEX_NAME = "stats-index.sqlite3"
SCHEMA_VERSION = "4"
RACY_NS = 2_000_000_000  # files written this close to indexing are checked again next time
_COUNTS = [f.name for f in fields(CatalogStats) if f.name != "issues"]


@dataclass
class CatalogRecord:
    """What the index knows about one catalog (``language`` is empty for a template)."""

    path: str  # relative to locales/, with forward slashes
    document: str
    language: str
    size: int
    mtime_ns: int
    checked_ns: int = 0
    stats: CatalogStats = field(default_factory=CatalogStats)
    error: str = ""
    pot_date: str = ""  # POT-Creation-Date: when the template this catalog follows was made
    revision_date: str = ""  # PO-Revision-Date
    last_translator: str = ""
    amended: int = 0  # fuzzy entries carrying a previous msgid, no coordinator decision yet
    keys: str = ""  # fingerprint of the active msgids, to compare with the template's

    @property
    def identity(self) -> tuple[int, int]:
        return self.size, self.mtime_ns

    @property
    def racy(self) -> bool:
        """Modified so close to being indexed that an equal identity proves nothing."""
        return self.checked_ns - self.mtime_ns < RACY_NS


def fingerprint(keys: Iterable[str]) -> str:
    """A short hash of an ordered list of msgids (a catalog's, a template's or a source's)."""
    digest = hashlib.sha1()
    for key in keys:
        digest.update(key.encode("utf-8") + b"\0")
    return digest.hexdigest()[:16]


def summarize(po: polib.POFile | LightCatalog) -> dict:
    """The per-catalog facts the index keeps besides the counts."""
    live = [entry for entry in po if not entry.obsolete and entry.msgid]
    amended = sum(pending_amendment(entry) for entry in live)
    meta = po.metadata
    return {
        "pot_date": meta.get("POT-Creation-Date", ""),
        "revision_date": meta.get("PO-Revision-Date", ""),
        "last_translator": meta.get("Last-Translator", ""),
        "amended": amended,
        "keys": fingerprint(entry.msgid_with_context for entry in live),
    }


class StatsIndex:
    """Catalog figures for one ``locales/`` directory, persisted in ``index_path``."""

    def __init__(self, locales_dir: Path, index_path: Path | None):
        self.locales_dir = Path(locales_dir)
        self.index_path = Path(index_path) if index_path else None
        self.parsed = 0  # catalogs parsed by this object (benchmarks and tests read it)
        self.generation = 0  # goes up whenever a record changes (callers cache on it)
        self._last: tuple | None = None  # the last answer of records(), while still right
        self._records: dict[str, CatalogRecord] | None = None
        self._source_records: dict[str, tuple[tuple[int, int], str | None]] | None = None
        self._lock = threading.RLock()

    # -- reading ----------------------------------------------------------------------------------

    def records(
        self, slugs: Iterable[str] | None = None, langs: Iterable[str] | None = None
    ) -> dict[tuple[str, str], CatalogRecord]:
        """Up-to-date records by (document, language) for every catalog on disk (or those asked).

        The answer is shared with later calls while nothing changes: do not modify it.
        """
        wanted_langs = set(langs) if langs is not None else None
        wanted_slugs = set(slugs) if slugs is not None else None
        with self._lock:
            known = self._load()
            found = self._scan(wanted_slugs, wanted_langs)
            changed = [rel for rel, ident in found.items() if self._outdated(known.get(rel), ident)]
            fresh = [self._parse(rel, found[rel]) for rel in changed]
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
            ident = (stat.st_size, stat.st_mtime_ns)
            record = self._parse(rel, ident, po)
            self._store([record], [])
            return record

    def rebuild(self) -> int:
        """Forget everything and index every catalog again; returns how many were parsed."""
        with self._lock:
            self._records, self._source_records, self._last = {}, {}, None
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

    def _scan(self, slugs: set[str] | None, langs: set[str] | None) -> dict[str, tuple[int, int]]:
        """Identity of every catalog file (relative path -> (size, mtime_ns))."""
        found: dict[str, tuple[int, int]] = {}
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

    def _outdated(self, record: CatalogRecord | None, ident: tuple[int, int]) -> bool:
        return record is None or record.identity != ident or record.racy

    def _vanished(self, known, found, slugs, langs) -> list[str]:
        """Indexed catalogs inside the scanned area whose file is gone."""
        return [
            rel
            for rel, rec in known.items()
            if rel not in found
            and (slugs is None or rec.document in slugs)
            and (langs is None or rec.language in langs)
        ]

    def _parse(
        self, rel: str, ident: tuple[int, int], po: polib.POFile | None = None
    ) -> CatalogRecord:
        """A fresh record for one file: its counts, or its error when it cannot be read."""
        language, _, name = rel.rpartition("/")
        document = name.rsplit(".", 1)[0]
        record = CatalogRecord(
            path=rel,
            document=document,
            language=language.split("/", 1)[0] if language else "",
            size=ident[0],
            mtime_ns=ident[1],
            checked_ns=time.time_ns(),
        )
        try:
            po = po if po is not None else read_entries_fast(self.locales_dir / rel)
        except TranslatorError as exc:
            record.error = str(exc)
        else:
            record.stats = compute_stats(po)
            for key, value in summarize(po).items():
                setattr(record, key, value)
        self.parsed += 1
        return record

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
                rows = db.execute(f"SELECT {_COLUMNS} FROM catalogs").fetchall()
        except (sqlite3.Error, OSError, ValueError):
            self._discard()  # unreadable or from another version: start again
            return {}
        return {row[0]: _record_from_row(row) for row in rows}

    def _store(self, fresh: list[CatalogRecord], gone: list[str]) -> None:
        known = self._load()
        if fresh or gone:
            self.generation += 1
        for rel in gone:
            known.pop(rel, None)
        for record in fresh:
            known[record.path] = record
        if not (fresh or gone) or not self.index_path:
            return
        try:
            with contextlib.closing(self._connect()) as db, db:
                db.executemany("DELETE FROM catalogs WHERE path = ?", [(rel,) for rel in gone])
                db.executemany(
                    f"INSERT OR REPLACE INTO catalogs ({_COLUMNS}) VALUES ({_MARKS})",
                    [_row_from_record(record) for record in fresh],
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
                db.execute(_CREATE)
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
            found[prefix + name] = (stat.st_size, stat.st_mtime_ns)


_FIELDS = [
    "path", "document", "language", "size", "mtime_ns", "checked_ns", "error", "pot_date",
    "revision_date", "last_translator", "amended", "keys",
]  # fmt: skip
_COLUMNS = ", ".join([*_FIELDS, *_COUNTS, "issues"])
_MARKS = ", ".join("?" * (len(_FIELDS) + len(_COUNTS) + 1))
_CREATE = (
    "CREATE TABLE catalogs (path TEXT PRIMARY KEY, document TEXT, language TEXT, size INTEGER, "
    "mtime_ns INTEGER, checked_ns INTEGER, error TEXT, pot_date TEXT, revision_date TEXT, "
    "last_translator TEXT, amended INTEGER, keys TEXT, "
    + ", ".join(f"{name} INTEGER" for name in _COUNTS)
    + ", issues TEXT)"
)


_CREATE_SOURCES = (
    "CREATE TABLE sources (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, keys TEXT)"
)


def _row_from_record(record: CatalogRecord) -> tuple:
    counts = [getattr(record.stats, name) for name in _COUNTS]
    issues = json.dumps(record.stats.issues) if record.stats.issues else ""
    return (*[getattr(record, name) for name in _FIELDS], *counts, issues)


def _record_from_row(row: tuple) -> CatalogRecord:
    split = len(_FIELDS)
    stats = CatalogStats(*row[split : split + len(_COUNTS)])
    if row[-1]:
        stats.issues = json.loads(row[-1])
    return CatalogRecord(**dict(zip(_FIELDS, row[:split], strict=True)), stats=stats)


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
