"""Webhooks: coordinators set them (others get 403), a merge that takes a language to its
build threshold and an accepted new version of a source are POSTed to a real receiver on
127.0.0.1, signed with HMAC-SHA256 of the body; a first 500 is tried again, every attempt is
recorded and listed, and the request that caused the event never waits for the receiver."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.web.api_v1.test_documents import download, upload
from tests.web.test_documents import NEW_VERSION, preview, token_of, translate_sample
from translator.web.data.webhooks import sign

HOOKS = "/webhooks"
DELIVERIES = "/webhooks/{hook_id}/deliveries"


class Receiver:
    """An HTTP server on 127.0.0.1 answering each POST with the next status of ``codes``."""

    def __init__(self, codes=(200,), hold: threading.Event | None = None):
        self.codes = list(codes)
        self.hold = hold
        self.got: list[dict] = []
        self.arrived = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers["Content-Length"]))
                held = receiver.hold.wait(10) if receiver.hold is not None else None
                receiver.got.append({"headers": dict(self.headers), "body": body, "held": held})
                code = receiver.codes.pop(0) if len(receiver.codes) > 1 else receiver.codes[0]
                self.send_response(code)
                self.send_header("Content-Length", "0")
                self.end_headers()
                receiver.arrived.set()

            def log_message(self, *_args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def wait_for(self, count: int, seconds: float = 20) -> list[dict]:
        deadline = time.monotonic() + seconds
        while len(self.got) < count and time.monotonic() < deadline:
            self.arrived.wait(0.1)
            self.arrived.clear()
        assert len(self.got) >= count, f"{len(self.got)} of {count} deliveries arrived"
        return self.got

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    made = []

    def make(*args, **kwargs):
        made.append(Receiver(*args, **kwargs))
        return made[-1]

    yield make
    for item in made:
        item.close()


def add_hook(api, url, events=("language.ready",), who="coord", **more):
    return api.post(HOOKS, who, json={"url": url, "events": list(events), **more})


def translate_all(api, who="dana"):
    """Translate every entry of the de catalog through the API (0% -> 100%)."""
    po = download(api, who)
    for entry in po:
        if entry.msgid and not entry.obsolete:
            entry.msgstr = f"[de] {entry.msgid}"
    return upload(api, po, who)


def verified(delivery: dict, secret: str) -> dict:
    """The delivery's JSON once its signature is checked as a receiver would."""
    header = delivery["headers"]["X-Translator-Signature"]
    expected = "sha256=" + hmac.new(secret.encode(), delivery["body"], hashlib.sha256).hexdigest()
    assert hmac.compare_digest(header, expected)
    return json.loads(delivery["body"])


def wait_delivered(api, hook_id, count=1, seconds=20) -> list[dict]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = api.get(DELIVERIES, params={"hook_id": hook_id}).get_json()
        done = [d for d in body["deliveries"] if d["status"] != "pending"]
        if len(done) >= count:
            return body["deliveries"]
        time.sleep(0.05)
    raise AssertionError(f"deliveries still pending: {body['deliveries']}")


def test_reaching_the_threshold_is_posted_signed_and_retried_after_a_500(api, receiver):
    server = receiver(codes=(500, 200))
    hook = add_hook(api, server.url).get_json()
    assert hook["secret"] and hook["events"] == ["language.ready"]
    assert translate_all(api).status_code == 200
    first, second = server.wait_for(2)
    assert first["body"] == second["body"]  # the same delivery, tried again
    payload = verified(second, hook["secret"])
    assert payload["event"] == "language.ready"
    assert (payload["document"], payload["language"]) == ("sample", "de")
    assert payload["completion"] == 100.0 and payload["threshold"] == 80.0
    assert second["headers"]["X-Translator-Event"] == "language.ready"
    (delivery,) = wait_delivered(api, hook["id"])
    assert delivery["status"] == "delivered" and delivery["attempts"] == 2
    assert [a["status_code"] for a in delivery["attempt_log"]] == [500, 200]
    assert delivery["attempt_log"][0]["error"] == "answered HTTP 500"
    assert delivery["payload"] == payload
    # already above the threshold: the next merge announces nothing
    po = download(api, "dana")
    next(e for e in po if e.msgid == "Stop the war!").msgstr = "Stoppt den Krieg!"
    assert upload(api, po, "dana").status_code == 200
    assert len(api.get(DELIVERIES, params={"hook_id": hook["id"]}).get_json()["deliveries"]) == 1


def test_a_merge_below_the_threshold_posts_nothing(api, receiver):
    server = receiver()
    hook_id = add_hook(api, server.url).get_json()["id"]
    po = download(api, "dana")
    next(e for e in po if e.msgid == "Stop the war!").msgstr = "Stoppt den Krieg!"
    assert upload(api, po, "dana").status_code == 200  # queued in the request, if at all
    assert api.get(DELIVERIES, params={"hook_id": hook_id}).get_json()["deliveries"] == []


def test_the_merge_does_not_wait_for_the_receiver(api, receiver):
    answered = threading.Event()  # set once the merge has answered
    server = receiver(hold=answered)
    add_hook(api, server.url)
    assert translate_all(api).status_code == 200
    answered.set()
    (delivery,) = server.wait_for(1)
    assert delivery["held"] is True  # it was still being held when the merge answered


