"""The benchmark's corpus generator and a smoke run of the runner (no timing is asserted)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))  # pysbd ships a "benchmarks" package: import by file

import corpus  # noqa: E402

from translator.catalog import read_catalog  # noqa: E402
from translator.config import load_settings  # noqa: E402
from translator.project import Project  # noqa: E402
from translator.segment import read_document, render_identity  # noqa: E402


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> corpus.Corpus:
    return corpus.build_corpus(3, 2, seed=5, base=tmp_path_factory.mktemp("bench"))


def test_corpus_catalogs_pass_msgfmt_check(tiny, missing_component):
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        missing_component("GNU gettext's msgfmt is not installed")
    paths = [*tiny.po_paths(), *tiny.pot_paths()]
    assert len(paths) == 3 * 2 + 3
    for path in paths:
        result = subprocess.run(
            [msgfmt, "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
        )
        assert result.returncode == 0, f"{path}: {result.stderr}"


def test_corpus_is_partly_translated_in_every_state(tiny):
    table = Project(load_settings(tiny.root)).stats(use_index=False, with_checks=False)
    assert len(table.rows) == tiny.catalogs
    for lang, totals in table.totals("language").items():
        assert totals.translated and totals.fuzzy and totals.untranslated, lang
    first = read_catalog(tiny.po_paths()[0])
    assert first.metadata["Language"] == tiny.langs[0]
    assert "@" not in first.metadata["Plural-Forms"] + first.header


def test_corpus_documents_share_sentences_and_round_trip(tiny):
    docs = [read_document(path) for path in sorted((tiny.root / "source").glob("*.md"))]
    for doc in docs:
        assert render_identity(doc) == (tiny.root / doc.path).read_text("utf-8")
        assert {segment.role.value for segment in doc.segments} >= {
            "title", "dateline", "paragraph", "slogan", "signatory",
        }  # fmt: skip
    signatories = [{s.text for s in doc.segments if s.role.value == "signatory"} for doc in docs]
    assert signatories[0] & signatories[1] or signatories[1] & signatories[2]


def test_corpus_is_deterministic_and_edits_about_a_tenth(tmp_path):
    one = corpus.build_corpus(2, 1, seed=9, base=tmp_path / "a")
    two = corpus.build_corpus(2, 1, seed=9, base=tmp_path / "b")
    for slug in one.slugs():
        source = (one.root / "source" / f"{slug}.md").read_text("utf-8")
        assert source == (two.root / "source" / f"{slug}.md").read_text("utf-8")
        old = set(source.replace(". ", ".\n").splitlines())
        new = set((one.edited / f"{slug}.md").read_text("utf-8").replace(". ", ".\n").splitlines())
        assert 1 <= len(new - old) <= 0.25 * len(old)


def test_runner_smoke(tmp_path):
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / "run.py"), "--quick", "--sizes", "2", "--langs", "2",
         "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    table = result.stdout
    for bench in ("stats", "update", "extract", "rebuild", "prefill", "review UI"):
        assert f"| {bench} | " in table, bench
    assert "**ours: `translator stats --json --no-checks`, no index** | " in table
    assert "counts DIFFER" not in table
    assert "failed (exit" not in table and "timed out" not in table
    assert (tmp_path / "results.md").read_text("utf-8").strip() == table.strip()
    assert "no requests completed" not in table and "lost 0 ·" in table
    records = json.loads((tmp_path / "results.json").read_text("utf-8"))["records"]
    levels = [r for r in records if r["bench"] == "review UI" and r["kind"] in ("open", "save")]
    assert {(r["workers"], r["clients"]) for r in levels} == {
        (w, c) for w in (1, 4) for c in (1, 10, 50)
    }
    for record in levels:
        assert {"p50_ms", "p95_ms", "errors", "timeouts", "clients", "workers"} <= set(record)
        assert record["errors"] == 0 and record["timeouts"] == 0 and record["n"] > 0
    four = [r for r in levels if r["workers"] == 4 and r["clients"] == 50]
    assert all(r["answered_by"] >= 2 for r in four)  # the clients reached several workers
    mixed = [r for r in records if r["bench"] == "review UI mixed"]
    assert mixed and all(r["lost"] == 0 and r["acknowledged"] > 0 for r in mixed)
    assert list((tmp_path / "work").glob("*")) == []  # scratch copies are removed
