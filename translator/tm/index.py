"""The translation memory of one language as an index: SQLite at ``instance/tm/<lang>.sqlite3``.

It holds every reusable translation of the language (:func:`~.memory.reusable_entries` of each
catalog, and the units of imported TMX files) with its document, context, state, author and
date where known, and origin. It is filled once from the catalogs, then kept current three ways:

- every catalog this process writes is patched in, entry by entry (:func:`patch_written`, which
  :func:`~translator.catalog.io.write_catalog` calls under the catalog's lock);
- :meth:`MemoryIndex.sync` compares each catalog's file identity (inode, size, mtime_ns: one
  stat each) with the indexed one, and reads again only the catalogs that changed behind our
  back (git, an editor) or appeared, dropping those that went;
- :meth:`MemoryIndex.import_units` adds a TMX file's units under its name (again: replaced).

The database is in WAL mode with a busy timeout, so web workers, a pre-fill run and the CLI use
it at once; each change is one transaction, and re-reading stale catalogs is done by one process
at a time (a lock file beside the database). A ``read_only`` index (a dry run) works on an
in-memory copy and never writes a file. Lookups are in :mod:`~translator.tm.search`.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sqlite3
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from filelock import FileLock

from translator.catalog.io import Identity, file_identity, on_catalog_written, read_catalog
from translator.catalog.state import comment_fields, is_approved
from translator.errors import TranslatorError
from translator.tm.memory import fold, reusable_entries

if TYPE_CHECKING:
    from collections.abc import Iterable

    import polib

SCHEMA_VERSION = "1"
BUSY_TIMEOUT_MS = 30_000
MAX_OPEN = 64  # indexes a process keeps open (languages x projects)
SYNC_BATCH = 50  # catalogs read again per write transaction
KEEP_CHANGES = 20_000  # change-log rows kept for processes catching up (older: full reload)
CATALOG, TMX = 0, 1  # units.kind
COLUMNS = (
    "kind, origin, document, position, context, source, folded, target, state, author, created"
)
SCHEMA = [
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE catalogs(document TEXT PRIMARY KEY, inode INTEGER, size INTEGER,
        mtime_ns INTEGER, error TEXT NOT NULL DEFAULT '')""",
    "CREATE TABLE imports(name TEXT PRIMARY KEY, tool TEXT NOT NULL, units INTEGER NOT NULL)",
    """CREATE TABLE units(id INTEGER PRIMARY KEY, kind INTEGER NOT NULL, origin TEXT NOT NULL,
        document TEXT NOT NULL, position INTEGER NOT NULL, context TEXT NOT NULL,
        source TEXT NOT NULL, folded TEXT NOT NULL, target TEXT NOT NULL, state TEXT NOT NULL,
        author TEXT NOT NULL, created TEXT NOT NULL)""",
    "CREATE INDEX units_source ON units(source)",
    "CREATE INDEX units_folded ON units(folded)",
    "CREATE INDEX units_place ON units(kind, origin, document, position)",
    # every source text added or removed, so each process updates its keys (search.FoldKeys)
    "CREATE TABLE changes(seq INTEGER PRIMARY KEY AUTOINCREMENT, folded TEXT NOT NULL)",
    """CREATE TRIGGER units_added AFTER INSERT ON units
        BEGIN INSERT INTO changes(folded) VALUES (new.folded); END""",
    """CREATE TRIGGER units_removed AFTER DELETE ON units
        BEGIN INSERT INTO changes(folded) VALUES (old.folded); END""",
]
# (re)made in one transaction: an index of another version is dropped and filled again
SCHEMA_SCRIPT = ";\n".join(
    [
        "BEGIN IMMEDIATE",
        *(f"DROP TABLE IF EXISTS {name}" for name in ("meta", "catalogs", "imports", "units")),
        "DROP TABLE IF EXISTS changes",
        *SCHEMA,
        f"INSERT INTO meta VALUES ('schema', '{SCHEMA_VERSION}')",
        "COMMIT;",
    ]
)
UNIT_MARKS = ",".join("?" * len(COLUMNS.split(",")))  # one placeholder per column
Row = tuple  # the COLUMNS of one unit, in order


