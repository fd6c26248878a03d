"""``translator build``: localized documents and MO files from the sources and the catalogs."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from translator.cli.common import (
    ProjectContext,
    doc_option,
    emit_json,
    lang_option,
    pass_project,
    report_errors,
)


@click.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output directory (default: build/ in the project).",
)
@click.option(
    "--format",
    "formats",
    multiple=True,
    help="Comma list of md,html,txt,mo (the default), docx, odt.",
)
@lang_option
@doc_option
@click.option(
    "--min-completion",
    type=click.FloatRange(0, 100),
    help="Skip languages below this percentage (default: build_min_completion, 80).",
)
@click.option(
    "--fallback",
    type=click.Choice(["source", "skip"]),
    default="source",
    show_default=True,
    help="Missing sentences: show the source (marked in HTML) or leave them out.",
)
@click.option("--strict", is_flag=True, help="Exit 1 if any document or language is held back.")
@click.option("--force", is_flag=True, help="Make every file again, changed or not.")
@click.option(
    "--no-checks",
    is_flag=True,
    help="Run the quality checks only for languages whose rules need them (no-errors).",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    help="Worker processes over documents (default: every core); output is the same.",
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable report.")
@pass_project
def build(
    ctx: ProjectContext,
    out_dir,
    formats,
    langs,
    slugs,
    min_completion,
    fallback,
    strict,
    force,
    no_checks,
    jobs,
    as_json,
) -> None:
    """Build publishable documents from source/ and the catalogs.

    \b
    Layout under the output directory:
      index.html                           every document (html)
      <slug>/index.html                    the document's languages with completion
      <slug>/<lang>.md .html .txt          each published language, the original too
      locale/<lang>/LC_MESSAGES/<slug>.mo  compiled catalog (fuzzy entries never included)

    Translated and approved sentences count; drafts only for languages listed in
    build_allow_drafts. A language below --min-completion, or failing a readiness rule of
    build_rules, is skipped and its old outputs removed. Output bytes depend only on the
    inputs (no timestamps).

    Builds are incremental: <out>/.build-manifest.json records what made each file, and a
    document in a language is made again only when its source, its catalog, the build
    settings, the glossary or the tool changed, or its file was deleted or edited (--force:
    everything). Outputs of removed documents are removed. The report lists each file as
    built, unchanged or removed.

    \b
    Exit codes: 0 built; 1 a source or catalog is invalid (always), or, with --strict,
    any requested document or language was skipped.
    """
    from translator.build import FORMATS, BuildOptions, Fallback, format_report, parse_formats

    options = BuildOptions(
        formats=parse_formats(list(formats)) if formats else FORMATS,
        langs=list(langs) or None,
        min_completion=min_completion,
        fallback=Fallback(fallback),
        checks=not no_checks,
    )
    from translator.cli.progress import progress_bar
    from translator.parallel import default_jobs

    with progress_bar("build", quiet=as_json) as on_done:
        report = ctx.project.build(
            list(slugs) or None,
            options,
            out_dir,
            force=force,
            jobs=jobs or default_jobs(),
            on_done=on_done,
        )
    if as_json:
        emit_json(report.to_dict())
    else:
        click.echo(format_report(report))
    report_errors(report.errors)
    sys.exit(report.exit_code(strict))


COMMANDS = [build]
