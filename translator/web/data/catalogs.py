"""Catalogs and source documents for the web app: parsed once, cached by file identity (a
bounded LRU per process), and saved by read-modify-write under the catalog's lock with
optimistic concurrency.

A cached catalog is shared by every request and never modified in place: a save reads the file
again under :func:`~translator.catalog.lock.catalog_lock`, checks that each entry it changes is
still at the version the client saw (else :class:`Conflict`, carrying the current text), applies
the change, writes atomically with :func:`~translator.catalog.io.write_catalog` and puts the
written catalog in the cache. A file changed by anyone else (another worker process, the CLI,
Poedit, git) has a new identity (inode, size, mtime) and is parsed again on the next request;
a file that fails to parse is cached as broken with its error (file and line) so other pages
keep working. A save that cannot lock, read or write the file (disk full, read-only, busy)
raises :class:`StorageError` and leaves the file as it was; temp files of writes a killed
process left behind are removed under the lock.
One :class:`Store` serves the app; a :class:`Workspace` is one document in one language as a
request opened it; :class:`Refused` is a change the person may not make.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import polib

from translator.catalog import catalog_lock, read_catalog, write_catalog
from translator.catalog.io import Identity, file_identity, remove_temp_files
from translator.catalog.state import entry_state
from translator.catalog.template import mark_revised
from translator.errors import CatalogError, TranslatorError
from translator.segment import read_document
from translator.web.data.lru import LRUCache

if TYPE_CHECKING:
    from translator.model import Document, EntryState
    from translator.project import Project

MAX_CATALOGS = 2000  # parsed catalogs kept per process (about 60 KB each at 50 entries)
MAX_DOCUMENTS = 1000  # parsed source documents kept per process
RACY_NS = 2_000_000_000  # a folder changed this recently may change again in the same tick


def entry_key(entry: polib.POEntry) -> str:
    """A short stable id for an entry, used in URLs (its msgctxt and msgid hashed)."""
    return hashlib.sha1(entry.msgid_with_context.encode("utf-8")).hexdigest()[:16]


def entry_version(entry: polib.POEntry) -> str:
    """Fingerprint of what a person can change: translation, state flags, translator comment.

    Role flags, positions and occurrences are left out: ``translator update`` rewrites them
    without touching the translation, and that must not look like a conflicting edit.
    """
    flags = ",".join(sorted(flag for flag in entry.flags if not flag.startswith("role-")))
    plural = "\x1f".join(entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural))
    data = "\0".join((entry.msgstr, plural, flags, entry.tcomment or ""))
    return hashlib.sha1(data.encode("utf-8")).hexdigest()[:16]


def plural_display(entry: polib.POEntry) -> str:
    """A plural entry's forms as one line for the log and conflicts: ``form | form``."""
    return " | ".join(entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural))


@dataclass(frozen=True)
class Snapshot:
    """An entry's changeable parts at one moment (for conflicts, the audit log and undo)."""

    key: str
    msgid: str
    msgstr: str
    state: str
    version: str
    tcomment: str
    fuzzy: bool

    @classmethod
    def of(cls, entry: polib.POEntry) -> Snapshot:
        return cls(
            key=entry_key(entry),
            msgid=entry.msgid,
            msgstr=entry.msgstr if not entry.msgid_plural else plural_display(entry),
            state=str(entry_state(entry)),
            version=entry_version(entry),
            tcomment=entry.tcomment or "",
            fuzzy="fuzzy" in entry.flags,
        )


class Conflict(TranslatorError):
    """Someone saved the entry since the client loaded it; carries the entry as it is now."""

    def __init__(self, current: Snapshot):
        super().__init__(f"{current.msgid!r} was changed by someone else")
        self.current = current


class EntryGone(TranslatorError):
    """The entry is no longer in the catalog (the source changed and `update` ran)."""


