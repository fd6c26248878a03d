"""A bounded load generator for the review UI: editor pages and saves, with concurrent clients.

The server is the real command, ``translator serve --workers N`` on a free port of 127.0.0.1
(waitress for one worker, gunicorn for more), started as its own process over a copy of the
corpus, with ``WORKER_PID_HEADER`` on so every answer names its worker. Each client is a thread
with its own keep-alive ``http.client`` connection and its own account (a reviewer of one
language); it logs in through the real form, then repeats: open the editor on a random sentence
of a random document (``GET /translate/<slug>/<lang>/?n=<k>``), read the sentence's version from
the page, and save a new translation through the JSON API (``POST /api/translate/.../segment/
<key>``, with the CSRF header), the way the page's JavaScript does. Every request is timed; an
answer other than 200 (or 409 for a save) is an error, no answer within ``REQUEST_TIMEOUT`` a
timeout, and the client goes on over a new connection.

Levels of 1, 10 and 50 clients run one after the other against 1 and then 4 workers, once
every worker has served a page in every language (:func:`warm_workers`: a long-running server's
state; the first page of a language in a worker builds its indexes); each client makes a fixed
number of rounds and every level stops at a deadline, so a run always ends. After each
server's last level the resident set of the master and its workers is summed
(and their proportional set, which counts pages the workers share once). The mixed run is in
``mixed.py``. Accounts use a cheap password hash (login is set-up, not measured).
"""

from __future__ import annotations

import contextlib
import http.client
import json
import math
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

LEVELS = (1, 10, 50)
WORKERS = (1, 4)
THREADS = 8  # per worker process, as `translator serve` defaults
SAMPLES = 200  # rounds per level at least (rounds per client = SAMPLES / clients, 4 at least)
QUICK_SAMPLES = 50
DEADLINE = 120.0  # seconds per level, whatever happens
REQUEST_TIMEOUT = 30.0  # no answer by then: a timeout
SETUP_TIMEOUT = 600.0  # logging in and the first page (not measured)
MAX_CLIENT_ERRORS = 5  # a client that fails this often stops
DOCS = 50  # documents the clients pick from
CLIENTS = max(LEVELS)
COORDINATORS = 5
PASSWORD = "benchmark horse battery"
REPO = Path(__file__).resolve().parent.parent
_CSRF = re.compile(r'name="csrf-token" content="([^"]+)"')
_PANEL = re.compile(r'id="segment"\s+data-key="([0-9a-f]{16})" data-version="([^"]*)"')


# -- the server process ------------------------------------------------------------------------


def prepare(root: Path, langs: list[str]) -> None:
    """Accounts (``client<n>`` reviewers, ``coord<n>`` coordinators) and the instance config."""
    sys.path.insert(0, str(REPO))
    from translator.web.data import database as db
    from translator.web.data import people as accounts

    accounts.PASSWORD_METHOD = "pbkdf2:sha256:1000"
    instance = root / "instance"
    instance.mkdir(exist_ok=True)
    (instance / "config.py").write_text(
        "FIRST_RUN_ADMIN = False\nWORKER_PID_HEADER = True\n", "utf-8"
    )
    conn = db.connect(instance / "translator.sqlite3")
    db.init_schema(conn)
    for number in range(CLIENTS):
        lang = langs[number % len(langs)]
        accounts.create_user(conn, f"client{number}", PASSWORD, languages={lang: "reviewer"})
    for number in range(COORDINATORS):
        accounts.create_user(conn, f"coord{number}", PASSWORD, global_role="coordinator")
    conn.close()
    # the statistics index, as a server that has run before has it (the dashboard reads it)
    warm = [sys.executable, "-m", "translator", "--project", str(root), "stats", "--json"]
    subprocess.run([*warm, "--no-checks"], env=checkout_env(), capture_output=True, check=True)


