"""API tokens for pipelines: made once, stored as a hash, turned into a person with limited
rights, and rate-limited per token.

A token is ``tr_`` plus 43 random URL-safe characters (``secrets.token_urlsafe(32)``); only
its SHA-256 is kept, so a stolen database gives no token. A token has a role (coordinator,
reviewer, translator) and, unless it is a coordinator's, its languages. A token a person
makes for themselves (``user_id`` set) never has more than that person has *now*: the rights
are the smaller of the two, worked out on every request, so taking a role away from someone
also takes it from their tokens. A token without an owner acts as ``token:<name>`` in the
audit log. Rate limits are a token bucket per token in the database (``BEGIN IMMEDIATE``), so
several server processes share one limit.
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
import time
from dataclasses import dataclass

from translator.web.data.database import now
from translator.web.data.people import (
    AccountError,
    User,
    get_user,
    validate_username,
)

PREFIX = "tr_"
ROLES = ("coordinator", "reviewer", "translator")
_RANK = {"translator": 1, "reviewer": 2}
LAST_USED_EVERY = 60  # seconds: last_used is written at most this often per token


@dataclass
class Token:
    """One stored token (never the secret itself)."""

    id: int
    name: str
    role: str
    languages: list[str]
    user_id: int | None
    owner: str  # the owner's user name, "" for a token of its own
    created: str
    last_used: str | None

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "role": self.role,
            "languages": self.languages,
            "owner": self.owner,
            "created": self.created,
            "last_used": self.last_used,
        }


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def check_token_spec(name: str, role: str, languages: list[str]) -> None:
    """Validate what ``tokens add`` was given, before any database is touched."""
    try:
        validate_username(name)
    except AccountError:
        raise AccountError(
            f"invalid token name {name!r}: 1 to 40 letters, digits, dots, hyphens or underscores"
        ) from None
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}: use one of {', '.join(ROLES)}")
    if role == "coordinator" and languages:
        raise AccountError("a coordinator's token covers every language; drop --lang")
    if role != "coordinator" and not languages:
        raise AccountError(f"a {role}'s token needs --lang (the languages it may work in)")


def create_token(
    conn: sqlite3.Connection,
    name: str,
    role: str,
    languages: list[str],
    owner: User | None = None,
) -> str:
    """Store a new token and return it (the only time it is seen).

    :param owner: the person making it for themselves; the token may not exceed their rights.
    """
    check_token_spec(name, role, languages)
    if owner is not None:
        _within(owner, role, languages)
    if conn.execute("SELECT 1 FROM api_tokens WHERE name = ?", (name,)).fetchone():
        raise AccountError(f"a token named {name!r} exists")
    token = PREFIX + secrets.token_urlsafe(32)
    conn.execute(
        "INSERT INTO api_tokens (name, token_hash, role, languages, user_id, created)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (name, hash_token(token), role, ",".join(languages), owner.id if owner else None, now()),
    )
    conn.commit()
    return token


def _within(owner: User, role: str, languages: list[str]) -> None:
    if role == "coordinator":
        if not owner.is_coordinator:
            raise AccountError("only coordinators can make a coordinator's token")
        return
    for lang in languages:
        have = owner.role_in(lang)
        if have is None or _RANK[have] < _RANK[role]:
            raise AccountError(f"you are not a {role} of {lang}")


def _token(row: sqlite3.Row) -> Token:
    return Token(
        id=row["id"],
        name=row["name"],
        role=row["role"],
        languages=[code for code in row["languages"].split(",") if code],
        user_id=row["user_id"],
        owner=row["owner"] or "",
        created=row["created"],
        last_used=row["last_used"],
    )


def list_tokens(conn: sqlite3.Connection, user_id: int | None = None) -> list[Token]:
    """Every token (or one person's), by name."""
    if user_id is None:
        rows = conn.execute(
            "SELECT t.*, u.username AS owner FROM api_tokens t"
            " LEFT JOIN users u ON u.id = t.user_id ORDER BY t.name COLLATE NOCASE"
        )
    else:
        rows = conn.execute(
            "SELECT t.*, u.username AS owner FROM api_tokens t"
            " LEFT JOIN users u ON u.id = t.user_id WHERE t.user_id = ? ORDER BY t.name",
            (user_id,),
        )
    return [_token(row) for row in rows]


def revoke_token(conn: sqlite3.Connection, name: str, user_id: int | None = None) -> None:
    """Delete a token by name (only the person's own when ``user_id`` is given)."""
    if user_id is None:
        cursor = conn.execute("DELETE FROM api_tokens WHERE name = ?", (name,))
    else:
        cursor = conn.execute(
            "DELETE FROM api_tokens WHERE name = ? AND user_id = ?", (name, user_id)
        )
    conn.commit()
    if not cursor.rowcount:
        raise AccountError(f"no token named {name!r}")


def find_token(conn: sqlite3.Connection, secret: str) -> Token | None:
    """The stored token for a secret sent by a client (None: unknown or revoked)."""
    if not secret.startswith(PREFIX) or len(secret) > 200:
        return None
    row = conn.execute(
        "SELECT t.*, u.username AS owner FROM api_tokens t"
        " LEFT JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?",
        (hash_token(secret),),
    ).fetchone()
    return _token(row) if row else None


def token_user(conn: sqlite3.Connection, token: Token) -> User | None:
    """The person a request with ``token`` acts as: the token's rights, capped by its owner's."""
    owner = get_user(conn, token.user_id) if token.user_id is not None else None
    if token.user_id is not None and owner is None:
        return None
    if token.role == "coordinator":
        wanted = {} if owner is None or owner.is_coordinator else dict(owner.languages)
        global_role = "coordinator" if owner is None or owner.is_coordinator else None
    else:
        wanted = dict.fromkeys(token.languages, token.role)
        global_role = None
    languages = {}
    for lang, role in wanted.items():
        have = owner.role_in(lang) if owner is not None else role
        if have is not None:
            languages[lang] = min(role, have, key=_RANK.__getitem__)
    return User(
        id=owner.id if owner else 0,
        username=owner.username if owner else f"token:{token.name}",
        display_name=owner.display_name if owner else f"API token {token.name}",
        global_role=global_role,
        must_change_password=False,
        session_token="",
        languages=languages,
    )


def take(conn: sqlite3.Connection, token: Token, capacity: int, seconds: float) -> int:
    """Spend one request from the token's bucket; 0 when allowed, else seconds to wait.

    The bucket holds ``capacity`` requests and refills at ``capacity / seconds`` a second.
    """
    rate = capacity / seconds
    moment = time.time()
    conn.commit()
    conn.execute("BEGIN IMMEDIATE")
    try:
        row = conn.execute(
            "SELECT tokens, at FROM api_buckets WHERE token_id = ?", (token.id,)
        ).fetchone()
        level = capacity if row is None else min(capacity, row[0] + (moment - row[1]) * rate)
        wait = 0 if level >= 1 else int((1 - level) / rate) + 1
        if not wait:
            level -= 1
        conn.execute(
            "INSERT INTO api_buckets (token_id, tokens, at) VALUES (?, ?, ?)"
            " ON CONFLICT (token_id) DO UPDATE SET tokens = excluded.tokens, at = excluded.at",
            (token.id, level, moment),
        )
        stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(moment - LAST_USED_EVERY))
        conn.execute(
            "UPDATE api_tokens SET last_used = ? WHERE id = ? AND"
            " (last_used IS NULL OR last_used < ?)",
            (now(), token.id, stamp),
        )
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    return wait
