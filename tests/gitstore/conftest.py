"""Real git in temporary directories: a project in a repository with the merge driver, a
bare remote, and a second clone; saves made as the editor makes them (catalog and audit log)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from translator.catalog import catalog_lock, read_catalog, write_catalog
from translator.catalog.state import set_human
from translator.config import load_settings
from translator.gitstore import install_git
from translator.project import Project
from translator.web.accounts_cli import open_accounts
from translator.web.data import database, people

DATA = Path(__file__).resolve().parents[1] / "data"
CATALOG = "locales/de/LC_MESSAGES/sample.po"


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


@dataclass
class Instance:
    """One clone of the project, as one server would have it."""

    root: Path

    @property
    def project(self) -> Project:
        return Project(load_settings(self.root))

    @property
    def catalog(self) -> Path:
        return self.root / CATALOG

    def save(self, user: str, msgid: str, text: str) -> None:
        """What an editor save does: the catalog under its lock, then the audit log."""
        with catalog_lock(self.catalog):
            po = read_catalog(self.catalog)
            entry = po.find(msgid)
            before = entry.msgstr
            set_human(entry, text)
            write_catalog(po, self.catalog)
        with open_accounts(self.root) as conn:
            database.log_change(
                conn,
                user=user,
                doc="sample",
                lang="de",
                msgid=msgid,
                action="save",
                before=before,
                after=text,
                before_state="",
                after_state="translated",
            )
            conn.commit()

    def text(self, msgid: str) -> str:
        return read_catalog(self.catalog).find(msgid).msgstr


def add_people(root: Path) -> None:
    with open_accounts(root, create=True) as conn:
        for name in ("dana", "rita"):
            people.create_user(
                conn,
                name,
                "a long password",
                display_name=name.title(),
                languages={"de": "translator"},
            )


@pytest.fixture
def repo_project(tmp_path, monkeypatch):
    """A project (tests/data, German catalog) committed in a fresh repository."""
    if shutil.which("git") is None:
        pytest.fail("git is not installed")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    root = tmp_path / "a"
    shutil.copytree(DATA / "source", root / "source")
    (root / "locales").mkdir()
    assert Project(load_settings(root)).init(["de"]).ok
    install_git(root, python=sys.executable)
    git(root, "config", "user.name", "Server A")
    git(root, "config", "user.email", "a@example.org")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "start")
    add_people(root)
    return Instance(root)


@pytest.fixture
def two_instances(repo_project, tmp_path):
    """The project pushed to a bare remote and cloned again: two servers, one remote."""
    bare = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(bare))
    a = repo_project
    git(a.root, "remote", "add", "origin", str(bare))
    git(a.root, "push", "-q", "-u", "origin", "HEAD")
    git(tmp_path, "clone", "-q", str(bare), str(tmp_path / "b"))
    b = Instance(tmp_path / "b")
    install_git(b.root, python=sys.executable)  # .git/config is per clone
    git(b.root, "config", "user.name", "Server B")
    git(b.root, "config", "user.email", "b@example.org")
    add_people(b.root)
    return a, b
