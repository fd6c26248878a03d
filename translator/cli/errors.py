"""How failures reach the user: one ``error: ...`` line on stderr and an exit code.

Exit codes: 0 success, 1 a failure the user can fix, 2 a usage error (click's own).
"""

from __future__ import annotations

import click

from translator.errors import TranslatorError


class TranslatorGroup(click.Group):
    """Maps library errors to a one-line message and exit code 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except TranslatorError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(1)
