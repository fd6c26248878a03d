"""Webhooks: the hooks coordinators set, the queue of deliveries, and each attempt's record.

An event (``language.ready``: a language of a document reached its build threshold;
``source.amended``: a new version of a source was accepted) is queued as one delivery per
hook that wants it (:func:`enqueue`), and the request that caused it goes on. A sender
(:mod:`translator.web.outbox`) claims due deliveries (:func:`claim_due`, a lease in the row,
so two server processes never send one delivery twice at once), POSTs the JSON body signed
with HMAC-SHA256 of the body under the hook's secret (``X-Translator-Signature:
sha256=<hex>``) and records the attempt; a failure is tried again after 2, 4, 8, ... times
the base delay, until :data:`MAX_ATTEMPTS`.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import sqlite3
import time
from urllib.parse import urlsplit

import requests

from translator.errors import TranslatorError
from translator.web.data.database import is_row_id, now

EVENTS = ("language.ready", "source.amended")
MAX_ATTEMPTS = 6
LEASE = 60.0  # seconds a claimed delivery is left to its sender
TIMEOUT = 10.0  # seconds per POST
SIGNATURE = "X-Translator-Signature"


class HookError(TranslatorError):
    """A webhook that cannot be set (bad URL or event)."""


def sign(secret: str, body: bytes) -> str:
    """The signature header's value for ``body``.

    >>> sign("s", b"{}")
    'sha256=143ca8d517ba1b181025d732b1cf275d90104fca57bb02a565542978aa18c4b6'
    """
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def check_hook(url: str, events: list[str]) -> tuple[str, list[str]]:
    """A valid ``http(s)://host/...`` URL and a non-empty list of known events."""
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or len(url) > 2000:
        raise HookError(f"url: {url[:80]!r} is not an http:// or https:// address")
    unknown = sorted(set(events) - set(EVENTS))
    if unknown or not events:
        raise HookError(f"events: choose from {', '.join(EVENTS)} (got {', '.join(unknown)})")
    return url, list(dict.fromkeys(events))


def add_hook(conn: sqlite3.Connection, url: str, events: list[str], username: str, secret=""):
    """Store a hook; returns it with its secret (shown to the coordinator once)."""
    url, events = check_hook(url, events)
    secret = secret or secrets.token_urlsafe(32)
    cursor = conn.execute(
        "INSERT INTO webhooks (url, secret, events, username, created) VALUES (?, ?, ?, ?, ?)",
        (url, secret, ",".join(events), username, now()),
    )
    conn.commit()
    return {**get_hook(conn, int(cursor.lastrowid)), "secret": secret}


def _hook(row: sqlite3.Row) -> dict:
    return {
        "id": row["id"],
        "url": row["url"],
        "events": row["events"].split(","),
        "created": row["created"],
        "created_by": row["username"],
    }


def get_hook(conn: sqlite3.Connection, hook_id: int) -> dict | None:
    if not is_row_id(hook_id):
        return None
    row = conn.execute("SELECT * FROM webhooks WHERE id = ?", (hook_id,)).fetchone()
    return _hook(row) if row else None


def list_hooks(conn: sqlite3.Connection) -> list[dict]:
    return [_hook(row) for row in conn.execute("SELECT * FROM webhooks ORDER BY id")]


def delete_hook(conn: sqlite3.Connection, hook_id: int) -> bool:
    if not is_row_id(hook_id):
        return False
    cursor = conn.execute("DELETE FROM webhooks WHERE id = ?", (hook_id,))
    conn.commit()
    return cursor.rowcount > 0


def wanted(conn: sqlite3.Connection, event: str) -> bool:
    """Whether any hook listens for ``event`` (cheap: checked before measuring a save)."""
    rows = conn.execute("SELECT events FROM webhooks").fetchall()
    return any(event in row["events"].split(",") for row in rows)


