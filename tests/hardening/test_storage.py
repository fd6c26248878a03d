"""A full disk, a read-only catalog or a busy lock: a clear error, and nothing saved is lost.

What is real and what is simulated (the tests run as root in CI, where file modes stop nothing):

- real: the catalog's directory is read-only (``chmod 0555``) for the server process: a child
  process builds the app, warms it up with one save, and, when it runs as root, hands the
  copy to ``nobody`` and drops to that user before the failing save (file modes bind only
  non-root users); the catalog's lock file is a directory (opening it fails even for root);
  another holder keeps the catalog locked past the timeout (lowered to 0.2 s);
- simulated inside the app process with monkeypatch: ``OSError(ENOSPC)`` from the temp file's
  ``write`` (disk full), ``OSError(EROFS)`` when the temp file is created (read-only file
  system), ``OSError(EACCES)`` from ``os.replace`` (rename refused), and
  ``sqlite3.OperationalError`` from the audit log (database full).

Each case saves one sentence first (acknowledged), makes the fault, tries to save another through
the JSON API and through the plain form, and checks the answer (503 with a message naming the
reason, JSON for the API, a page for the form, never a stack trace), that the catalog file is
byte for byte what it was, that no temp file is left, and that saving works once the fault is
gone.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from filelock import FileLock

from tests.hardening.conftest import (
    REPO,
    SLUG,
    assert_catalogs_sound,
    entry_counts,
    msgfmt_check,
    temp_files,
)
from translator.catalog import lock as lock_module
from translator.catalog.lock import lock_path
from translator.web.data import database as db_module


def catalog(app, lang="de") -> Path:
    return Path(app.config["PROJECT_ROOT"]) / "locales" / lang / "LC_MESSAGES" / f"{SLUG}.po"


def _raise(code: int):
    def fail(*_args, **_kwargs):
        raise OSError(code, os.strerror(code))

    return fail


def disk_full(monkeypatch, app):
    real = tempfile.NamedTemporaryFile

    def full(*args, **kwargs):
        handle = real(*args, **kwargs)
        handle.write = _raise(errno.ENOSPC)
        return handle

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", full)
    return "No space left on device"


def read_only_fs(monkeypatch, app):
    monkeypatch.setattr(tempfile, "NamedTemporaryFile", _raise(errno.EROFS))
    return "Read-only file system"


def rename_refused(monkeypatch, app):
    monkeypatch.setattr(os, "replace", _raise(errno.EACCES))
    return "Permission denied"


def lock_is_a_directory(monkeypatch, app):
    lock = lock_path(catalog(app))
    lock.unlink(missing_ok=True)
    lock.mkdir()
    monkeypatch.setattr(lock_module.catalog_lock.__wrapped__, "__defaults__", (0.2,))
    return "lock file"


def lock_held_elsewhere(monkeypatch, app):
    """Another writer holds the lock (for longer than the lowered timeout)."""
    holder = FileLock(lock_path(catalog(app)), thread_local=False)
    ready, done = threading.Event(), threading.Event()

    def hold():
        with holder:
            ready.set()
            done.wait(10)

    thread = threading.Thread(target=hold, daemon=True)
    thread.start()
    ready.wait(5)
    monkeypatch.setattr(lock_module.catalog_lock.__wrapped__, "__defaults__", (0.2,))
    app.extensions["hardening.release"] = lambda: (done.set(), thread.join(5))
    return "busy"


FAULTS = [
    disk_full,
    read_only_fs,
    rename_refused,
    lock_is_a_directory,
    lock_held_elsewhere,
]


def undo(monkeypatch, app) -> None:
    release = app.extensions.pop("hardening.release", None)
    if release:
        release()
    monkeypatch.undo()
    lock = lock_path(catalog(app))
    if lock.is_dir():
        lock.rmdir()


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.__name__)
def test_write_fault_gives_a_clear_error_and_loses_nothing(
    seed_app, client, auth, review, monkeypatch, fault
):
    root = Path(seed_app.config["PROJECT_ROOT"])
    counts = entry_counts(root)
    auth.login("dana")
    first, second, third = review.entries("de")[5:8]
    assert review.save("de", first, "Zuerst gespeichert.").status_code == 200
    before = catalog(seed_app).read_bytes()

    reason = fault(monkeypatch, seed_app)
    try:
        response = review.save("de", second, "Geht verloren?")
        form = client.post(
            f"/translate/{SLUG}/de/segment/{third['key']}",
            data={
                "msgstr": "Auch per Formular?",
                "version": third["version"],
                "action": "save",
                "csrf_token": auth.token,
            },
        )
    finally:
        undo(monkeypatch, seed_app)

    assert response.status_code == 503, response.get_data(True)
    message = response.get_json()["error"]
    assert reason in message and "could not be saved" in message
    assert "Traceback" not in message and str(root) not in message
    assert form.status_code == 503
    page = form.get_data(as_text=True)
    assert reason in page and "Traceback" not in page and "Internal Server Error" not in page

    assert catalog(seed_app).read_bytes() == before  # the first save is still there
    assert temp_files(root) == []
    assert_catalogs_sound(root, counts)
    assert review.entry("de", first["key"])["msgstr"] == "Zuerst gespeichert."
    # once the fault is gone, the same save goes through
    assert review.save("de", second, "Jetzt gespeichert.").status_code == 200
    assert "Jetzt gespeichert." in catalog(seed_app).read_text(encoding="utf-8")


def test_audit_database_failure_is_a_clear_error(seed_app, client, auth, review, monkeypatch):
    """The catalog is written before the audit log: the answer says to reload and look."""
    auth.login("dana")
    entry = review.entries("de")[5]

    def full(*_args, **_kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(db_module, "log_change", full)
    response = review.save("de", entry, "Text trotz voller Datenbank.")
    monkeypatch.undo()
    assert response.status_code == 503
    message = response.get_json()["error"]
    assert "database or disk is full" in message and "Reload" in message
    assert temp_files(Path(seed_app.config["PROJECT_ROOT"])) == []


def test_unexpected_error_in_the_api_is_json_without_details(seed_app, client, auth, monkeypatch):
    """A bug still answers the editor in JSON, with no traceback or internals."""
    seed_app.testing = False  # let the 500 handler answer instead of raising into the test
    seed_app.config["PROPAGATE_EXCEPTIONS"] = False
    auth.login("dana")
    from translator.web.api import changes as api

    def broken(*_args, **_kwargs):
        raise RuntimeError("secret internals")

    page = client.get(f"/translate/{SLUG}/de/?filter=all").get_data(as_text=True)
    key = page.split('data-key="', 1)[1][:16]
    monkeypatch.setattr(api, "entry_json", broken)
    response = client.get(f"/api/translate/{SLUG}/de/segment/{key}")
    assert response.status_code == 500
    assert response.is_json and "logged" in response.get_json()["error"]
    assert "secret internals" not in response.get_data(as_text=True)


def test_remove_temp_files_takes_only_this_catalogs_leftovers(tmp_path):
    from translator.catalog.io import remove_temp_files

    target = tmp_path / "a[1].po"
    names = [".a[1].po.x1y2.tmp", ".a[1].po.zz.tmp", ".b.po.x1.tmp", "a[1].po", ".a[1].po.keep"]
    for name in names:
        (tmp_path / name).write_text("x", encoding="utf-8")
    removed = remove_temp_files(target)
    assert sorted(p.name for p in removed) == [".a[1].po.x1y2.tmp", ".a[1].po.zz.tmp"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".a[1].po.keep",
        ".b.po.x1.tmp",
        "a[1].po",
    ]


READ_ONLY_CHILD = r"""
import json, os, sys
from pathlib import Path
from tests.hardening.conftest import SLUG
from tests.web.conftest import AuthActions, ReviewActions, make_app
from translator.web.data import people

