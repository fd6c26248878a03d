"""``--jobs 2`` writes and prints byte for byte what ``--jobs 1`` does, on a small real project."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from translator.catalog import template
from translator.cli import cli
from translator.progress import index

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))  # pysbd ships a "benchmarks" package: import by file

import corpus  # noqa: E402

# (arguments, exit code): a source edit carried through every step that takes --jobs
STEPS = [
    (["extract", "--json"], 0),
    (["update", "--json"], 0),
    (["init", "it", "--json"], 0),
    (["stats", "--json", "--no-checks"], 0),
    (["stats", "--json"], 0),
    (["stats", "--csv"], 0),
    (["check", "--json"], None),  # gating failures or not: the same either way
    (["update", "--json", "--lang", "bg", "--doc", "res-0002"], 0),
]


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> corpus.Corpus:
    return corpus.build_corpus(5, 3, seed=17, base=tmp_path_factory.mktemp("jobs"))


def tree(root: Path) -> dict[str, bytes]:
    """Every file the steps write (instance/, the index and locks, is per installation)."""
    return {
        str(path.relative_to(root)): path.read_bytes()
        for folder in ("source", "locales")
        for path in sorted((root / folder).rglob("*"))
        if path.is_file()
    }


def run_all(small: corpus.Corpus, target: Path, runner, jobs: int) -> list[tuple]:
    shutil.copytree(small.root, target)
    shutil.rmtree(target / "source")
    shutil.copytree(small.edited, target / "source")  # about 10% of the sentences changed
    index._OPEN.clear()
    outputs = []
    for args, code in STEPS:
        result = runner.invoke(cli, ["--project", str(target), *args, "--jobs", str(jobs)])
        assert code is None or result.exit_code == code, (args, result.output)
        outputs.append((args, result.exit_code, result.stdout.replace(str(target), "ROOT")))
    return outputs


def test_two_jobs_write_and_print_what_one_does(small, tmp_path, runner, monkeypatch):
    monkeypatch.setattr(template, "now_stamp", lambda: "2026-12-07 12:00+0000")  # forked too
    one = run_all(small, tmp_path / "one", runner, 1)
    two = run_all(small, tmp_path / "two", runner, 2)
    assert two == one
    assert tree(tmp_path / "two") == tree(tmp_path / "one")
    extracted = json.loads(one[0][2])["templates"]
    assert len(extracted) == 5 and any(item["changed"] for item in extracted)
    updated = json.loads(one[1][2])["catalogs"]
    assert len(updated) == 5 * 3 and sum(item["fuzzy"] + item["new"] for item in updated)
    assert json.loads(one[4][2])["languages"]["it"]["untranslated"] > 0


def test_errors_come_back_in_document_order_whatever_the_jobs(small, tmp_path, runner):
    root = tmp_path / "broken"
    shutil.copytree(small.root, root)
    (root / "source" / "res-0002.md").write_text("---\nslug: other\n---\n\nText.\n", "utf-8")
    (root / "locales" / "bg" / "LC_MESSAGES" / "res-0004.po").write_text('msgid "x"\n', "utf-8")
    found = []
    for jobs in ("1", "2"):
        result = runner.invoke(cli, ["--project", str(root), "update", "--jobs", jobs])
        assert result.exit_code == 1
        found.append((result.stdout, result.stderr))
    assert found[0] == found[1]
    errors = found[0][1].splitlines()
    assert "res-0002.md" in errors[0] and "res-0004.po" in errors[1]


def test_jobs_must_be_at_least_one(small, tmp_path, runner):
    result = runner.invoke(cli, ["--project", str(small.root), "stats", "--jobs", "0"])
    assert result.exit_code == 2 and "--jobs" in result.output
