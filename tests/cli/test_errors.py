"""Every failure reaches the user as one ``error: ...`` line: usage, settings, the OS."""

from __future__ import annotations

import subprocess
import sys

import pytest

from translator.catalog.lock import lock_path
from translator.cli import cli


def run(runner, project, *args, **kwargs):
    return runner.invoke(cli, ["--project", str(project.root), *args], **kwargs)


def one_error_line(result) -> str:
    """The single line on stderr (nothing on stdout), which must start with ``error: ``."""
    assert result.stdout == "", result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    return lines[0]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["build", "--formt", "md"], "error: no such option '--formt'."),
        (["--bogus"], "error: no such option '--bogus' (see 'translator --help')"),
        (["nosuch"], "error: no such command 'nosuch' (see 'translator --help')"),
        (["init"], "error: missing argument 'LANGS...' (see 'translator init --help')"),
        (["stats", "--by", "x"], "error: invalid value for '--by': 'x' is not one of"),
        (["serve", "--port", "0"], "error: invalid value for '--port': 0 is not in the range"),
        (["users", "add"], "error: missing argument 'USERNAME' (see 'translator users add"),
        (["users", "nosuch"], "error: no such command 'nosuch' (see 'translator users --help')"),
        (["import", "/nonexistent.txt"], "error: invalid value for 'FILE': File '/nonexistent"),
    ],
)
def test_usage_errors_are_one_line_with_exit_code_2(runner, args, expected):
    result = runner.invoke(cli, args, prog_name="translator")
    assert result.exit_code == 2
    assert one_error_line(result).startswith(expected)


def test_the_group_alone_still_shows_its_help(runner):
    result = runner.invoke(cli, [], prog_name="translator")
    assert "Usage: translator [OPTIONS] COMMAND" in result.output
    assert "error:" not in result.output


def test_a_bad_setting_names_its_key(runner, project):
    (project.root / "pyproject.toml").write_text('[tool.translator]\ntm_min_score = "abc"\n')
    result = run(runner, project, "stats")
    assert result.exit_code == 1
    assert one_error_line(result) == (
        "error: [tool.translator] tm_min_score: expected a whole number from 0 to 100, got 'abc'"
    )


def test_a_lock_path_that_is_a_directory_names_the_path(runner, project):
    assert project.init(["de"]).ok
    lock = lock_path(project.catalog_path("de", "sample"))
    lock.unlink(missing_ok=True)  # left by init
    lock.mkdir()
    result = run(runner, project, "update")
    assert result.exit_code == 1
    assert one_error_line(result) == f"error: {lock}: is a directory"


def test_a_closed_pipe_is_no_error(tmp_path):
    """``translator segment < big | head -c 1``: click's quiet exit, no traceback, no error."""
    big = tmp_path / "big.txt"
    big.write_text("A line without an end\n\n" * 20_000, encoding="utf-8")  # ~0.5 MB out
    command = subprocess.list2cmdline([sys.executable, "-m", "translator", "segment"])
    done = subprocess.run(
        f"{command} < {big} | head -c 1", shell=True, capture_output=True, check=False
    )
    assert done.stdout == b"A"
    assert b"Traceback" not in done.stderr and b"error:" not in done.stderr, done.stderr


def test_the_installed_script_prints_one_line_too(project):
    (project.root / "translator.toml").write_text("human_roles = ['slogans']\n")
    done = subprocess.run(
        [sys.executable, "-m", "translator", "--project", str(project.root), "prefill"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.splitlines() == [
        "error: [tool.translator] human_roles: unknown role 'slogans' (known: title, dateline, "
        "heading, paragraph, slogan, signatory, list-item)"
    ]


def test_serve_refuses_a_taken_port_before_the_app_writes_instance(runner, project):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run(runner, project, "serve", "--port", str(port))
    assert result.exit_code == 1
    assert one_error_line(result) == (
        f"error: 127.0.0.1:{port}: cannot listen there (Address already in use)"
    )
    assert not project.settings.instance_dir.exists()
