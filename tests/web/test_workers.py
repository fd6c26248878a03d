"""``translator serve --workers 2``: the real command, gunicorn's master and two workers.

The server runs as a subprocess on a free port of 127.0.0.1 over a project with one 80-sentence
document in ``de``; ``instance/config.py`` turns on ``WORKER_PID_HEADER`` so every answer names
the process that made it. The first start prints the admin's one-time password exactly once
(it is made before the workers are forked). Then:

- a session logged in on one worker is valid on the other (the secret key is shared on disk),
  with the same CSRF token; two keep-alive connections pinned to different workers read the
  same entry, one saves, and the other's save from the old version gets 409 even though its
  worker had the old catalog cached (the check is made on the file, under the lock);
- workers are killed with SIGKILL while a client saves: every acknowledged save is on disk
  and in the audit log, the catalog passes ``msgfmt --check``, and gunicorn starts a new worker
  for each one killed.

Bounded: the server must answer within 60 s, every request has a 20 s timeout, the save
stream stops after ``MAX_SAVES``.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import polib
import pytest
import requests

from tests.web.conftest import PASSWORD, make_web_project
from tests.web.test_concurrency import big_document
from translator.web.data import database, people
from translator.web.data.catalogs import entry_key

SLUG = "big"
WORKER = "X-Translator-Worker"
START_TIMEOUT = 60.0
KILLS = 3
MAX_SAVES = 400
TOKEN = re.compile(r'name="csrf-token" content="([^"]+)"')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def worker_pids(master: int) -> set[int]:
    """The master's child processes, from /proc."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            found.add(int(stat.parent.name))
    return found


