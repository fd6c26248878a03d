"""Incremental builds: only what changed is made again; the result is a fresh build's."""

from __future__ import annotations

import json
import shutil

import pytest

from translator.build import BuildOptions, Status
from translator.build.manifest import MANIFEST_NAME
from translator.cli import cli

LANGS = ("de", "fa", "ru")


@pytest.fixture
def two_docs(project, fill):
    """The sample and a second document, each translated into three languages."""
    source = project.settings.source_dir / "sample.md"
    text = source.read_text("utf-8").replace("slug: sample", "slug: second", 1)
    (project.settings.source_dir / "second.md").write_text(
        text.replace("Peace now.", "Peace at last."), "utf-8"
    )
    for slug in ("sample", "second"):
        for lang in LANGS:
            fill(project, lang, slug)
    return project


def build(project, out, *, force=False, jobs=1, **options):
    return project.build(None, BuildOptions(**options), out, force=force, jobs=jobs)


def tree(path, *, times=False):
    """Every file under ``path`` but the manifest: its bytes (and modification time)."""
    found = {}
    for file in sorted(path.rglob("*")):
        if file.is_file() and file.name != MANIFEST_NAME:
            data = file.read_bytes()
            found[str(file.relative_to(path))] = (data, file.stat().st_mtime_ns) if times else data
    return found


def made(report):
    """(document, language) pairs decided and rendered in this build."""
    return {(item.document, item.language) for item in report.items if not item.carried}


def retranslate(edit, project, lang, slug, msgid, text):
    def change(po):
        po.find(msgid).msgstr = text

    edit(project, lang, slug, change)


def test_second_build_writes_nothing(two_docs, out):
    first = build(two_docs, out)
    assert first.ok and len(first.written) == 1 + 2 * (1 + 4 * 3 + 3)
    manifest = (out / MANIFEST_NAME).stat().st_mtime_ns
    before = tree(out, times=True)
    again = build(two_docs, out)
    assert again.written == [] and again.removed == []
    assert made(again) == set()
    assert sorted(again.unchanged) == sorted(first.written)
    assert set(again.file_states().values()) == {"unchanged"}
    assert tree(out, times=True) == before
    assert (out / MANIFEST_NAME).stat().st_mtime_ns == manifest
    assert [item.to_dict() | {"carried": False} for item in again.items] == [
        item.to_dict() for item in first.items
    ]


def test_one_catalog_changed_remakes_only_its_pair(two_docs, edit, out):
    build(two_docs, out)
    before = tree(out, times=True)
    retranslate(edit, two_docs, "fa", "second", "Stop the war!", "جنگ را متوقف کنید!")
    report = build(two_docs, out)
    assert made(report) == {("second", "fa")}
    pair = ["locale/fa/LC_MESSAGES/second.mo", "second/fa.html", "second/fa.md", "second/fa.txt"]
    assert sorted(report.written) == pair
    after = tree(out, times=True)
    assert {path for path in after if after[path] != before[path]} == set(pair)
    assert "جنگ را متوقف کنید!" in (out / "second" / "fa.md").read_text("utf-8")


def test_a_changed_source_remakes_its_document_in_every_language(two_docs, out):
    build(two_docs, out)
    source = two_docs.settings.source_dir / "second.md"
    source.write_text(source.read_text("utf-8") + "\nOne more sentence.\n", "utf-8")
    report = build(two_docs, out)
    assert made(report) == {("second", lang) for lang in ("en", *LANGS)}
    assert not any(path.startswith("sample/") for path in report.written)


def test_changed_completion_remakes_the_document_index_only(two_docs, edit, out):
    build(two_docs, out)
    retranslate(edit, two_docs, "de", "sample", "Our demands", "")
    report = build(two_docs, out)
    assert made(report) == {("sample", "de")}
    assert "sample/index.html" in report.written and "sample/fa.html" not in report.written
    assert "92.9%" in (out / "sample" / "index.html").read_text("utf-8")


