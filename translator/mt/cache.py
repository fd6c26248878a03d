"""The persistent machine-translation cache: a text is paid for once, whatever the run.

One SQLite file per project (``instance/mt-cache.sqlite3``), keyed by engine (with its variant,
e.g. a LibreTranslate server), language pair and the protected text the engine saw (placeholders
and terms already replaced by tokens), so glossary changes and markup do not defeat it.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path

from translator.errors import ConfigError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS translation (
    engine TEXT NOT NULL,
    source_lang TEXT NOT NULL,
    target_lang TEXT NOT NULL,
    text TEXT NOT NULL,
    translation TEXT NOT NULL,
    created TEXT NOT NULL DEFAULT (datetime('now')),
    PRIMARY KEY (engine, source_lang, target_lang, text)
)
"""
_CHUNK = 400  # SQLite's limit on host parameters is 999 (older builds)


class MTCache:
    """Translations already paid for; ``path=None`` keeps them in memory for one process.

    With ``read_only`` (a dry run) the file is only looked up, never created or written; a
    missing file is an empty cache.
    """

    def __init__(self, path: Path | None = None, *, read_only: bool = False):
        self.path = path
        self.read_only = read_only
        self._lock = threading.Lock()
        try:
            self._db = _open(path, read_only)
        except sqlite3.Error as exc:
            raise ConfigError(f"{path}: cannot open the translation cache ({exc})") from exc

    def get_many(
        self, engine: str, source: str, target: str, texts: Iterable[str]
    ) -> dict[str, str]:
        """Cached translations of ``texts`` (missing ones are left out)."""
        wanted = list(dict.fromkeys(texts))
        found: dict[str, str] = {}
        with self._lock:
            for start in range(0, len(wanted), _CHUNK):
                chunk = wanted[start : start + _CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    "SELECT text, translation FROM translation WHERE engine = ? AND source_lang = ?"
                    f" AND target_lang = ? AND text IN ({marks})",
                    (engine, source, target, *chunk),
                )
                found.update(rows.fetchall())
        return found

    def put_many(self, engine: str, source: str, target: str, pairs: dict[str, str]) -> None:
        """Remember translations (committed at once, so an interrupted run keeps them)."""
        if not pairs or self.read_only:
            return
        with self._lock:
            self._db.executemany(
                "INSERT OR REPLACE INTO translation (engine, source_lang, target_lang, text, "
                "translation) VALUES (?, ?, ?, ?, ?)",
                [(engine, source, target, text, out) for text, out in pairs.items()],
            )
            self._db.commit()

    def __len__(self) -> int:
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM translation").fetchone()[0]

    def close(self) -> None:
        with self._lock:
            self._db.close()


def _open(path: Path | None, read_only: bool) -> sqlite3.Connection:
    if read_only and path is not None and path.is_file():
        uri = f"{path.resolve().as_uri()}?mode=ro"
        db = sqlite3.connect(uri, uri=True, timeout=30, check_same_thread=False)
        db.execute("SELECT 1 FROM translation LIMIT 1")  # a file without the table is refused
        return db
    if read_only or path is None:
        db = sqlite3.connect(":memory:", check_same_thread=False)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(str(path), timeout=30, check_same_thread=False)
    db.execute(_SCHEMA)
    db.commit()
    return db
