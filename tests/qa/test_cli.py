"""`translator check` (listing, JSON, exit codes) and failing checks in `translator stats`."""

from __future__ import annotations

import json

import pytest

from translator.catalog import catalog_lock, read_catalog, write_catalog
from translator.catalog.state import set_draft
from translator.cli import cli
from translator.project import Project
from translator.qa import dismiss

GOOD_DE = {
    "Stop the war!": "Stoppt den Krieg!",
    "The ICOR condemns the war.": "Die ICOR verurteilt den Krieg.",
    "Read [the appeal](https://example.org/appeal.html) and *act* now.": (
        "Lies [den Aufruf](https://example.org/appeal.html) und *handle* jetzt."
    ),
}


def translate(project: Project, lang: str, texts: dict[str, str], *, draft: bool = False):
    """Store translations in the sample document's catalog for ``lang``."""
    path = project.catalog_path(lang, "sample")
    with catalog_lock(path):
        po = read_catalog(path)
        for item in po:
            if item.msgid in texts:
                if draft:
                    set_draft(item, texts[item.msgid], "mt:dummy")
                else:
                    item.msgstr = texts[item.msgid]
        write_catalog(po, path)


@pytest.fixture
def checked(project: Project) -> Project:
    project.init(["de", "ar"])
    translate(project, "de", GOOD_DE)
    return project


def run(runner, project: Project, *args: str):
    return runner.invoke(cli, ["--project", str(project.root), *args])


def test_clean_translations_exit_zero(runner, checked):
    result = run(runner, checked, "check")
    assert result.exit_code == 0, result.output
    assert "0 error(s), 0 warning(s), 0 info in 2 catalog(s), 3 translated entries" in result.output


def test_warnings_are_listed_but_do_not_fail(runner, checked):
    translate(checked, "de", {"Stop the war!": "Stoppt den Krieg"})
    result = run(runner, checked, "check")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("locales/de/LC_MESSAGES/sample.po:")
    assert "warning [end_punctuation] no ending mark; the source ends with '!'" in lines[0]
    assert "sample [de] source/sample.md:" in lines[1] and "'Stop the war!'" in lines[1]


def test_an_error_fails_the_run(runner, checked):
    appeal = "Read [the appeal](https://example.org/appeal.html) and *act* now."
    wrong_link = "اقرأوا [النداء](https://example.org/ar.html) و*تحركوا* الآن."
    translate(checked, "ar", {appeal: wrong_link})
    result = run(runner, checked, "check")
    assert result.exit_code == 1
    assert "error [links] link targets differ" in result.output
    assert "sample [ar]" in result.output


def test_a_blocking_check_fails_the_run(runner, checked):
    translate(checked, "de", {"Stop the war!": "Stoppt den Krieg"})
    (checked.root / "translator.toml").write_text('blocking_checks = ["end_punctuation"]\n')
    result = run(runner, checked, "check")
    assert result.exit_code == 1
    assert "warning (blocking) [end_punctuation]" in result.output
    assert "1 gating" in result.output


def test_an_unknown_blocking_check_is_a_config_error(runner, checked):
    (checked.root / "translator.toml").write_text('blocking_checks = ["end_punctuaton"]\n')
    result = run(runner, checked, "check")
    assert result.exit_code == 1
    assert "error: [tool.translator] blocking_checks: unknown check 'end_punctuaton'" in (
        result.output
    )


def test_json_lists_each_failure_with_its_place(runner, checked):
    translate(checked, "de", {"Stop the war!": "Stoppt den Krieg"})
    result = run(runner, checked, "check", "--json")
    data = json.loads(result.output)
    (failure,) = data["failures"]
    assert failure["document"] == "sample" and failure["language"] == "de"
    assert failure["catalog"] == "locales/de/LC_MESSAGES/sample.po" and failure["line"] > 1
    assert failure["msgid"] == "Stop the war!" and failure["state"] == "translated"
    assert failure["check"] == "end_punctuation" and failure["severity"] == "warning"
    assert failure["flag"] == "ignore-end-punctuation" and failure["source"].startswith("source/")
    assert data["summary"] == {
        "error": 0, "warning": 1, "info": 0, "gating": 0, "catalogs": 2, "entries": 3,
        "drafts": 0,
    }  # fmt: skip


