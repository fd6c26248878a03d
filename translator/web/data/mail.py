"""E-mail for notifications: SMTP settings from the environment, one message per notification
for people who chose ``immediate``, one digest a day for ``daily``, and an unsubscribe link
(also as the ``List-Unsubscribe`` header, RFC 2369; the link opens a page that asks to
confirm, so a mail scanner following links unsubscribes no one) in every message.

Environment (nothing is sent when ``TRANSLATOR_SMTP_HOST`` is unset):

- ``TRANSLATOR_SMTP_HOST``, ``TRANSLATOR_SMTP_PORT`` (default 587);
- ``TRANSLATOR_SMTP_SECURITY``: ``starttls`` (default), ``ssl`` or ``none``;
- ``TRANSLATOR_SMTP_USER`` and ``TRANSLATOR_SMTP_PASSWORD`` (optional login);
- ``TRANSLATOR_SMTP_FROM`` (default ``translator@<host>``);
- ``TRANSLATOR_BASE_URL``: the site's address for links (default ``http://127.0.0.1:8080``).

Uses the standard library's ``smtplib`` and ``email``; a failed delivery leaves the
notifications unmailed so the next round tries again.
"""

from __future__ import annotations

import datetime as dt
import os
import smtplib
import sqlite3
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import formatdate, make_msgid

from translator.errors import TranslatorError
from translator.web.data.database import now

TIMEOUT = 20  # seconds for the SMTP conversation
SECURITY = ("starttls", "ssl", "none")
# long lines allowed (RFC 5322: 998), so a long unsubscribe URL is never an encoded word
POLICY = SMTP_POLICY.clone(max_line_length=998)


class MailError(TranslatorError):
    """The SMTP server could not be reached or refused the message."""


@dataclass(frozen=True)
class MailConfig:
    host: str
    port: int = 587
    security: str = "starttls"
    user: str = ""
    password: str = ""
    sender: str = ""
    base_url: str = "http://127.0.0.1:8080"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> MailConfig | None:
        """The settings from ``TRANSLATOR_SMTP_*`` (None when no host is set)."""
        env = os.environ if env is None else env
        host = env.get("TRANSLATOR_SMTP_HOST", "").strip()
        if not host:
            return None
        security = env.get("TRANSLATOR_SMTP_SECURITY", "starttls").strip().lower()
        if security not in SECURITY:
            raise MailError(f"TRANSLATOR_SMTP_SECURITY: expected one of {', '.join(SECURITY)}")
        try:
            port = int(env.get("TRANSLATOR_SMTP_PORT", "465" if security == "ssl" else "587"))
        except ValueError as exc:
            raise MailError("TRANSLATOR_SMTP_PORT: expected a number") from exc
        return cls(
            host=host,
            port=port,
            security=security,
            user=env.get("TRANSLATOR_SMTP_USER", ""),
            password=env.get("TRANSLATOR_SMTP_PASSWORD", ""),
            sender=env.get("TRANSLATOR_SMTP_FROM", "") or f"translator@{host}",
            base_url=env.get("TRANSLATOR_BASE_URL", "http://127.0.0.1:8080").rstrip("/"),
        )

    def unsubscribe_url(self, token: str) -> str:
        return f"{self.base_url}/notifications/unsubscribe?t={token}"


def compose(config: MailConfig, to: str, subject: str, text: str, token: str) -> EmailMessage:
    """A plain-text message with the unsubscribe link in the body and the headers."""
    link = config.unsubscribe_url(token)
    message = EmailMessage(policy=POLICY)
    message["From"] = config.sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=config.host)
    message["List-Unsubscribe"] = f"<{link}>"
    footer = f"\n\n-- \nSee everything at {config.base_url}/notifications\nUnsubscribe: {link}\n"
    message.set_content(text + footer)
    return message


def send(config: MailConfig, messages: list[EmailMessage]) -> None:
    """Send ``messages`` over one SMTP connection; MailError when that fails."""
    if not messages:
        return
    try:
        if config.security == "ssl":
            context = ssl.create_default_context()
            server = smtplib.SMTP_SSL(config.host, config.port, timeout=TIMEOUT, context=context)
        else:
            server = smtplib.SMTP(config.host, config.port, timeout=TIMEOUT)
        with server:
            if config.security == "starttls":
                server.starttls(context=ssl.create_default_context())
            if config.user:
                server.login(config.user, config.password)
            for message in messages:
                server.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        raise MailError(f"mail to {config.host}:{config.port} failed: {exc}") from exc


def _pending(conn: sqlite3.Connection, mode: str) -> dict[int, list[dict]]:
    """Unmailed notifications of people with an address and ``mode``, by person."""
    rows = conn.execute(
        "SELECT n.*, m.address, m.token, m.last_digest FROM notifications n"
        " JOIN mail_settings m ON m.user_id = n.user_id"
        " WHERE m.mode = ? AND m.address != '' AND n.mailed_at IS NULL ORDER BY n.id",
        (mode,),
    )
    found: dict[int, list[dict]] = {}
    for row in rows:
        found.setdefault(row["user_id"], []).append(dict(row))
    return found


def _mark_mailed(conn: sqlite3.Connection, ids: list[int]) -> None:
    stamp = now()
    for notification_id in ids:
        conn.execute(
            "UPDATE notifications SET mailed_at = ? WHERE id = ?", (stamp, notification_id)
        )
    conn.commit()


def deliver_immediate(conn: sqlite3.Connection, config: MailConfig) -> int:
    """Mail each unmailed notification of the ``immediate`` people; how many were sent."""
    sent = 0
    for items in _pending(conn, "immediate").values():
        messages = [
            compose(
                config,
                item["address"],
                f"[translator] {item['body'][:70]}",
                item["body"],
                item["token"],
            )
            for item in items
        ]
        send(config, messages)
        _mark_mailed(conn, [item["id"] for item in items])
        sent += len(messages)
    return sent


def deliver_digests(conn: sqlite3.Connection, config: MailConfig, at: dt.datetime) -> int:
    """One digest to each ``daily`` person whose last digest is a day old; digests sent."""
    sent = 0
    cutoff = (at - dt.timedelta(days=1)).strftime("%Y-%m-%d %H:%M:%S")
    for user_id, items in _pending(conn, "daily").items():
        last = items[0]["last_digest"]
        if last and last > cutoff:
            continue
        lines = [f"- {item['at'][:16]} {item['body']}" for item in items]
        count = len(items)
        text = f"{count} notification{'s' if count != 1 else ''} since the last digest:\n\n"
        subject = f"[translator] Daily digest: {count} notification{'s' if count != 1 else ''}"
        send(
            config,
            [
                compose(
                    config, items[0]["address"], subject, text + "\n".join(lines), items[0]["token"]
                )
            ],
        )
        _mark_mailed(conn, [item["id"] for item in items])
        conn.execute(
            "UPDATE mail_settings SET last_digest = ? WHERE user_id = ?",
            (at.strftime("%Y-%m-%d %H:%M:%S"), user_id),
        )
        conn.commit()
        sent += 1
    return sent
