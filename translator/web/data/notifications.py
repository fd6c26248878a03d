"""Notifications: what concerns each person, kept in the review database for an in-app feed
with an unread count, and mailed by :mod:`translator.web.data.mail` when they asked for it.

Four things make a notification, each by a ``notify_*`` function the web layer calls once the
change is written:

- ``new-document``: a document was added; everyone with a role in one of its languages;
- ``amended``: a new version of a source made their translations fuzzy; the person who last
  changed each of those entries (from the audit log), one notification per language;
- ``comment``: a comment mentions them (``@name``) or answers a thread they wrote in;
- ``sent-back``: a reviewer sent entries they translated back to draft.

Nobody is told about their own doing. Functions take an open connection and commit.
"""

from __future__ import annotations

import re
import secrets
import sqlite3
from collections import defaultdict

from translator.web.data.database import now

KINDS = {
    "new-document": "New document",
    "amended": "Source amended",
    "comment": "Comment",
    "sent-back": "Sent back",
}
MODES = ("off", "immediate", "daily")
FEED_SIZE = 50
MENTION = re.compile(r"(?<![\w@])@([A-Za-z0-9_.-]{1,64})")


# -- writing --------------------------------------------------------------------------------------


def notify(
    conn: sqlite3.Connection,
    user_ids: list[int],
    kind: str,
    body: str,
    *,
    doc: str = "",
    lang: str = "",
    msgid: str = "",
    actor: str = "",
) -> list[int]:
    """One notification for each person in ``user_ids`` (committed); their ids."""
    if kind not in KINDS:
        raise ValueError(kind)
    ids = []
    for user_id in dict.fromkeys(user_ids):
        cursor = conn.execute(
            "INSERT INTO notifications (user_id, at, kind, doc, lang, msgid, body, actor)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (user_id, now(), kind, doc, lang, msgid, body, actor),
        )
        ids.append(int(cursor.lastrowid))
    conn.commit()
    return ids


def _user_ids(conn: sqlite3.Connection, names: list[str], actor: str) -> dict[str, int]:
    """name -> id for existing people among ``names`` (case-insensitive), the actor left out."""
    found = {}
    for name in dict.fromkeys(names):
        if name.lower() == actor.lower():
            continue
        row = conn.execute("SELECT id, username FROM users WHERE username = ?", (name,)).fetchone()
        if row is not None:
            found[row["username"]] = row["id"]
    return found


def _team_ids(conn: sqlite3.Connection, langs: list[str]) -> dict[int, list[str]]:
    """user id -> their languages among ``langs``."""
    teams: dict[int, list[str]] = defaultdict(list)
    for lang in langs:
        rows = conn.execute("SELECT user_id FROM user_languages WHERE lang = ?", (lang,))
        for row in rows:
            teams[row["user_id"]].append(lang)
    return teams


def _actor_id(conn: sqlite3.Connection, actor: str) -> int | None:
    row = conn.execute("SELECT id FROM users WHERE username = ?", (actor,)).fetchone()
    return row["id"] if row else None


def notify_new_document(
    conn: sqlite3.Connection, slug: str, title: str, langs: list[str], actor: str
) -> list[int]:
    """Everyone with a role in one of ``langs`` hears of the new document."""
    me = _actor_id(conn, actor)
    ids = []
    for user_id, theirs in _team_ids(conn, langs).items():
        if user_id == me:
            continue
        body = f"New document to translate: {title} ({', '.join(theirs)})."
        ids += notify(conn, [user_id], "new-document", body, doc=slug, lang=theirs[0], actor=actor)
    return ids


def last_authors(conn: sqlite3.Connection, doc: str, lang: str, msgids: list[str]) -> dict:
    """msgid -> who last changed its translation (amendment decisions and undos left out)."""
    found = {}
    for msgid in msgids:
        row = conn.execute(
            "SELECT username FROM audit_log WHERE doc = ? AND lang = ? AND msgid = ?"
            " AND action NOT LIKE 'amend-%' ORDER BY id DESC LIMIT 1",
            (doc, lang, msgid),
        ).fetchone()
        if row is not None:
            found[msgid] = row["username"]
    return found


def notify_amended(
    conn: sqlite3.Connection, slug: str, fuzzy: dict[str, list[tuple[str, str]]], actor: str
) -> list[int]:
    """Tell each person whose translations a new source version made fuzzy (per language)."""
    ids = []
    for lang, pairs in sorted(fuzzy.items()):
        authors = last_authors(conn, slug, lang, [old for old, _new in pairs])
        by_person: dict[str, list[str]] = defaultdict(list)
        for old, new in pairs:
            if old in authors:
                by_person[authors[old]].append(new)
        people = _user_ids(conn, list(by_person), actor)
        for name, user_id in people.items():
            count = len(by_person[name])
            body = (
                f"{slug} was amended: {count} of your {lang} translation"
                f"{'s' if count != 1 else ''} went fuzzy and wait for a check."
            )
            first = by_person[name][0]
            ids += notify(
                conn, [user_id], "amended", body, doc=slug, lang=lang, msgid=first, actor=actor
            )
    return ids


