"""Two processes writing catalogs (each patching the index) while a third looks up: the index
stays a valid database holding exactly what the files hold, with nothing left to re-read."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from translator.catalog import read_catalog
from translator.tm import catalog_rows, open_memory
from translator.tm.index import file_identity

REPO = Path(__file__).resolve().parents[2]
WRITER = """
import sys
from pathlib import Path
from translator.catalog import catalog_lock, read_catalog, write_catalog
from translator.tm import open_memory
from tests.tm.conftest import make_po

root, name, rounds = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
locales = root / "locales"
memory = open_memory(locales, root / "instance", "de")
for n in range(rounds):
    for slug in (f"{name}-a", f"{name}-b", "shared"):
        path = locales / "de" / "LC_MESSAGES" / f"{slug}.po"
        with catalog_lock(path):
            po = read_catalog(path)
            pairs = [(e.msgid, e.msgstr) for e in po]
            pairs.append((f"Sentence {n} from {name} in {slug}.", f"Satz {n} von {name}."))
            write_catalog(make_po(pairs), path)
    memory.refresh()
    assert memory.lookup(f"Sentence {n} from {name} in shared.") is not None
"""


def test_two_writing_processes_leave_a_sound_complete_index(tree):
    for slug in ("one-a", "one-b", "two-a", "two-b", "shared"):
        tree.write(slug, [(f"Start of {slug}.", "Anfang.")])
    memory = open_memory(tree.locales, tree.instance, "de")
    memory.refresh()  # the index exists, so the writers patch it
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(tree.root), name, "25"],
            cwd=REPO,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("one", "two")
    ]
    lookups = 0
    while any(writer.poll() is None for writer in writers):
        memory.refresh()
        lookups += memory.lookup("Sentence 3 from one in shared!") is not None
    for writer in writers:
        assert writer.wait(timeout=120) == 0, writer.stderr.read()
    conn = sqlite3.connect(tree.instance / "tm" / "de.sqlite3")
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
    index = memory.index
    for path in sorted((tree.locales / "de" / "LC_MESSAGES").glob("*.po")):
        assert index.known()[path.stem] == file_identity(path)  # every write was patched in
        stored = index.query(
            "SELECT kind, origin, document, position, context, source, folded, target, state, "
            "author, created FROM units WHERE document = ? ORDER BY position",
            [path.stem],
        )
        assert stored == catalog_rows(read_catalog(path), path.stem)
    assert memory.refresh() == 0
    shared = [e.msgid for e in read_catalog(tree.path("shared"))]
    assert any("from one" in text for text in shared) and any("from two" in text for text in shared)
    last = read_catalog(tree.path("shared"))[-1]
    assert memory.lookup(last.msgid).text == last.msgstr


def test_a_forked_worker_opens_its_own_connection(tree):
    tree.write("a", [("Peace.", "Frieden.")])
    parent = open_memory(tree.locales, tree.instance, "de")
    parent.refresh()
    pid = os.fork()  # as gunicorn forks workers from a master that loaded the app
    if pid == 0:
        status = 1
        try:
            child = open_memory(tree.locales, tree.instance, "de")
            tree.write("b", [("War.", "Krieg.")])  # patched through the child's own connection
            child.refresh()
            ok = child.index is not parent.index and child.lookup("Peace.").text == "Frieden."
            status = 0 if ok and child.lookup("War.").text == "Krieg." else 1
        finally:
            os._exit(status)
    assert os.waitpid(pid, 0)[1] == 0
    assert parent.refresh() == 0 and parent.lookup("War.").text == "Krieg."
    conn = sqlite3.connect(tree.instance / "tm" / "de.sqlite3")
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
