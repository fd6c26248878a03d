"""Statistics with checks from the index: the same counts as checking every catalog, warm after
one pass, and an edit re-reads only the catalog edited (consistency answered from the index)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from translator.catalog import read_catalog, write_catalog
from translator.catalog.state import set_human
from translator.config import load_settings
from translator.progress import checked, index, records
from translator.project import Project
from translator.qa.index import normal_text
from translator.qa.report import language_results

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))  # pysbd ships a "benchmarks" package: import by file

import corpus  # noqa: E402

LONG_AGO = time.time() - 3600


@pytest.fixture
def project(tmp_path) -> Project:
    """A small benchmark corpus (documents share sentences), its files an hour old."""
    small = corpus.build_corpus(4, 2, seed=21, base=tmp_path / "corpus")
    root = tmp_path / "project"
    shutil.copytree(small.root, root)
    for path in (root / "locales").rglob("*.po*"):
        os.utime(path, (LONG_AGO, LONG_AGO))
    index._OPEN.clear()  # a new process: nothing indexed in memory
    return Project(load_settings(root))


@pytest.fixture
def reads(monkeypatch) -> Counter:
    """Catalog files read, by name, by the index and by the checks."""
    seen: Counter = Counter()
    real = records.read_entries_fast

    def counting(path):
        seen[Path(path).name, Path(path).parent.parent.name] += 1
        return real(path)

    monkeypatch.setattr(records, "read_entries_fast", counting)
    monkeypatch.setattr(checked, "read_entries_fast", counting)
    return seen


def reference(project: Project) -> dict[tuple[str, str], dict[str, int]]:
    """Every catalog checked from scratch, with the whole language as context (no index)."""
    counts = {}
    for lang in project.languages():
        for slug, (_, found) in language_results(project.settings, lang).items():
            severities = Counter(
                str(issue.severity) for issues in found.values() for issue in issues
            )
            counts[slug, lang] = dict(severities)
    return counts


def figures(project: Project, **options) -> dict[tuple[str, str], dict[str, int]]:
    return {(r.document, r.language): r.stats.issues for r in project.stats(**options).rows}


def make_inconsistent(project: Project) -> tuple[str, str, str]:
    """Translate a sentence one document shares with another differently; (lang, edited, other)."""
    for lang in project.languages():
        settled: dict[str, dict[str, str]] = {}
        for slug in project.slugs():
            for entry in read_catalog(project.catalog_path(lang, slug)):
                if entry.msgstr and not entry.fuzzy and entry.msgid and not entry.obsolete:
                    settled.setdefault(entry.msgid, {})[slug] = entry.msgstr
        for msgid, where in settled.items():
            if len(where) >= 2:
                edited, other = sorted(where)[:2]
                path = project.catalog_path(lang, edited)
                po = read_catalog(path)
                entry = po.find(msgid)
                set_human(entry, "Ganz anders " + normal_text(entry.msgstr))
                write_catalog(po, path)
                os.utime(path, (LONG_AGO + 60, LONG_AGO + 60))
                return lang, edited, other
    raise AssertionError("the corpus has no settled sentence shared by two documents")


def test_counts_equal_checking_every_catalog(project):
    assert figures(project) == reference(project)


def test_second_run_reads_no_catalog_and_gives_the_same_figures(project, reads):
    first = figures(project)
    assert sum(reads.values()) == 2 * 4 * 2  # counted once, checked once
    reads.clear()
    index._OPEN.clear()  # and again in a "new process": the index file alone answers
    assert figures(project) == first
    assert sum(reads.values()) == 0


def test_an_edit_rereads_that_catalog_only_and_reaches_the_others(project, reads):
    before = figures(project)
    lang, edited, other = make_inconsistent(project)
    reads.clear()
    index._OPEN.clear()
    after = figures(project)
    assert reads == {(f"{edited}.po", lang): 2}  # its counts, then its checks
    assert after == reference(project)
    assert after[other, lang].get("warning", 0) == before[other, lang].get("warning", 0) + 1


def test_only_some_documents_asked(project):
    slug = project.slugs()[1]
    assert figures(project, slugs=[slug]) == {
        key: value for key, value in reference(project).items() if key[0] == slug
    }


def test_a_glossary_change_checks_the_language_again(project, reads):
    figures(project)
    reads.clear()
    glossary = project.settings.glossary_dir / f"{project.languages()[0]}.tsv"
    glossary.parent.mkdir(exist_ok=True)
    glossary.write_text("term\ttranslation\nresolution\tXyz\n", encoding="utf-8")
    assert figures(project) == reference(project)
    assert {lang for _, lang in reads} == {project.languages()[0]}


def test_old_index_files_are_rebuilt(project):
    figures(project)
    db = project.settings.instance_dir / index.INDEX_NAME
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE meta SET value = '4' WHERE key = 'schema'")
    index._OPEN.clear()
    assert figures(project) == reference(project)


def test_facts_lost_from_the_index_file_are_found_again(project, reads):
    figures(project)
    with sqlite3.connect(project.settings.instance_dir / index.INDEX_NAME) as conn:
        conn.execute("UPDATE catalogs SET checks = '' WHERE path LIKE 'ar/%'")
    index._OPEN.clear()
    reads.clear()
    assert figures(project) == reference(project)
    assert {lang for _, lang in reads} == {"ar"}  # only those catalogs are checked again
