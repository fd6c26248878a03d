"""``translator stats``: completion per document and language, as a table, JSON or CSV."""

from __future__ import annotations

import click

from translator.cli.common import (
    ProjectContext,
    doc_option,
    emit_json,
    finish,
    jobs_option,
    json_option,
    lang_option,
    pass_project,
)
from translator.cli.progress import progress_bar
from translator.project import StepReport


@click.command()
@doc_option
@lang_option
@json_option
@click.option("--csv", "as_csv", is_flag=True, help="One CSV line per catalog (as the dashboard).")
@click.option(
    "--by",
    type=click.Choice(["catalog", "language", "document"]),
    default="catalog",
    show_default=True,
    help="One line per catalog, or totals per language or per document.",
)
@click.option("--stale", is_flag=True, help="Only catalogs behind their source, with reasons.")
@click.option("--no-checks", is_flag=True, help="Do not count failing quality checks (faster).")
@jobs_option
@pass_project
def stats(ctx: ProjectContext, slugs, langs, as_json, as_csv, by, stale, no_checks, jobs) -> None:
    """Completion per document and language: entries and words translated, fuzzy, untranslated."""
    from translator.progress.matrix import (
        catalog_lines,
        matrix_csv,
        stale_rows,
        stats_json,
        text_report,
    )

    project, slugs, langs = ctx.project, list(slugs) or None, list(langs) or None
    with progress_bar("stats", quiet=as_json or as_csv) as on_done:
        table = project.stats(slugs, langs, with_checks=not no_checks, jobs=jobs, on_done=on_done)
    marks = project.staleness(slugs, langs) if stale or as_csv else {}
    if stale:
        table = stale_rows(table, marks)
    if as_json:
        emit_json(stats_json(table, marks if stale else None))
    elif as_csv:
        click.echo(matrix_csv(table, marks), nl=False)
    else:
        lines = text_report(table, by, marks) if by != "catalog" or stale else catalog_lines(table)
        for line in lines:
            click.echo(line)
    finish(StepReport(errors=table.errors))


COMMANDS = [stats]
