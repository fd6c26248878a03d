"""The review UI's own SQLite database: people, their languages and roles, the audit log,
comments, login attempts, where each person left off, notifications and their mail settings
(:mod:`.notifications`), the groups of mass actions that can be undone (:mod:`.mass`), and
what the pipelines' API keeps: tokens and their rate buckets (:mod:`.tokens`), build jobs
(:mod:`.jobs`), webhooks and their deliveries (:mod:`.webhooks`).

Catalogs stay the truth for translations; this database records who did what. Every function
takes an open connection (WAL mode, so readers never wait for a writer): the web app keeps one
per request (:func:`translator.web.context.get_db`), the CLI opens its own. The schema is
created on start-up (``CREATE TABLE IF NOT EXISTS``). People and logins are in
:mod:`translator.web.data.people`.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

BUSY_TIMEOUT_MS = 15_000

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL,
    global_role TEXT CHECK (global_role IN ('admin', 'coordinator')),
    must_change_password INTEGER NOT NULL DEFAULT 0,
    session_token TEXT NOT NULL,
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS user_languages (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    lang TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('translator', 'reviewer')),
    PRIMARY KEY (user_id, lang)
);
CREATE TABLE IF NOT EXISTS audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    username TEXT NOT NULL,
    doc TEXT NOT NULL,
    lang TEXT NOT NULL,
    msgid TEXT NOT NULL,
    action TEXT NOT NULL,
    before TEXT NOT NULL,
    after TEXT NOT NULL,
    before_state TEXT NOT NULL DEFAULT '',
    after_state TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS audit_segment ON audit_log (doc, lang, msgid);
CREATE INDEX IF NOT EXISTS audit_user ON audit_log (username, id);
CREATE TABLE IF NOT EXISTS comments (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    username TEXT NOT NULL,
    doc TEXT NOT NULL,
    lang TEXT NOT NULL,
    msgid TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS comments_segment ON comments (doc, lang, msgid);
CREATE TABLE IF NOT EXISTS login_attempts (
    id INTEGER PRIMARY KEY,
    at REAL NOT NULL,
    username TEXT NOT NULL,
    address TEXT NOT NULL,
    ok INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS attempts_user ON login_attempts (username, at);
CREATE INDEX IF NOT EXISTS attempts_address ON login_attempts (address, at);
CREATE TABLE IF NOT EXISTS positions (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    doc TEXT NOT NULL,
    lang TEXT NOT NULL,
    msgid TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (user_id, doc, lang)
);
CREATE TABLE IF NOT EXISTS notifications (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    doc TEXT NOT NULL DEFAULT '',
    lang TEXT NOT NULL DEFAULT '',
    msgid TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    actor TEXT NOT NULL DEFAULT '',
    read_at TEXT,
    mailed_at TEXT
);
CREATE INDEX IF NOT EXISTS notifications_user ON notifications (user_id, id);
CREATE TABLE IF NOT EXISTS mail_settings (
    user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    address TEXT NOT NULL DEFAULT '',
    mode TEXT NOT NULL DEFAULT 'off' CHECK (mode IN ('off', 'immediate', 'daily')),
    token TEXT NOT NULL UNIQUE,
    last_digest TEXT
);
CREATE TABLE IF NOT EXISTS mass_groups (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    username TEXT NOT NULL,
    doc TEXT NOT NULL,
    lang TEXT NOT NULL,
    action TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    undone_at TEXT,
    undone_by TEXT,
    undo_note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS mass_groups_catalog ON mass_groups (doc, lang, id);
CREATE TABLE IF NOT EXISTS mass_items (
    group_id INTEGER NOT NULL REFERENCES mass_groups(id) ON DELETE CASCADE,
    log_id INTEGER NOT NULL,
    key TEXT NOT NULL,
    msgid TEXT NOT NULL,
    before TEXT NOT NULL,
    after_version TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mass_items_group ON mass_items (group_id);
CREATE TABLE IF NOT EXISTS api_tokens (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    token_hash TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('coordinator', 'reviewer', 'translator')),
    languages TEXT NOT NULL DEFAULT '',
    user_id INTEGER REFERENCES users(id) ON DELETE CASCADE,
    created TEXT NOT NULL,
    last_used TEXT
);
CREATE TABLE IF NOT EXISTS api_buckets (
    token_id INTEGER PRIMARY KEY REFERENCES api_tokens(id) ON DELETE CASCADE,
    tokens REAL NOT NULL,
    at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS build_jobs (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL,
    username TEXT NOT NULL,
    request TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
    worker TEXT NOT NULL DEFAULT '',
    started TEXT,
    finished TEXT,
    report TEXT,
    error TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS webhooks (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    secret TEXT NOT NULL,
    events TEXT NOT NULL,
    username TEXT NOT NULL,
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS webhook_deliveries (
    id INTEGER PRIMARY KEY,
    hook_id INTEGER NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
    event TEXT NOT NULL,
    body TEXT NOT NULL,
    created TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_at REAL NOT NULL,
    lease REAL NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS webhook_due ON webhook_deliveries (status, next_at);
CREATE TABLE IF NOT EXISTS webhook_attempts (
    id INTEGER PRIMARY KEY,
    delivery_id INTEGER NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    status_code INTEGER,
    error TEXT NOT NULL DEFAULT '',
    seconds REAL NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS webhook_attempts_delivery ON webhook_attempts (delivery_id);
"""


