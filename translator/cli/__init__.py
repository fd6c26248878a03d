"""The ``translator`` command: thin click commands over the library; all printing happens here.

Exit codes: 0 success, 1 a failure the user can fix (message on stderr, one line each),
2 usage errors (click's own).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from translator import __version__
from translator.config import find_project, load_settings
from translator.errors import TranslatorError
from translator.project import Project, StepReport


class TranslatorGroup(click.Group):
    """Maps library errors to a one-line message and exit code 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except TranslatorError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(1)


class ProjectContext:
    """Carries the ``--project`` choice; the project is loaded only by commands that need it."""

    def __init__(self, root: Path | None):
        self._root = root
        self._project: Project | None = None

    @property
    def project(self) -> Project:
        if self._project is None:
            root = self._root.resolve() if self._root else find_project()
            self._project = Project(load_settings(root))
        return self._project


pass_project = click.make_pass_decorator(ProjectContext)

# Options that several commands share, spelled once.
doc_option = click.option("--doc", "slugs", multiple=True, help="Only this document (repeatable).")
lang_option = click.option(
    "--lang",
    "langs",
    multiple=True,
    callback=lambda ctx, param, values: tuple(
        part.strip() for value in values for part in value.split(",") if part.strip()
    ),
    help="Only this language (repeatable, or a,b).",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")


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


def emit_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False))


def report_errors(report: StepReport) -> None:
    for line in report.errors:
        click.echo(f"error: {line}", err=True)


def finish(report: StepReport) -> None:
    """Exit non-zero when any part of a step failed (other parts were still done)."""
    report_errors(report)
    if not report.ok:
        sys.exit(1)


# -- import, segment -----------------------------------------------------------------------------


@cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--lang", default="en", show_default=True, help="Language of the document.")
@click.option("--slug", help="Document name (default: from the title and date).")
@click.option("--force", is_flag=True, help="Overwrite an existing source document.")
@click.option("--stdout", "to_stdout", is_flag=True, help="Print the Markdown instead of saving.")
@pass_project
def import_command(ctx: ProjectContext, file: Path, lang, slug, force, to_stdout) -> None:
    """Turn FILE (plain text, scraped page, HTML, .docx) into source/<slug>.md."""
    from translator.importers import import_file
    from translator.languages import parse_language

    parse_language(lang)
    result = import_file(file, lang=lang, slug=slug)
    for line in result.dropped:
        click.echo(f"dropped: {line}", err=True)
    for line in result.warnings:
        click.echo(f"warning: {line}", err=True)
    if to_stdout:
        click.echo(result.markdown, nl=False)
        return
    target = ctx.project.settings.source_dir / f"{result.slug}.md"
    if target.exists() and not force:
        raise TranslatorError(f"{ctx.project.relative(target)} exists; use --force to replace it")
    from translator.catalog.io import write_text_atomic

    write_text_atomic(target, result.markdown)
    click.echo(ctx.project.relative(target))


