"""Sending notification mail from the web app: right after a change for ``immediate`` people
(on a short-lived thread, so the request does not wait for the SMTP server), and a daily
digest round once an hour on a daemon thread.

The SMTP settings are ``app.config["MAIL"]``: a :class:`~translator.web.data.mail.MailConfig`,
read from the environment on start when the config does not set it (None: no mail).
``MAIL_SYNC`` (tests) sends on the request's own thread instead.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from typing import TYPE_CHECKING

from flask import current_app

from translator.web.data.database import connect
from translator.web.data.mail import MailConfig, MailError, deliver_digests, deliver_immediate

if TYPE_CHECKING:
    from flask import Flask

log = logging.getLogger(__name__)
DIGEST_ROUND = 3600  # seconds between digest rounds


def mail_config(app: Flask) -> MailConfig | None:
    if "MAIL" not in app.config:
        try:
            app.config["MAIL"] = MailConfig.from_env()
        except MailError as exc:
            log.error("no notification mail: %s", exc)
            app.config["MAIL"] = None
    return app.config["MAIL"]


def _send_immediate(database: str, config: MailConfig) -> None:
    conn = connect(database)
    try:
        deliver_immediate(conn, config)
    except MailError as exc:
        log.warning("notification mail not sent (tried again later): %s", exc)
    finally:
        conn.close()


def deliver() -> None:
    """Mail what was just notified to the people who want it at once."""
    app = current_app._get_current_object()
    config = mail_config(app)
    if config is None:
        return
    database = app.config["DATABASE"]
    if app.config.get("MAIL_SYNC"):
        _send_immediate(database, config)
    else:
        threading.Thread(target=_send_immediate, args=(database, config), daemon=True).start()


def digest_round(database: str, config: MailConfig, at: dt.datetime | None = None) -> int:
    """One round of daily digests (and a retry of failed immediate mail); digests sent."""
    conn = connect(database)
    try:
        deliver_immediate(conn, config)
        return deliver_digests(conn, config, at or dt.datetime.now(dt.UTC))
    except MailError as exc:
        log.warning("digest round failed (tried again later): %s", exc)
        return 0
    finally:
        conn.close()


def start_digests(app: Flask) -> None:
    """A daemon thread running :func:`digest_round` every hour (not under TESTING)."""
    config = mail_config(app)
    if config is None or app.config.get("TESTING"):
        return
    database = app.config["DATABASE"]
    stop = threading.Event()

    def loop() -> None:
        while not stop.wait(DIGEST_ROUND):
            digest_round(database, config)

    threading.Thread(target=loop, name="translator-digests", daemon=True).start()
    app.extensions["translator.digests"] = stop
