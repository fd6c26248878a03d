"""Work the web app does beside a request, so that no request waits for it: webhook
deliveries and the API's build jobs.

- **Webhooks**: a save that takes a language of a document across its build threshold, and
  an accepted new version of a source, queue a delivery per hook (:func:`announce`; the save
  is noticed through :attr:`Store.watchers <translator.web.data.catalogs.Store.watchers>`).
  One daemon thread per server process sends what is due (:mod:`translator.web.data.webhooks`
  leases each delivery in its row, so several processes share the queue), sleeping until the
  next retry or until woken by a new delivery.
- **Builds**: each job runs on a thread of its own; the row in ``build_jobs`` says who has it
  (:func:`translator.web.data.jobs.claim_job`), so a job is built once even when several
  processes see it. A server process picks up jobs left queued on its first request, and a
  look at a job whose worker process died (on the same machine) puts it back in the queue.

Settings: ``WEBHOOK_BACKOFF`` (seconds; a failed delivery waits 2, 4, 8... times it),
``WEBHOOK_POLL`` (seconds between looks at the queue when idle), ``API_BUILD_DIR``.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from flask import current_app

from translator.build import BuildOptions, Fallback, choose_translations, parse_formats
from translator.errors import TranslatorError
from translator.languages import normalize_language
from translator.web.data import jobs, webhooks
from translator.web.data.database import connect

if TYPE_CHECKING:
    import polib
    from flask import Flask

    from translator.web.data.catalogs import Store

log = logging.getLogger(__name__)
SENDER = "translator.outbox"
WORKER = f"{os.uname().nodename}:{os.getpid()}"


def init_app(app: Flask, store: Store) -> None:
    """Watch saves for thresholds; outside tests, resume what a stopped server left."""
    app.config.setdefault("WEBHOOK_BACKOFF", 30.0)
    app.config.setdefault("WEBHOOK_POLL", 30.0)
    app.config.setdefault("API_BUILD_DIR", str(Path(app.instance_path) / "api-builds"))
    store.watchers.append(_threshold_watcher(app, store))
    if not app.config.get("TESTING"):
        app.before_request(lambda: _resume_once(app))


def _resume_once(app: Flask) -> None:
    """On a process's first request: its sender, and the jobs a stopped server left queued.

    Not when the app is made: ``translator serve`` makes it in gunicorn's master, and threads
    must not be running when the workers are forked from it.
    """
    if app.extensions.get("translator.outbox.pid") == os.getpid():
        return
    app.extensions["translator.outbox.pid"] = os.getpid()
    wake(app)
    conn = connect(app.config["DATABASE"])
    try:
        left = jobs.queued_jobs(conn)
    finally:
        conn.close()
    for job_id in left:
        start_job(app, job_id)


# -- webhooks ------------------------------------------------------------------------------------


def announce(event: str, payload: dict, app: Flask | None = None) -> list[int]:
    """Queue ``event`` for every hook that wants it and wake the sender; the delivery ids."""
    app = app or current_app._get_current_object()
    conn = connect(app.config["DATABASE"])
    try:
        ids = webhooks.enqueue(conn, event, payload)
    finally:
        conn.close()
    if ids:
        wake(app)
    return ids


def wake(app: Flask) -> None:
    """Start this process's sender if needed, and have it look at the queue now."""
    sender = app.extensions.get(SENDER)
    if sender is None or not sender.thread.is_alive():
        sender = _Sender(app)
        app.extensions[SENDER] = sender
        sender.thread.start()
    sender.bell.set()


def stop(app: Flask) -> None:
    """Stop this process's sender (tests; a daemon thread ends with the process anyway)."""
    sender = app.extensions.pop(SENDER, None)
    if sender is not None:
        sender.halt.set()
        sender.bell.set()
        sender.thread.join(timeout=15)