def enqueue(conn: sqlite3.Connection, event: str, payload: dict) -> list[int]:
    """Queue ``payload`` for every hook listening for ``event``; the delivery ids (committed)."""
    if event not in EVENTS:
        raise ValueError(event)
    ids = []
    for row in conn.execute("SELECT id, events FROM webhooks ORDER BY id").fetchall():
        if event not in row["events"].split(","):
            continue
        body = json.dumps({"event": event, "at": now(), **payload}, ensure_ascii=False)
        cursor = conn.execute(
            "INSERT INTO webhook_deliveries (hook_id, event, body, created, next_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (row["id"], event, body, now(), time.time()),
        )
        ids.append(int(cursor.lastrowid))
    conn.commit()
    return ids


def claim_due(conn: sqlite3.Connection, limit: int = 20) -> list[dict]:
    """Pending deliveries whose time has come, each leased to this caller."""
    moment = time.time()
    rows = conn.execute(
        "SELECT d.id, d.body, d.attempts, d.event, h.url, h.secret FROM webhook_deliveries d"
        " JOIN webhooks h ON h.id = d.hook_id WHERE d.status = 'pending' AND d.next_at <= ?"
        " AND d.lease <= ? ORDER BY d.next_at LIMIT ?",
        (moment, moment, limit),
    ).fetchall()
    claimed = []
    for row in rows:
        cursor = conn.execute(
            "UPDATE webhook_deliveries SET lease = ? WHERE id = ? AND lease <= ?",
            (moment + LEASE, row["id"], moment),
        )
        conn.commit()
        if cursor.rowcount:
            claimed.append(dict(row))
    return claimed


def next_due(conn: sqlite3.Connection) -> float | None:
    """When the next pending delivery is due (epoch seconds), None when nothing waits."""
    row = conn.execute(
        "SELECT MIN(MAX(next_at, lease)) FROM webhook_deliveries WHERE status = 'pending'"
    ).fetchone()
    return row[0]


def send(conn: sqlite3.Connection, delivery: dict, backoff: float) -> bool:
    """POST one claimed delivery, record the attempt, and schedule a retry when it failed."""
    body = delivery["body"].encode("utf-8")
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "translator-webhooks",
        "X-Translator-Event": delivery["event"],
        "X-Translator-Delivery": str(delivery["id"]),
        SIGNATURE: sign(delivery["secret"], body),
    }
    started = time.monotonic()
    code, error = None, ""
    try:
        response = requests.post(
            delivery["url"], data=body, headers=headers, timeout=TIMEOUT, allow_redirects=False
        )
        code = response.status_code
        if not 200 <= code < 300:
            error = f"answered HTTP {code}"
    except requests.RequestException as exc:
        error = f"{type(exc).__name__}: {str(exc)[:300]}"
    _record(conn, delivery, code, error, time.monotonic() - started, backoff)
    return not error


def _record(conn, delivery: dict, code, error: str, seconds: float, backoff: float) -> None:
    attempts = delivery["attempts"] + 1
    conn.execute(
        "INSERT INTO webhook_attempts (delivery_id, at, status_code, error, seconds)"
        " VALUES (?, ?, ?, ?, ?)",
        (delivery["id"], now(), code, error, round(seconds, 3)),
    )
    if not error:
        status, retry = "delivered", 0.0
    elif attempts >= MAX_ATTEMPTS:
        status, retry = "failed", 0.0
    else:
        status, retry = "pending", time.time() + backoff * 2**attempts
    conn.execute(
        "UPDATE webhook_deliveries SET status = ?, attempts = ?, next_at = ?, lease = 0"
        " WHERE id = ?",
        (status, attempts, retry, delivery["id"]),
    )
    conn.commit()


def deliveries(conn: sqlite3.Connection, hook_id: int, limit: int = 100) -> list[dict]:
    """A hook's latest deliveries, newest first, each with every attempt."""
    rows = conn.execute(
        "SELECT id, event, body, created, status, attempts FROM webhook_deliveries"
        " WHERE hook_id = ? ORDER BY id DESC LIMIT ?",
        (hook_id, limit),
    ).fetchall()
    found = []
    for row in rows:
        tries = conn.execute(
            "SELECT at, status_code, error, seconds FROM webhook_attempts"
            " WHERE delivery_id = ? ORDER BY id",
            (row["id"],),
        )
        item = dict(row)
        item["payload"] = json.loads(item.pop("body"))
        item["attempt_log"] = [dict(attempt) for attempt in tries]
        found.append(item)
    return found