class StorageError(TranslatorError):
    """The catalog could not be locked, read or written (disk full, read-only, busy, broken).

    The message is for the translator: which catalog, the reason, and that nothing changed.
    ``status`` is the HTTP answer: 503 when the disk or the lock failed, 409 when the file on
    disk cannot be parsed any more.
    """

    def __init__(self, message: str, status: int = 503):
        super().__init__(message)
        self.status = status


class Refused(TranslatorError):
    """A change this person may not make, or one that makes no sense here.

    ``code`` is the HTTP answer (400, 403, 404) and ``description`` the message: the app
    answers it exactly as ``abort(code, description)``, as JSON for the API, a page otherwise.
    """

    def __init__(self, code: int, message: str):
        super().__init__(message)
        self.code = code
        self.description = message


def storage_error(root: Path, lang: str, slug: str, exc: Exception) -> StorageError:
    """Say what went wrong in the translator's terms, with project-relative paths only."""
    cause = exc if isinstance(exc, OSError) else exc.__cause__
    if isinstance(cause, OSError) and cause.errno is not None:
        reason = cause.strerror or str(cause)
        if str(cause.filename or "").endswith(".lock"):
            reason = f"its lock file: {reason}"
    else:
        reason = str(exc).replace(str(root) + os.sep, "").replace(str(root), "")
    broken = isinstance(exc, CatalogError) and "invalid PO file" in reason
    message = (
        f"The {lang} catalog of {slug} could not be saved ({reason}). "
        "Nothing was saved; the catalog is as it was. Try again later, "
        "or tell a coordinator if this goes on."
    )
    return StorageError(message, status=409 if broken else 503)


@dataclass
class CatalogView:
    """One parsed catalog, read-only for requests, with its live entries indexed by key."""

    lang: str
    slug: str
    path: Path
    identity: Identity | None
    po: polib.POFile
    entries: list[polib.POEntry] = field(default_factory=list)
    by_key: dict[str, int] = field(default_factory=dict)
    keys: list[str] = field(default_factory=list)
    states: list[EntryState] = field(default_factory=list)
    _memo: dict = field(default_factory=dict)
    _memo_lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self):
        self.entries = [entry for entry in self.po if not entry.obsolete and entry.msgid]
        self.keys = [entry_key(entry) for entry in self.entries]
        self.by_key = {key: number for number, key in enumerate(self.keys)}
        self.states = [entry_state(entry) for entry in self.entries]

    def entry(self, key: str) -> polib.POEntry | None:
        number = self.by_key.get(key)
        return None if number is None else self.entries[number]

    def memo(self, name: str, compute: Callable[[], object]):
        """Derived data (checks, stats) computed once per version of the file."""
        with self._memo_lock:
            if name not in self._memo:
                self._memo[name] = compute()
            return self._memo[name]


@dataclass
class DocumentView:
    """A parsed source document with lookups the editor needs."""

    doc: Document
    identity: Identity | None
    by_text: dict[str, list[int]] = field(default_factory=dict)  # msgid -> segment indexes
    blocks: dict[int, list[int]] = field(default_factory=dict)  # block -> segment indexes

    def __post_init__(self):
        for index, segment in enumerate(self.doc.segments):
            self.by_text.setdefault(segment.text, []).append(index)
            self.blocks.setdefault(segment.block, []).append(index)


@dataclass
class Change:
    """One entry before and after a save."""

    before: Snapshot
    after: Snapshot


