"""translator tokens add/list/revoke: a token is printed once, only its hash is kept, and it
opens the API with exactly its role and languages until it is revoked."""

from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest

from translator.cli import cli
from translator.web.accounts_cli import database_path, open_accounts
from translator.web.data import people
from translator.web.data.tokens import find_token, token_user


def run(runner, project, *args):
    return runner.invoke(cli, ["--project", str(project.root), *args])


def secret_of(result) -> str:
    lines = result.stdout.splitlines()
    assert lines[0].startswith("added token ")
    prefix = "token (shown only now): "
    assert lines[1].startswith(prefix) and len(lines) == 2
    return lines[1].removeprefix(prefix)


def test_add_prints_the_token_once_and_stores_only_its_hash(runner, project):
    result = run(runner, project, "tokens", "add", "ci", "--role", "reviewer", "--lang", "de,fr")
    assert result.exit_code == 0, result.output
    secret = secret_of(result)
    assert secret.startswith("tr_") and len(secret) >= 40
    dump = "\n".join(sqlite3.connect(database_path(project.root)).iterdump())
    assert secret not in dump
    assert hashlib.sha256(secret.encode()).hexdigest() in dump
    with open_accounts(project.root) as conn:
        person = token_user(conn, find_token(conn, secret))
    assert person.languages == {"de": "reviewer", "fr": "reviewer"}
    assert not person.is_coordinator and person.username == "token:ci"


def test_list_shows_name_role_languages_and_use_never_the_token(runner, project):
    secret = secret_of(run(runner, project, "tokens", "add", "ci", "--role", "coordinator"))
    run(runner, project, "tokens", "add", "de-bot", "--role", "translator", "--lang", "de")
    listed = run(runner, project, "tokens", "list")
    assert listed.exit_code == 0, listed.output
    lines = listed.stdout.splitlines()
    assert lines[0].split()[:3] == ["ci", "coordinator", "all"]
    assert lines[1].split()[:3] == ["de-bot", "translator", "de"]
    assert "last used never" in lines[0] and secret not in listed.stdout
    data = json.loads(run(runner, project, "tokens", "list", "--json").stdout)
    assert [item["name"] for item in data] == ["ci", "de-bot"]
    assert set(data[0]) == {"name", "role", "languages", "owner", "created", "last_used"}


def test_revoke_removes_the_token(runner, project):
    secret = secret_of(run(runner, project, "tokens", "add", "ci", "--role", "coordinator"))
    result = run(runner, project, "tokens", "revoke", "ci")
    assert result.exit_code == 0 and result.stdout == "revoked ci\n"
    with open_accounts(project.root) as conn:
        assert find_token(conn, secret) is None
    again = run(runner, project, "tokens", "revoke", "ci")
    assert again.exit_code == 1 and again.stderr == "error: no token named 'ci'\n"


def test_a_token_for_a_person_has_at_most_their_rights(runner, project):
    with open_accounts(project.root, create=True) as conn:
        people.create_user(conn, "dana", "a long password", languages={"de": "translator"})
    refused = run(
        runner,
        project,
        "tokens",
        "add",
        "x",
        "--role",
        "reviewer",
        "--lang",
        "de",
        "--user",
        "dana",
    )
    assert refused.exit_code == 1 and refused.stderr == "error: you are not a reviewer of de\n"
    made = run(
        runner,
        project,
        "tokens",
        "add",
        "x",
        "--role",
        "translator",
        "--lang",
        "de",
        "--user",
        "dana",
    )
    assert made.exit_code == 0, made.output
    with open_accounts(project.root) as conn:
        person = token_user(conn, find_token(conn, secret_of(made)))
    assert person.username == "dana" and person.languages == {"de": "translator"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["bad name!", "--role", "coordinator"], "invalid token name 'bad name!'"),
        (["x", "--role", "reviewer"], "a reviewer's token needs --lang"),
        (["x", "--role", "coordinator", "--lang", "de"], "covers every language; drop --lang"),
        (["x", "--role", "translator", "--lang", "xx-nonsense"], "xx-nonsense"),
    ],
)
def test_bad_input_is_one_line_and_makes_no_database(runner, project, args, message):
    result = run(runner, project, "tokens", "add", *args)
    assert result.exit_code == 1 and result.stderr.startswith("error: "), result.output
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert not database_path(project.root).exists()


def test_a_second_token_of_the_same_name_is_refused(runner, project):
    run(runner, project, "tokens", "add", "ci", "--role", "coordinator")
    again = run(runner, project, "tokens", "add", "CI", "--role", "coordinator")
    assert again.exit_code == 1 and again.stderr == "error: a token named 'CI' exists\n"
