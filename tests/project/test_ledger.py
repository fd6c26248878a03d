"""Extract and update skip what did not change (the ledger), and print and write what a full
run does."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import polib
import pytest

from translator.catalog import template
from translator.cli import cli
from translator.config import load_settings
from translator.progress import index
from translator.project import Project, ledger, steps
from translator.segment import cache, split

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))  # pysbd ships a "benchmarks" package: import by file

import corpus  # noqa: E402


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> corpus.Corpus:
    return corpus.build_corpus(5, 3, seed=23, base=tmp_path_factory.mktemp("ledger"))


@pytest.fixture
def root(small, tmp_path, monkeypatch) -> Path:
    """A copy of the corpus with a fixed clock, extracted and updated once."""
    monkeypatch.setattr(template, "now_stamp", lambda: "2026-12-08 01:00+0000")
    target = tmp_path / "project"
    shutil.copytree(small.root, target)
    shutil.rmtree(target / "instance", ignore_errors=True)
    index._OPEN.clear()
    project = Project(load_settings(target))
    assert project.extract().ok and project.update().ok
    return target


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The sources the steps read (parse and split), by slug."""
    seen: list[str] = []
    real = steps.read_document

    def counting(path, *args, **kwargs):
        seen.append(path.stem)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(steps, "read_document", counting)
    return seen


def tree(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for folder in ("source", "locales")
        for path in sorted((root / folder).rglob("*"))
        if path.is_file() and path.suffix != ".lock"
    }


def invoke(runner, root: Path, *args: str) -> str:
    result = runner.invoke(cli, ["--project", str(root), *args])
    assert result.exit_code == 0, result.output
    return result.stdout.replace(str(root), "ROOT")


def edit_source(root: Path, slug: str = "res-0002") -> None:
    path = root / "source" / f"{slug}.md"
    path.write_text(path.read_text("utf-8") + "\nA sentence nobody wrote before.\n", "utf-8")


def test_incremental_steps_print_and_write_what_full_ones_do(root, tmp_path, runner):
    edit_source(root)
    full = tmp_path / "full"
    shutil.copytree(root, full)
    for args in (["extract", "--json"], ["update", "--json"], ["update", "--json"], ["extract"]):
        assert invoke(runner, root, *args) == invoke(runner, full, *args, "--force")
        assert tree(root) == tree(full)
    extracted = json.loads(invoke(runner, root, "extract", "--json"))["templates"]
    assert [item["changed"] for item in extracted] == [False] * 5


def test_incremental_extract_matches_one_into_empty_locales(root, tmp_path, runner):
    edit_source(root)
    fresh = tmp_path / "fresh"
    shutil.copytree(root / "source", fresh / "source")
    shutil.copy(root / "translator.toml", fresh / "translator.toml")
    (fresh / "locales").mkdir()
    invoke(runner, root, "extract")
    invoke(runner, fresh, "extract")
    assert templates(root) == templates(fresh)


def templates(root: Path) -> dict[str, list[bytes]]:
    """Each template's lines but its creation date (kept from the corpus's first extract)."""
    return {
        name: [line for line in data.splitlines() if b"POT-Creation-Date" not in line]
        for name, data in tree(root).items()
        if name.endswith(".pot")
    }


def test_unchanged_documents_are_not_read_again(root, reads):
    project = Project(load_settings(root))
    assert project.extract().ok and project.update().ok and reads == []
    edit_source(root, "res-0003")
    report = project.extract()
    assert reads == ["res-0003"]
    assert [item["changed"] for item in report.items] == [False, False, True, False, False]
    assert project.update().ok and reads == ["res-0003", "res-0003"]
    project.extract(force=True)
    assert len(reads) == 2 + 5


def test_a_template_edited_or_deleted_by_hand_is_written_again(root, reads):
    project = Project(load_settings(root))
    pot = root / "locales" / "res-0001.pot"
    original = pot.read_bytes()
    pot.write_bytes(original.replace(b"msgid", b"msgid", 1) + b"#. by hand\n")
    (root / "locales" / "res-0004.pot").unlink()
    report = project.extract()
    assert reads == ["res-0001", "res-0004"]
    assert pot.read_bytes() == original and (root / "locales" / "res-0004.pot").is_file()
    assert [item["changed"] for item in report.items] == [True, False, False, True, False]


def test_a_catalog_edited_or_deleted_by_hand_is_merged_again(root, reads):
    project = Project(load_settings(root))
    languages = project.languages()
    path = project.catalog_path(languages[0], "res-0002")
    po = polib.pofile(str(path))
    untranslated = next(entry for entry in po if not entry.msgstr and not entry.obsolete)
    untranslated.msgstr = "Hecho a mano."
    po.save(str(path))
    project.catalog_path(languages[1], "res-0005").unlink()
    before = {(i["document"], i["language"]): i for i in project.update(force=True).items}
    path.write_bytes(path.read_bytes().replace(b"Hecho a mano.", b"Hecho a mano!"))
    project.catalog_path(languages[1], "res-0005").unlink()
    reads.clear()
    after = {(i["document"], i["language"]): i for i in project.update().items}
    assert reads == ["res-0002", "res-0005"]
    assert after == before
    assert project.catalog_path(languages[1], "res-0005").is_file()
    assert after[("res-0005", languages[1])]["new"] > 0
    assert "Hecho a mano!" in path.read_text("utf-8")


def test_a_new_segmenter_version_reads_every_document_again(root, reads, monkeypatch):
    project = Project(load_settings(root))
    monkeypatch.setattr(split, "SEGMENTER_VERSION", f"{split.SEGMENTER_VERSION}-next")
    cache.segmenter_version.cache_clear()
    try:
        assert project.extract().ok
        assert sorted(reads) == [f"res-000{n}" for n in range(1, 6)]
    finally:
        monkeypatch.undo()
        cache.segmenter_version.cache_clear()


def test_a_file_rewritten_in_its_own_clock_tick_is_hashed(tmp_path):
    path = tmp_path / "x.po"
    path.write_text("one", "utf-8")
    record = ledger.file_record(path)
    assert ledger.verify_file(path, record) is not None  # hashed: written just now
    with open(path, "r+", encoding="utf-8") as handle:  # same size, same inode
        handle.write("two")
    assert ledger.verify_file(path, record) is None
    assert ledger.verify_file(path, None) is None
