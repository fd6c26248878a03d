"""The review UI's mixed run: translators saving, coordinators on the dashboard, a pre-fill.

Against ``translator serve --workers 4`` (see ``loadgen.py``), for ``duration`` seconds:

- 45 translators (``client0`` ... ``client44``, a language each) open the editor on a random
  sentence and save a new, unique text, over and over; two translators never share a sentence
  (with 20 languages, translator ``n`` of a language takes the sentences ``k`` with
  ``k % 3 == n // 20``),
  so the last acknowledged text of every sentence is the one that must be on disk;
- 5 coordinators reload the dashboard (``/dashboard/``);
- ``translator prefill --lang <first language> --engine dummy`` runs in the background from
  the start (a separate process writing the same catalogs under the same locks).

Afterwards (the pre-fill finished, the clients stopped) every catalog a translator saved into
is read back: a sentence whose last acknowledged text is not in its catalog is a lost save,
and so is an acknowledged text missing from the audit log. Both must be 0.
"""

from __future__ import annotations

import math
import random
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import loadgen

SAVERS = 45
DASHBOARDS = 5
WORKERS = 4
PREFILL_TIMEOUT = 900.0


@dataclass
class Ledger:
    """Acknowledged saves: (lang, slug, key) -> last text, and every text acknowledged."""

    last: dict[tuple[str, str, str], str] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def saver(port, number, langs, documents, timings, ledger):
    """Client ``number``'s set-up; returns its work (see ``loadgen.start_together``)."""
    slots = math.ceil(SAVERS / len(langs))  # translators per language (3 for 20 languages)
    lang, slot = langs[number % len(langs)], number // len(langs)
    mine = {
        slug: [k for k in range(1, n + 1) if k % slots == slot] for slug, n in documents.items()
    }
    mine = {slug: numbers for slug, numbers in mine.items() if numbers}
    rng = random.Random(number)
    client = loadgen.Client(port, f"client{number}")
    try:
        with client.patient():
            client.login()
            client.open_editor(rng.choice(list(mine)), lang, 1)  # warm (not measured)
    except Exception as exc:  # noqa: BLE001 - reported
        timings.failed(exc, client.username)
        return None

    def work(past_deadline) -> None:
        step = 0
        while not past_deadline():
            slug = rng.choice(list(mine))
            step += 1
            text = f"Mixed {number}.{step} «{slug[-6:]}»"
            try:
                start = time.perf_counter()
                key, version = client.open_editor(slug, lang, rng.choice(mine[slug]))
                opened = time.perf_counter()
                status = client.save(slug, lang, key, version, text)
                saved = time.perf_counter()
            except Exception as exc:  # noqa: BLE001 - counted
                timings.failed(exc, client.username)
                continue
            with timings.lock:
                timings.open.append(opened - start)
                timings.save.append(saved - opened)
                timings.conflicts += status == 409
            if status == 200:
                with ledger.lock:
                    ledger.last[(lang, slug, key)] = text
                    ledger.texts.append(text)

    return work


def dashboard(port, number, timings):
    client = loadgen.Client(port, f"coord{number}")
    try:
        with client.patient():
            client.login()
            client.request("GET", "/dashboard/")  # warm (not measured)
    except Exception as exc:  # noqa: BLE001 - reported
        timings.failed(exc, client.username)
        return None

    def work(past_deadline) -> None:
        while not past_deadline():
            try:
                start = time.perf_counter()
                status, _ = client.request("GET", "/dashboard/")
                if status != 200:
                    raise RuntimeError(f"dashboard: HTTP {status}")
            except Exception as exc:  # noqa: BLE001 - counted
                timings.failed(exc, client.username)
                continue
            with timings.lock:
                timings.open.append(time.perf_counter() - start)

    return work


