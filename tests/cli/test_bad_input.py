"""Every command fed bad input: one ``error: ...`` line, exit 1 or 2, no traceback, no change.

The project (sources, catalogs, instance/ with an accounts database, build/) is compared before
and after each run: options are checked before a command reads or writes anything.
A new command, or a new ``users`` or ``tokens`` subcommand, fails
:func:`test_every_command_has_a_case` until it gets a case here.
"""

from __future__ import annotations

import pytest

from translator.cli import cli
from translator.web.accounts_cli import add_user, open_accounts

# (arguments, stdin, translator.toml, exit code); {page} {bad} {po} {dir} are input files
CASES = [
    (["import", "/nonexistent.txt"], None, None, 2),
    (["import", "{dir}"], None, None, 2),
    (["import", "{bad}"], None, None, 1),
    (["import", "{po}"], None, None, 1),
    (["import", "{page}", "--lang", "klingon"], None, None, 1),
    (["import", "{page}", "--slug", "../x"], None, None, 1),
    (["import", "{page}", "--slug", "sample"], None, None, 1),
    (["segment", "--lang", "klingon"], "Some text.", None, 1),
    (["segment"], b"Some \xff text.", None, 1),
    (["segment", "--jsonl"], "not json\n", None, 1),
    (["segment", "--jsonl"], '{"text": 5}\n', None, 1),
    (["segment", "--jsonl"], b'{"text": "\xff"}\n', None, 1),
    (["extract", "--doc", "nope"], None, None, 1),
    (["extract", "--doc", "../x"], None, None, 1),
    (["init"], None, None, 2),
    (["init", "klingon"], None, None, 1),
    (["init", "fr", "--doc", "sample", "--doc", "nope"], None, None, 1),
    (["update", "--lang", "klingon"], None, None, 1),
    (["update", "--doc", "sample", "--doc", "nope"], None, None, 1),
    (["prefill", "--engine", "bogus"], None, None, 1),
    (["prefill", "--lang", "klingon"], None, None, 1),
    (["prefill", "--lang", "fr"], None, None, 1),
    (["prefill", "--doc", "nope"], None, None, 1),
    (["prefill"], None, 'engines = {de = "nope"}', 1),
    (["prefill", "--dry-run", "--engine", "bogus"], None, None, 1),
    (["engines", "--bogus"], None, None, 2),
    (["check", "--check", "bogus"], None, None, 1),
    (["check", "--severity", "x"], None, None, 2),
    (["check", "--lang", "klingon"], None, None, 1),
    (["check", "--doc", "nope"], None, None, 1),
    (["check"], None, 'blocking_checks = ["nope"]', 1),
    (["stats", "--by", "x"], None, None, 2),
    (["stats", "--lang", "klingon"], None, None, 1),
    (["stats", "--doc", "nope"], None, None, 1),
    (["stats"], None, 'tm_min_score = "abc"', 1),
    (["build", "--format", ""], None, None, 1),
    (["build", "--format", "pdf"], None, None, 1),
    (["build", "--min-completion", "120"], None, None, 2),
    (["build", "--fallback", "blank"], None, None, 2),
    (["build", "--lang", "klingon"], None, None, 1),
    (["build", "--doc", "sample", "--doc", "nope"], None, None, 1),
    (["build", "--out", "{po}"], None, None, 2),
    (["build"], None, 'build_rules = {de = ["nope"]}', 1),
    (["serve", "--port", "0"], None, None, 2),
    (["serve", "--host", "256.1.1.1"], None, None, 1),
    (["serve"], None, 'languages = ["klingon"]', 1),
    (["users", "add", "bob", "--lang", "klingon"], None, None, 1),
    (["users", "add", "bob", "--role", "reviewer"], None, None, 1),
    (["users", "add", "bob", "--password-stdin"], "short\n", None, 1),
    (["users", "add", "no spaces"], None, None, 1),
    (["users", "add", "ann"], None, None, 1),
    (["users", "list", "--bogus"], None, None, 2),
    (["users", "set-role", "nobody", "admin"], None, None, 1),
    (["users", "set-role", "ann", "boss"], None, None, 2),
    (["users", "set-role", "ann", "reviewer"], None, None, 1),
    (["users", "remove", "nobody"], None, None, 1),
    (["users", "password", "nobody"], None, None, 1),
    (["tokens", "add", "no spaces", "--role", "coordinator"], None, None, 1),
    (["tokens", "add", "ci", "--role", "reviewer"], None, None, 1),
    (["tokens", "add", "ci", "--role", "boss"], None, None, 2),
    (
        ["tokens", "add", "ci", "--role", "translator", "--lang", "de", "--user", "nobody"],
        None,
        None,
        1,
    ),
    (["tokens", "list", "--bogus"], None, None, 2),
    (["tokens", "revoke", "nobody"], None, None, 1),
    (["export", "--lang", "klingon"], None, None, 1),
    (["export", "--lang", "de", "--doc", "nope"], None, None, 1),
    (["export", "--lang", "de", "--format", "docx"], None, None, 2),
    (["merge", "/nonexistent.po"], None, None, 2),
    (["merge", "{po}"], None, None, 1),
    (["merge", "{bad}"], None, None, 1),
    (["merge", "{page}", "--doc", "sample", "--lang", "de"], None, None, 1),
    (["merge", "{po}", "--doc", "sample", "--lang", "de", "--user", "nobody"], None, None, 1),
    (["merge", "{po}", "--doc", "sample", "--lang", "de", "--approve"], None, None, 1),
    (["tm", "export", "--lang", "klingon"], None, None, 1),
    (["tm", "import", "{bad}", "--lang", "de"], None, None, 1),
    (["tm", "import", "{page}", "--lang", "klingon"], None, None, 1),
    (["commit"], None, None, 1),
    (["sync"], None, None, 1),
    (["merge-driver", "a"], None, None, 2),
    (["nosuch"], None, None, 2),
    (["--bogus", "stats"], None, None, 2),
]


