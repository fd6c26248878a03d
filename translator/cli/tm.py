"""``translator tm export|import``: the translation memory as TMX, for CAT tools and other
instances (:mod:`translator.exchange.tmx`)."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import click

from translator.catalog import read_catalog
from translator.cli.common import (
    ProjectContext,
    emit_json,
    json_option,
    lang_option,
    pass_project,
)
from translator.cli.errors import TranslatorGroup
from translator.errors import TranslatorError
from translator.exchange import UploadError
from translator.exchange.tmx import catalog_memory, read_tmx, write_tmx
from translator.languages import normalize_language


@click.group("tm", cls=TranslatorGroup)
def tm_group() -> None:
    """Exchange the translation memory as TMX (OmegaT, Trados, memoQ, another instance)."""


@tm_group.command("export")
@click.option("--lang", required=True, help="Target language.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File.")
@pass_project
def tm_export(ctx: ProjectContext, lang: str, output: Path | None) -> None:
    """Write TMX 1.4 of every translated entry of LANG (author and date where known).

    Drafts (fuzzy) are left out; approved entries carry their reviewer and day, the others
    the last person the editor logged.
    """
    project, code = ctx.project, normalize_language(lang)
    units, errors = [], []
    from translator.cli.git import review_database
    from translator.web.data.authorship import last_changes_of

    with review_database(ctx) as conn:
        last = last_changes_of(conn) if conn is not None else lambda doc, lang: {}
        for slug in project.slugs():
            path = project.catalog_path(code, slug)
            if not path.is_file():
                continue
            try:
                po = read_catalog(path)
            except TranslatorError as exc:
                errors.append(str(exc))
                continue
            units += catalog_memory(po, slug, last(slug, code))
    data = write_tmx(_distinct(units), project.settings.source_language, code)
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        output.write_bytes(data)
        click.echo(f"{output}: {len(_distinct(units))} units", err=True)
    for line in errors:
        click.echo(f"error: {line}", err=True)
    if errors:
        sys.exit(1)


def _distinct(units: list) -> list:
    """One unit per (source, target): the same sentence in several documents is one memory."""
    seen, kept = set(), []
    for unit in units:
        if (unit.source, unit.target) not in seen:
            seen.add((unit.source, unit.target))
            kept.append(unit)
    return kept


@tm_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--lang", required=True, help="Target language of the units to take.")
@click.option("--check", "check_only", is_flag=True, help="Only read and check the file.")
@json_option
@pass_project
def tm_import(ctx: ProjectContext, file: Path, lang: str, check_only: bool, as_json) -> None:
    """Add a TMX file (OmegaT, Trados, another instance) to the memory of LANG.

    Its units are suggested in the editor ("from TMX: FILE") and used by pre-fill; importing
    a file of the same name again replaces its units. Units without both the source and the
    LANG text, empty or oversized ones are left out and named with their line. With --check
    the file is only read and checked: nothing is written.
    """
    project, code = ctx.project, normalize_language(lang)
    try:
        found = read_tmx(file.read_bytes(), file.name, project.settings.source_language, code)
    except UploadError as exc:
        for line in exc.problems:
            click.echo(f"error: {line}", err=True)
        sys.exit(1)
    if not found.units:
        reasons = f"; {found.problems[0]}" if found.problems else ""
        raise TranslatorError(f"{file.name}: no unit has both {code} and the source{reasons}")
    added = None if check_only else _add_to_memory(project.settings, code, found)
    if as_json:
        emit_json(
            {
                "file": file.name,
                "tool": found.tool,
                "units": len(found.units),
                "added": added,
                "problems": found.problems,
            }
        )
    else:
        tool = found.tool or "unknown tool"
        if added is None:
            click.echo(f"{file.name}: {len(found.units)} units for {code} ({tool})")
        else:
            click.echo(f"{file.name}: {added} units added to the {code} memory ({tool})")
    for line in found.problems:
        click.echo(f"left out: {line}", err=True)


def _add_to_memory(settings, code: str, found) -> int:
    """The file's units into the language's memory index, under the file's name."""
    from translator.tm import open_index

    where = settings.instance_dir / "tm" / f"{code}.sqlite3"
    try:
        index = open_index(settings.locales_dir, settings.instance_dir, code)
        if index.read_only:
            raise OSError("the file cannot be opened for writing")
        return index.import_units(found.name, found.tool, found.units)
    except (sqlite3.Error, OSError) as exc:
        raise TranslatorError(f"{where}: cannot add to the memory ({exc})") from exc


@tm_group.command("index")
@lang_option
@json_option
@pass_project
def tm_index(ctx: ProjectContext, langs: tuple[str, ...], as_json: bool) -> None:
    """Fill or catch up the memory index of each language (instance/tm/<lang>.sqlite3).

    The editor and pre-fill do this by themselves on first use; run it before starting the
    server so that no one waits for the first fill. Catalogs that did not change are not read.
    """
    settings = ctx.project.settings
    codes = [normalize_language(lang) for lang in langs] or ctx.project.languages()
    from translator.tm import open_memory

    found, errors = {}, []
    for code in codes:
        memory = open_memory(settings.locales_dir, settings.instance_dir, code)
        read = memory.refresh()
        found[code] = {
            "read": read,
            "texts": len(memory.keys.choices),
            "imports": len(memory.index.imports()),
        }
        errors += memory.errors
    if as_json:
        emit_json({"languages": found, "errors": errors})
    else:
        for code, counts in found.items():
            click.echo(
                f"{code}: {counts['read']} catalogs read, {counts['texts']} source texts, "
                f"{counts['imports']} TMX files"
            )
    for line in errors:
        click.echo(f"error: {line}", err=True)
    if errors:
        sys.exit(1)


COMMANDS = [tm_group]