class _Sender:
    def __init__(self, app: Flask):
        self.database = app.config["DATABASE"]
        self.backoff = float(app.config["WEBHOOK_BACKOFF"])
        self.poll = float(app.config["WEBHOOK_POLL"])
        self.bell, self.halt = threading.Event(), threading.Event()
        self.thread = threading.Thread(target=self.run, name="translator-webhooks", daemon=True)

    def run(self) -> None:
        while not self.halt.is_set():
            self.bell.clear()
            due = self.round()
            wait = self.poll if due is None else min(self.poll, max(0.02, due - time.time()))
            self.bell.wait(wait)

    def round(self) -> float | None:
        """Send everything due; when the next delivery is due."""
        conn = connect(self.database)
        try:
            for delivery in webhooks.claim_due(conn):
                webhooks.send(conn, delivery, self.backoff)
            return webhooks.next_due(conn)
        except sqlite3.Error as exc:
            log.warning("webhook round failed (tried again later): %s", exc)
            return None
        finally:
            conn.close()


def completion(store: Store, slug: str, lang: str, po: polib.POFile) -> float:
    """The completion a build would see for this catalog (percent)."""
    settings = store.project.settings
    allowed = {normalize_language(code) for code in settings.build_allow_drafts if code != "*"}
    drafts = lang in allowed or "*" in settings.build_allow_drafts
    doc = store.document(slug).doc
    return choose_translations(doc, po, allow_drafts=drafts).completion


def _threshold_watcher(app: Flask, store: Store):
    """A save watcher that announces ``language.ready`` when a save crosses the threshold."""
    database = app.config["DATABASE"]
    threshold = float(store.project.settings.build_min_completion)

    def watch(lang: str, slug: str, po: polib.POFile):
        try:
            conn = connect(database)
            try:
                listening = webhooks.wanted(conn, "language.ready")
            finally:
                conn.close()
            before = completion(store, slug, lang, po) if listening else threshold
        except (TranslatorError, sqlite3.Error):
            return None
        if before >= threshold:
            return None

        def then(written: polib.POFile) -> None:
            try:
                after = completion(store, slug, lang, written)
                if after >= threshold:
                    payload = {"document": slug, "language": lang, "completion": after}
                    announce("language.ready", {**payload, "threshold": threshold}, app)
            except (TranslatorError, sqlite3.Error) as exc:
                log.warning("webhook for %s %s not queued: %s", slug, lang, exc)

        return then

    return watch


# -- builds --------------------------------------------------------------------------------------


def build_options(asked: dict) -> tuple[list[str] | None, BuildOptions]:
    """The documents and build options of a job's request (checked when it was made)."""
    options = BuildOptions(
        formats=parse_formats(asked["formats"]),
        langs=asked["languages"],
        min_completion=asked.get("min_completion"),
        fallback=Fallback(asked.get("fallback", "source")),
    )
    return asked.get("documents") or None, options


def start_job(app: Flask, job_id: str) -> None:
    """Run the job on a thread of its own (it does nothing when another worker has it)."""
    threading.Thread(target=_run_job, args=(app, job_id), daemon=True).start()


def resume_job(app: Flask, job: dict) -> None:
    """Start a queued job, and requeue a running one whose process on this machine died."""
    if job["status"] == "running" and _gone(job["worker"]):
        conn = connect(app.config["DATABASE"])
        try:
            if not jobs.requeue_job(conn, job["id"], job["worker"]):
                return
        finally:
            conn.close()
    elif job["status"] != "queued":
        return
    start_job(app, job["id"])


def _gone(worker: str) -> bool:
    """Whether ``worker`` (``node:pid``) was a process of this machine that no longer runs."""
    node, _, pid = worker.rpartition(":")
    if node != os.uname().nodename or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def job_folder(app: Flask, job_id: str) -> Path:
    return Path(app.config["API_BUILD_DIR"]) / job_id


def _run_job(app: Flask, job_id: str) -> None:
    conn = connect(app.config["DATABASE"])
    try:
        if not jobs.claim_job(conn, job_id, WORKER):
            return
        job = jobs.get_job(conn, job_id)
        try:
            slugs, options = build_options(job["request"])
            project = app.extensions["translator.store"].project
            report = project.build(slugs, options, job_folder(app, job_id)).to_dict()
            report["out_dir"] = ""
            jobs.finish_job(conn, job_id, report)
        except (TranslatorError, OSError, ValueError, KeyError) as exc:
            log.error("build job %s failed: %s", job_id, exc)
            jobs.finish_job(conn, job_id, None, str(exc) or type(exc).__name__)
    finally:
        conn.close()
