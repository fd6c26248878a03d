"""SIGKILL the real server in the middle of a stream of saves, many times over.

``python3 -m translator --project <copy> serve`` runs as a subprocess on 127.0.0.1 over a copy of
the bundled project, with a translator of ``de`` and ``fa`` made through ``translator users
add``. In each round two client threads log in (form, CSRF token) and save sentences through
the editor's JSON API, one thread per language, each save a new text; after a random number of
acknowledged saves the server is killed with SIGKILL, usually while a save is in flight. Then:

- every catalog passes the real ``msgfmt --check`` and polib reads as many entries as before
  (nothing truncated or half-written);
- every save answered with 200 is on disk: a sentence holds its last acknowledged text, or the
  text of the one save still in flight when the server died (that one may or may not land);
- no stray file is left beside the catalogs except the lock files and the hidden temp files
  of writes a kill interrupted (``.<name>.<random>.tmp``, which no reader of ``*.po`` picks
  up): after a round with saves, at most the one the kill cut short, since the next save of a
  catalog removes older ones; after the last, clean round, none;
- the review database still passes SQLite's integrity check, and the next round logs in again.

Bounded: ``ROUNDS`` rounds, at most ``MAX_ACKS`` saves per thread per round, each round's
waits capped by ``ROUND_TIMEOUT`` seconds; a seeded random generator picks the kill moments.
"""

from __future__ import annotations

import os
import random
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

from tests.hardening.conftest import (
    PASSWORD,
    SLUG,
    TOKEN,
    assert_catalogs_sound,
    entry_counts,
    temp_files,
)
from translator.catalog.state import comment_fields, is_approved
from translator.cli import cli
from translator.web.data.catalogs import entry_key, entry_version

ROUNDS = 10
LANGS = ("de", "fa")
KEYS_PER_LANG = 30
MAX_ACKS = 12  # per thread and round: the kill comes before this
ROUND_TIMEOUT = 30.0
START_TIMEOUT = 30.0
USER = "tess"