@cli.command()
@click.option("--lang", default="en", show_default=True, help="Language of the text.")
@click.option("--jsonl", is_flag=True, help='Read {"lang", "text"} lines, write {"sentences"}.')
def segment(lang: str, jsonl: bool) -> None:
    """Split text on stdin into sentences, one per line."""
    from translator.languages import parse_language
    from translator.segment import split_sentences

    if not jsonl:
        parse_language(lang)
        text = sys.stdin.read()
        for block in _blocks(text):
            for start, end in split_sentences(block, lang):
                click.echo(" ".join(block[start:end].split()))
        return
    for number, line in enumerate(sys.stdin, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            text, code = item["text"], item.get("lang", lang)
        except (ValueError, KeyError, TypeError) as exc:
            raise TranslatorError(f'<stdin>:{number}: expected {{"lang", "text"}}') from exc
        sentences = [text[start:end] for start, end in split_sentences(text, code)]
        click.echo(json.dumps({"sentences": sentences}, ensure_ascii=False))


def _blocks(text: str) -> list[str]:
    """Blank-line separated blocks: a sentence never runs across a paragraph break."""
    return [block for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]


# -- extract, init, update -------------------------------------------------------------------------


@cli.command()
@doc_option
@json_option
@pass_project
def extract(ctx: ProjectContext, slugs, as_json) -> None:
    """Write locales/<slug>.pot templates from source/."""
    report = ctx.project.extract(list(slugs) or None)
    if as_json:
        emit_json({"templates": report.items, "errors": report.errors})
    else:
        for item in report.items:
            state = "written" if item["changed"] else "unchanged"
            click.echo(f"{item['template']}: {item['entries']} entries ({state})")
    finish(report)


@cli.command()
@click.argument("langs", nargs=-1, required=True)
@doc_option
@json_option
@pass_project
def init(ctx: ProjectContext, langs, slugs, as_json) -> None:
    """Create catalogs for new languages LANGS (e.g. de fa pt-BR)."""
    report = ctx.project.init(list(langs), list(slugs) or None)
    if as_json:
        emit_json({"catalogs": report.items, "errors": report.errors})
    else:
        for item in report.items:
            click.echo(f"{item['catalog']}: {'created' if item['created'] else 'exists'}")
    finish(report)


@cli.command()
@doc_option
@lang_option
@json_option
@pass_project
def update(ctx: ProjectContext, slugs, langs, as_json) -> None:
    """Re-extract changed sources and merge them into every catalog, keeping all work."""
    report = ctx.project.update(list(slugs) or None, list(langs) or None)
    if as_json:
        emit_json({"catalogs": report.items, "errors": report.errors})
    else:
        for item in report.items:
            click.echo(
                f"{item['document']} [{item['language']}]: {item['kept']} kept, "
                f"{item['fuzzy']} fuzzy, {item['new']} new, {item['obsolete']} obsolete"
            )
    finish(report)


# -- stats -------------------------------------------------------------------------------------


@cli.command()
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
@pass_project
def stats(ctx: ProjectContext, slugs, langs, as_json, as_csv, by, stale, no_checks) -> None:
    """Completion per document and language: entries and words translated, fuzzy, untranslated."""
    from translator.progress.matrix import matrix_csv, text_report

    project, slugs, langs = ctx.project, list(slugs) or None, list(langs) or None
    table = project.stats(slugs, langs, with_checks=not no_checks)
    marks = project.staleness(slugs, langs) if stale or as_csv else {}
    if stale:
        table.rows = [row for row in table.rows if (row.document, row.language) in marks]
    if as_json:
        data = table.to_dict()
        if stale:
            data["stale"] = [
                {"document": doc, "language": lang, "reasons": list(mark.reasons)}
                for (doc, lang), mark in sorted(marks.items())
            ]
        emit_json(data)
    elif as_csv:
        click.echo(matrix_csv(table, marks), nl=False)
    elif by != "catalog" or stale:
        for line in text_report(table, by, marks):
            click.echo(line)
    else:
        _print_stats(table)
    finish(StepReport(errors=table.errors))


def _print_stats(table) -> None:
    header = (
        f"{'document':<34} {'lang':<6} {'done':>5} {'fuzzy':>5} {'untr':>5} {'words':>11} {'%':>6}"
    )
    click.echo(header + "  checks (error/warning/info)")
    for row in table.rows:
        s = row.stats
        click.echo(
            f"{row.document[:34]:<34} {row.language:<6} {s.done:>5} {s.fuzzy:>5} "
            f"{s.untranslated:>5} {s.done_words:>5}/{s.total_words:<5} {s.percent:>5.1f}%"
            f"  {_issue_counts(s.issues)}"
        )


def _issue_counts(issues: dict[str, int]) -> str:
    """``2/5/0`` failing checks by severity, or ``-`` when none were counted."""
    if not issues:
        return "-"
    return "/".join(str(issues.get(severity, 0)) for severity in ("error", "warning", "info"))


# -- check -------------------------------------------------------------------------------------


@cli.command()
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
@json_option
@pass_project
def check(ctx: ProjectContext, langs, slugs, only, severity, no_drafts, list_checks, as_json):
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
    report = ctx.project.check(
        list(slugs) or None, list(langs) or None, include_drafts=not no_drafts, only=list(only)
    )
    _print_check_report(report, severity, as_json)
    for line in report.errors:
        click.echo(f"error: {line}", err=True)
    if not report.ok:
        sys.exit(1)


def _print_check_report(report, severity: str, as_json: bool) -> None:
    levels = ["error", "warning", "info"]
    lowest = levels.index(severity)
    shown = [f for f in report.failures if levels.index(str(f.issue.severity)) <= lowest]
    if as_json:
        data = report.to_dict()
        data["failures"] = [failure.to_dict(report.blocking) for failure in shown]
        emit_json(data)
        return
    gating = {id(failure) for failure in report.gating()}
    for f in shown:
        mark = " (blocking)" if id(f) in gating and str(f.issue.severity) != "error" else ""
        issue = f.issue
        click.echo(
            f"{f.catalog}:{f.line}: {issue.severity}{mark} [{issue.check_id}] {issue.message}"
        )
        click.echo(f"    {f.document} [{f.language}] {f.source} {f.state}: {f.msgid[:90]!r}")
    counts = report.counts()
    click.echo(
        f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info in "
        f"{report.catalogs} catalog(s), {report.entries} translated entries; "
        f"{len(report.gating())} gating"
    )


# -- build -------------------------------------------------------------------------------------


@cli.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output directory (default: build/ in the project).",
)
@click.option(
    "--format", "formats", multiple=True, help="Comma list of md,html,txt,mo (default: all)."
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
@click.option("--json", "as_json", is_flag=True, help="Machine-readable report.")
@pass_project
def build(
    ctx: ProjectContext, out_dir, formats, langs, slugs, min_completion, fallback, strict, as_json
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

    \b
    Exit codes: 0 built; 1 a source or catalog is invalid (always), or, with --strict,
    any requested document or language was skipped.
    """
    from translator.build import (
        BuildOptions,
        Fallback,
        build_documents,
        format_report,
        parse_formats,
        write_build,
    )

    project = ctx.project
    docs = project.documents(list(slugs) or None)
    options = BuildOptions(
        formats=parse_formats(list(formats)) if formats else parse_formats("md,html,txt,mo"),
        langs=list(langs) or None,
        min_completion=min_completion,
        fallback=Fallback(fallback),
    )
    result = build_documents(project.settings, docs.documents, project.languages(), options)
    result.report.errors[:0] = docs.errors
    report = write_build(result, out_dir if out_dir is not None else project.root / "build")
    if as_json:
        emit_json(report.to_dict())
    else:
        click.echo(format_report(report))
    for line in report.errors:
        click.echo(f"error: {line}", err=True)
    sys.exit(report.exit_code(strict))


# -- prefill, engines --------------------------------------------------------------------------


@cli.command()
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

    project = ctx.project
    refs = catalog_refs(project.settings, list(langs), list(slugs))
    job = Prefill(
        project.settings, refs, engine=engine, replace_machine=replace_machine, dry_run=dry_run
    )
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


@cli.command()
@json_option
def engines(as_json) -> None:
    """List machine-translation engines, their environment variables and Apertium's pairs."""
    import os

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


# -- serve, users ------------------------------------------------------------------------------


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(1, 65535))
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64))
@pass_project
def serve(ctx: ProjectContext, host: str, port: int, threads: int) -> None:
    """Run the review UI with waitress (first run: prints a one-time admin password)."""
    import waitress

    from translator.web import create_app

    app = create_app(project_root=ctx.project.root)
    click.echo(f"translator: review UI for {ctx.project.root} at http://{host}:{port}/", err=True)
    waitress.serve(app, host=host, port=port, threads=threads, ident="translator")


@cli.group(cls=TranslatorGroup)
def users() -> None:
    """Manage the review UI's accounts (instance/translator.sqlite3)."""


def _accounts_db(ctx: ProjectContext):
    from translator.web.accounts_cli import open_accounts

    return open_accounts(ctx.project.root)


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
    from translator.web.accounts_cli import add_user

    with _accounts_db(ctx) as conn:
        password = sys.stdin.readline().rstrip("\n") if password_stdin else None
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


def main() -> None:
    cli(prog_name="translator")
