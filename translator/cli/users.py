"""``translator users ...``: the review UI's accounts, over the web app's own account steps."""

from __future__ import annotations

import sys

import click

from translator.cli.common import ProjectContext, emit_json, json_option, pass_project
from translator.cli.errors import TranslatorGroup


@click.group(cls=TranslatorGroup)
def users() -> None:
    """Manage the review UI's accounts (instance/translator.sqlite3)."""


def _accounts_db(ctx: ProjectContext, *, create: bool = False):
    from translator.web.accounts_cli import open_accounts

    return open_accounts(ctx.project.root, create=create)


@users.command("add")
@click.argument("username")
@click.option("--name", "display_name", default="", help="Full name shown to others.")
@click.option(
    "--role",
    type=click.Choice(["admin", "coordinator", "reviewer", "translator"]),
    help="admin or coordinator (every language), or the role in the --lang languages.",
)
@click.option(
    "--lang",
    "langs",
    multiple=True,
    metavar="LANG[:ROLE]",
    help="Language team, e.g. de or de:reviewer (repeatable; default: --role or translator).",
)
@click.option("--password-stdin", is_flag=True, help="Read the password from stdin.")
@pass_project
def users_add(ctx: ProjectContext, username, display_name, role, langs, password_stdin) -> None:
    """Add a person; without --password-stdin a one-time password is printed once."""
    from translator.web.accounts_cli import add_user, check_new_user

    password = sys.stdin.readline().rstrip("\n") if password_stdin else None
    check_new_user(username, role, list(langs), password)  # before a database is made
    with _accounts_db(ctx, create=True) as conn:
        user, shown = add_user(conn, username, display_name, role, list(langs), password)
    click.echo(f"added {user.username}")
    if shown:
        click.echo(f"one-time password (shown only now): {shown}")


@users.command("list")
@json_option
@pass_project
def users_list(ctx: ProjectContext, as_json) -> None:
    """Everyone with an account and their roles."""
    from translator.web.accounts import describe_roles, list_users

    with _accounts_db(ctx) as conn:
        people = list_users(conn)
    if as_json:
        emit_json([_user_json(user) for user in people])
        return
    for user in people:
        click.echo(f"{user.username:<20} {describe_roles(user)}")


def _user_json(user) -> dict:
    return {
        "username": user.username,
        "name": user.display_name,
        "role": user.global_role,
        "languages": user.languages,
    }


@users.command("set-role")
@click.argument("username")
@click.argument(
    "role", type=click.Choice(["admin", "coordinator", "reviewer", "translator", "none"])
)
@click.option("--lang", "langs", multiple=True, help="Language(s) for reviewer/translator/none.")
@pass_project
def users_set_role(ctx: ProjectContext, username, role, langs) -> None:
    """Set a global role (admin, coordinator, none) or a role in --lang languages."""
    from translator.web.accounts_cli import set_role

    with _accounts_db(ctx) as conn:
        click.echo(set_role(conn, username, role, list(langs)))


@users.command("remove")
@click.argument("username")
@pass_project
def users_remove(ctx: ProjectContext, username) -> None:
    """Remove an account (its changes stay in the history)."""
    from translator.web.accounts import delete_user, require_user

    with _accounts_db(ctx) as conn:
        delete_user(conn, require_user(conn, username).id)
    click.echo(f"removed {username}")


@users.command("password")
@click.argument("username")
@pass_project
def users_password(ctx: ProjectContext, username) -> None:
    """Print a new one-time password for USERNAME (a forgotten one); it must be changed."""
    from translator.web.accounts_cli import reset_password

    with _accounts_db(ctx) as conn:
        shown = reset_password(conn, username)
    click.echo(f"new one-time password for {username} (shown only now): {shown}")


COMMANDS = [users]
