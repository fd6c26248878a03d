"""``translator export`` and ``translator merge``: files for translators' own tools, and
their work merged back entry by entry (:mod:`translator.exchange`).

Exit codes of ``merge``: 0 everything merged, 1 the file does not fit (each problem on its
own ``error:`` line, nothing written), 3 some entries were changed online since the export
(conflicts, listed with both texts and left as they are).
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

import click

from translator.cli.common import ProjectContext, emit_json, json_option, pass_project
from translator.errors import TranslatorError
from translator.exchange import (
    EXPORT_FORMATS,
    UploadError,
    export_format,
    export_language,
    export_name,
    merge_into_catalog,
    read_export,
    read_upload,
)
from translator.languages import normalize_language

FORMAT_HELP = "po (as Poedit writes it), xliff (1.2), xliff-1.2 or xliff-2.0."


@click.command("export")
@click.option("--lang", required=True, help="Language of the catalogs.")
@click.option("--doc", "slug", help="One document (default: every document, as a zip).")
@click.option(
    "--format", "fmt", type=click.Choice(list(EXPORT_FORMATS)), default="po", help=FORMAT_HELP
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File.")
@pass_project
def export_command(ctx: ProjectContext, lang: str, slug: str | None, fmt: str, output) -> None:
    """Write a catalog for a translator's own tool (Poedit, OmegaT, Trados, Virtaal).

    One document goes to stdout or -o FILE; without --doc every document of the language
    goes into a zip (-o, default <lang>-<format>.zip). The file remembers the catalog as it
    was, so `translator merge` can tell what the translator changed from what changed online.
    """
    project, code = ctx.project, normalize_language(lang)
    chosen = export_format(fmt)
    if slug:
        slug = _known(project.slugs(), slug, "document")
        data = read_export(project.settings, code, slug, chosen)
        if output is None:
            sys.stdout.buffer.write(data)
            return
        output.write_bytes(data)
        click.echo(f"{output}: {export_name(slug, code, chosen)}", err=True)
        return
    data, errors = export_language(project.settings, code, project.slugs(), chosen)
    target = output or Path(f"{code}-{chosen.name}.zip")
    target.write_bytes(data)
    click.echo(str(target), err=True)
    for line in errors:
        click.echo(f"error: {line}", err=True)
    if errors:
        sys.exit(1)


@click.command("merge")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--user", help="Whose work it is (an account: its roles apply).")
@click.option("--doc", "slug", help="Document, when the file does not say.")
@click.option("--lang", help="Language, when the file does not say.")
@click.option(
    "--approve", is_flag=True, help="Approve every translated entry of the file (reviewers)."
)
@json_option
@pass_project
def merge_command(ctx: ProjectContext, file: Path, user, slug, lang, approve, as_json) -> None:
    """Merge a translated PO or XLIFF file into its catalog, entry by entry.

    An entry the translator changed takes the file's text unless it was changed online
    since the export: then it is a conflict, listed and left alone. Drafts stay drafts;
    only a reviewer's file (--user) approves. Every change is logged as that person's edit.
    """
    project = ctx.project
    try:
        upload = read_upload(file.read_bytes(), file.name)
    except UploadError as exc:
        _fail(exc.problems)
    slug = _known(project.slugs(), slug or upload.document, "document")
    code = _language(project.languages(), lang or upload.language)
    name, may_approve = _person(ctx, user, code)
    if approve and not may_approve:
        raise TranslatorError(f"--approve: {name} is not a reviewer of {code}")
    path = project.catalog_path(code, slug)
    if not path.is_file():
        raise TranslatorError(f"there is no {code} catalog of {slug}")
    from translator.cli.git import review_database
    from translator.web.data.authorship import log_merge

    with review_database(ctx, create=True) as conn:  # the audit log records the merge
        try:
            report = merge_into_catalog(
                path,
                upload,
                slug=slug,
                lang=code,
                user=name,
                may_approve=may_approve,
                approve_all=approve,
                record=lambda done: log_merge(conn, done, name),
            )
        except UploadError as exc:
            _fail(exc.problems)
    _print_report(report, as_json)
    sys.exit(report.exit_code)


def _person(ctx: ProjectContext, user: str | None, code: str) -> tuple[str, bool]:
    """The name to log and whether the person may approve."""
    if not user:
        return f"cli:{getpass.getuser()}", False
    from translator.web.accounts_cli import open_accounts
    from translator.web.data.people import refusal, require_user

    with open_accounts(ctx.project.root) as conn:
        person = require_user(conn, user)
    if not person.can_edit(code):
        raise TranslatorError(f"--user {user}: {refusal(code, 'edit')}")
    return person.username, person.can_review(code)


def _language(languages: list[str], written: str) -> str:
    """The project's code for a file's ``de-DE`` (``de`` when there is no ``de_DE``)."""
    if not written:
        raise TranslatorError("the file does not say its language; give --lang")
    code = normalize_language(written.replace("-", "_"))
    base = code.split("_")[0]
    return base if code not in languages and base in languages else code


def _known(names: list[str], name: str | None, what: str) -> str:
    if not name:
        raise TranslatorError(f"the file does not say its {what}; give --doc")
    if name not in names:
        raise TranslatorError(f"there is no {what} {name!r} in this project")
    return name


def _fail(problems: list[str]) -> None:
    for line in problems:
        click.echo(f"error: {line}", err=True)
    sys.exit(1)


def _print_report(report, as_json: bool) -> None:
    if as_json:
        emit_json(report.to_dict())
        return
    click.echo(
        f"{report.document} [{report.language}]: {len(report.merged)} merged, "
        f"{len(report.conflicts)} conflict(s), {report.unchanged} unchanged ({report.origin})"
    )
    for msgid, why in report.skipped:
        click.echo(f"skipped: {msgid[:60]!r}: {why}")
    for conflict in report.conflicts:
        click.echo(f"conflict: line {conflict.line}: {conflict.msgid[:70]!r}")
        click.echo(f"    file ({conflict.mine.state}): {conflict.mine.text}")
        click.echo(f"    online ({conflict.theirs.state}): {conflict.theirs.text}")


COMMANDS = [export_command, merge_command]
