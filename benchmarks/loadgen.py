"""A bounded load generator for the review UI: editor pages and saves, with concurrent clients.

The server is the real app (``translator.web.create_app``) behind waitress with the threads
``translator serve`` uses, started as its own process (``python3 benchmarks/loadgen.py serve
ROOT``) so that the clients do not share its interpreter. Each client is a thread with its own
keep-alive ``http.client`` connection and its own account (a reviewer of one language); it
logs in through the real form, then repeats: open the editor on a random sentence of a random
document (``GET /translate/<slug>/<lang>/?n=<k>``), read the sentence's version from the page,
and save a new translation through the JSON API (``POST /api/translate/.../segment/<key>``, with
the CSRF header), the way the page's JavaScript does. Every request is timed.

Levels of 1, 10 and 50 clients run one after the other; each client makes a fixed number of
rounds and every level stops at a deadline, so a run always ends. Accounts use a cheap password
hash (login is set-up, not measured).
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import math
import random
import re
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

LEVELS = (1, 10, 50)
SAMPLES = 200  # requests of each kind per level (rounds per client = SAMPLES / clients)
QUICK_SAMPLES = 50
DEADLINE = 180.0  # seconds per level, whatever happens
DOCS = 50  # documents the clients pick from
PASSWORD = "benchmark horse battery"
_CSRF = re.compile(r'name="csrf-token" content="([^"]+)"')
_PANEL = re.compile(r'id="segment"\s+data-key="([0-9a-f]{16})" data-version="([^"]*)"')


# -- the server process ------------------------------------------------------------------------


def serve(root: Path, clients: int, langs: list[str]) -> None:
    """Create ``clients`` translator accounts, then serve the app on a free port (printed)."""
    import waitress

    from translator.web import create_app
    from translator.web.data import database as db
    from translator.web.data import people as accounts

    accounts.PASSWORD_METHOD = "pbkdf2:sha256:1000"
    instance = root / "instance"
    instance.mkdir(exist_ok=True)
    (instance / "config.py").write_text("FIRST_RUN_ADMIN = False\n", "utf-8")
    app = create_app(project_root=root)
    conn = db.connect(app.config["DATABASE"])
    for number in range(clients):
        lang = langs[number % len(langs)]
        accounts.create_user(conn, f"client{number}", PASSWORD, languages={lang: "reviewer"})
    conn.close()
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=8, ident="translator")
    print(server.effective_port, flush=True)
    server.run()


# -- the clients -------------------------------------------------------------------------------


@dataclass
class Timings:
    """Latencies in seconds by kind of request, and what went wrong."""

    open: list[float] = field(default_factory=list)
    save: list[float] = field(default_factory=list)
    conflicts: int = 0
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class Client:
    """One person in a browser: a session cookie, a CSRF token, one connection."""

    def __init__(self, port: int, username: str):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.username = username
        self.cookies: dict[str, str] = {}
        self.token = ""

    def request(self, method: str, path: str, body=None, headers=None) -> tuple[int, str]:
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, response.read().decode("utf-8", "replace")

    def login(self) -> None:
        _, page = self.request("GET", "/auth/login")
        form = urlencode(
            {"username": self.username, "password": PASSWORD, "csrf_token": _token(page)}
        )
        status, _ = self.request(
            "POST", "/auth/login", form, {"Content-Type": "application/x-www-form-urlencoded"}
        )
        if status != 302:
            raise RuntimeError(f"{self.username}: login answered HTTP {status}")
        _, home = self.request("GET", "/")
        self.token = _token(home)

    def open_editor(self, slug: str, lang: str, number: int) -> tuple[str, str]:
        """The editor on sentence ``number``; returns the open sentence's (key, version)."""
        status, page = self.request("GET", f"/translate/{slug}/{lang}/?n={number}")
        match = _PANEL.search(page)
        if status != 200 or match is None:
            raise RuntimeError(f"editor {slug}/{lang}/?n={number}: HTTP {status}, no sentence")
        return match.group(1), match.group(2)

    def save(self, slug: str, lang: str, key: str, version: str, text: str) -> int:
        body = json.dumps({"action": "save", "msgstr": text, "version": version})
        headers = {"Content-Type": "application/json", "X-CSRFToken": self.token}
        status, answer = self.request(
            "POST", f"/api/translate/{slug}/{lang}/segment/{key}", body, headers
        )
        if status not in (200, 409):
            raise RuntimeError(f"save {slug}/{lang}/{key}: HTTP {status} {answer[:120]}")
        return status


def _token(page: str) -> str:
    match = _CSRF.search(page)
    if match is None:
        raise RuntimeError("no CSRF token in the page")
    return match.group(1)


