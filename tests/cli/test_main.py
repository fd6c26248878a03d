"""The command-line contract: every command has --help, one-line errors, python -m."""

from __future__ import annotations

import pytest

from translator.cli import cli

COMMANDS = sorted(cli.commands)


def run(runner, project, *args, **kwargs):
    return runner.invoke(cli, ["--project", str(project.root), *args], **kwargs)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(runner, command):
    result = runner.invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output


def test_unknown_language_is_a_one_line_error(runner, project):
    result = run(runner, project, "init", "klingon")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "error: unknown language code 'klingon' (Babel has no locale data)"
    ]


def test_not_a_project(runner, tmp_path):
    result = runner.invoke(cli, ["--project", str(tmp_path), "stats"])
    assert result.exit_code == 1
    assert "not a translation project" in result.output


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
