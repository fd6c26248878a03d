"""Many people saving at once through the real HTTP server (waitress on 127.0.0.1).

Six translators save their own sentences of one catalog while three more fight over the same
three sentences. Afterwards every accepted save is in the catalog and in the audit log, each
contested sentence's history is an unbroken chain (every save started from the text the
previous one left: nothing was overwritten unseen), and ``msgfmt --check`` accepts the file.
Request counts and time are bounded: 9 threads, 10 operations each, 120 s at most.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import threading
import time
from pathlib import Path

import polib
import pytest
import requests

from tests.web.conftest import PASSWORD, live_server, make_app, make_web_project
from translator.catalog import read_catalog
from translator.web.data import database, people
from translator.web.data.catalogs import entry_key

OWN_THREADS = 6
SHARED_THREADS = 3
OPERATIONS = 10
DEADLINE = 120.0


def big_document(paragraphs: int) -> str:
    """A resolution-shaped document with two sentences per paragraph."""
    body = "\n\n".join(
        f"Point {n} of the resolution is important. It must be carried out by {n} people."
        for n in range(1, paragraphs + 1)
    )
    front = "---\nslug: big\ntitle: Big resolution\ndate: 2021-03-08\nlang: en\n---\n"
    return f"{front}\n# Big resolution\n\n{body}\n"


@pytest.fixture
def server(project):
    (project.root / "source" / "big.md").write_text(big_document(40), encoding="utf-8")
    make_web_project(project.root, ("de",))
    app = make_app(project.root)
    conn = database.connect(app.config["DATABASE"])
    for number in range(OWN_THREADS + SHARED_THREADS):
        people.create_user(conn, f"t{number}", PASSWORD, languages={"de": "translator"})
    conn.close()
    with live_server(app) as base:
        yield app, base


def session_for(base: str, username: str) -> tuple[requests.Session, str]:
    session = requests.Session()
    page = session.get(f"{base}/auth/login", timeout=30)
    token = re.search(r'name="csrf-token" content="([^"]+)"', page.text).group(1)
    response = session.post(
        f"{base}/auth/login",
        data={"username": username, "password": PASSWORD, "csrf_token": token},
        timeout=30,
    )
    token = re.search(r'name="csrf-token" content="([^"]+)"', response.text).group(1)
    return session, token


def keys_of(session: requests.Session, base: str) -> list[str]:
    html = session.get(f"{base}/translate/big/de/", params={"filter": "all"}, timeout=30).text
    pages = int(re.search(r"page \d+ of (\d+)", html).group(1)) if "page 1 of" in html else 1
    keys = []
    for page in range(1, pages + 1):
        html = session.get(f"{base}/translate/big/de/", params={"page": page}, timeout=30).text
        keys += re.findall(r'<a class="row [^"]*" data-key="([0-9a-f]{16})"', html)
    return list(dict.fromkeys(keys))


def test_many_people_saving_at_once(server):
    app, base = server
    probe, _ = session_for(base, "coord")
    keys = keys_of(probe, base)
    assert len(keys) == 81  # the title and 80 sentences
    shared = keys[:3]
    own = [keys[3 + n * OPERATIONS : 3 + (n + 1) * OPERATIONS] for n in range(OWN_THREADS)]
    accepted: list[tuple[str, str, str]] = []  # (user, key, text)
    conflicts: list[str] = []
    failures: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(OWN_THREADS + SHARED_THREADS)
    started = time.monotonic()

    def work(number: int, targets: list[str]) -> None:
        user = f"t{number}"
        session, token = session_for(base, user)
        barrier.wait(timeout=30)
        for step in range(OPERATIONS):
            if time.monotonic() - started > DEADLINE:
                failures.append(f"{user}: deadline")
                return
            key = targets[step % len(targets)]
            url = f"{base}/api/translate/big/de/segment/{key}"
            current = session.get(url, timeout=30).json()
            text = f"Übersetzung von {user}, Schritt {step}."
            response = session.post(
                url,
                json={"action": "save", "msgstr": text, "version": current["version"]},
                headers={"X-CSRFToken": token},
                timeout=30,
            )
            with lock:
                if response.status_code == 200:
                    accepted.append((user, key, text))
                elif response.status_code == 409:
                    conflicts.append(key)
                else:
                    failures.append(f"{user}: HTTP {response.status_code} {response.text[:200]}")

    threads = [threading.Thread(target=work, args=(n, own[n])) for n in range(OWN_THREADS)]
    threads += [
        threading.Thread(target=work, args=(OWN_THREADS + n, shared)) for n in range(SHARED_THREADS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=DEADLINE + 30)
    elapsed = time.monotonic() - started
    assert not any(thread.is_alive() for thread in threads), "threads still running"
    assert failures == []
    total = (OWN_THREADS + SHARED_THREADS) * OPERATIONS
    assert len(accepted) + len(conflicts) == total
    own_keys = {key for targets in own for key in targets}
    assert len([a for a in accepted if a[1] in own_keys]) == OWN_THREADS * OPERATIONS
    print(
        f"\nconcurrency: {total} saves by {OWN_THREADS + SHARED_THREADS} threads in "
        f"{elapsed:.1f}s: {len(accepted)} accepted, {len(conflicts)} conflicts"
    )

    # the catalog holds the last accepted text of every sentence
    root = Path(app.config["PROJECT_ROOT"])
    path = root / "locales" / "de" / "LC_MESSAGES" / "big.po"
    final = {entry_key(e): e.msgstr for e in read_catalog(path) if e.msgid}
    for targets in own:
        for key in targets:
            texts = [text for _, k, text in accepted if k == key]
            assert final[key] == texts[-1]

    # every accepted save is in the audit log, and no save overwrote one it had not seen
    conn = database.connect(app.config["DATABASE"])
    rows = [dict(r) for r in conn.execute("SELECT * FROM audit_log ORDER BY id")]
    assert len(rows) == len(accepted)
    logged = {(r["username"], r["after"]) for r in rows}
    assert all((user, text) in logged for user, _, text in accepted)
    by_msgid: dict[str, list[dict]] = {}
    for row in rows:
        by_msgid.setdefault(row["msgid"], []).append(row)
    for chain in by_msgid.values():
        assert chain[0]["before"] == ""
        for earlier, later in zip(chain, chain[1:], strict=False):
            assert later["before"] == earlier["after"], "a save overwrote a text it never saw"
        key = entry_key(polib.POEntry(msgid=chain[-1]["msgid"]))
        assert final[key] == chain[-1]["after"]

    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "GNU gettext's msgfmt is needed (apt-get install gettext)"
    result = subprocess.run(
        [msgfmt, "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