def lost_saves(root: Path, ledger: Ledger) -> list[str]:
    """Acknowledged texts that are not in their catalogs, or not in the audit log."""
    sys.path.insert(0, str(loadgen.REPO))
    from translator.catalog import read_catalog
    from translator.web.data.catalogs import entry_key

    lost, catalogs = [], {}
    for (lang, slug, key), text in ledger.last.items():
        if (lang, slug) not in catalogs:
            po = read_catalog(root / "locales" / lang / "LC_MESSAGES" / f"{slug}.po")
            catalogs[lang, slug] = {entry_key(e): e.msgstr for e in po if e.msgid}
        if catalogs[lang, slug].get(key) != text:
            lost.append(f"{lang}/{slug}/{key}: {text!r} is not on disk")
    with sqlite3.connect(root / "instance" / "translator.sqlite3") as conn:
        logged = {row[0] for row in conn.execute("SELECT after FROM audit_log")}
    lost += [f"{text!r} is not in the audit log" for text in ledger.texts if text not in logged]
    return lost


def bench_mixed(table, size: str, root: Path, langs, documents, *, duration: float, log) -> None:
    """One row: the mixed run's latencies, saves acknowledged and lost, the pre-fill's time."""
    server = loadgen.start_server(root, WORKERS, root.parent / f"{root.name}-server.log")
    savers, coordinators, ledger = loadgen.Timings(), loadgen.Timings(), Ledger()
    command = [sys.executable, "-m", "translator", "--project", str(root), "prefill"]
    command += ["--lang", langs[0], "--engine", "dummy"]
    loadgen.warm_workers(server.port, langs, documents, WORKERS)
    log(f"[{size}] review UI: mixed run, {duration:.0f} s ...")
    background: list[subprocess.Popen] = []
    started = [0.0]

    def start_prefill() -> None:  # when the clients are released
        started[0] = time.monotonic()
        background.append(
            subprocess.Popen(
                command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                env=loadgen.checkout_env(),
            )
        )  # fmt: skip

    def prepare_one(number: int):
        if number < SAVERS:
            return saver(server.port, number, langs, documents, savers, ledger)
        return dashboard(server.port, number - SAVERS, coordinators)

    try:
        loadgen.start_together(SAVERS + DASHBOARDS, prepare_one, duration, start_prefill)
        rss, pss = server.memory_mb()
        if not background:
            raise RuntimeError("the clients were never released (every set-up failed?)")
        prefill = background[0]
        try:
            _, errors = prefill.communicate(timeout=PREFILL_TIMEOUT)
        except subprocess.TimeoutExpired:
            prefill.kill()
            _, errors = prefill.communicate()
        prefill_s = time.monotonic() - started[0]
    finally:
        server.stop()
    lost = lost_saves(root, ledger)
    report(table, size, savers, coordinators, ledger, lost, (prefill, errors, prefill_s), rss, log)
    table.record(bench="review UI", kind="memory (mixed run)", size=size, workers=WORKERS,
                 rss_mb=round(rss), pss_mb=round(pss))  # fmt: skip


def report(table, size, savers, coordinators, ledger, lost, prefill, rss, log) -> None:
    process, errors, seconds = prefill
    prefill_text = (
        f"prefill {seconds:.0f} s"
        if process.returncode == 0
        else (f"prefill FAILED (exit {process.returncode}: {errors.strip().splitlines()[-1:]})")
    )
    text = (
        f"{len(ledger.texts)} saves acknowledged · lost {len(lost)} · "
        f"{savers.conflicts} conflicts (409) · {prefill_text} · RSS {rss:.0f} MB"
    )
    loadgen.add_text(table, size, f"ours: mixed run, {WORKERS} workers: outcome", text, log)
    for kind, timings, clients in (
        ("open", savers, SAVERS), ("save", savers, SAVERS), ("dashboard", coordinators, DASHBOARDS)
    ):  # fmt: skip
        values = timings.open if kind in ("open", "dashboard") else timings.save
        tool = f"ours: mixed run, {WORKERS} workers: {kind}, {clients} clients"
        loadgen.add_text(table, size, tool, loadgen.latency_text(values, 0, timings), log)
        table.record(
            bench="review UI mixed", kind=kind, size=size, workers=WORKERS, clients=clients,
            **loadgen.latency_record(values), errors=len(timings.errors),
            timeouts=timings.timeouts, acknowledged=len(ledger.texts), lost=len(lost),
        )  # fmt: skip
        for error in timings.errors[:3]:
            table.note("review UI", f"{size}, mixed run, {kind}: {error}")
    for line in lost[:5]:
        table.note("review UI", f"{size}, mixed run: LOST: {line}")
