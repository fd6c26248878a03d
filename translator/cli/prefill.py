"""``translator prefill`` (drafts from memory and machine translation) and ``engines``."""

from __future__ import annotations

import os
import sys

import click

from translator.cli.common import (
    ProjectContext,
    doc_option,
    emit_json,
    finish,
    json_option,
    lang_option,
    pass_project,
)
from translator.project import StepReport


@click.command()
@lang_option
@doc_option
@click.option("--engine", help="Engine for every language (default: `engines` in the settings).")
@click.option("--dry-run", is_flag=True, help="Say what would be filled and sent; change nothing.")
@click.option("--replace-machine", is_flag=True, help="Also redo earlier machine/memory drafts.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable summary.")
@pass_project
def prefill(ctx: ProjectContext, langs, slugs, engine, dry_run, replace_machine, as_json) -> None:
    """Give empty entries a draft: translation memory first, then a machine-translation engine.

    Drafts are fuzzy (they need review) and say where they came from; translations people
    wrote are never touched. --engine memory fills from the memory only. Keys for online
    engines come from the environment (TRANSLATOR_DEEPL_API_KEY, ...: see `translator engines`)
    or ~/.config/translator/keys.toml, never from the project.
    """
    from translator.prefill import Prefill, catalog_refs, format_report

    settings = ctx.project.settings
    refs = catalog_refs(settings, list(langs), list(slugs))
    job = Prefill(settings, refs, engine=engine, replace_machine=replace_machine, dry_run=dry_run)
    total = job.prepare()
    if total and not as_json and sys.stderr.isatty():
        with click.progressbar(length=total, label="pre-filling", file=sys.stderr) as bar:
            job.progress = bar.update
            report = job.run()
    else:
        report = job.run()
    if as_json:
        emit_json(report.to_dict())
    else:
        click.echo(format_report(report))
    for line in report.notices:
        click.echo(f"note: {line}", err=True)
    finish(StepReport(errors=report.errors))


@click.command()
@json_option
def engines(as_json) -> None:
    """List machine-translation engines, their environment variables and Apertium's pairs."""
    from translator.mt import describe_engines

    rows = describe_engines(dict(os.environ))
    if as_json:
        emit_json(rows)
        return
    for row in rows:
        state = "ready" if row["configured"] else "needs " + ", ".join(row["required"])
        click.echo(f"{row['name']:<10} {row['title']:<36} {state}")
        for field, variable in row["options"].items():
            click.echo(f"{'':<10} {field}: ${variable}")
        if "pairs" in row:
            click.echo(f"{'':<10} installed pairs: {', '.join(row['pairs']) or 'none'}")


COMMANDS = [prefill, engines]
