"""``translator check``: the quality checks over the catalogs, listed, with a gating exit code."""

from __future__ import annotations

import sys

import click

from translator.cli.common import (
    ProjectContext,
    doc_option,
    emit_json,
    jobs_option,
    json_option,
    lang_option,
    pass_project,
    report_errors,
)
from translator.cli.progress import progress_bar


@click.command()
@lang_option
@doc_option
@click.option("--check", "only", multiple=True, help="Only this check id (repeatable).")
@click.option(
    "--severity",
    type=click.Choice(["error", "warning", "info"]),
    default="info",
    show_default=True,
    help="Lowest severity to list (the exit code still counts every failure).",
)
@click.option("--no-drafts", is_flag=True, help="Leave fuzzy drafts (machine, memory) out.")
@click.option("--list-checks", is_flag=True, help="Describe every check and exit.")
@jobs_option
@json_option
@pass_project
def check(ctx: ProjectContext, langs, slugs, only, severity, no_drafts, list_checks, jobs, as_json):
    """Run the quality checks; exit 1 when an error or a blocking check fails.

    Blocking checks are the coordinator's `blocking_checks` setting. A reviewer dismisses a
    check on one entry with the flag the listing shows (`#, ignore-<check>`).
    """
    from translator.qa import describe_checks

    if list_checks:
        rows = describe_checks()
        if as_json:
            emit_json(rows)
        for row in [] if as_json else rows:
            click.echo(f"{row['check']:<20} {row['severity']:<8} {row['description']}")
        return
    project, slugs, langs = ctx.project, list(slugs) or None, list(langs) or None
    with progress_bar("check", quiet=as_json) as on_done:
        report = project.check(
            slugs, langs, include_drafts=not no_drafts, only=list(only), jobs=jobs, on_done=on_done
        )
    if as_json:
        data = report.to_dict()
        data["failures"] = [f.to_dict(report.blocking) for f in report.at_least(severity)]
        emit_json(data)
    else:
        _print_report(report, severity)
    report_errors(report.errors)
    if not report.ok:
        sys.exit(1)


def _print_report(report, severity: str) -> None:
    gating = {id(failure) for failure in report.gating()}
    for f in report.at_least(severity):
        mark = " (blocking)" if id(f) in gating and str(f.issue.severity) != "error" else ""
        issue = f.issue
        click.echo(
            f"{f.catalog}:{f.line}: {issue.severity}{mark} [{issue.check_id}] {issue.message}"
        )
        click.echo(f"    {f.document} [{f.language}] {f.source} {f.state}: {f.msgid[:90]!r}")
    counts = report.counts()
    click.echo(
        f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info in "
        f"{report.catalogs} catalog(s), {report.entries} translated entries and "
        f"{report.drafts} draft(s); "
        f"{len(report.gating())} gating"
    )


COMMANDS = [check]