def test_an_amended_source_is_posted(api, app, receiver):
    server = receiver()
    hook = add_hook(api, server.url, events=["source.amended"]).get_json()
    translate_sample(app, "de", "dana")
    client = app.test_client()
    from tests.web.conftest import AuthActions

    auth = AuthActions(client)
    html = preview(client, auth, text=NEW_VERSION, version="sample").get_data(as_text=True)
    accepted = client.post(
        "/dashboard/documents/accept", data={"csrf_token": auth.token, "token": token_of(html)}
    )
    assert accepted.status_code == 302
    (delivery,) = server.wait_for(1)
    payload = verified(delivery, hook["secret"])
    assert payload["event"] == "source.amended" and payload["document"] == "sample"
    assert payload["by"] == "coord" and payload["fuzzy"]["de"] >= 1


@pytest.mark.parametrize("who", ["rita", "dana", "fred"])
def test_only_coordinators_manage_webhooks(api, who):
    assert api.get(HOOKS, who).status_code == 403
    assert add_hook(api, "http://127.0.0.1:9/x", who=who).status_code == 403
    hook_id = add_hook(api, "http://127.0.0.1:9/x").get_json()["id"]
    assert api.delete("/webhooks/{hook_id}", who, params={"hook_id": hook_id}).status_code == 403
    assert api.get(DELIVERIES, who, params={"hook_id": hook_id}).status_code == 403


def test_webhooks_are_listed_and_removed(api):
    hook = add_hook(api, "https://ci.example.org/hook", ["language.ready", "source.amended"])
    assert hook.status_code == 201
    listed = api.get(HOOKS).get_json()["webhooks"]
    assert [(h["url"], h["created_by"]) for h in listed] == [
        ("https://ci.example.org/hook", "token:coord-ci")
    ]
    assert "secret" not in listed[0]
    params = {"hook_id": hook.get_json()["id"]}
    assert api.delete("/webhooks/{hook_id}", params=params).status_code == 204
    assert api.delete("/webhooks/{hook_id}", params=params).status_code == 404
    assert api.get(DELIVERIES, params=params).status_code == 404
    assert api.get(HOOKS).get_json()["webhooks"] == []


@pytest.mark.parametrize(
    "body",
    [
        {"url": "ftp://example.org/x", "events": ["language.ready"]},
        {"url": "not a url", "events": ["language.ready"]},
        {"url": "https://example.org/x", "events": ["everything"]},
        {"url": "https://example.org/x", "events": []},
        {"url": 5, "events": ["language.ready"]},
        {"url": "https://example.org/x", "events": "language.ready"},
    ],
)
def test_a_bad_webhook_is_refused(api, body):
    response = api.post(HOOKS, json=body)
    assert response.status_code == 400 and response.get_json()["error"]


def test_the_signature_is_hmac_sha256_of_the_body():
    body = b'{"event": "language.ready"}'
    assert sign("k", body) == "sha256=" + hmac.new(b"k", body, hashlib.sha256).hexdigest()


def test_an_editor_save_that_crosses_the_threshold_is_posted_too(api, app, receiver):
    """Saves in the review UI go through the same store: the last sentence before 80% counts."""
    from tests.web.conftest import AuthActions, ReviewActions
    from translator.catalog import read_catalog, write_catalog
    from translator.catalog.state import set_human
    from translator.web.outbox import completion

    server = receiver()
    hook = add_hook(api, server.url).get_json()
    store = app.extensions["translator.store"]
    path = store.project.catalog_path("de", "sample")
    po = read_catalog(path)
    live = [entry for entry in po if entry.msgid and not entry.obsolete]
    for entry in live:  # translate up to just below the threshold, on disk
        set_human(entry, f"[de] {entry.msgid}")
        if completion(store, "sample", "de", po) >= 80:
            set_human(entry, "")
            break
    write_catalog(po, path)
    assert completion(store, "sample", "de", read_catalog(path)) < 80
    last = next(entry.msgid for entry in live if not entry.msgstr)
    client = app.test_client()
    auth = AuthActions(client)
    auth.login("dana")
    review = ReviewActions(client, auth)
    entry = review.find("de", last)
    assert review.save("de", entry, f"[de] {last}").status_code == 200
    (delivery,) = server.wait_for(1)
    payload = verified(delivery, hook["secret"])
    assert payload["language"] == "de" and payload["completion"] >= 80


def test_a_restarted_server_sends_what_waits_and_builds_what_is_queued(api, app, receiver):
    """What a stopped server left in the database is taken up on the next one's first request."""
    from tests.web.api_v1.conftest import another_process
    from tests.web.api_v1.test_builds import wait_done
    from translator.web import outbox
    from translator.web.data import database, jobs, webhooks

    server = receiver()
    hook = add_hook(api, server.url).get_json()
    conn = database.connect(app.config["DATABASE"])
    webhooks.enqueue(conn, "language.ready", {"document": "sample", "language": "de"})
    asked = {"languages": ["de"], "formats": ["md"], "documents": [], "fallback": "source"}
    job_id = jobs.create_job(conn, "token:coord-ci", asked)
    conn.close()
    restarted = another_process(app, TESTING=False)
    try:
        assert restarted.test_client().get("/api/v1/openapi.json").status_code == 200
        (delivery,) = server.wait_for(1)
        assert verified(delivery, hook["secret"])["document"] == "sample"
        conn = database.connect(app.config["DATABASE"])
        deadline = time.monotonic() + 30
        while jobs.get_job(conn, job_id)["status"] != "done" and time.monotonic() < deadline:
            time.sleep(0.05)
        assert jobs.get_job(conn, job_id)["status"] == "done"
        conn.close()
        assert wait_done(api, job_id)["files"]
    finally:
        outbox.stop(restarted)