@dataclass
class Server:
    """A running ``translator serve``: its process, port and log."""

    proc: subprocess.Popen
    port: int
    workers: int
    log: Path

    def pids(self) -> list[int]:
        return [self.proc.pid, *children(self.proc.pid)]

    def memory_mb(self) -> tuple[float, float]:
        """(resident set, proportional set) summed over the master and its workers, in MB."""
        rss = pss = 0
        for pid in self.pids():
            with contextlib.suppress(OSError):
                rss += _kib(Path(f"/proc/{pid}/status"), "VmRSS:")
                pss += _kib(Path(f"/proc/{pid}/smaps_rollup"), "Pss:")
        return rss / 1024, pss / 1024

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)


def _kib(path: Path, label: str) -> int:
    for line in path.read_text().splitlines():
        if line.startswith(label):
            return int(line.split()[1])
    return 0


def children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(root: Path, workers: int, log: Path, timeout: float = 120.0) -> Server:
    """``translator serve --workers N`` on a free port, once it answers the login page."""
    port = free_port()
    args = [sys.executable, "-m", "translator", "--project", str(root), "serve"]
    args += ["--port", str(port), "--workers", str(workers), "--threads", str(THREADS)]
    with log.open("ab") as handle:  # this checkout's translator, wherever the venv points
        proc = subprocess.Popen(args, stdout=handle, stderr=handle, env=checkout_env())
    server = Server(proc, port, workers, log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}: {tail(log)}")
        with contextlib.suppress(OSError, http.client.HTTPException):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/auth/login")
            if conn.getresponse().status == 200:
                return server
        time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"server did not answer in {timeout:.0f} s: {tail(log)}")