def test_a_language_held_back_remakes_the_other_pages_language_bars(two_docs, edit, out):
    build(two_docs, out)

    def untranslate(po):
        for entry in po:
            entry.msgstr = ""

    edit(two_docs, "de", "sample", untranslate)
    report = build(two_docs, out)
    assert {"sample/fa.html", "sample/ru.html", "sample/en.html"} <= set(report.written)
    assert "sample/de.html" in report.removed
    assert "sample/fa.md" not in report.written
    assert not any(path.startswith("second/") for path in report.written)
    assert 'href="de.html"' not in (out / "sample" / "fa.html").read_text("utf-8")


def test_threshold_change_remakes_and_removes_held_back_outputs(two_docs, edit, out):
    build(two_docs, out)
    retranslate(edit, two_docs, "ru", "sample", "Our demands", "")  # 92.9%
    build(two_docs, out)
    report = build(two_docs, out, min_completion=95)
    assert made(report) == {
        (slug, lang) for slug in ("sample", "second") for lang in ("en", *LANGS)
    }
    ru = next(item for item in report.items if (item.document, item.language) == ("sample", "ru"))
    assert ru.status is Status.SKIPPED
    assert "sample/ru.md" in report.removed and not (out / "sample" / "ru.md").exists()
    assert report.file_states()["sample/ru.md"] == "removed"


def test_force_remakes_everything(two_docs, out):
    build(two_docs, out)
    report = build(two_docs, out, force=True)
    assert len(made(report)) == 2 * 4 and report.written == []


def test_files_deleted_or_edited_by_hand_are_made_again(two_docs, out):
    build(two_docs, out)
    first = tree(out)
    (out / "sample" / "de.md").unlink()
    (out / "second" / "ru.txt").write_text("edited by hand\n", "utf-8")
    report = build(two_docs, out)
    assert sorted(report.written) == ["sample/de.md", "second/ru.txt"]
    assert made(report) == {("sample", "de"), ("second", "ru")}
    assert tree(out) == first


def test_removed_document_loses_its_outputs(two_docs, out):
    build(two_docs, out, formats=("md", "html", "mo"))
    (two_docs.settings.source_dir / "second.md").unlink()
    report = build(two_docs, out, formats=("md", "html", "mo"))
    assert "second/index.html" in report.removed and "locale/de/LC_MESSAGES/second.mo" in (
        report.removed
    )
    assert not (out / "second").exists() or not any((out / "second").iterdir())
    assert not (out / "locale" / "de" / "LC_MESSAGES" / "second.mo").exists()
    manifest = json.loads((out / MANIFEST_NAME).read_text("utf-8"))
    assert not [key for key in manifest["units"] if key.startswith("second/")]


def test_incremental_result_equals_a_fresh_full_build(two_docs, edit, out, tmp_path):
    build(two_docs, out)
    retranslate(edit, two_docs, "de", "second", "Our demands", "Unsere Forderungen!")
    build(two_docs, out)
    retranslate(edit, two_docs, "fa", "sample", "Our demands", "")
    shutil.rmtree(two_docs.settings.locales_dir / "ru")
    build(two_docs, out)
    build(two_docs, out, formats=("md", "docx"))
    build(two_docs, out)
    fresh = tmp_path / "fresh"
    build(two_docs, fresh)
    build(two_docs, fresh, formats=("md", "docx"))
    assert tree(out) == tree(fresh)


def test_an_unreadable_manifest_means_a_full_build(two_docs, out):
    build(two_docs, out)
    (out / MANIFEST_NAME).write_text("{not json", "utf-8")
    report = build(two_docs, out)
    assert len(made(report)) == 8 and report.written == [] and report.ok
    assert json.loads((out / MANIFEST_NAME).read_text("utf-8"))["version"] == 1


