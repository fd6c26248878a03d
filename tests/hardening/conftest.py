"""Fixtures for the hardening tests: the review UI over a copy of the repository's own project.

``seed_app`` serves a temporary copy of ``source/`` and ``locales/`` (the bundled resolution and
its catalogs in 15 languages) with the dummy MT engine and the people of ``tests/web``
(``dana`` translates ``de``, ``amir`` reviews ``ar``, ``coord`` coordinates). Helpers check
catalogs with the real ``msgfmt`` and take snapshots of a directory tree.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from tests.web.conftest import PASSWORD, AuthActions, ReviewActions, csrf_from, make_app
from translator.web.data import people

__all__ = ["PASSWORD", "AuthActions", "ReviewActions", "csrf_from"]

SLUG = "icor-resolution-2020-01-17"
REPO = Path(__file__).resolve().parents[2]
ALLOWED_TOP = ("source", "locales", "instance")  # where the app may write


@pytest.fixture(autouse=True)
def fast_hashes(monkeypatch):
    """Cheap password hashes (the scrypt default is checked in tests/web/test_auth.py)."""
    monkeypatch.setattr(people, "PASSWORD_METHOD", "pbkdf2:sha256:1000")


@pytest.fixture
def seed_app(seed_project):
    return make_app(seed_project.root, MT_ENGINES={"*": "dummy"})


@pytest.fixture
def client(seed_app):
    return seed_app.test_client()


@pytest.fixture
def auth(client):
    return AuthActions(client)


@pytest.fixture
def review(client, auth):
    actions = ReviewActions(client, auth, slug=SLUG)
    return actions


def catalog_files(root: Path) -> list[Path]:
    """Every PO file of the project (not templates, not temp files)."""
    return sorted((root / "locales").glob("*/LC_MESSAGES/*.po"))


def msgfmt_check(path: Path) -> str:
    """The real ``msgfmt --check`` on ``path``: '' when it passes, else its complaint."""
    result = subprocess.run(
        ["msgfmt", "--check", "-o", os.devnull, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return "" if result.returncode == 0 else result.stderr.strip() or f"exit {result.returncode}"


def entry_counts(root: Path) -> dict[Path, int]:
    """Entries (obsolete ones included) per catalog, as polib reads them."""
    return {path: len(polib.pofile(str(path))) for path in catalog_files(root)}


def assert_catalogs_sound(root: Path, counts: dict[Path, int]) -> None:
    """Every catalog passes msgfmt --check and has as many entries as ``counts`` says."""
    assert set(catalog_files(root)) == set(counts), "catalogs appeared or disappeared"
    for path, count in counts.items():
        problem = msgfmt_check(path)
        assert not problem, f"{path}: {problem}"
        assert len(polib.pofile(str(path))) == count, f"{path}: entry count changed"


def tree_snapshot(root: Path) -> dict[str, str]:
    """Relative path -> content hash ('dir' for directories) of everything under ``root``."""
    snapshot = {}
    for dirpath, dirnames, filenames in os.walk(root):
        base = Path(dirpath)
        for name in dirnames:
            snapshot[str((base / name).relative_to(root))] = "dir"
        for name in filenames:
            path = base / name
            try:
                data = path.read_bytes()
            except OSError:
                data = b"<unreadable>"
            snapshot[str(path.relative_to(root))] = hashlib.sha1(data).hexdigest()
    return snapshot


def changes_outside(before: dict[str, str], after: dict[str, str], root: str) -> list[str]:
    """Paths created, changed or removed anywhere but ``<root>/{source,locales,instance}``.

    :param root: the project folder's name inside the snapshotted folder.
    """
    changed = {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}
    allowed = {(root, top) for top in ALLOWED_TOP}
    return sorted(p for p in changed if tuple(Path(p).parts[:2]) not in allowed)


def temp_files(root: Path) -> list[Path]:
    """Leftover temporary files of atomic writes (``.<name>.<random>.tmp``)."""
    return sorted(root.rglob(".*.tmp"))


def copy_tree(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


TOKEN = re.compile(r'name="csrf-token" content="([^"]+)"')