people.PASSWORD_METHOD = "pbkdf2:sha256:1000"
root = Path(sys.argv[1])
app = make_app(root, MT_ENGINES={"*": "dummy"})
client = app.test_client()
auth = AuthActions(client)
auth.login("dana")
review = ReviewActions(client, auth, slug=SLUG)
first, second, third = review.entries("de")[5:8]
out = {"warm": review.save("de", first, "Zuerst gespeichert.").status_code}
out["warm_form"] = client.post(
    f"/translate/{SLUG}/de/segment/{second['key']}",
    data={"msgstr": "Per Formular.", "version": second["version"], "csrf_token": auth.token},
).status_code
second, third = review.entry("de", second["key"]), review.entry("de", third["key"])
catalogs = root / "locales" / "de" / "LC_MESSAGES"
if os.geteuid() == 0:
    for path in [root, *root.rglob("*")]:
        os.chown(path, 65534, 65534, follow_symlinks=False)
catalogs.chmod(0o555)
if os.geteuid() == 0:
    os.setgid(65534)
    os.setuid(65534)
out["uid"] = os.geteuid()
response = review.save("de", second, "Geht verloren?")
out["json"] = [response.status_code, response.get_json()]
form = client.post(
    f"/translate/{SLUG}/de/segment/{third['key']}",
    data={"msgstr": "Auch?", "version": third["version"], "csrf_token": auth.token},
)
out["form"] = [form.status_code, form.get_data(as_text=True)]
out["files"] = sorted(path.name for path in catalogs.iterdir())
print(json.dumps(out))
"""


def test_read_only_catalog_directory_for_real(seed_project):
    """File modes, not a monkeypatch: the server process may not write the catalog's folder."""
    work = Path(tempfile.mkdtemp(prefix="translator-ro-"))  # /tmp: reachable for nobody
    try:
        work.chmod(0o755)
        root = work / "project"
        shutil.copytree(seed_project.root, root)
        catalog_file = root / "locales" / "de" / "LC_MESSAGES" / f"{SLUG}.po"
        result = subprocess.run(
            [sys.executable, "-c", READ_ONLY_CHILD, str(root)],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            check=False,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        out = json.loads(result.stdout.strip().splitlines()[-1])
        assert out["warm"] == 200 and out["warm_form"] == 302
        assert out["uid"] != 0
        status, body = out["json"]
        assert status == 503 and "Permission denied" in body["error"], out["json"]
        assert "Nothing was saved" in body["error"]
        status, page = out["form"]
        assert status == 503 and "Permission denied" in page and "Traceback" not in page
        assert out["files"] == [f"{SLUG}.po"]  # no temp file, no lock file
        text = catalog_file.read_text(encoding="utf-8")
        assert "Zuerst gespeichert." in text and "Per Formular." in text
        assert "Geht verloren?" not in text and "Auch?" not in text
        assert not msgfmt_check(catalog_file)
    finally:
        shutil.rmtree(work, ignore_errors=True)
