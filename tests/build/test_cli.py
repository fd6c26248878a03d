"""`translator build`: options, report, exit codes."""

from __future__ import annotations

import json

from translator.cli import cli


def run(runner, project, *args):
    return runner.invoke(cli, ["--project", str(project.root), "build", *args])


def test_help_documents_the_layout_and_exit_codes(runner):
    result = runner.invoke(cli, ["build", "--help"])
    assert result.exit_code == 0
    assert "locale/<lang>/LC_MESSAGES/<slug>.mo" in result.output
    assert "<slug>/<lang>.md .html .txt" in result.output
    assert "Exit codes" in result.output and "--strict" in result.output


def test_default_build_goes_to_build_in_the_project(runner, project, fill):
    fill(project, "de")
    result = run(runner, project)
    assert result.exit_code == 0, result.output
    assert (project.root / "build" / "sample" / "de.html").is_file()
    assert "de      built    100.0%  html md mo txt" in result.output
    assert "1 built, 1 original, 0 skipped, 0 error(s)" in result.output


def test_strict_fails_when_a_language_is_held_back(runner, project, fill, tmp_path):
    fill(project, "de")
    fill(project, "fa", only=lambda entry: entry.msgid == "Peace now.")
    out = str(tmp_path / "site")
    assert run(runner, project, "--out", out).exit_code == 0
    result = run(runner, project, "--out", out, "--strict")
    assert result.exit_code == 1
    assert "fa      skipped    7.1%  min-completion: 7.1% translated, 80% required" in result.output
    assert run(runner, project, "--out", out, "--strict", "--min-completion", "5").exit_code == 0
    assert run(runner, project, "--out", out, "--strict", "--lang", "de").exit_code == 0


def test_invalid_catalog_fails_even_without_strict(runner, project, fill, tmp_path):
    fill(project, "de")
    fill(project, "fa")
    project.catalog_path("fa", "sample").write_text("garbage\n", encoding="utf-8")
    result = run(runner, project, "--out", str(tmp_path / "site"), "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["summary"] == {"original": 1, "built": 1, "skipped": 0, "error": 1}
    assert "invalid PO file" in data["errors"][0]
    assert "error: " in result.stderr and "fa/LC_MESSAGES/sample.po" in result.stderr


def test_json_report_for_pipelines(runner, project, fill, tmp_path):
    fill(project, "fa")
    result = run(runner, project, "--out", str(tmp_path / "site"), "--json", "--format", "html")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["formats"] == ["html"] and data["fallback"] == "source"
    fa = next(item for item in data["results"] if item["language"] == "fa")
    assert fa["status"] == "built" and fa["outputs"] == ["sample/fa.html"]
    assert fa["rules"] == [{"rule": "min-completion", "ok": True, "detail": ""}]
    assert isinstance(fa["failing_checks"], list)


def test_formats_languages_and_documents_are_selectable(runner, project, fill, tmp_path):
    fill(project, "de")
    fill(project, "fa")
    out = tmp_path / "site"
    result = run(runner, project, "--out", str(out), "--format", "md,txt", "--lang", "fa,en")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (out / "sample").iterdir()) == [
        "en.md",
        "en.txt",
        "fa.md",
        "fa.txt",
    ]
    assert run(runner, project, "--out", str(out), "--doc", "sample").exit_code == 0


def test_bad_arguments(runner, project, tmp_path):
    result = run(runner, project, "--format", "pdf")
    assert result.exit_code == 1 and "unknown format(s) pdf" in result.output
    result = run(runner, project, "--doc", "missing")
    assert result.exit_code == 1 and "source/missing.md: no such document" in result.output
    assert run(runner, project, "--min-completion", "120").exit_code == 2
    assert run(runner, project, "--fallback", "blank").exit_code == 2


def test_unknown_rule_in_the_configuration_is_a_one_line_error(runner, project):
    (project.root / "translator.toml").write_text('build_rules = {de = ["nope"]}\n')
    result = run(runner, project)
    assert result.exit_code == 1
    assert result.output.strip() == (
        "error: [tool.translator] build_rules.de: unknown rule 'nope' (known: all-approved, "
        "min-completion, no-errors, signatories-complete, slogans-approved, title-approved)"
    )