@dataclass
class Ledger:
    """What one language's stream expects on disk: key -> text, and the save in flight."""

    lang: str
    expected: dict[str, str] = field(default_factory=dict)
    inflight: tuple[str, str] | None = None
    acks: int = 0
    interrupted: int = 0  # kills that came while a save was in flight
    acks_before: int = 0  # acks when the round began
    unexpected: list[str] = field(default_factory=list)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(root: Path, log: Path) -> tuple[subprocess.Popen, str]:
    """The real CLI entry point, as a user would start it; returns the process and base URL."""
    port = free_port()
    command = [sys.executable, "-m", "translator", "--project", str(root), "serve"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--threads", "4"]
    handle = log.open("ab")
    process = subprocess.Popen(command, stdout=handle, stderr=handle, cwd=root)
    handle.close()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            if requests.get(f"{base}/auth/login", timeout=2).status_code == 200:
                return process, base
        except requests.ConnectionError:
            time.sleep(0.05)
    process.kill()
    pytest.fail(f"server did not start in {START_TIMEOUT:.0f}s:\n{log.read_text()[-3000:]}")


def login(base: str) -> tuple[requests.Session, str]:
    session = requests.Session()
    token = TOKEN.search(session.get(f"{base}/auth/login", timeout=10).text).group(1)
    data = {"username": USER, "password": PASSWORD, "csrf_token": token}
    page = session.post(f"{base}/auth/login", data=data, timeout=10)
    assert page.status_code == 200 and page.url == f"{base}/", page.text[:500]
    return session, TOKEN.search(page.text).group(1)


def editable_keys(root: Path, lang: str) -> list[str]:
    """Sentences a translator may save: not plural, joined or approved."""
    po = polib.pofile(str(root / "locales" / lang / "LC_MESSAGES" / f"{SLUG}.po"))
    keys = [
        entry_key(entry)
        for entry in po
        if entry.msgid
        and not entry.obsolete
        and not entry.msgid_plural
        and "joined" not in comment_fields(entry)
        and not is_approved(entry)
    ]
    return keys[:KEYS_PER_LANG]


def disk_entries(root: Path, lang: str) -> dict[str, polib.POEntry]:
    po = polib.pofile(str(root / "locales" / lang / "LC_MESSAGES" / f"{SLUG}.po"))
    return {entry_key(entry): entry for entry in po if entry.msgid and not entry.obsolete}


def text_for(lang: str, round_no: int, number: int) -> str:
    """A new text per save: quotes, backslashes and non-ASCII; every third one long (wrapped)."""
    text = f'«{lang} {round_no}.{number}» "quoted" \\ back — ✓ çà ğ ی'
    return text + " word" * 40 if number % 3 == 0 else text


def stream(base: str, root: Path, ledger: Ledger, keys: list[str], round_no: int, stop):
    """Save one sentence after the other until the server dies (or ``stop`` is set)."""
    try:
        session, token = login(base)
    except requests.RequestException:
        return
    current = disk_entries(root, ledger.lang)
    versions = {key: entry_version(current[key]) for key in keys}
    for number in range(MAX_ACKS):
        if stop.is_set():
            return
        key = keys[(round_no * 7 + number) % len(keys)]
        text = text_for(ledger.lang, round_no, number)
        ledger.inflight = (key, text)
        url = f"{base}/api/translate/{SLUG}/{ledger.lang}/segment/{key}"
        payload = {"action": "save", "msgstr": text, "version": versions[key]}
        try:
            response = session.post(url, json=payload, headers={"X-CSRFToken": token}, timeout=20)
        except requests.RequestException:
            return  # the server died with this save in flight
        if response.status_code != 200:
            ledger.unexpected.append(f"{response.status_code}: {response.text[:300]}")
            return
        entry = response.json()["entry"]
        assert entry["msgstr"] == text
        versions[key] = entry["version"]
        ledger.expected[key] = text
        ledger.inflight = None
        ledger.acks += 1


def check_round(root: Path, counts: dict, ledgers: list[Ledger], round_no: int) -> None:
    """After a kill: catalogs sound, acknowledged saves on disk, only known leftovers."""
    assert_catalogs_sound(root, counts)
    for ledger in ledgers:
        assert not ledger.unexpected, ledger.unexpected
        on_disk = disk_entries(root, ledger.lang)
        for key, text in ledger.expected.items():
            found = on_disk[key].msgstr
            if found == text:
                continue
            assert ledger.inflight is not None and ledger.inflight == (key, found), (
                f"round {round_no}: acknowledged {ledger.lang} save lost: {text!r} -> {found!r}"
            )
        if ledger.inflight is not None:  # landed or not, the file now decides
            ledger.interrupted += 1
            key = ledger.inflight[0]
            ledger.expected[key] = on_disk[key].msgstr
            ledger.inflight = None
    for ledger in ledgers:
        # the round's first save swept older temp files; the kill may have left one more
        leftovers = temp_files(root / "locales" / ledger.lang)
        if ledger.acks > ledger.acks_before:
            assert len(leftovers) <= 1, leftovers
        for path in leftovers:
            assert path.name.startswith(f".{SLUG}.po.") and path.suffix == ".tmp", path
        ledger.acks_before = ledger.acks
    others = set(temp_files(root)) - {
        p for lang in LANGS for p in temp_files(root / "locales" / lang)
    }
    assert not others, others
    known = {".po", ".pot", ".tsv", ".tmp"}  # lock files live under instance/locks
    assert {p.suffix for p in (root / "locales").rglob("*") if p.is_file()} <= known
    with sqlite3.connect(root / "instance" / "translator.sqlite3") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.timeout(300)
def test_sigkill_during_saves_loses_no_acknowledged_save(seed_project, runner, tmp_path):
    root = seed_project.root
    result = runner.invoke(
        cli,
        [
            "--project",
            str(root),
            "users",
            "add",
            USER,
            "--lang",
            "de",
            "--lang",
            "fa",
            "--password-stdin",
        ],
        input=PASSWORD + "\n",
    )
    assert result.exit_code == 0, result.output
    counts = entry_counts(root)
    keys = {lang: editable_keys(root, lang) for lang in LANGS}
    ledgers = [Ledger(lang) for lang in LANGS]
    chance = random.Random(8)
    log = tmp_path / "server.log"
    total_acks = 0
    for round_no in range(ROUNDS):
        process, base = start_server(root, log)
        stop = threading.Event()
        before = sum(ledger.acks for ledger in ledgers)
        threads = [
            threading.Thread(
                target=stream, args=(base, root, ledger, keys[ledger.lang], round_no, stop)
            )
            for ledger in ledgers
        ]
        for thread in threads:
            thread.start()
        wanted = before + chance.randint(1, MAX_ACKS)
        deadline = time.monotonic() + ROUND_TIMEOUT
        while (
            sum(ledger.acks for ledger in ledgers) < wanted
            and any(thread.is_alive() for thread in threads)
            and time.monotonic() < deadline
        ):
            time.sleep(0.005)
        time.sleep(chance.uniform(0, 0.06))
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        stop.set()
        for thread in threads:
            thread.join(timeout=ROUND_TIMEOUT)
            assert not thread.is_alive()
        round_acks = sum(ledger.acks for ledger in ledgers) - before
        assert round_acks > 0, f"round {round_no}: no save acknowledged\n{log.read_text()[-2000:]}"
        total_acks += round_acks
        check_round(root, counts, ledgers, round_no)

    # a last, clean start: saving still works and sweeps any temp file a kill left behind
    process, base = start_server(root, log)
    try:
        stop = threading.Event()
        stream(base, root, ledgers[0], keys["de"], ROUNDS, stop)
        stream(base, root, ledgers[1], keys["fa"], ROUNDS, stop)
        assert ledgers[0].inflight is None and ledgers[1].inflight is None
        check_round(root, counts, ledgers, ROUNDS)
        assert temp_files(root / "locales") == []
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert total_acks >= ROUNDS
    assert sum(ledger.interrupted for ledger in ledgers) >= ROUNDS // 2  # kills hit saves
    assert "Traceback" not in log.read_text(errors="replace")