def wait_for_workers(master: int, count: int, gone: set[int], seconds: float = 30) -> set[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        pids = worker_pids(master)
        if len(pids) == count and not pids & gone:
            return pids
        time.sleep(0.1)
    pytest.fail(f"workers {worker_pids(master)}: expected {count} without {gone}")


@pytest.fixture
def served(project, tmp_path):
    """The project served by ``translator serve --workers 2``: (root, master pid, base, log)."""
    if not sys.platform.startswith("linux"):
        pytest.skip("gunicorn workers and /proc: Linux only")
    root = project.root
    (root / "source" / f"{SLUG}.md").write_text(big_document(40), encoding="utf-8")
    make_web_project(root, ("de",))
    (root / "instance").mkdir(exist_ok=True)
    (root / "instance" / "config.py").write_text("WORKER_PID_HEADER = True\n", encoding="utf-8")
    port, log = free_port(), tmp_path / "server.log"
    command = [sys.executable, "-m", "translator", "--project", str(root), "serve"]
    command += ["--port", str(port), "--workers", "2", "--threads", "4"]
    with log.open("wb") as handle:
        process = subprocess.Popen(command, stdout=handle, stderr=handle, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, process, log)
        conn = database.connect(root / "instance" / "translator.sqlite3")
        people.create_user(conn, "tess", PASSWORD, languages={"de": "translator"})
        conn.close()
        yield root, process.pid, base, log
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def wait_until_up(base: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"serve exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            if requests.get(f"{base}/auth/login", timeout=5).status_code == 200:
                return
        except requests.ConnectionError:
            time.sleep(0.1)
    pytest.fail(f"serve did not answer in {START_TIMEOUT:.0f}s:\n{log.read_text()[-3000:]}")


def login(base: str) -> tuple[dict, str, int]:
    """Log in through the form; (cookies, CSRF token, pid of the worker that logged us in)."""
    with requests.Session() as session:
        token = TOKEN.search(session.get(f"{base}/auth/login", timeout=20).text).group(1)
        data = {"username": "tess", "password": PASSWORD, "csrf_token": token}
        answer = session.post(f"{base}/auth/login", data=data, timeout=20, allow_redirects=False)
        assert answer.status_code == 302, answer.text[:300]
        home = session.get(f"{base}/", timeout=20)
        assert home.status_code == 200 and home.url == f"{base}/"
        return (
            session.cookies.get_dict(),
            TOKEN.search(home.text).group(1),
            int(answer.headers[WORKER]),
        )


def connection(cookies: dict) -> requests.Session:
    session = requests.Session()
    session.cookies.update(cookies)
    return session


def pinned_pair(base: str, cookies: dict) -> tuple[requests.Session, requests.Session, int, int]:
    """Two keep-alive connections answered by two different workers."""
    first = connection(cookies)
    pid_a = int(first.get(f"{base}/", timeout=20).headers[WORKER])
    for _ in range(200):
        second = connection(cookies)
        pid_b = int(second.get(f"{base}/", timeout=20).headers[WORKER])
        if pid_b != pid_a:
            return first, second, pid_a, pid_b
        second.close()
    pytest.fail("200 new connections all reached the same worker")


def keys(root: Path) -> list[str]:
    po = polib.pofile(str(root / "locales" / "de" / "LC_MESSAGES" / f"{SLUG}.po"))
    return [entry_key(e) for e in po if e.msgid and not e.obsolete and not e.msgid_plural]


def entry_url(base: str, key: str) -> str:
    return f"{base}/api/translate/{SLUG}/de/segment/{key}"


def read(session: requests.Session, base: str, key: str, pid: int) -> dict:
    answer = session.get(entry_url(base, key), timeout=20)
    assert answer.status_code == 200 and int(answer.headers[WORKER]) == pid
    return answer.json()


def save(session, base: str, token: str, key: str, version: str, text: str):
    payload = {"action": "save", "msgstr": text, "version": version}
    return session.post(
        entry_url(base, key), json=payload, headers={"X-CSRFToken": token}, timeout=20
    )


def test_sessions_csrf_and_conflicts_hold_across_workers(served, missing_component):
    root, master, base, log = served
    assert len(wait_for_workers(master, 2, set())) == 2
    assert log.read_text().count("one-time password") == 1  # made once, before forking
    cookies, token, login_pid = login(base)
    a, b, pid_a, pid_b = pinned_pair(base, cookies)
    assert login_pid in (pid_a, pid_b)  # so one of the two was not the worker we logged in on
    key = keys(root)[5]
    seen_a, seen_b = read(a, base, key, pid_a), read(b, base, key, pid_b)
    assert seen_a["version"] == seen_b["version"]  # both workers now hold the catalog

    first = save(b, base, token, key, seen_b["version"], "Von Arbeiter B.")
    assert first.status_code == 200 and int(first.headers[WORKER]) == pid_b
    stale = save(a, base, token, key, seen_a["version"], "Von Arbeiter A.")
    assert stale.status_code == 409 and int(stale.headers[WORKER]) == pid_a
    assert stale.json()["theirs"]["msgstr"] == "Von Arbeiter B."
    fresh = save(a, base, token, key, stale.json()["theirs"]["version"], "Von A, danach.")
    assert fresh.status_code == 200 and int(fresh.headers[WORKER]) == pid_a
    assert read(b, base, key, pid_b)["msgstr"] == "Von A, danach."  # B read the new file

    served_by = set()
    for number, other in enumerate(keys(root)[10:60]):  # a new connection for each save
        with connection(cookies) as once:
            version = once.get(entry_url(base, other), timeout=20).json()["version"]
            answer = save(once, base, token, other, version, f"Satz {number}.")
            assert answer.status_code == 200, answer.text[:300]
            served_by.add(int(answer.headers[WORKER]))
        if served_by == {pid_a, pid_b}:
            break
    assert served_by == {pid_a, pid_b}
    assert_catalog_valid(root, missing_component)


@dataclass
class Ledger:
    """What the save stream expects on disk: key -> last acknowledged text, and its pids."""

    expected: dict[str, str] = field(default_factory=dict)
    inflight: tuple[str, str] | None = None
    uncertain: list[tuple[str, str]] = field(default_factory=list)  # cut off by a kill
    pids: list[int] = field(default_factory=list)
    acks: int = 0
    errors: list[str] = field(default_factory=list)


def stream(base, cookies, token, all_keys, ledger: Ledger, stop: threading.Event) -> None:
    """Save one sentence after the other, over one connection, reconnecting after a kill."""
    session = connection(cookies)
    for number in range(MAX_SAVES):
        if stop.is_set():
            return
        key = all_keys[number % len(all_keys)]
        text = f"Gespeichert {number}: «{key[:6]}»"
        try:
            version = session.get(entry_url(base, key), timeout=20).json()["version"]
            ledger.inflight = (key, text)
            answer = save(session, base, token, key, version, text)
        except requests.RequestException:
            if ledger.inflight:
                ledger.uncertain.append(ledger.inflight)
            ledger.inflight = None
            session.close()
            session = connection(cookies)
            continue
        ledger.inflight = None
        if answer.status_code != 200:
            ledger.errors.append(f"{answer.status_code}: {answer.text[:200]}")
            return
        ledger.expected[key] = text
        ledger.pids.append(int(answer.headers[WORKER]))
        ledger.acks += 1


def test_sigkill_of_workers_during_saves_loses_no_acknowledged_save(served, missing_component):
    root, master, base, log = served
    cookies, token, _ = login(base)
    all_keys, ledger, stop = keys(root)[:30], Ledger(), threading.Event()
    thread = threading.Thread(target=stream, args=(base, cookies, token, all_keys, ledger, stop))
    thread.start()
    killed: set[int] = set()
    try:
        for _ in range(KILLS):
            wanted = ledger.acks + 5
            deadline = time.monotonic() + 30
            while ledger.acks < wanted and thread.is_alive() and time.monotonic() < deadline:
                time.sleep(0.005)
            victim = ledger.pids[-1]  # the worker this client's connection is on
            os.kill(victim, signal.SIGKILL)
            killed.add(victim)
            wait_for_workers(master, 2, killed)  # gunicorn replaced it
        wanted = ledger.acks + 5
        deadline = time.monotonic() + 30
        while ledger.acks < wanted and thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.005)
    finally:
        stop.set()
        thread.join(timeout=60)
    assert not ledger.errors, ledger.errors
    assert ledger.acks >= 5 * (KILLS + 1)
    assert set(ledger.pids) - killed  # saves went on in the new workers
    on_disk = disk_texts(root)
    for key, text in ledger.expected.items():
        later = [t for k, t in ledger.uncertain if k == key]  # a cut-off save may have landed
        assert on_disk[key] == text or on_disk[key] in later, (key, text, on_disk[key])
    assert_catalog_valid(root, missing_component)
    with sqlite3.connect(root / "instance" / "translator.sqlite3") as conn:
        logged = {row[0] for row in conn.execute("SELECT after FROM audit_log WHERE lang = 'de'")}
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert set(ledger.expected.values()) <= logged
    assert "Traceback" not in log.read_text(errors="replace")


def disk_texts(root: Path) -> dict[str, str]:
    po = polib.pofile(str(root / "locales" / "de" / "LC_MESSAGES" / f"{SLUG}.po"))
    return {entry_key(e): e.msgstr for e in po if e.msgid and not e.obsolete}


def assert_catalog_valid(root: Path, missing) -> None:
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        missing("GNU gettext's msgfmt is not installed")
    path = root / "locales" / "de" / "LC_MESSAGES" / f"{SLUG}.po"
    result = subprocess.run(
        [msgfmt, "--check", "-o", os.devnull, str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
