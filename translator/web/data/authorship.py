"""Who did what, as git and file exchange need it: the audit log rows of a merged upload,
the last change of every entry, and the address a person gives for their commits.

A person's commit address is theirs to set (the profile page); without one their commits
carry a no-reply address (``<name>@users.noreply.invalid``, or the project's
``git_noreply_domain``). The addresses live in their own table beside the people, created on
first use, so the accounts schema stays as it is.
"""

from __future__ import annotations

import re
import sqlite3
from typing import TYPE_CHECKING

from translator.web.data.database import log_change, now
from translator.web.data.people import AccountError, find_user

if TYPE_CHECKING:
    from translator.exchange import MergeReport
    from translator.gitstore import Identity

NOREPLY_DOMAIN = "users.noreply.invalid"
_ADDRESS = re.compile(r"[^@\s<>\"',;]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")

SCHEMA = """
CREATE TABLE IF NOT EXISTS commit_addresses (
    user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    at TEXT NOT NULL
);
"""


def _ensure(conn: sqlite3.Connection) -> None:
    conn.executescript(SCHEMA)


def valid_address(email: str) -> str:
    """``email`` when it looks like an address git can carry; else AccountError.

    >>> valid_address(" rita@example.org ")
    'rita@example.org'
    """
    email = (email or "").strip()
    if len(email) > 200 or not _ADDRESS.fullmatch(email):
        raise AccountError(f"{email[:60]!r} is not an e-mail address")
    return email


def set_commit_address(conn: sqlite3.Connection, user_id: int, email: str) -> None:
    """Set (or with ``""`` remove) the address of one person's commits."""
    _ensure(conn)
    if not email.strip():
        conn.execute("DELETE FROM commit_addresses WHERE user_id = ?", (user_id,))
    else:
        conn.execute(
            "INSERT INTO commit_addresses (user_id, email, at) VALUES (?, ?, ?)"
            " ON CONFLICT (user_id) DO UPDATE SET email = excluded.email, at = excluded.at",
            (user_id, valid_address(email), now()),
        )
    conn.commit()


def commit_address(conn: sqlite3.Connection, user_id: int) -> str:
    """The address a person set, or ``""``."""
    _ensure(conn)
    row = conn.execute(
        "SELECT email FROM commit_addresses WHERE user_id = ?", (user_id,)
    ).fetchone()
    return row["email"] if row else ""


def noreply_address(username: str, domain: str = NOREPLY_DOMAIN) -> str:
    local = re.sub(r"[^A-Za-z0-9._-]", "-", username).strip(".-") or "someone"
    return f"{local}@{domain}"


def identity_of(conn: sqlite3.Connection, domain: str = NOREPLY_DOMAIN):
    """A function: user name -> git :class:`~translator.gitstore.Identity` (name and address)."""
    from translator.gitstore import Identity

    def identity(username: str) -> Identity:
        user = find_user(conn, username)
        if user is None:  # removed since, or a command-line name: the log keeps the name
            return Identity(username, noreply_address(username, domain))
        email = commit_address(conn, user.id) or noreply_address(user.username, domain)
        return Identity(user.name, email)

    return identity


def last_changes_of(conn: sqlite3.Connection):
    """A function: (document, language) -> {msgid: (user name, time, text after)} of the
    latest logged change of each entry."""
    from translator.web.data.database import last_changes

    def latest(doc: str, lang: str) -> dict[str, tuple[str, str, str]]:
        rows = last_changes(conn, doc, lang)
        return {m: (row["username"], row["at"], row["after"]) for m, row in rows.items()}

    return latest


def latest_change_at(conn: sqlite3.Connection) -> str:
    """When anything was last logged (``""``: never): the server's quiet-period clock."""
    row = conn.execute("SELECT MAX(at) AS at FROM audit_log").fetchone()
    return row["at"] or "" if row else ""


def log_merge(conn: sqlite3.Connection, report: MergeReport, user: str) -> None:
    """One audit row per entry an upload changed, as ``user``'s edit, origin as the action."""
    for item in report.merged:
        log_change(
            conn,
            user=user,
            doc=report.document,
            lang=report.language,
            msgid=item.msgid,
            action=report.origin,
            before=item.before.text,
            after=item.after.text,
            before_state=item.before.state,
            after_state=item.after.state,
        )
    conn.commit()
