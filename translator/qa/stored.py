"""The consistency index kept on disk, so a build reads only the catalogs that changed.

The consistency check compares a sentence's translation with the same sentence's settled
translations in the language's other documents (:class:`~translator.qa.index.TranslationIndex`).
Built in memory, that index costs reading every catalog of the language, which an incremental
build that changed one document cannot afford at a thousand documents. :class:`TranslationStore`
keeps the same pairs in ``instance/cache/translations.sqlite3`` with the identity (size,
modification time) of the catalog each came from: :meth:`~TranslationStore.refresh` reads only
catalogs whose identity moved, and :meth:`~TranslationStore.index_for` hands a check the part of
the index its document needs, equal to what the in-memory index holds for those sentences.

The file is in WAL mode for several processes; one that cannot be opened or written makes
:func:`open_store` return None and callers use the in-memory index.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path

from translator.catalog.raw import read_entries_fast
from translator.errors import TranslatorError
from translator.qa.index import TranslationIndex

STORE_FILE = Path("cache") / "translations.sqlite3"  # under the project's instance/ folder
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS catalogs (lang TEXT, slug TEXT, size INTEGER, mtime_ns INTEGER,"
    " PRIMARY KEY (lang, slug))",
    "CREATE TABLE IF NOT EXISTS pairs (lang TEXT, key TEXT, slug TEXT, text TEXT)",
    "CREATE INDEX IF NOT EXISTS pairs_by_key ON pairs (lang, key)",
    "CREATE INDEX IF NOT EXISTS pairs_by_slug ON pairs (lang, slug)",
)
_SCHEMA_SCRIPT = ";\n".join(_SCHEMA)  # constant DDL, one executescript call
_BATCH = 500
# this process's open stores, least recently used first: a process over many projects (a test
# run) keeps at most MAX_OPEN files open; a store closed while in use only makes that call fall
# back to the in-memory index (its methods catch sqlite3.Error)
MAX_OPEN = 8
_OPEN_ATTEMPTS = 8
_stores: OrderedDict[tuple[str, int], TranslationStore | None] = OrderedDict()
_lock = threading.Lock()


class TranslationStore:
    """Settled translations per language and document, as of each catalog's last version read."""

    def __init__(self, conn: sqlite3.Connection, locales_dir: Path):
        self.conn = conn
        self.locales_dir = locales_dir

    def refresh(self, lang: str) -> bool:
        """Bring ``lang`` up to date with its catalogs; False if the file could not be used."""
        try:
            self._refresh(lang)
        except sqlite3.Error:
            return False
        return True

    def _refresh(self, lang: str) -> None:
        folder = self.locales_dir / lang / "LC_MESSAGES"
        current = {}
        for path in folder.glob("*.po"):
            info = path.stat()
            current[path.stem] = (info.st_size, info.st_mtime_ns)
        rows = self.conn.execute(
            "SELECT slug, size, mtime_ns FROM catalogs WHERE lang = ?", (lang,)
        )
        known = {slug: (size, mtime) for slug, size, mtime in rows}
        changed = sorted(
            slug for slug in current.keys() | known.keys() if current.get(slug) != known.get(slug)
        )
        # parse first, then one short write: other processes wait only for the write
        fresh = {slug: _pairs(lang, slug, folder / f"{slug}.po") for slug in changed}
        with self.conn:
            for slug in changed:
                self.conn.execute("DELETE FROM pairs WHERE lang = ? AND slug = ?", (lang, slug))
                self.conn.execute("DELETE FROM catalogs WHERE lang = ? AND slug = ?", (lang, slug))
                if slug not in current:
                    continue
                self.conn.executemany("INSERT INTO pairs VALUES (?, ?, ?, ?)", fresh[slug])
                identity = (lang, slug, *current[slug])
                self.conn.execute("INSERT INTO catalogs VALUES (?, ?, ?, ?)", identity)

    def index_for(self, lang: str, keys: Iterable[str]) -> TranslationIndex | None:
        """The index restricted to ``keys`` (one document's sentences), in document order;
        None if the file could not be read."""
        try:
            return self._index_for(lang, keys)
        except sqlite3.Error:
            return None

    def _index_for(self, lang: str, keys: Iterable[str]) -> TranslationIndex:
        index = TranslationIndex()
        unique = sorted(set(keys))
        for start in range(0, len(unique), _BATCH):
            chunk = unique[start : start + _BATCH]
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                f"SELECT key, slug, text FROM pairs WHERE lang = ? AND key IN ({marks})"
                " ORDER BY key, slug, rowid",
                (lang, *chunk),
            )
            for key, slug, text in rows:
                index.by_source.setdefault(key, []).append((slug, text))
                index.keys.setdefault(slug, set()).add(key)
        return index


def _pairs(lang: str, slug: str, path: Path) -> list[tuple[str, str, str, str]]:
    """The rows of one catalog: its settled translations, as the in-memory index takes them
    (read in the strict pass alone: :mod:`translator.catalog.raw`, no polib objects)."""
    try:
        entries = list(read_entries_fast(path)) if path.is_file() else []
    except TranslatorError:
        entries = []  # unreadable: no settled translations (the error is reported elsewhere)
    index = TranslationIndex.from_catalogs({slug: entries})
    return [(lang, key, slug, text) for key, pairs in index.by_source.items() for _, text in pairs]


def refresh_language(args: tuple[Path, Path, str]) -> bool:
    """``(instance_dir, locales_dir, lang)``: bring one language of the store up to date (a
    module-level function, so a process pool can refresh the languages side by side)."""
    instance_dir, locales_dir, lang = args
    store = open_store(instance_dir, locales_dir)
    return store is not None and store.refresh(lang)


def open_store(instance_dir: Path, locales_dir: Path) -> TranslationStore | None:
    """This process's store for the project (None when the file cannot be used)."""
    path = Path(instance_dir) / STORE_FILE
    slot = (str(path), os.getpid())
    with _lock:
        if slot not in _stores:
            _stores[slot] = _open(path, locales_dir)
            while len(_stores) > MAX_OPEN:
                (_path, pid), old = _stores.popitem(last=False)
                if old is not None and pid == os.getpid():
                    old.conn.close()
        _stores.move_to_end(slot)
        return _stores[slot]


def _open(path: Path, locales_dir: Path) -> TranslationStore | None:
    # Switching a new file to WAL or creating its tables while another process does the same
    # can fail with "database is locked" without waiting on the busy timeout: try again.
    for attempt in range(_OPEN_ATTEMPTS):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(path), timeout=30, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.executescript(_SCHEMA_SCRIPT)
            return TranslationStore(conn, locales_dir)
        except sqlite3.OperationalError:
            time.sleep(0.05 * (attempt + 1))
        except (OSError, sqlite3.Error):
            return None
    return None