def checkout_env() -> dict[str, str]:
    """The environment with this checkout first on ``PYTHONPATH``."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


def tail(log: Path) -> str:
    lines = log.read_text(errors="replace").strip().splitlines()
    return lines[-1] if lines else "no output"


# -- the clients -------------------------------------------------------------------------------


class RequestTimeout(Exception):
    """No answer within REQUEST_TIMEOUT."""


@dataclass
class Timings:
    """Latencies in seconds by kind of request, and what went wrong."""

    open: list[float] = field(default_factory=list)
    save: list[float] = field(default_factory=list)
    conflicts: int = 0
    timeouts: int = 0
    errors: list[str] = field(default_factory=list)
    workers: set[str] = field(default_factory=set)  # pids that answered
    lock: threading.Lock = field(default_factory=threading.Lock)

    def failed(self, exc: Exception, who: str) -> None:
        with self.lock:
            if isinstance(exc, RequestTimeout):
                self.timeouts += 1
            else:
                self.errors.append(f"{who}: {exc}")


class Client:
    """One person in a browser: a session cookie, a CSRF token, one connection."""

    def __init__(self, port: int, username: str):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
        self.username = username
        self.cookies: dict[str, str] = {}
        self.token = ""
        self.worker = ""
        self.timeout = REQUEST_TIMEOUT

    @contextlib.contextmanager
    def patient(self):
        """Set-up requests (login, the first page of a cold server) may take minutes."""
        self.timeout = SETUP_TIMEOUT
        try:
            yield
        finally:
            self.timeout = REQUEST_TIMEOUT

    def request(self, method: str, path: str, body=None, headers=None) -> tuple[int, str]:
        headers = dict(headers or {})
        self.conn.timeout = self.timeout
        if self.conn.sock is not None:
            self.conn.sock.settimeout(self.timeout)
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # the server closed the idle keep-alive connection before reading this
                # request: send it again on a new one, as browsers do
                self.conn.close()
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
            text = response.read().decode("utf-8", "replace")
        except TimeoutError as exc:
            self.conn.close()  # a new connection next time
            raise RequestTimeout(f"{method} {path}: no answer in {self.timeout:.0f} s") from exc
        except (OSError, http.client.HTTPException):
            self.conn.close()
            raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        self.worker = response.getheader("X-Translator-Worker", "")
        return response.status, text

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
        status, page = self.request("GET", "/auth/password")  # a light page with the token
        self.token = _token(page)

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


def start_together(clients: int, prepare_one, deadline_s: float, on_start=None) -> float:
    """Run ``prepare_one(n)`` in one thread per client, then release them all at once.

    ``prepare_one`` returns the client's work (a function of "is the deadline past?") or None
    when its set-up failed (it reports why); the others go on without it. ``on_start`` runs at
    the release. Returns the wall seconds from the release to the last client's end.
    """
    deadline = [math.inf]
    started = [0.0]

    def go() -> None:  # runs once, when every client is ready
        if on_start is not None:
            on_start()
        started[0] = time.monotonic()
        deadline[0] = started[0] + deadline_s

    ready = threading.Barrier(clients + 1, action=go)

    def run(number: int) -> None:
        work = prepare_one(number)
        try:
            ready.wait(timeout=SETUP_TIMEOUT)
        except threading.BrokenBarrierError:
            return
        if work is not None:
            work(lambda: time.monotonic() > deadline[0])

    threads = [threading.Thread(target=run, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    with contextlib.suppress(threading.BrokenBarrierError):
        ready.wait(timeout=SETUP_TIMEOUT)
    end = time.monotonic() + deadline_s + REQUEST_TIMEOUT * 2
    for thread in threads:
        thread.join(timeout=max(1.0, end - time.monotonic()))
    return time.monotonic() - (started[0] or time.monotonic())


def run_level(
    port: int, clients: int, lang_of, documents: dict[str, int], samples: int
) -> tuple[Timings, float]:
    """``clients`` threads, each making ``samples / clients`` rounds; (timings, wall seconds)."""
    timings = Timings()
    rounds = max(4, math.ceil(samples / clients))

    def prepare_one(number: int):
        rng = random.Random(number)
        client = Client(port, f"client{number}")
        lang = lang_of(number)
        try:
            with client.patient():
                client.login()
                client.open_editor(rng.choice(list(documents)), lang, 1)  # warm (not measured)
        except Exception as exc:  # noqa: BLE001 - reported in the table
            timings.failed(exc, client.username)
            return None

        def work(past_deadline) -> None:
            failures = 0
            for step in range(rounds):
                if past_deadline() or failures >= MAX_CLIENT_ERRORS:
                    break
                slug = rng.choice(list(documents))
                try:
                    start = time.perf_counter()
                    key, version = client.open_editor(slug, lang, rng.randint(1, documents[slug]))
                    opened = time.perf_counter()
                    text = f"Benchmark translation {number}.{step}."
                    status = client.save(slug, lang, key, version, text)
                    saved = time.perf_counter()
                except Exception as exc:  # noqa: BLE001 - counted in the table
                    timings.failed(exc, client.username)
                    failures += 1
                    continue
                with timings.lock:
                    timings.open.append(opened - start)
                    timings.save.append(saved - opened)
                    timings.conflicts += status == 409
                    timings.workers.add(client.worker)

        return work

    seconds = start_together(clients, prepare_one, DEADLINE)
    return timings, seconds


def warm_workers(port: int, langs: list[str], documents: dict[str, int], workers: int) -> int:
    """Open the editor over new connections until every worker has served every language.

    What a long-running server has: each worker builds a language's consistency index and
    memory keys on its first page in that language (a second or more at 100 documents); the
    levels measure the server warm, not those first pages. Returns the requests it took.
    """
    made = [0]
    lock = threading.Lock()

    def warm(number: int) -> None:
        lang, rng = langs[number], random.Random(number)
        client = Client(port, f"client{number}")
        seen: set[str] = set()
        with contextlib.suppress(Exception), client.patient():
            client.login()
            for _ in range(12 * workers):
                if len(seen) >= workers:
                    break
                client.conn.close()  # a new connection: any worker may take it
                slug = rng.choice(list(documents))
                client.open_editor(slug, lang, rng.randint(1, documents[slug]))
                seen.add(client.worker)
                with lock:
                    made[0] += 1

    threads = [threading.Thread(target=warm, args=(n,), daemon=True) for n in range(len(langs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=SETUP_TIMEOUT)
    return made[0]


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (``share`` in 0..1)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def latency_record(values: list[float]) -> dict:
    if not values:
        return {"p50_ms": None, "p95_ms": None, "n": 0}
    return {
        "p50_ms": round(statistics.median(values) * 1000, 1),
        "p95_ms": round(percentile(values, 0.95) * 1000, 1),
        "n": len(values),
    }


def document_sizes(root: Path, count: int) -> dict[str, int]:
    """Up to ``count`` documents and their number of sentences (from the templates)."""
    from translator.catalog import read_catalog

    pots = sorted((root / "locales").glob("*.pot"))[:count]
    return {pot.stem: sum(1 for e in read_catalog(pot) if e.msgid) for pot in pots}


def bench_review(table, size: str, root: Path, *, quick: bool, log) -> tuple[list, dict]:
    """Rows ``review UI``: open and save latencies per (workers, clients) and memory; returns
    the languages and documents, for the mixed run (``mixed.py``) that follows."""
    langs = sorted(p.name for p in (root / "locales").iterdir() if p.is_dir())
    documents = document_sizes(root, DOCS)
    samples = QUICK_SAMPLES if quick else SAMPLES
    prepare(root, langs)
    server_log = root.parent / f"{root.name}-server.log"
    for workers in WORKERS:
        server = start_server(root, workers, server_log)
        try:
            pages = warm_workers(server.port, langs, documents, workers)
            log(f"[{size}] review UI: {workers} worker(s) warm in every language: {pages} pages")
            for clients in LEVELS:
                log(f"[{size}] review UI: {workers} worker(s), {clients} client(s) ...")
                timings, seconds = run_level(
                    server.port, clients, lambda n: langs[n % len(langs)], documents, samples
                )
                report_level(table, size, workers, clients, timings, seconds, log)
            rss, pss = server.memory_mb()
            tool = f"ours: server memory, {workers} worker{'s' if workers > 1 else ''}"
            text = f"RSS {rss:.0f} MB summed over {len(server.pids())} processes · PSS {pss:.0f} MB"
            add_text(table, size, tool, text, log)
            table.record(
                bench="review UI", kind="memory", size=size, workers=workers, rss_mb=round(rss),
                pss_mb=round(pss), processes=len(server.pids()),
            )  # fmt: skip
        finally:
            server.stop()
    return langs, documents


def note_server_traceback(table, size: str, root: Path) -> None:
    """A note under the table when the server log of this size shows a traceback."""
    server_log = root.parent / f"{root.name}-server.log"
    if "Traceback" in server_log.read_text(errors="replace"):
        table.note("review UI", f"{size}: the server log has a traceback ({server_log})")


def report_level(table, size, workers: int, clients: int, timings: Timings, seconds, log):
    from report import Cell

    for kind, values in (("open", timings.open), ("save", timings.save)):
        name = "open editor" if kind == "open" else "save"
        tool = f"ours: {name}, {workers} worker{'s' if workers > 1 else ''}, {clients} client"
        tool += "s" if clients > 1 else ""
        cell = Cell(text=latency_text(values, seconds, timings))
        table.add("review UI", tool, size, cell, ours=True)
        log(f"[{size}] review UI: {tool}: {cell.render()}")
        table.record(
            bench="review UI", kind=kind, size=size, workers=workers, clients=clients,
            **latency_record(values), errors=len(timings.errors), timeouts=timings.timeouts,
            conflicts=timings.conflicts, answered_by=len(timings.workers),
            per_second=round(len(values) / seconds, 1) if seconds else None,
        )  # fmt: skip
    for error in timings.errors[:3]:
        table.note("review UI", f"{size}, {workers} workers, {clients} clients: {error}")


def add_text(table, size: str, tool: str, text: str, log) -> None:
    from report import Cell

    table.add("review UI", tool, size, Cell(text=text), ours=True)
    log(f"[{size}] review UI: {tool}: {text}")


def latency_text(values: list[float], seconds: float, timings: Timings) -> str:
    from report import format_seconds

    if not values:
        return "no requests completed" + (f" · {len(timings.errors)} errors" * bool(timings.errors))
    text = (
        f"p50 {format_seconds(statistics.median(values))} · "
        f"p95 {format_seconds(percentile(values, 0.95))} · n={len(values)}"
    )
    if timings.conflicts:
        text += f" · {timings.conflicts} conflicts (409)"
    text += f" · {len(timings.errors)} errors · {timings.timeouts} timeouts"
    text += f" · {len(values) / seconds:.0f}/s" if seconds else ""
    return text
