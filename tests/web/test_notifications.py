"""Notifications: the in-app feed and unread count, comments that mention or answer someone,
and e-mail through a real SMTP server on 127.0.0.1 (aiosmtpd): immediate, a daily digest, and
the unsubscribe link."""

from __future__ import annotations

import datetime as dt
import email
import re
import socket

import pytest

from translator.web.data import notifications, people
from translator.web.data.database import connect
from translator.web.data.mail import MailConfig, deliver_digests
from translator.web.notices.delivery import digest_round

aiosmtpd = pytest.importorskip("aiosmtpd.controller")


class Inbox:
    """What the SMTP server received: (envelope recipients, parsed message)."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        message = email.message_from_bytes(envelope.original_content)
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp():
    inbox = Inbox()
    port = free_port()
    controller = aiosmtpd.Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield (
            inbox,
            MailConfig(
                host="127.0.0.1",
                port=port,
                security="none",
                sender="team@example.org",
                base_url="http://translate.example",
            ),
        )
    finally:
        controller.stop()


def user_id(app, name: str) -> int:
    conn = connect(app.config["DATABASE"])
    try:
        return people.find_user(conn, name).id
    finally:
        conn.close()


def comment(client, auth, review, lang, body, user):
    auth.login(user)
    entry = review.entries(lang)[1]
    response = review.post(review.url(lang, entry["key"], "/comments"), {"body": body})
    assert response.status_code == 201
    auth.logout()


def test_a_mention_and_an_answer_reach_the_feed_with_an_unread_count(app, client, auth, review):
    comment(client, auth, review, "de", "Is 'Abzug' right here?", "dana")
    comment(client, auth, review, "de", "Yes. @coord please check the glossary.", "rita")
    auth.login("dana")
    home = client.get("/").get_data(as_text=True)
    assert re.search(r'id="unread-count"[^>]*>1<', home)
    feed = client.get("/notifications/").get_data(as_text=True)
    assert "rita answered your comment on a de sentence of sample" in feed
    auth.logout()
    auth.login("coord")
    assert "rita mentioned you" in client.get("/notifications/").get_data(as_text=True)
    auth.logout()
    auth.login("rita")
    assert 'id="unread-count"' not in client.get("/").get_data(as_text=True)  # not of her own


def test_opening_a_notification_marks_it_read_and_leads_to_the_sentence(app, client, auth, review):
    comment(client, auth, review, "de", "First.", "dana")
    comment(client, auth, review, "de", "An answer.", "rita")
    auth.login("dana")
    (item,) = notifications.feed(connect(app.config["DATABASE"]), user_id(app, "dana"))
    response = client.post("/notifications/read", data={"csrf_token": auth.token, "id": item["id"]})
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/translate/sample/de/?seg=")
    assert 'id="unread-count"' not in client.get("/").get_data(as_text=True)
    other = client.post("/notifications/read", data={"csrf_token": auth.token, "id": "999"})
    assert other.status_code == 404


def test_immediate_mail_is_sent_with_an_unsubscribe_link_that_works(
    app, client, auth, review, smtp
):
    inbox, config = smtp
    app.config.update(MAIL=config, MAIL_SYNC=True)
    auth.login("dana")
    data = {"csrf_token": auth.token, "address": "dana@example.org", "mode": "immediate"}
    assert client.post("/notifications/settings", data=data).status_code == 302
    auth.logout()
    comment(client, auth, review, "de", "@dana look at this one.", "rita")
    ((recipients, message),) = inbox.messages
    assert recipients == ["dana@example.org"]
    body = message.get_payload(decode=True).decode()
    assert "rita mentioned you" in body
    link = re.search(r"Unsubscribe: (\S+)", body).group(1)
    assert message["List-Unsubscribe"] == f"<{link}>"
    path = link.removeprefix(config.base_url)
    logged_out = app.test_client()
    page = logged_out.get(path).get_data(as_text=True)
    assert "Stop sending notification e-mail to dana@example.org?" in page
    token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    t = path.split("t=")[1]
    done = logged_out.post("/notifications/unsubscribe", data={"csrf_token": token, "t": t})
    assert "No more notification e-mail goes to dana@example.org" in done.get_data(as_text=True)
    conn = connect(app.config["DATABASE"])
    assert notifications.mail_settings(conn, user_id(app, "dana"))["mode"] == "off"
    conn.close()
    comment(client, auth, review, "de", "@dana and again.", "rita")
    assert len(inbox.messages) == 1  # unsubscribed: nothing more


def test_a_daily_digest_gathers_the_day_once(app, smtp):
    inbox, config = smtp
    conn = connect(app.config["DATABASE"])
    dana = user_id(app, "dana")
    notifications.set_mail_settings(conn, dana, "dana@example.org", "daily")
    notifications.notify(conn, [dana], "new-document", "New document to translate: A (de).")
    notifications.notify(conn, [dana], "sent-back", "rita sent 2 of your de translations back.")
    now = dt.datetime(2026, 5, 1, 9, 0, tzinfo=dt.UTC)
    assert deliver_digests(conn, config, now) == 1
    ((_, message),) = inbox.messages
    assert message["Subject"] == "[translator] Daily digest: 2 notifications"
    body = message.get_payload(decode=True).decode()
    assert "New document to translate: A (de)." in body and "sent 2 of your" in body
    notifications.notify(conn, [dana], "comment", "later the same day")
    assert deliver_digests(conn, config, now + dt.timedelta(hours=3)) == 0  # one a day
    assert deliver_digests(conn, config, now + dt.timedelta(days=1, minutes=1)) == 1
    assert "later the same day" in inbox.messages[-1][1].get_payload(decode=True).decode()
    conn.close()


def test_an_unreachable_server_keeps_the_mail_for_the_next_round(app):
    conn = connect(app.config["DATABASE"])
    dana = user_id(app, "dana")
    notifications.set_mail_settings(conn, dana, "dana@example.org", "daily")
    notifications.notify(conn, [dana], "comment", "kept")
    conn.close()
    closed = MailConfig(host="127.0.0.1", port=1, security="none")
    assert digest_round(app.config["DATABASE"], closed) == 0
    conn = connect(app.config["DATABASE"])
    row = conn.execute("SELECT mailed_at FROM notifications").fetchone()
    assert row["mailed_at"] is None
    conn.close()


def test_settings_from_the_environment():
    assert MailConfig.from_env({}) is None
    config = MailConfig.from_env(
        {"TRANSLATOR_SMTP_HOST": "mail.example", "TRANSLATOR_SMTP_SECURITY": "ssl"}
    )
    assert (config.port, config.sender) == (465, "translator@mail.example")