def run_level(
    port: int, clients: int, lang_of, documents: dict[str, int], samples: int
) -> tuple[Timings, float]:
    """``clients`` threads, each making ``samples / clients`` rounds; (timings, wall seconds)."""
    timings = Timings()
    rounds = max(1, math.ceil(samples / clients))
    deadline = [math.inf]

    def go() -> None:  # runs once, when every client has logged in
        deadline[0] = time.monotonic() + DEADLINE

    ready = threading.Barrier(clients + 1, action=go)

    def work(number: int) -> None:
        rng = random.Random(number)
        client = Client(port, f"client{number}")
        lang = lang_of(number)
        try:
            client.login()
            slug = rng.choice(list(documents))
            client.open_editor(slug, lang, 1)  # warm this client's path (not measured)
        except Exception as exc:  # noqa: BLE001 - reported in the table
            timings.errors.append(f"{client.username}: {exc}")
            ready.abort()
            return
        try:
            ready.wait(timeout=120)
        except threading.BrokenBarrierError:
            return
        for step in range(rounds):
            if time.monotonic() > deadline[0]:
                break
            slug = rng.choice(list(documents))
            try:
                start = time.perf_counter()
                key, version = client.open_editor(slug, lang, rng.randint(1, documents[slug]))
                opened = time.perf_counter()
                text = f"Benchmark translation {number}.{step}."
                status = client.save(slug, lang, key, version, text)
                saved = time.perf_counter()
            except Exception as exc:  # noqa: BLE001 - reported in the table
                with timings.lock:
                    timings.errors.append(f"{client.username}: {exc}")
                return
            with timings.lock:
                timings.open.append(opened - start)
                timings.save.append(saved - opened)
                timings.conflicts += status == 409

    threads = [threading.Thread(target=work, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    with contextlib.suppress(threading.BrokenBarrierError):
        ready.wait(timeout=180)
    start = time.monotonic()
    end = start + DEADLINE + 60
    for thread in threads:
        thread.join(timeout=max(1.0, end - time.monotonic()))
    return timings, time.monotonic() - start


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (``share`` in 0..1)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def start_server(root: Path, clients: int, langs: list[str]) -> tuple[subprocess.Popen, int]:
    args = [sys.executable, __file__, "serve", str(root), str(clients), ",".join(langs)]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline().strip()
    if not line.isdigit():
        proc.kill()
        error = proc.stderr.read().strip().splitlines()
        raise RuntimeError(f"server did not start: {error[-1] if error else 'no output'}")
    return proc, int(line)


def document_sizes(root: Path, count: int) -> dict[str, int]:
    """Up to ``count`` documents and their number of sentences (from the templates)."""
    from translator.catalog import read_catalog

    pots = sorted((root / "locales").glob("*.pot"))[:count]
    return {pot.stem: sum(1 for e in read_catalog(pot) if e.msgid) for pot in pots}


def bench_review(table, size: str, root: Path, *, quick: bool, log) -> None:
    """Rows ``review UI`` for 1, 10 and 50 clients: open and save latencies."""
    from report import Cell

    try:
        import translator.web  # noqa: F401
    except ImportError as exc:
        table.add("review UI", "ours", size, Cell(text=f"no translator.web ({exc})"), ours=True)
        return
    langs = sorted(p.name for p in (root / "locales").iterdir() if p.is_dir())
    documents = document_sizes(root, DOCS)
    samples = QUICK_SAMPLES if quick else SAMPLES
    proc, port = start_server(root, max(LEVELS), langs)
    try:
        for clients in LEVELS:
            log(f"[{size}] review UI: {clients} client(s) ...")
            timings, seconds = run_level(
                port, clients, lambda n: langs[n % len(langs)], documents, samples
            )
            for kind, values in (("open editor", timings.open), ("save", timings.save)):
                tool = f"ours: {kind}, {clients} client{'s' if clients > 1 else ''}"
                cell = latency_cell(values, seconds, timings)
                table.add("review UI", tool, size, cell, ours=True)
                log(f"[{size}] review UI: {tool}: {cell.render()}")
            for error in timings.errors[:3]:
                table.note("review UI", f"{size}, {clients} clients: {error}")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def latency_cell(values: list[float], seconds: float, timings: Timings):
    from report import Cell, format_seconds

    if not values:
        return Cell(text="no requests completed")
    text = (
        f"p50 {format_seconds(statistics.median(values))} · "
        f"p95 {format_seconds(percentile(values, 0.95))} · n={len(values)}"
    )
    if timings.conflicts:
        text += f" · {timings.conflicts} conflicts (409)"
    if timings.errors:
        text += f" · {len(timings.errors)} errors"
    text += f" · {len(values) / seconds:.0f}/s" if seconds else ""
    return Cell(text=text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="review UI server for the load generator")
    sub = parser.add_subparsers(dest="command", required=True)
    job = sub.add_parser("serve")
    job.add_argument("root", type=Path)
    job.add_argument("clients", type=int)
    job.add_argument("langs")
    args = parser.parse_args(argv)
    serve(args.root, args.clients, args.langs.split(","))
    return 0


if __name__ == "__main__":
    sys.exit(main())