def test_jobs_give_the_same_bytes_as_one_process(two_docs, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    first = build(two_docs, one, jobs=1)
    second = build(two_docs, two, jobs=2)
    assert tree(one) == tree(two)
    assert [item.to_dict() for item in first.items] == [item.to_dict() for item in second.items]
    assert first.written == second.written


def test_cli_reports_each_file_and_forces(runner, two_docs, tmp_path):
    args = ["--project", str(two_docs.root), "build", "--out", str(tmp_path / "site")]
    assert runner.invoke(cli, [*args, "--jobs", "2"]).exit_code == 0
    result = runner.invoke(cli, [*args, "--json"])
    data = json.loads(result.stdout)
    assert set(data["files"].values()) == {"unchanged"} and data["written"] == []
    assert all(item["carried"] for item in data["results"])
    result = runner.invoke(cli, [*args, "--force"])
    assert result.exit_code == 0, result.output
    assert "files: 0 built, 33 unchanged, 0 removed" in result.output
    assert runner.invoke(cli, [*args, "--jobs", "0"]).exit_code == 2


def test_the_stored_consistency_index_finds_what_the_whole_index_finds(
    two_docs, edit, tmp_path, monkeypatch
):
    retranslate(edit, two_docs, "de", "second", "Our demands", "Unsere Forderungen!")
    retranslate(edit, two_docs, "de", "sample", "Stop the war!", "Beendet den Krieg!")
    stored = build(two_docs, tmp_path / "stored")
    assert (two_docs.settings.instance_dir / "cache" / "translations.sqlite3").is_file()
    monkeypatch.setattr("translator.qa.stored.open_store", lambda *args: None)
    whole = build(two_docs, tmp_path / "whole")
    found = [item.to_dict()["failing_checks"] for item in stored.items]
    assert found == [item.to_dict()["failing_checks"] for item in whole.items]
    assert any(issue["check"] == "consistency" for issues in found for issue in issues or []), found
    retranslate(edit, two_docs, "de", "second", "Our demands", "Unsere Forderungen")
    monkeypatch.undo()
    again = build(two_docs, tmp_path / "third")
    de = next(item for item in again.items if (item.document, item.language) == ("sample", "de"))
    assert "Unsere Forderungen" in str(de.to_dict()["failing_checks"])


def test_progress_counts_documents_carried_or_made(two_docs, edit, out):
    seen = []
    on_done = lambda done, total: seen.append((done, total))  # noqa: E731
    two_docs.build(None, BuildOptions(), out, jobs=1, on_done=on_done)
    assert seen == [(1, 2), (2, 2)]
    seen.clear()
    retranslate(edit, two_docs, "fa", "second", "Stop the war!", "جنگ را متوقف کنید!")
    two_docs.build(None, BuildOptions(), out, jobs=1, on_done=on_done)
    assert seen == [(1, 2), (2, 2)]  # the first carried, the second made again


def test_no_bar_when_stderr_is_not_a_terminal(runner, two_docs, tmp_path):
    args = ["--project", str(two_docs.root), "build", "--out", str(tmp_path / "site")]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0 and "build [" not in result.stderr


def test_bar_on_a_terminal(two_docs, tmp_path):
    import os
    import pty
    import subprocess
    import sys

    master, slave = pty.openpty()
    try:
        command = [sys.executable, "-m", "translator", "--project", str(two_docs.root), "build"]
        command += ["--out", str(tmp_path / "site"), "--jobs", "1"]
        proc = subprocess.run(command, stderr=slave, stdout=subprocess.PIPE, timeout=120)
        os.close(slave)
        shown = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(master)
    assert proc.returncode == 0
    assert "build [" in shown.decode() and "2/2" in shown.decode()
    assert b"build [" not in proc.stdout


def test_no_checks_runs_them_only_where_a_rule_needs_them(two_docs, out):
    two_docs.settings.build_rules = {"fa": ["no-errors"]}
    checked = build(two_docs, out)
    report = build(two_docs, out, checks=False)
    assert len(made(report)) == 8  # another setting: every pair is decided again
    issues = {(item.document, item.language): item.issues for item in report.items}
    assert issues[("sample", "de")] is None and issues[("second", "ru")] is None
    assert issues[("sample", "fa")] is not None
    assert report.written == []  # the same bytes: the checks held nothing back here
    assert [item.status for item in report.items] == [item.status for item in checked.items]
