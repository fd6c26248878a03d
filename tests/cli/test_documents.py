"""The command-line contract: subcommands, --help, exit codes, --json, one-line errors."""

from __future__ import annotations

import json

import pytest

from translator.cli import cli

FOUNDATION_COMMANDS = ["import", "segment", "extract", "init", "update", "stats"]


def run(runner, project, *args, **kwargs):
    return runner.invoke(cli, ["--project", str(project.root), *args], **kwargs)


@pytest.mark.parametrize("command", FOUNDATION_COMMANDS)
def test_every_command_has_help(runner, command):
    result = runner.invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output


def test_init_update_stats_json(runner, project):
    assert run(runner, project, "init", "de", "fa").exit_code == 0
    result = run(runner, project, "update", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {item["language"] for item in data["catalogs"]} == {"de", "fa"}
    result = run(runner, project, "stats", "--json")
    stats = json.loads(result.output)
    assert stats["languages"]["fa"]["total"] == 14
    assert stats["catalogs"][0]["percent"] == 0.0


def test_stats_table_is_readable(runner, project):
    run(runner, project, "init", "de")
    result = run(runner, project, "stats")
    assert result.exit_code == 0
    assert "sample" in result.output and "de" in result.output and "0.0%" in result.output


def test_unknown_language_is_a_one_line_error(runner, project):
    result = run(runner, project, "init", "klingon")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "error: unknown language code 'klingon' (Babel has no locale data)"
    ]


def test_slug_with_path_characters_is_refused(runner, project, tmp_path):
    text = tmp_path / "page.txt"
    text.write_text("A title\n\nSome text.\n", encoding="utf-8")
    result = run(runner, project, "import", str(text), "--slug", "../x")
    assert result.exit_code == 1
    assert "invalid slug '../x'" in result.output
    assert not (project.root / "x.md").exists()


def test_not_a_project(runner, tmp_path):
    result = runner.invoke(cli, ["--project", str(tmp_path), "stats"])
    assert result.exit_code == 1
    assert "not a translation project" in result.output


def test_segment_plain_text(runner):
    result = runner.invoke(cli, ["segment", "--lang", "en"], input="Dr. Smith came. He left!\n")
    assert result.exit_code == 0
    assert result.output.splitlines() == ["Dr. Smith came.", "He left!"]


def test_segment_jsonl_keeps_order(runner):
    lines = [
        {"lang": "de", "text": "Am 16. Januar 2020 kam er. Dann ging er."},
        {"lang": "en", "text": "One."},
    ]
    stdin = "\n".join(json.dumps(line) for line in lines) + "\n"
    result = runner.invoke(cli, ["segment", "--jsonl"], input=stdin)
    assert result.exit_code == 0
    out = [json.loads(line) for line in result.output.splitlines()]
    assert out == [
        {"sentences": ["Am 16. Januar 2020 kam er.", "Dann ging er."]},
        {"sentences": ["One."]},
    ]


def test_segment_jsonl_bad_line_names_it(runner):
    result = runner.invoke(cli, ["segment", "--jsonl"], input='{"text": "a"}\nnot json\n')
    assert result.exit_code == 1
    assert "<stdin>:2" in result.output


def test_broken_source_is_reported_and_others_continue(runner, project):
    (project.root / "source" / "broken.md").write_bytes(b"---\nslug: broken\n\xff\n")
    result = run(runner, project, "extract")
    assert result.exit_code == 1
    assert "source/broken.md:3: not valid UTF-8" in result.output
    assert (project.root / "locales" / "sample.pot").is_file()


def test_python_dash_m_works(project):
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "translator", "--project", str(project.root), "extract"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "locales/sample.pot: 14 entries" in result.stdout
