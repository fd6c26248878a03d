"""``translator commit``: one commit per author, authors from the audit log, messages that
say what changed; the work tree untouched."""

from __future__ import annotations

import datetime as dt

import polib
import pytest

from tests.gitstore.conftest import CATALOG, git
from translator.catalog import read_catalog, write_catalog
from translator.cli import cli
from translator.gitstore import Repo, commit_catalogs
from translator.web.accounts_cli import open_accounts
from translator.web.data import authorship, database, people

FIRST, SECOND, THIRD = (
    "The ICOR condemns the war.",
    "Our demands",
    "Strengthen the ICOR!",
)


@pytest.fixture
def clock(monkeypatch):
    """Audit times one minute apart, after the repository's first commit."""
    moments = iter(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=n) for n in range(1, 50))
    monkeypatch.setattr(database, "now", lambda: next(moments).strftime("%Y-%m-%d %H:%M:%S"))


def commit(instance, message=""):
    with open_accounts(instance.root) as conn:
        return commit_catalogs(
            Repo.find(instance.root),
            instance.root / "locales",
            authorship.last_changes_of(conn),
            authorship.identity_of(conn),
            message,
        )


def log(root) -> list[str]:
    return git(root, "log", "--format=%an <%ae>|%s", "-4").strip().splitlines()


def test_one_commit_per_author_in_the_order_they_worked(repo_project, clock):
    a = repo_project
    with open_accounts(a.root) as conn:
        authorship.set_commit_address(conn, people.find_user(conn, "rita").id, "rita@example.org")
    po = read_catalog(a.catalog)
    po.find(THIRD).msgstr = "Stärkt die ICOR!"  # a PO editor on the server: nobody logged it
    write_catalog(po, a.catalog)
    a.save("dana", FIRST, "Die ICOR verurteilt den Krieg.")
    a.save("rita", SECOND, "Unsere Forderungen")
    report = commit(a)
    assert report.errors == [] and len(report.commits) == 3
    assert log(a.root) == [
        "Rita <rita@example.org>|de: 1 entry in sample",
        "Dana <dana@users.noreply.invalid>|de: 1 entry in sample",
        "Server A <a@example.org>|de: catalog changes made outside the editor (sample)",
        "Server A <a@example.org>|start",
    ]
    assert git(a.root, "status", "--porcelain").strip() == "", "everything committed"
    # each step holds only its author's work
    step = polib.pofile(git(a.root, "show", f"HEAD~1:{CATALOG}"))
    assert step.find(FIRST).msgstr == "Die ICOR verurteilt den Krieg."
    assert step.find(SECOND).msgstr == ""
    first = polib.pofile(git(a.root, "show", f"HEAD~2:{CATALOG}"))
    assert first.find(THIRD).msgstr == "Stärkt die ICOR!" and first.find(FIRST).msgstr == ""
    body = git(a.root, "log", "-1", "--format=%b")
    assert "- sample [de]: 1 translated" in body


def test_a_change_logged_before_the_last_commit_is_not_credited(repo_project, clock):
    a = repo_project
    a.save("dana", FIRST, "Die ICOR verurteilt den Krieg.")
    commit(a)
    po = read_catalog(a.catalog)  # now someone edits the same entry outside the editor
    po.find(FIRST).msgstr = "Die ICOR verurteilt diesen Krieg."
    write_catalog(po, a.catalog)
    report = commit(a, "Fix a word")
    assert [c["author"] for c in report.commits] == ["Server A <a@example.org>"]
    assert log(a.root)[0] == "Server A <a@example.org>|Fix a word"


def test_nothing_changed_nothing_committed(repo_project):
    assert commit(repo_project).commits == []


def test_the_command(repo_project, runner, clock):
    a = repo_project
    a.save("dana", FIRST, "Die ICOR verurteilt den Krieg.")
    result = runner.invoke(cli, ["--project", str(a.root), "commit", "-m", "Review of sample"])
    assert result.exit_code == 0, result.output
    assert "Dana <dana@users.noreply.invalid>: 1 catalog(s)" in result.output
    assert log(a.root)[0] == "Dana <dana@users.noreply.invalid>|Review of sample"
    again = runner.invoke(cli, ["--project", str(a.root), "commit"])
    assert again.output.strip() == "nothing to commit"


def test_after_review_waits_for_the_quiet_period(repo_project, runner):
    a = repo_project
    a.save("dana", FIRST, "Die ICOR verurteilt den Krieg.")  # just now
    result = runner.invoke(cli, ["--project", str(a.root), "commit", "--after-review"])
    assert result.exit_code == 0 and "not quiet yet" in result.stderr
    assert git(a.root, "status", "--porcelain").strip() == f"M {CATALOG}"
