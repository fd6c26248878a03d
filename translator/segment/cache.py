"""The segmentation cache: a block's sentence spans, kept by block text, language and splitter.

Splitting is most of the cost of reading a source (pysbd, one block at a time), and a source
that changed usually changed in a few blocks. :class:`SegmentCache` keeps the spans of every
block it has split in one SQLite file, ``instance/cache/segments.sqlite3``, under a key that
hashes the block's text, its language and :func:`segmenter_version`, so re-reading a changed
source splits only its changed blocks, and a change to the splitter's rules (its
``SEGMENTER_VERSION``, its code, or pysbd's version) makes every old entry unreachable.

Several processes may read and write at once: the file is in WAL mode, each document's new
spans go in in one short transaction, and a busy or unwritable file only costs speed: the
blocks are then split without the cache, never with a different result.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path

import pysbd

from translator.segment import split
from translator.segment.markdown import Spans, split_each

CACHE_FILE = Path("cache") / "segments.sqlite3"  # under the project's instance/ folder
_BATCH = 500  # keys per query (SQLite's variable limit is 999 on old builds)
_SCHEMA = "CREATE TABLE IF NOT EXISTS spans (key TEXT PRIMARY KEY, spans TEXT NOT NULL)"
# this process's open cache files, least recently used first: a process that reads many
# projects (a test run) keeps at most MAX_OPEN of them open; a connection closed while in use
# only makes that lookup split without the cache (sqlite3.Error is caught below)
MAX_OPEN = 8
_OPEN_ATTEMPTS = 8
_connections: OrderedDict[tuple[str, int], sqlite3.Connection | None] = OrderedDict()
_lock = threading.Lock()


@lru_cache(maxsize=1)
def segmenter_version() -> str:
    """``SEGMENTER_VERSION``, pysbd's version and a hash of the splitter's code, in one string."""
    package = Path(split.__file__).parent
    hasher = hashlib.sha256()
    for name in ("split.py", "rules.py", "marks.py", "language.py"):
        hasher.update((package / name).read_bytes())
    return f"{split.SEGMENTER_VERSION}/{pysbd.__version__}/{hasher.hexdigest()[:16]}"


class SegmentCache:
    """Cached :func:`~translator.segment.markdown.split_each` over one cache file (picklable:
    it holds only the path, each process opens its own connection).

    :param path: the SQLite file; its folder is made when first needed.
    """

    def __init__(self, path: Path):
        self.path = Path(path)

    @classmethod
    def for_instance(cls, instance_dir: Path) -> SegmentCache:
        return cls(Path(instance_dir) / CACHE_FILE)

    def __call__(self, texts: list[str], lang: str) -> list[Spans]:
        """The spans of each block of ``texts`` (in ``lang``), split only where not cached."""
        keys = [_key(text, lang) for text in texts]
        found = self._lookup(keys)
        missing = [i for i, key in enumerate(keys) if key not in found]
        fresh = split_each([texts[i] for i in missing], lang)
        for i, spans in zip(missing, fresh, strict=True):
            found[keys[i]] = spans
        self._store({keys[i]: found[keys[i]] for i in missing})
        return [found[key] for key in keys]

    def _lookup(self, keys: list[str]) -> dict[str, Spans]:
        conn = self._connection()
        if conn is None or not keys:
            return {}
        found: dict[str, Spans] = {}
        unique = sorted(set(keys))
        try:
            for start in range(0, len(unique), _BATCH):
                chunk = unique[start : start + _BATCH]
                marks = ",".join("?" * len(chunk))
                rows = conn.execute(f"SELECT key, spans FROM spans WHERE key IN ({marks})", chunk)
                for key, text in rows:
                    found[key] = [(start, end) for start, end in json.loads(text)]
        except (sqlite3.Error, ValueError, TypeError):
            return {}
        return found

    def _store(self, entries: dict[str, Spans]) -> None:
        conn = self._connection()
        if conn is None or not entries:
            return
        rows = [(key, json.dumps(spans, separators=(",", ":"))) for key, spans in entries.items()]
        try:
            with conn:
                conn.executemany("INSERT OR IGNORE INTO spans (key, spans) VALUES (?, ?)", rows)
        except sqlite3.Error:
            pass  # busy or read-only: the next run splits these blocks again

    def _connection(self) -> sqlite3.Connection | None:
        """This process's connection (a forked worker opens its own); None if unusable."""
        slot = (str(self.path), os.getpid())
        with _lock:
            if slot not in _connections:
                _connections[slot] = _open(self.path)
                while len(_connections) > MAX_OPEN:
                    _slot, old = _connections.popitem(last=False)
                    if old is not None and _slot[1] == os.getpid():
                        old.close()
            _connections.move_to_end(slot)
            return _connections[slot]


def _open(path: Path) -> sqlite3.Connection | None:
    # Switching a new file to WAL or creating its table while another process does the same
    # can fail with "database is locked" without waiting on the busy timeout: try again.
    for attempt in range(_OPEN_ATTEMPTS):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(path), timeout=10, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute(_SCHEMA)
            return conn
        except sqlite3.OperationalError:
            time.sleep(0.05 * (attempt + 1))
        except (OSError, sqlite3.Error):
            return None
    return None


def _key(text: str, lang: str) -> str:
    data = f"{segmenter_version()}\x00{lang}\x00{text}".encode()
    return hashlib.sha256(data).hexdigest()