def now() -> str:
    """UTC timestamp for the log, second precision, sortable as text."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")


def connect(path: Path | str) -> sqlite3.Connection:
    """Open the database (created when missing) with WAL, foreign keys and a busy timeout."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def init_schema(conn: sqlite3.Connection) -> None:
    """Create missing tables and indexes (idempotent)."""
    conn.executescript(SCHEMA)
    conn.commit()


# -- audit log ------------------------------------------------------------------------------------


def log_change(
    conn: sqlite3.Connection,
    *,
    user: str,
    doc: str,
    lang: str,
    msgid: str,
    action: str,
    before: str,
    after: str,
    before_state: str = "",
    after_state: str = "",
) -> int:
    """Record one change to one segment (not committed: the caller commits with the catalog)."""
    cursor = conn.execute(
        "INSERT INTO audit_log (at, username, doc, lang, msgid, action, before, after,"
        " before_state, after_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (now(), user, doc, lang, msgid, action, before, after, before_state, after_state),
    )
    return int(cursor.lastrowid)


def segment_history(conn: sqlite3.Connection, doc: str, lang: str, msgid: str) -> list[dict]:
    """Every logged change of one segment, newest first."""
    rows = conn.execute(
        "SELECT * FROM audit_log WHERE doc = ? AND lang = ? AND msgid = ? ORDER BY id DESC",
        (doc, lang, msgid),
    )
    return [dict(row) for row in rows]


def is_row_id(value: int) -> bool:
    """A number SQLite can hold as a row id (URLs and JSON may carry any integer)."""
    return 0 < value < 2**63


def history_entry(conn: sqlite3.Connection, entry_id: int) -> dict | None:
    if not is_row_id(entry_id):
        return None
    row = conn.execute("SELECT * FROM audit_log WHERE id = ?", (entry_id,)).fetchone()
    return dict(row) if row else None


def last_changes(conn: sqlite3.Connection, doc: str, lang: str) -> dict[str, dict]:
    """The latest change per segment of one catalog: msgid -> row (who touched it last)."""
    rows = conn.execute(
        "SELECT a.* FROM audit_log a JOIN (SELECT msgid, MAX(id) AS id FROM audit_log"
        " WHERE doc = ? AND lang = ? GROUP BY msgid) m ON a.id = m.id",
        (doc, lang),
    )
    return {row["msgid"]: dict(row) for row in rows}