@pytest.fixture
def inputs(tmp_path):
    """Files handed to commands, outside the project."""
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "page.txt").write_text("A title\n\nSome text.\n", encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"A title\n\nSome \xff text.\n")
    (folder / "de.po").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    (folder / "folder").mkdir()
    names = {"page": "page.txt", "bad": "bad.txt", "po": "de.po", "dir": "folder"}
    return {key: str(folder / name) for key, name in names.items()}


@pytest.fixture
def busy(project, runner):
    """German catalogs with drafts, a build, and an accounts database with one person."""
    assert project.init(["de"]).ok
    base = ["--project", str(project.root)]
    assert runner.invoke(cli, [*base, "prefill", "--engine", "dummy"]).exit_code == 0
    assert runner.invoke(cli, [*base, "build", "--min-completion", "0"]).exit_code == 0
    with open_accounts(project.root, create=True) as conn:
        add_user(conn, "ann", "Ann", "admin", [], "a-long-password")
    return project


@pytest.mark.parametrize(("args", "stdin", "settings", "code"), CASES, ids=lambda v: repr(v))
def test_bad_input_is_one_line_and_changes_nothing(
    runner, busy, inputs, snapshot, args, stdin, settings, code
):
    if settings:
        (busy.root / "translator.toml").write_text(settings + "\n", encoding="utf-8")
    args = [arg.format(**inputs) for arg in args]
    before = snapshot(busy.root)
    result = runner.invoke(cli, ["--project", str(busy.root), *args], input=stdin)
    assert isinstance(result.exception, SystemExit), result.exception  # no traceback
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert result.stdout == ""
    assert snapshot(busy.root) == before


def test_every_command_has_a_case():
    groups = ("users", "tokens")
    covered = {tuple(args[:2]) if args[0] in groups else args[0] for args, *_ in CASES}
    commands = set(cli.commands) - set(groups)
    commands |= {(group, name) for group in groups for name in cli.commands[group].commands}
    assert commands <= covered, sorted(map(str, commands - covered))
