"""The server's own commits after a quiet period, and the settings that ask for them."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.gitstore.conftest import git
from tests.gitstore.test_commit import commit
from translator.config import load_settings
from translator.errors import ConfigError
from translator.gitstore.autocommit import QuietCommitter, git_settings


def stamp(minutes_ago: int) -> str:
    moment = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=minutes_ago)
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def test_commits_once_quiet_and_only_once_per_change(repo_project):
    a = repo_project
    a.save("dana", "Our demands", "Unsere Forderungen")
    latest = {"at": stamp(2)}
    committer = QuietCommitter(lambda: latest["at"], lambda: commit(a), minutes=10)
    assert committer.tick() is False, "saved two minutes ago: not quiet yet"
    latest["at"] = stamp(11)
    assert committer.tick() is True
    assert git(a.root, "log", "-1", "--format=%an").strip() == "Dana"
    assert committer.tick() is False, "nothing new since"


def test_a_failed_commit_is_reported_and_tried_again(repo_project):
    from translator.gitstore import GitError

    said = []
    attempts = []

    def failing():
        attempts.append(1)
        raise GitError("git commit-tree: disk full")

    committer = QuietCommitter(lambda: stamp(30), failing, minutes=10, report=said.append)
    assert committer.tick() is False and committer.tick() is False
    assert len(attempts) == 2 and "disk full" in said[0]


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('git_commit = "sometimes"', "git_commit: expected one of"),
        ("git_quiet_minutes = 0", "git_quiet_minutes: expected minutes from 1 to 1440"),
        ('git_noreply_domain = "a b"', "git_noreply_domain: not a domain"),
    ],
)
def test_wrong_settings_name_their_key(repo_project, line, problem):
    (repo_project.root / "translator.toml").write_text(line + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=problem):
        git_settings(load_settings(repo_project.root))


def test_settings(repo_project):
    (repo_project.root / "translator.toml").write_text(
        'git_commit = "after-review"\ngit_quiet_minutes = 5\n', encoding="utf-8"
    )
    settings = git_settings(load_settings(repo_project.root))
    assert (settings.mode, settings.quiet) == ("after-review", 5)


def test_serve_starts_the_committer_only_when_asked(repo_project):
    from translator.cli.common import ProjectContext
    from translator.cli.git import start_autocommit

    assert start_autocommit(ProjectContext(repo_project.root)) is None
    (repo_project.root / "translator.toml").write_text(
        'git_commit = "after-review"\n', encoding="utf-8"
    )
    thread = start_autocommit(ProjectContext(repo_project.root))
    try:
        assert thread.is_alive() and thread.minutes == 10
    finally:
        thread.stop()
        thread.join(timeout=5)
    assert not thread.is_alive()