def notify_comment(
    conn: sqlite3.Connection, doc: str, lang: str, msgid: str, author: str, body: str
) -> list[int]:
    """People mentioned with ``@name``, and earlier commenters of the thread (an answer)."""
    mentioned = _user_ids(conn, MENTION.findall(body), author)
    rows = conn.execute(
        "SELECT DISTINCT username FROM comments WHERE doc = ? AND lang = ? AND msgid = ?",
        (doc, lang, msgid),
    )
    earlier = _user_ids(conn, [row["username"] for row in rows], author)
    snippet = body if len(body) <= 140 else body[:139] + "…"
    ids = []
    for user_id in mentioned.values():
        text = f"{author} mentioned you on a {lang} sentence of {doc}: “{snippet}”"
        ids += notify(
            conn, [user_id], "comment", text, doc=doc, lang=lang, msgid=msgid, actor=author
        )
    for name, user_id in earlier.items():
        if name in mentioned:
            continue
        text = f"{author} answered your comment on a {lang} sentence of {doc}: “{snippet}”"
        ids += notify(
            conn, [user_id], "comment", text, doc=doc, lang=lang, msgid=msgid, actor=author
        )
    return ids


def notify_sent_back(
    conn: sqlite3.Connection, doc: str, lang: str, authors: dict[str, str], actor: str
) -> list[int]:
    """``authors``: msgid -> who translated it; each hears how many went back to draft."""
    by_person: dict[str, list[str]] = defaultdict(list)
    for msgid, name in authors.items():
        by_person[name].append(msgid)
    ids = []
    for name, user_id in _user_ids(conn, list(by_person), actor).items():
        count = len(by_person[name])
        body = (
            f"{actor} sent {count} of your {lang} translation{'s' if count != 1 else ''}"
            f" of {doc} back to draft."
        )
        ids += notify(
            conn,
            [user_id],
            "sent-back",
            body,
            doc=doc,
            lang=lang,
            msgid=by_person[name][0],
            actor=actor,
        )
    return ids


# -- reading --------------------------------------------------------------------------------------


def feed(conn: sqlite3.Connection, user_id: int, limit: int = FEED_SIZE) -> list[dict]:
    """The person's latest notifications, newest first."""
    rows = conn.execute(
        "SELECT * FROM notifications WHERE user_id = ? ORDER BY id DESC LIMIT ?",
        (user_id, limit),
    )
    return [dict(row) for row in rows]


def unread_count(conn: sqlite3.Connection, user_id: int) -> int:
    row = conn.execute(
        "SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL", (user_id,)
    ).fetchone()
    return int(row[0])


def mark_read(conn: sqlite3.Connection, user_id: int, ids: list[int] | None = None) -> int:
    """Mark the person's notifications read (all, or ``ids``); how many changed."""
    stamp = now()
    if ids is None:
        cursor = conn.execute(
            "UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL",
            (stamp, user_id),
        )
    else:
        changed = 0
        for notification_id in ids:
            changed += conn.execute(
                "UPDATE notifications SET read_at = ? WHERE id = ? AND user_id = ?"
                " AND read_at IS NULL",
                (stamp, notification_id, user_id),
            ).rowcount
        conn.commit()
        return changed
    conn.commit()
    return cursor.rowcount


# -- mail settings --------------------------------------------------------------------------------


def mail_settings(conn: sqlite3.Connection, user_id: int) -> dict:
    """The person's e-mail address, mode (off | immediate | daily) and unsubscribe token."""
    row = conn.execute("SELECT * FROM mail_settings WHERE user_id = ?", (user_id,)).fetchone()
    if row is None:
        conn.execute(
            "INSERT INTO mail_settings (user_id, token) VALUES (?, ?)",
            (user_id, secrets.token_urlsafe(24)),
        )
        conn.commit()
        row = conn.execute("SELECT * FROM mail_settings WHERE user_id = ?", (user_id,)).fetchone()
    return dict(row)


def set_mail_settings(conn: sqlite3.Connection, user_id: int, address: str, mode: str) -> None:
    if mode not in MODES:
        raise ValueError(mode)
    mail_settings(conn, user_id)
    conn.execute(
        "UPDATE mail_settings SET address = ?, mode = ? WHERE user_id = ?",
        (address, mode, user_id),
    )
    conn.commit()


def unsubscribe(conn: sqlite3.Connection, token: str) -> bool:
    """Turn mail off for the holder of ``token``; False when no one holds it."""
    if not token or len(token) > 100:
        return False
    cursor = conn.execute("UPDATE mail_settings SET mode = 'off' WHERE token = ?", (token,))
    conn.commit()
    return cursor.rowcount == 1


def token_holder(conn: sqlite3.Connection, token: str) -> dict | None:
    if not token or len(token) > 100:
        return None
    row = conn.execute(
        "SELECT m.*, u.username FROM mail_settings m JOIN users u ON u.id = m.user_id"
        " WHERE m.token = ?",
        (token,),
    ).fetchone()
    return dict(row) if row else None
