"""translator users password: a forgotten password, the admin's too, is replaced from the shell."""

from __future__ import annotations

from translator.cli import cli
from translator.web.accounts_cli import open_accounts
from translator.web.data import people as accounts


def run(runner, project, *args, input=None):
    return runner.invoke(cli, ["--project", str(project.root), *args], input=input)


def test_password_prints_a_new_one_time_password(runner, project):
    with open_accounts(project.root, create=True) as conn:
        first = accounts.ensure_first_admin(conn)  # what `serve` shows once, then forgotten
        accounts.set_password(conn, accounts.require_user(conn, "admin").id, "chosen-by-me-1")
    result = run(runner, project, "users", "password", "admin")
    assert result.exit_code == 0, result.output
    prefix = "new one-time password for admin (shown only now): "
    assert result.stdout.startswith(prefix) and result.stdout.count("\n") == 1
    new = result.stdout.removeprefix(prefix).strip()
    assert len(new) >= accounts.MIN_PASSWORD and new != first
    with open_accounts(project.root, create=True) as conn:
        assert accounts.authenticate(conn, "admin", "chosen-by-me-1") is None
        user = accounts.authenticate(conn, "admin", new)
        assert user is not None and user.must_change_password and user.is_admin


def test_password_for_an_unknown_name_is_one_line(runner, project):
    with open_accounts(project.root, create=True):
        pass
    result = run(runner, project, "users", "password", "nobody")
    assert result.exit_code == 1
    assert result.stderr == "error: no user named 'nobody'\n" and result.stdout == ""


def test_bad_input_on_a_fresh_project_makes_no_database(runner, project):
    database = project.root / "instance" / "translator.sqlite3"
    for args in (
        ["users", "add", "bad name!"],
        ["users", "add", "ann", "--lang", "xx-nonsense"],
        ["users", "password", "admin"],
        ["users", "list"],
    ):
        result = run(runner, project, *args)
        assert result.exit_code == 1 and result.stderr.startswith("error: "), args
        assert not database.exists(), args
