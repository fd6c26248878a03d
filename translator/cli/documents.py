"""From what people have to catalogs: ``import``, ``segment``, ``extract``, ``init``, ``update``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

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
from translator.errors import TranslatorError


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--lang", default="en", show_default=True, help="Language of the document.")
@click.option("--slug", help="Document name (default: from the title and date).")
@click.option("--force", is_flag=True, help="Overwrite an existing source document.")
@click.option("--stdout", "to_stdout", is_flag=True, help="Print the Markdown instead of saving.")
@click.option(
    "--explain", is_flag=True, help="Print what was dropped and why, line by line; write nothing."
)
@pass_project
def import_command(ctx: ProjectContext, file: Path, lang, slug, force, to_stdout, explain) -> None:
    """Turn FILE (plain text, scraped page, HTML, .docx) into source/<slug>.md."""
    from translator.importers import import_file
    from translator.languages import parse_language

    parse_language(lang)
    result = import_file(file, lang=lang, slug=slug)
    if explain:
        _explain(file, result)
        return
    for line in result.dropped:
        click.echo(f"dropped: {line}", err=True)
    for line in result.warnings:
        click.echo(f"warning: {line}", err=True)
    if to_stdout:
        click.echo(result.markdown, nl=False)
        return
    target = ctx.project.save_source(result.slug, result.markdown, force=force)
    click.echo(ctx.project.relative(target))


def _explain(file: Path, result) -> None:
    """One line per dropped line or block, then what went to the front matter."""
    for drop in result.explained:
        where = f"{file}:{drop.line}" if drop.line else str(file)
        click.echo(f'{where}: dropped "{drop.text}": {drop.reason}')
    for key, value in result.meta.items():
        click.echo(f"{file}: front matter {key}: {value}")
    date = result.date or "none"
    click.echo(f'{file}: title "{result.title}", date {date}, slug {result.slug}')


@click.command()
@click.option("--lang", default="en", show_default=True, help="Language of the text.")
@click.option("--jsonl", is_flag=True, help='Read {"lang", "text"} lines, write {"sentences"}.')
def segment(lang: str, jsonl: bool) -> None:
    """Split text on stdin into sentences, one per line."""
    from translator.importers.paragraphs import decode_text
    from translator.languages import parse_language
    from translator.segment import split_sentences, split_text

    stdin = sys.stdin.buffer
    if not jsonl:
        parse_language(lang)
        for sentence in split_text(decode_text(stdin.read(), "<stdin>"), lang):
            click.echo(sentence)
        return
    for number, raw in enumerate(stdin, 1):
        line = decode_text(raw, "<stdin>", first_line=number)
        if line.strip():
            text, code = _jsonl_item(line, lang, number)
            sentences = [text[start:end] for start, end in split_sentences(text, code)]
            click.echo(json.dumps({"sentences": sentences}, ensure_ascii=False))


def _jsonl_item(line: str, lang: str, number: int) -> tuple[str, str]:
    """The text and language of one ``{"lang", "text"}`` line."""
    try:
        item = json.loads(line)
        text, code = item["text"], item.get("lang", lang)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise TranslatorError(f'<stdin>:{number}: expected {{"lang", "text"}}') from exc
    if not isinstance(text, str) or not isinstance(code, str):
        raise TranslatorError(f'<stdin>:{number}: expected {{"lang", "text"}} with strings')
    return text, code


force_option = click.option(
    "--force", is_flag=True, help="Redo every document, even those unchanged since last time."
)


@click.command()
@doc_option
@jobs_option
@force_option
@json_option
@pass_project
def extract(ctx: ProjectContext, slugs, jobs, force, as_json) -> None:
    """Write locales/<slug>.pot templates from source/ (unchanged documents are skipped)."""
    project = ctx.project
    with progress_bar("extract", quiet=as_json) as on_done:
        report = project.extract(list(slugs) or None, jobs=jobs, on_done=on_done, force=force)
    if as_json:
        emit_json({"templates": report.items, "errors": report.errors})
    else:
        for item in report.items:
            state = "written" if item["changed"] else "unchanged"
            click.echo(f"{item['template']}: {item['entries']} entries ({state})")
    finish(report)


@click.command()
@click.argument("langs", nargs=-1)
@doc_option
@click.option("--git", "git", is_flag=True, help="Keep the catalogs in git (merge driver).")
@jobs_option
@json_option
@pass_project
def init(ctx: ProjectContext, langs, slugs, git, jobs, as_json) -> None:
    """Create catalogs for new languages LANGS (e.g. de fa pt-BR); --git sets up git."""
    if not langs and not git:
        raise click.UsageError("missing argument 'LANGS...'")  # or --git
    if git:
        from translator.gitstore import install_git

        setup = install_git(ctx.project.root)
        made = "made a git repository; " if setup.created else ""
        click.echo(f"git: {made}merge driver in {', '.join(setup.changed) or 'place'}", err=True)
    if not langs:
        return
    project = ctx.project
    with progress_bar("init", quiet=as_json) as on_done:
        report = project.init(list(langs), list(slugs) or None, jobs=jobs, on_done=on_done)
    if as_json:
        emit_json({"catalogs": report.items, "errors": report.errors})
    else:
        for item in report.items:
            click.echo(f"{item['catalog']}: {'created' if item['created'] else 'exists'}")
    finish(report)


@click.command()
@doc_option
@lang_option
@jobs_option
@force_option
@json_option
@pass_project
def update(ctx: ProjectContext, slugs, langs, jobs, force, as_json) -> None:
    """Re-extract changed sources and merge them into every catalog, keeping all work."""
    project, slugs, langs = ctx.project, list(slugs) or None, list(langs) or None
    with progress_bar("update", quiet=as_json) as on_done:
        report = project.update(slugs, langs, jobs=jobs, on_done=on_done, force=force)
    if as_json:
        emit_json({"catalogs": report.items, "errors": report.errors})
    else:
        for item in report.items:
            click.echo(
                f"{item['document']} [{item['language']}]: {item['kept']} kept, "
                f"{item['fuzzy']} fuzzy, {item['new']} new, {item['obsolete']} obsolete"
            )
    finish(report)


COMMANDS = [import_command, segment, extract, init, update]