def recent_activity(conn: sqlite3.Connection, langs: list[str] | None, limit: int = 15) -> list:
    """The latest changes, optionally only in ``langs``."""
    if langs is None:
        rows = conn.execute("SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", (limit,))
    else:
        marks = ",".join("?" * len(langs)) or "''"
        rows = conn.execute(
            f"SELECT * FROM audit_log WHERE lang IN ({marks}) ORDER BY id DESC LIMIT ?",
            (*langs, limit),
        )
    return [dict(row) for row in rows]


def last_work(conn: sqlite3.Connection) -> dict[tuple[str, str], str]:
    """When each catalog was last worked on: (doc, lang) -> time (amendment decisions left out)."""
    rows = conn.execute(
        "SELECT doc, lang, MAX(at) AS at FROM audit_log "
        "WHERE action NOT LIKE 'amend-%' GROUP BY doc, lang"
    )
    return {(row["doc"], row["lang"]): row["at"] for row in rows}


def changes_since(conn: sqlite3.Connection, since: str, langs: list[str] | None = None):
    """Every change logged on or after the day ``since`` (ISO), optionally only in ``langs``."""
    sql = (
        "SELECT at, username, doc, lang, msgid, action, before_state, after_state "
        "FROM audit_log WHERE at >= ?"
    )
    params: list = [since]
    if langs is not None:
        marks = ",".join("?" * len(langs)) or "''"
        sql += f" AND lang IN ({marks})"
        params += langs
    return [dict(row) for row in conn.execute(sql, params)]


# -- comments -------------------------------------------------------------------------------------


def add_comment(conn: sqlite3.Connection, user: str, doc: str, lang: str, msgid: str, body: str):
    cursor = conn.execute(
        "INSERT INTO comments (at, username, doc, lang, msgid, body) VALUES (?, ?, ?, ?, ?, ?)",
        (now(), user, doc, lang, msgid, body),
    )
    conn.commit()
    return int(cursor.lastrowid)


def segment_comments(conn: sqlite3.Connection, doc: str, lang: str, msgid: str) -> list[dict]:
    """The comment thread of one segment, oldest first."""
    rows = conn.execute(
        "SELECT * FROM comments WHERE doc = ? AND lang = ? AND msgid = ? ORDER BY id",
        (doc, lang, msgid),
    )
    return [dict(row) for row in rows]


def comment_counts(conn: sqlite3.Connection, doc: str, lang: str) -> dict[str, int]:
    rows = conn.execute(
        "SELECT msgid, COUNT(*) AS n FROM comments WHERE doc = ? AND lang = ? GROUP BY msgid",
        (doc, lang),
    )
    return {row["msgid"]: row["n"] for row in rows}


def get_comment(conn: sqlite3.Connection, comment_id: int) -> dict | None:
    if not is_row_id(comment_id):
        return None
    row = conn.execute("SELECT * FROM comments WHERE id = ?", (comment_id,)).fetchone()
    return dict(row) if row else None


def delete_comment(conn: sqlite3.Connection, comment_id: int) -> None:
    conn.execute("DELETE FROM comments WHERE id = ?", (comment_id,))
    conn.commit()


# -- where people left off ------------------------------------------------------------------------


def remember_position(conn: sqlite3.Connection, user_id: int, doc: str, lang: str, msgid: str):
    conn.execute(
        "INSERT INTO positions (user_id, doc, lang, msgid, at) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (user_id, doc, lang) DO UPDATE SET msgid = excluded.msgid, at = excluded.at",
        (user_id, doc, lang, msgid, now()),
    )
    conn.commit()


def positions(conn: sqlite3.Connection, user_id: int) -> list[dict]:
    """Where one person last worked, per document and language, most recent first."""
    rows = conn.execute(
        "SELECT * FROM positions WHERE user_id = ? ORDER BY at DESC, rowid DESC", (user_id,)
    )
    return [dict(row) for row in rows]