class Store:
    """Cache and save path for one project's catalogs and documents (one per app)."""

    def __init__(
        self, project: Project, max_catalogs: int = MAX_CATALOGS, max_documents: int = MAX_DOCUMENTS
    ):
        self.project = project
        self._lock = threading.Lock()  # the counters
        self._catalogs: LRUCache[Path, tuple[Identity | None, CatalogView | CatalogError]]
        self._catalogs = LRUCache(max_catalogs)
        self._documents: LRUCache[Path, tuple[Identity | None, DocumentView | TranslatorError]]
        self._documents = LRUCache(max_documents)
        self._listings: dict[str, tuple[Identity | None, list[str]]] = {}
        self.parses = 0  # catalogs parsed for reading (tests check the cache works)
        # memo name -> hook(old value, new view, changed keys) -> new value, so derived data
        # (checks) is updated for the entries a save changed instead of recomputed for all
        self.carriers: dict[str, Callable[[object, CatalogView, list[str]], object]] = {}
        # watcher(lang, slug, catalog before the change) -> None or a function called with the
        # written catalog (under the lock): what must notice a save (webhooks) hooks in here
        self.watchers: list[Callable[[str, str, polib.POFile], Callable | None]] = []

    # -- what exists (URLs are checked against these, never turned into paths directly) --

    def languages(self) -> list[str]:
        return self._listing("languages", self.project.settings.locales_dir)

    def slugs(self) -> list[str]:
        return self._listing("slugs", self.project.settings.source_dir)

    def _listing(self, name: str, folder: Path) -> list[str]:
        """A directory listing, again only when the folder changed (an entry added or removed
        changes its mtime): pages ask for the documents several times per request. A folder
        changed in the last two seconds is listed again every time (timestamps are coarse)."""
        stamp = file_identity(folder)
        cached = self._listings.get(name)
        racy = stamp is None or time.time_ns() - stamp[2] < RACY_NS
        if cached is None or cached[0] != stamp or racy:
            cached = (stamp, getattr(self.project, name)())
            self._listings[name] = cached
        return list(cached[1])

    def has_catalog(self, lang: str, slug: str) -> bool:
        return self.project.catalog_path(lang, slug).is_file()

    # -- reading ------------------------------------------------------------------------------

    def catalog(self, lang: str, slug: str) -> CatalogView:
        """The catalog as it is on disk now; raises CatalogError when it cannot be parsed."""
        path = self.project.catalog_path(lang, slug)
        identity = file_identity(path)
        cached = self._catalogs.get(path)
        if cached is None or cached[0] != identity:
            cached = (identity, self._parse(lang, slug, path))
            self._catalogs.put(path, cached)
        if isinstance(cached[1], CatalogError):
            raise cached[1]
        return cached[1]

    def _parse(self, lang: str, slug: str, path: Path) -> CatalogView | CatalogError:
        with self._lock:
            self.parses += 1
        try:
            identity = file_identity(path)
            po = read_catalog(path)
        except CatalogError as exc:
            return CatalogError(str(exc).replace(str(self.project.root) + os.sep, ""))
        return CatalogView(lang, slug, path, identity, po)

    def document(self, slug: str) -> DocumentView:
        """The parsed source document; raises SourceError when it cannot be read."""
        path = self.project.settings.source_dir / f"{slug}.md"
        identity = file_identity(path)
        cached = self._documents.get(path)
        if cached is None or cached[0] != identity:
            try:
                value: DocumentView | TranslatorError = DocumentView(
                    read_document(path, self.project.root), identity
                )
            except TranslatorError as exc:
                value = exc
            cached = (identity, value)
            self._documents.put(path, cached)
        if isinstance(cached[1], TranslatorError):
            raise cached[1]
        return cached[1]

    # -- writing ------------------------------------------------------------------------------

    def modify(
        self,
        lang: str,
        slug: str,
        versions: dict[str, str],
        change: Callable[[polib.POFile, dict[str, polib.POEntry]], None],
        after_write: Callable[[list[Change]], None] | None = None,
    ) -> tuple[CatalogView, list[Change]]:
        """Read-modify-write one catalog under its lock.

        :param versions: key -> the version the client last saw, for every entry it changes.
        :param change: mutates the fresh catalog; receives it and the entries by key.
        :param after_write: runs inside the lock once the file is written (the audit log).
        :raises Conflict: an entry's version differs from the one the client saw.
        :raises EntryGone: an entry is no longer in the catalog.
        :raises StorageError: the lock, the read or the write failed; the file is unchanged.
        """
        path = self.project.catalog_path(lang, slug)
        try:
            return self._modify(lang, slug, path, versions, change, after_write)
        except (CatalogError, OSError) as exc:
            raise storage_error(self.project.root, lang, slug, exc) from exc

    def _modify(
        self,
        lang: str,
        slug: str,
        path: Path,
        versions: dict[str, str],
        change: Callable[[polib.POFile, dict[str, polib.POEntry]], None],
        after_write: Callable[[list[Change]], None] | None,
    ) -> tuple[CatalogView, list[Change]]:
        with catalog_lock(path):
            remove_temp_files(path)  # left by a process killed mid-write
            previous = self._cached_view(path, file_identity(path))
            po = read_catalog(path)
            live = {entry_key(e): e for e in po if not e.obsolete and e.msgid}
            entries = {}
            for key, version in versions.items():
                entry = live.get(key)
                if entry is None:
                    raise EntryGone(f"{slug} [{lang}]: the sentence is no longer in the catalog")
                if entry_version(entry) != version:
                    raise Conflict(Snapshot.of(entry))
                entries[key] = entry
            before = {key: Snapshot.of(entry) for key, entry in entries.items()}
            noticed = [watch(lang, slug, po) for watch in self.watchers]
            change(po, entries)
            changes = [Change(before[key], Snapshot.of(entry)) for key, entry in entries.items()]
            written = any(c.before.version != c.after.version for c in changes)
            if written:
                mark_revised(po)  # staleness checks compare this with the template's date
                write_catalog(po, path)
            view = CatalogView(lang, slug, path, file_identity(path), po)
            changed = [c.after.key for c in changes if c.before.version != c.after.version]
            self._carry(previous, view, changed)
            self._catalogs.put(path, (view.identity, view))
            if after_write is not None:
                after_write(changes)
            for then in noticed if written else ():
                if then is not None:
                    then(po)
        _refresh_stats_index(path, po)
        return view, changes

    def _cached_view(self, path: Path, identity: Identity | None) -> CatalogView | None:
        cached = self._catalogs.get(path)
        if cached is None or cached[0] != identity or not isinstance(cached[1], CatalogView):
            return None
        return cached[1]

    def _carry(self, previous: CatalogView | None, view: CatalogView, changed: list[str]):
        """Update memoized data of the version a save started from, when it was cached."""
        if previous is None:
            return
        with previous._memo_lock:
            memo = dict(previous._memo)
        for name, value in memo.items():
            carrier = self.carriers.get(name)
            if carrier is None:
                continue
            try:
                view._memo[name] = carrier(value, view, changed)
            except (TranslatorError, OSError, ValueError, KeyError):
                continue  # computed afresh on next use

    @property
    def evictions(self) -> int:
        """Catalogs the bounded cache forgot to make room (parsed again when used)."""
        return self._catalogs.evictions

    def forget(self) -> None:
        """Drop every cached catalog, document and listing."""
        self._listings.clear()
        self._catalogs.clear()
        self._documents.clear()


@dataclass
class Workspace:
    """One document in one language, as far as it could be read (see ``access.open_workspace``)."""

    slug: str
    lang: str
    store: Store
    view: CatalogView | None = None
    error: str = ""  # the catalog's parse error (file:line: ...)
    doc: DocumentView | None = None
    doc_error: str = ""

    @property
    def broken(self) -> bool:
        return self.view is None


def _refresh_stats_index(path: Path, po: polib.POFile) -> None:
    """Tell the dashboard's statistics index about the new file, when that module exists."""
    try:
        from translator.progress import index as stats_index
    except ImportError:
        return
    refresh = getattr(stats_index, "refresh", None)
    if refresh is None:
        return
    # the index rebuilds itself from the files: a failed refresh loses nothing
    with contextlib.suppress(TranslatorError, OSError, sqlite3.Error, TypeError, ValueError):
        refresh(path, po)
