"""Conflicts a sync found, kept until someone decides them in the editor.

The merge driver keeps this instance's text in the catalog and records the other side's
here (``instance/sync-conflicts.sqlite3``, git-ignored like the rest of ``instance/``), so
nothing is lost and the catalog stays valid. The editor lists a catalog's open conflicts with
both texts; deciding one closes it (the text taken is saved as an edit, through the usual
save path, by the web app).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from translator.gitstore.driver import DriverConflict

FILE_NAME = "sync-conflicts.sqlite3"

SCHEMA = """
CREATE TABLE IF NOT EXISTS sync_conflicts (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    doc TEXT NOT NULL,
    lang TEXT NOT NULL,
    msgid TEXT NOT NULL,
    msgctxt TEXT,
    ours TEXT NOT NULL,
    ours_state TEXT NOT NULL,
    theirs TEXT NOT NULL,
    theirs_state TEXT NOT NULL,
    source TEXT NOT NULL,
    resolved_at TEXT,
    resolved_by TEXT,
    resolution TEXT
);
CREATE INDEX IF NOT EXISTS sync_conflicts_open ON sync_conflicts (doc, lang, resolved_at);
"""


def open_store(instance_dir: Path) -> sqlite3.Connection:
    """The conflict store of one instance (created when missing); close it after use."""
    instance_dir.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(instance_dir / FILE_NAME), timeout=15, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode = WAL")
    conn.executescript(SCHEMA)
    return conn


def now() -> str:
    """UTC time, second precision, as the audit log writes it."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")


def record_conflicts(
    conn: sqlite3.Connection,
    doc: str,
    lang: str,
    conflicts: Iterable[DriverConflict],
    source: str = "sync",
) -> int:
    """Add the conflicts not already open with the same texts; how many were added."""
    added = 0
    for item in conflicts:
        same = conn.execute(
            "SELECT 1 FROM sync_conflicts WHERE doc = ? AND lang = ? AND msgid = ? AND ours = ?"
            " AND theirs = ? AND resolved_at IS NULL",
            (doc, lang, item.msgid, item.ours, item.theirs),
        ).fetchone()
        if same:
            continue
        conn.execute(
            "INSERT INTO sync_conflicts (at, doc, lang, msgid, msgctxt, ours, ours_state,"
            " theirs, theirs_state, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                now(),
                doc,
                lang,
                item.msgid,
                item.msgctxt,
                item.ours,
                item.ours_state,
                item.theirs,
                item.theirs_state,
                source,
            ),
        )
        added += 1
    conn.commit()
    return added


def open_conflicts(conn: sqlite3.Connection, doc: str, lang: str) -> list[dict]:
    """The catalog's undecided conflicts, oldest first."""
    rows = conn.execute(
        "SELECT * FROM sync_conflicts WHERE doc = ? AND lang = ? AND resolved_at IS NULL"
        " ORDER BY id",
        (doc, lang),
    )
    return [dict(row) for row in rows]


def count_open(conn: sqlite3.Connection) -> dict[tuple[str, str], int]:
    """Undecided conflicts per (document, language)."""
    rows = conn.execute(
        "SELECT doc, lang, COUNT(*) AS n FROM sync_conflicts WHERE resolved_at IS NULL"
        " GROUP BY doc, lang"
    )
    return {(row["doc"], row["lang"]): row["n"] for row in rows}


def get_conflict(conn: sqlite3.Connection, conflict_id: int) -> dict | None:
    if not 0 < conflict_id < 2**63:
        return None
    row = conn.execute("SELECT * FROM sync_conflicts WHERE id = ?", (conflict_id,)).fetchone()
    return dict(row) if row else None


def resolve_conflict(conn: sqlite3.Connection, conflict_id: int, user: str, resolution: str):
    """Close a conflict: ``resolution`` is ``ours`` (kept) or ``theirs`` (taken)."""
    conn.execute(
        "UPDATE sync_conflicts SET resolved_at = ?, resolved_by = ?, resolution = ?"
        " WHERE id = ? AND resolved_at IS NULL",
        (now(), user, resolution, conflict_id),
    )
    conn.commit()