class ImportedUnit(Protocol):
    """What :meth:`MemoryIndex.import_units` reads of a unit (``exchange.tmx.MemoryUnit``)."""

    source: str
    target: str
    creator: str
    created: str
    document: str


def catalog_rows(po: Iterable[polib.POEntry], slug: str) -> list[Row]:
    """The index rows of a catalog: its reusable entries, approved ones with who and when."""
    rows = []
    for position, entry in reusable_entries(po):
        author = created = ""
        state = "translated"
        if is_approved(entry):
            state = "approved"
            author, created, *_ = comment_fields(entry)["approved"].split()
        rows.append(
            (CATALOG, "", slug, position, entry.msgctxt or "", entry.msgid, fold(entry.msgid))
            + (entry.msgstr, state, author, created)
        )
    return rows


class MemoryIndex:
    """The index of one language: open, synchronised with ``locales/``, patched, imported into.

    :param instance_dir: where ``tm/<lang>.sqlite3`` lives; None keeps the index in memory.
    :param read_only: work on an in-memory copy of the file, never writing it (a dry run).
    """

    def __init__(
        self, locales_dir: Path, instance_dir: Path | None, lang: str, *, read_only: bool = False
    ):
        self.locales_dir, self.lang = locales_dir, lang
        self.path = instance_dir / "tm" / f"{lang}.sqlite3" if instance_dir else None
        self.read_only = read_only or self.path is None
        self.reread = 0  # catalogs parsed by the last sync
        self.parsed = 0  # catalogs parsed since the index was opened
        self.pid = os.getpid()
        self.lock = threading.RLock()  # one connection, shared by the process's threads
        self.conn = self._copy() if self.read_only else self._open()
        self.file = self._file_id()

    def _file_id(self) -> tuple[int, int] | None:
        try:
            info = os.stat(self.path) if self.path is not None and not self.read_only else None
        except FileNotFoundError:
            return None
        return (info.st_dev, info.st_ino) if info else None

    def moved(self) -> bool:
        """The file was deleted or replaced since it was opened (reopen it)."""
        return not self.read_only and self._file_id() != self.file

    # -- connecting ---------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            return self._prepare(self._connect(str(self.path)))
        except sqlite3.DatabaseError:  # not a database: derived data, so start again
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(f"{self.path}{suffix}")
            return self._prepare(self._connect(str(self.path)))

    def _copy(self) -> sqlite3.Connection:
        """An in-memory copy of the file as last checkpointed (immutable: no -wal, no -shm)."""
        conn = self._connect(":memory:")
        if self.path is not None and self.path.is_file():
            try:
                source = sqlite3.connect(f"{self.path.absolute().as_uri()}?immutable=1", uri=True)
                try:
                    source.backup(conn)
                finally:
                    source.close()
                return self._prepare(conn)
            except sqlite3.DatabaseError:
                conn = self._connect(":memory:")  # unreadable: rebuilt from the catalogs
        return self._prepare(conn)

    @staticmethod
    def _connect(target: str) -> sqlite3.Connection:
        conn = sqlite3.connect(target, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        conn.isolation_level = None  # transactions are explicit (BEGIN IMMEDIATE)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        return conn

    def _prepare(self, conn: sqlite3.Connection) -> sqlite3.Connection:
        if not self.read_only:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")  # derived data: rebuilt if ever lost
        if _schema(conn) == SCHEMA_VERSION:
            return conn
        with self._sync_lock():  # one process makes the schema; the others find it made
            if _schema(conn) != SCHEMA_VERSION:
                conn.executescript(SCHEMA_SCRIPT)
        return conn

    @contextlib.contextmanager
    def transaction(self):
        """One write transaction (other processes wait up to the busy timeout)."""
        with self.lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def query(self, sql: str, params: Iterable = ()) -> list[tuple]:
        with self.lock:
            return self.conn.execute(sql, tuple(params)).fetchall()

    def close(self) -> None:
        with self.lock:
            self.conn.close()

    # -- keeping up with the catalogs ---------------------------------------------------------

    def catalog_files(self) -> dict[str, tuple[str, Identity]]:
        """Each catalog of the language now: slug -> (path, identity); one stat per file."""
        found = {}
        try:
            entries = os.scandir(self.locales_dir / self.lang / "LC_MESSAGES")
        except FileNotFoundError:
            return found
        with entries:
            for entry in entries:
                if entry.name.endswith(".po") and not entry.name.startswith("."):
                    try:
                        info = entry.stat()
                    except FileNotFoundError:
                        continue
                    identity = (info.st_ino, info.st_size, info.st_mtime_ns)
                    found[entry.name[:-3]] = (entry.path, identity)  # no Path: 1,000s of them
        return found

    def known(self) -> dict[str, Identity]:
        """Each indexed catalog's identity as it was when indexed."""
        rows = self.query("SELECT document, inode, size, mtime_ns FROM catalogs")
        return {document: (inode, size, mtime) for document, inode, size, mtime in rows}

    @property
    def errors(self) -> list[str]:
        """Catalogs that could not be read, each left out until it changes again."""
        rows = self.query("SELECT error FROM catalogs WHERE error != '' ORDER BY document")
        return [f"{error} (left out of the translation memory)" for (error,) in rows]

    def sync(self) -> int:
        """Re-read the catalogs whose identity changed, drop the gone ones; returns how many."""
        self.reread = 0
        current = self.catalog_files()
        known = self.known()
        stale = sorted(slug for slug, (_p, seen) in current.items() if known.get(slug) != seen)
        if not stale and set(known) <= set(current):
            return 0
        with self._sync_lock():
            known = self.known()  # another process may have done it meanwhile
            for slug in set(known) - set(current):
                with self.transaction() as conn:
                    self._replace(conn, slug, [])
                    conn.execute("DELETE FROM catalogs WHERE document = ?", (slug,))
            stale = [slug for slug in stale if known.get(slug) != current[slug][1]]
            for start in range(0, len(stale), SYNC_BATCH):  # parsed first, then one transaction
                read = [
                    self._read(slug, Path(current[slug][0])) for slug in stale[start:][:SYNC_BATCH]
                ]
                self._store([found for found in read if found is not None])
            self._prune()
        return self.reread

    def _sync_lock(self):
        if self.read_only:
            return contextlib.nullcontext()
        return FileLock(self.path.with_suffix(".sync.lock"), timeout=BUSY_TIMEOUT_MS / 1000)

    def _read(self, slug: str, path: Path) -> tuple | None:
        """(slug, rows, identity, error) of a catalog on disk; None if it is gone."""
        identity = file_identity(path)  # taken before reading: a later change shows as stale
        if identity is None:
            return None
        error, rows = "", []
        try:
            rows = catalog_rows(read_catalog(path), slug)
        except TranslatorError as exc:
            error = str(exc)
        self.reread += 1
        self.parsed += 1
        return slug, rows, identity, error

    def patch(self, slug: str, po: polib.POFile, path: Path) -> None:
        """Take in a catalog as just written to ``path`` (only the entries that differ change)."""
        identity = file_identity(path)
        if identity is not None:
            self._store([(slug, catalog_rows(po, slug), identity, "")])

    def _store(self, catalogs: list[tuple]) -> None:
        """Each (slug, rows, identity, error) in one transaction."""
        with self.transaction() as conn:
            for slug, rows, identity, error in catalogs:
                self._replace(conn, slug, rows)
                conn.execute(
                    "INSERT OR REPLACE INTO catalogs VALUES (?, ?, ?, ?, ?)",
                    (slug, *identity, error),
                )

    @staticmethod
    def _replace(conn: sqlite3.Connection, slug: str, rows: list[Row]) -> None:
        """Make the document's rows ``rows``: delete those that went, insert those that came."""
        old = {
            tuple(row[1:]): row[0]
            for row in conn.execute(
                f"SELECT id, {COLUMNS} FROM units WHERE kind = ? AND origin = '' AND document = ?",
                (CATALOG, slug),
            )
        }
        wanted = set(rows)
        conn.executemany(
            "DELETE FROM units WHERE id = ?", [(i,) for row, i in old.items() if row not in wanted]
        )
        conn.executemany(
            f"INSERT INTO units({COLUMNS}) VALUES ({UNIT_MARKS})", [r for r in rows if r not in old]
        )

    def _prune(self) -> None:
        if not self.read_only:
            with self.transaction() as conn:
                conn.execute(
                    "DELETE FROM changes WHERE seq <= (SELECT max(seq) FROM changes) - ?",
                    (KEEP_CHANGES,),
                )

    # -- imported memories --------------------------------------------------------------------

    def import_units(self, name: str, tool: str, units: Iterable[ImportedUnit]) -> int:
        """Add the units of the memory file ``name`` (replacing an earlier import of it)."""
        rows = [
            (TMX, name, unit.document, position, "", unit.source, fold(unit.source))
            + (unit.target, "translated", unit.creator, unit.created)
            for position, unit in enumerate(units)
            if unit.source.strip() and unit.target.strip()
        ]
        with self.transaction() as conn:
            conn.execute("DELETE FROM units WHERE kind = ? AND origin = ?", (TMX, name))
            conn.executemany(f"INSERT INTO units({COLUMNS}) VALUES ({UNIT_MARKS})", rows)
            conn.execute("INSERT OR REPLACE INTO imports VALUES (?, ?, ?)", (name, tool, len(rows)))
        self._prune()
        return len(rows)

    def imports(self) -> list[tuple[str, str, int]]:
        """The memory files imported: (name, tool, units)."""
        return self.query("SELECT name, tool, units FROM imports ORDER BY name")


def _schema(conn: sqlite3.Connection) -> str:
    """The schema version of an open database ("" when it has none)."""
    found = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'")
    if found.fetchone() is None:
        return ""
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    return row[0] if row else ""


def patch_written(po: polib.POFile, path: Path) -> None:
    """Patch a written catalog (``locales/<lang>/LC_MESSAGES/<slug>.po``) into its language's
    index, when that index exists (a missing one is built by the next lookup). Never raises:
    an index that cannot be patched re-reads the catalog on the next lookup instead."""
    path = path.absolute()
    if path.suffix != ".po" or path.parent.name != "LC_MESSAGES" or len(path.parents) < 4:
        return
    locales, lang = path.parents[2], path.parents[1].name
    instance = locales.parent / "instance"
    if locales.name != "locales" or not (instance / "tm" / f"{lang}.sqlite3").is_file():
        return
    with contextlib.suppress(sqlite3.Error, OSError, TranslatorError):
        open_index(locales, instance, lang).patch(path.stem, po, path)


_open: dict[tuple, MemoryIndex] = {}
_open_lock = threading.Lock()


def open_index(
    locales_dir: Path, instance_dir: Path | None, lang: str, *, read_only: bool = False
) -> MemoryIndex:
    """This process's index of ``lang`` (one connection per file, reopened after a fork).

    A read-only index is a fresh copy each time: a dry run sees the index as it is now.
    """
    if read_only or instance_dir is None:
        return MemoryIndex(locales_dir, instance_dir, lang, read_only=True)
    key = (str(Path(instance_dir).absolute()), lang)
    with _open_lock:
        index = _open.pop(key, None)
        if index is not None and index.pid != os.getpid():
            index = None  # the parent's connection, inherited by a fork: never use or close it
        elif index is not None and index.moved():
            with contextlib.suppress(sqlite3.Error):
                index.close()
            index = None
        if index is None:
            try:
                index = MemoryIndex(Path(locales_dir), Path(instance_dir), lang)
            except (sqlite3.Error, OSError):  # an unwritable instance/ costs speed only
                return MemoryIndex(locales_dir, instance_dir, lang, read_only=True)
        _open[key] = index  # most recently used last
        while len(_open) > MAX_OPEN:
            oldest = _open.pop(next(iter(_open)))
            if oldest.pid == os.getpid():
                with contextlib.suppress(sqlite3.Error):
                    oldest.close()
        return index


def close_indexes() -> None:
    """Close every index this process opened (at exit, so SQLite checkpoints its WAL)."""
    with _open_lock:
        for index in _open.values():
            if index.pid == os.getpid():
                with contextlib.suppress(sqlite3.Error):
                    index.close()
        _open.clear()


atexit.register(close_indexes)


on_catalog_written(patch_written)