def test_filters_by_language_document_check_and_drafts(runner, checked):
    translate(checked, "de", {"Stop the war!": "Stoppt den Krieg"})
    translate(checked, "ar", {"Stop the war!": "أوقفوا الحرب"}, draft=True)
    assert len(json.loads(run(runner, checked, "check", "--json").output)["failures"]) == 2
    only_ar = json.loads(run(runner, checked, "check", "--json", "--lang", "ar").output)
    assert [f["language"] for f in only_ar["failures"]] == ["ar"]
    assert only_ar["failures"][0]["state"] == "draft"
    no_drafts = json.loads(run(runner, checked, "check", "--json", "--no-drafts").output)
    assert [f["language"] for f in no_drafts["failures"]] == ["de"]
    other_doc = run(runner, checked, "check", "--json", "--doc", "nothing")
    assert other_doc.exit_code == 1 and other_doc.stdout == ""
    assert other_doc.stderr == "error: source/nothing.md: no such document\n"
    only_numbers = json.loads(run(runner, checked, "check", "--json", "--check", "numbers").output)
    assert only_numbers["failures"] == []


def test_severity_hides_listing_but_not_the_exit_code(runner, checked):
    translate(checked, "de", {"Stop the war!": "Stoppt  den Krieg!"})  # double space: info
    listed = run(runner, checked, "check")
    assert "info [double_space]" in listed.output
    hidden = run(runner, checked, "check", "--severity", "warning")
    assert "double_space" not in hidden.output and "1 info" in hidden.output


def test_dismissed_checks_do_not_come_back(runner, checked):
    translate(checked, "de", {"Stop the war!": "Stoppt den Krieg"})
    path = checked.catalog_path("de", "sample")
    po = read_catalog(path)
    dismiss(po.find("Stop the war!"), "end_punctuation")
    write_catalog(po, path)
    assert "0 warning(s)" in run(runner, checked, "check").output
    assert run(runner, checked, "update").exit_code == 0  # a merge keeps the flag
    assert "ignore-end-punctuation" in path.read_text(encoding="utf-8")
    assert "0 warning(s)" in run(runner, checked, "check").output


def test_list_checks(runner, checked):
    result = run(runner, checked, "check", "--list-checks")
    assert result.exit_code == 0 and result.output.startswith("blank")
    assert any(line.startswith("end_punctuation") for line in result.output.splitlines())


def test_stats_count_failing_checks_per_catalog(runner, checked):
    translate(checked, "de", {"Stop the war!": "Stoppt den Krieg"})
    data = json.loads(run(runner, checked, "stats", "--json").output)
    by_lang = {row["language"]: row for row in data["catalogs"]}
    assert by_lang["de"]["issues"] == {"warning": 1} and by_lang["ar"]["issues"] == {}
    assert data["languages"]["de"]["issues"] == {"warning": 1}
    text = run(runner, checked, "stats").output
    assert "checks (error/warning/info)" in text and "0/1/0" in text
    fast = json.loads(run(runner, checked, "stats", "--json", "--no-checks").output)
    assert all(row["issues"] == {} for row in fast["catalogs"])


def test_stats_issue_counts_follow_edits(checked):
    def warnings() -> int:
        (row,) = [r for r in checked.stats(langs=["de"]).rows]
        return row.stats.issues.get("warning", 0)

    assert warnings() == 0
    translate(checked, "de", {"Stop the war!": "Stoppt den Krieg"})
    assert warnings() == 1
    assert checked.stats(langs=["de"], with_checks=False).rows[0].stats.issues == {}
