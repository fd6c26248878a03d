"""The ``translator`` command: the click group, and one module per command group beneath it.

Each command is a thin front over the library (parse options, call, print); all printing
happens in this package. Modules: :mod:`~.documents` (import, segment, extract, init, update),
:mod:`~.prefill` (prefill, engines), :mod:`~.check`, :mod:`~.stats`, :mod:`~.build`,
:mod:`~.serve`, :mod:`~.users`, :mod:`~.tokens` (API tokens), :mod:`~.exchange` (export,
merge), :mod:`~.tm` (TMX), :mod:`~.git` (commit, sync, merge-driver); shared pieces in
:mod:`~.common`, error mapping and exit codes in :mod:`~.errors`, the progress bar of long
commands in :mod:`~.progress`.
"""

from __future__ import annotations

from pathlib import Path

import click

from translator import __version__
from translator.cli import (
    build,
    check,
    documents,
    exchange,
    git,
    prefill,
    serve,
    stats,
    tm,
    tokens,
    users,
)
from translator.cli.common import ProjectContext
from translator.cli.errors import TranslatorGroup

__all__ = ["cli", "main"]


@click.group(cls=TranslatorGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--project",
    "root",
    type=click.Path(file_okay=False, path_type=Path),
    help="Project directory (default: nearest directory upwards with source/ and locales/).",
)
@click.version_option(__version__, prog_name="translator")
@click.pass_context
def cli(ctx: click.Context, root: Path | None) -> None:
    """Translate resolutions sentence by sentence through PO catalogs."""
    ctx.obj = ProjectContext(root)


for _module in (documents, prefill, check, stats, build, serve, users, tokens, exchange, tm, git):
    for _command in _module.COMMANDS:
        cli.add_command(_command)


def main() -> None:
    cli(prog_name="translator")
