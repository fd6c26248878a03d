"""``translator tokens ...``: API tokens for pipelines (add prints a token once; list; revoke)."""

from __future__ import annotations

import click

from translator.cli.common import ProjectContext, emit_json, json_option, pass_project
from translator.cli.errors import TranslatorGroup


@click.group(cls=TranslatorGroup)
def tokens() -> None:
    """Manage tokens for the REST API (/api/v1); only their hashes are stored."""


@tokens.command("add")
@click.argument("name")
@click.option(
    "--role",
    type=click.Choice(["coordinator", "reviewer", "translator"]),
    required=True,
    help="coordinator (every language) or the role in the --lang languages.",
)
@click.option(
    "--lang", "langs", multiple=True, help="A language the token works in (repeatable, or a,b)."
)
@click.option("--user", "owner", help="Act as this person (never with more than their rights).")
@pass_project
def tokens_add(ctx: ProjectContext, name, role, langs, owner) -> None:
    """Make a token NAME and print it once (it cannot be shown again)."""
    from translator.languages import normalize_language
    from translator.web.accounts_cli import open_accounts
    from translator.web.data.people import require_user
    from translator.web.data.tokens import check_token_spec, create_token

    codes = [normalize_language(p.strip()) for v in langs for p in v.split(",") if p.strip()]
    check_token_spec(name, role, codes)  # before a database is made
    with open_accounts(ctx.project.root, create=True) as conn:
        person = require_user(conn, owner) if owner else None
        secret = create_token(conn, name, role, codes, person)
    click.echo(f"added token {name}")
    click.echo(f"token (shown only now): {secret}")


@tokens.command("list")
@json_option
@pass_project
def tokens_list(ctx: ProjectContext, as_json) -> None:
    """Every token: name, role, languages, owner, created, last used (never the token)."""
    from translator.web.accounts_cli import open_accounts
    from translator.web.data.tokens import list_tokens

    with open_accounts(ctx.project.root) as conn:
        found = list_tokens(conn)
    if as_json:
        emit_json([token.to_dict() for token in found])
        return
    for token in found:
        scope = ",".join(token.languages) or "all languages"
        owner = f" for {token.owner}" if token.owner else ""
        used = token.last_used or "never"
        click.echo(
            f"{token.name:<20} {token.role:<12} {scope}{owner}  "
            f"created {token.created}, last used {used}"
        )


@tokens.command("revoke")
@click.argument("name")
@pass_project
def tokens_revoke(ctx: ProjectContext, name) -> None:
    """Revoke the token NAME: requests with it are refused from now on."""
    from translator.web.accounts_cli import open_accounts
    from translator.web.data.tokens import revoke_token

    with open_accounts(ctx.project.root) as conn:
        revoke_token(conn, name)
    click.echo(f"revoked {name}")


COMMANDS = [tokens]
