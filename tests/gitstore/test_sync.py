"""``translator sync`` between two clones and a bare remote: work from both sides arrives on
both, a real conflict goes through the merge driver (never conflict markers), and a source
change made on one side reaches the other with its translations."""

from __future__ import annotations

import subprocess

from tests.gitstore.conftest import CATALOG, git
from translator.catalog import read_catalog
from translator.cli import cli
from translator.gitstore import Repo, sync_project
from translator.gitstore.conflicts import open_conflicts, open_store
from translator.web.accounts_cli import open_accounts
from translator.web.data import authorship

ONE, TWO, THREE = "The ICOR condemns the war.", "Our demands", "Strengthen the ICOR!"


def sync(instance):
    with open_accounts(instance.root) as conn:
        return sync_project(
            Repo.find(instance.root),
            instance.root / "locales",
            instance.root / "instance",
            authorship.last_changes_of(conn),
            authorship.identity_of(conn),
        )


def conflicts(instance) -> list[dict]:
    conn = open_store(instance.root / "instance")
    try:
        return open_conflicts(conn, "sample", "de")
    finally:
        conn.close()


def valid(instance) -> None:
    text = instance.catalog.read_text(encoding="utf-8")
    assert "<<<<<<<" not in text and ">>>>>>>" not in text
    check = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(instance.catalog)])
    assert check.returncode == 0


def test_work_from_both_sides_arrives_on_both(two_instances):
    a, b = two_instances
    a.save("dana", ONE, "Die ICOR verurteilt den Krieg.")
    b.save("rita", TWO, "Unsere Forderungen")
    assert sync(a).pushed
    report = sync(b)
    assert report.pushed and report.merged == "merged" and report.conflicts == 0
    assert sync(a).merged == "fast-forward"
    for side in (a, b):
        assert side.text(ONE) == "Die ICOR verurteilt den Krieg."
        assert side.text(TWO) == "Unsere Forderungen"
        valid(side)
    authors = git(a.root, "log", "--format=%an", "--no-merges").split()
    assert {"Dana", "Rita"} <= set(authors)


def test_a_real_conflict_goes_through_the_merge_driver(two_instances):
    a, b = two_instances
    a.save("dana", ONE, "Die ICOR verurteilt den Krieg.")
    b.save("rita", ONE, "Die ICOR verdammt den Krieg.")
    b.save("rita", THREE, "Stärkt die ICOR!")
    sync(a)
    report = sync(b)
    assert report.pushed and report.conflicts == 1
    valid(b)
    assert b.text(ONE) == "Die ICOR verdammt den Krieg.", "this instance's text stays"
    assert b.text(THREE) == "Stärkt die ICOR!"
    [conflict] = conflicts(b)
    assert (conflict["msgid"], conflict["ours"], conflict["theirs"]) == (
        ONE,
        "Die ICOR verdammt den Krieg.",
        "Die ICOR verurteilt den Krieg.",
    )
    assert "translator-po" in git(b.root, "check-attr", "merge", CATALOG)
    sync(a)
    valid(a)
    assert a.text(THREE) == "Stärkt die ICOR!"
    assert git(a.root, "status", "--porcelain").strip() == ""


def test_a_source_change_on_one_side_keeps_the_other_sides_translations(two_instances):
    a, b = two_instances
    source = a.root / "source" / "sample.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace("Our demands", "Our main demands"),
        encoding="utf-8",
    )
    assert a.project.update().ok
    git(a.root, "add", "source", "locales")
    git(a.root, "commit", "-q", "-m", "Source: a heading changed")
    b.save("rita", ONE, "Die ICOR verurteilt den Krieg.")
    sync(a)
    report = sync(b)
    assert report.conflicts == 0 and report.pushed
    po = read_catalog(b.catalog)
    assert po.find("Our main demands") is not None, "the new structure arrived"
    assert po.find(ONE).msgstr == "Die ICOR verurteilt den Krieg.", "the translation stayed"
    valid(b)


def test_sync_command(two_instances, runner):
    a, _ = two_instances
    a.save("dana", ONE, "Die ICOR verurteilt den Krieg.")
    result = runner.invoke(cli, ["--project", str(a.root), "sync", "--json"])
    assert result.exit_code == 0, result.output
    assert '"pushed": true' in result.output
    wrong = runner.invoke(cli, ["--project", str(a.root), "sync", "--remote", "nowhere"])
    assert wrong.exit_code == 1 and wrong.stderr.startswith("error: git remote get-url")
