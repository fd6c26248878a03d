"""One document's share of extract, init and update, and one catalog's of stats: module-level
steps a process pool runs.

:class:`~translator.project.facade.Project` hands each document to :func:`run_steps`, which
runs one of these functions per document on ``jobs`` processes (:mod:`translator.parallel`)
and joins the outcomes in document order, so ``--jobs N`` writes and reports exactly what
``--jobs 1`` does. A document's step touches only its own template and catalogs, each under
its lock; nothing is shared between documents.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from translator.catalog import (
    MergeResult,
    build_template,
    catalog_lock,
    catalog_path,
    new_catalog,
    read_catalog,
    template_path,
    update_catalog,
    write_catalog,
)
from translator.catalog.raw import read_entries_fast
from translator.errors import TranslatorError
from translator.parallel import run_parallel
from translator.progress.stats import CatalogStats, StatsRow, StatsTable, compute_stats
from translator.segment import SegmentCache, read_document

if TYPE_CHECKING:
    from pathlib import Path

    import polib

    from translator.config import Settings
    from translator.model import Document


WRITERS = 4  # threads writing one document's catalogs: their fsyncs overlap


@dataclass(frozen=True)
class DocumentStep:
    """What a worker needs for one document (picklable): the settings, the name, the languages."""

    settings: Settings
    slug: str
    langs: tuple[str, ...] = ()


@dataclass
class StepOutcome:
    """One document's lines of the report; ``unreadable`` when its source could not be read."""

    items: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    unreadable: str = ""


def run_steps(
    work: Callable[[DocumentStep], StepOutcome],
    settings: Settings,
    slugs: Sequence[str],
    langs: Sequence[str] = (),
    *,
    jobs: int = 1,
    on_done: Callable[[int, int], None] | None = None,
) -> tuple[list[dict], list[str]]:
    """``work`` over ``slugs`` on ``jobs`` processes: (items, errors) in document order.

    Unreadable documents come first among the errors, as when every source was read up front.
    """
    steps = [DocumentStep(settings, slug, tuple(langs)) for slug in slugs]
    outcomes = run_parallel(work, steps, jobs=jobs, on_done=on_done)
    items = [item for outcome in outcomes for item in outcome.items]
    unreadable = [outcome.unreadable for outcome in outcomes if outcome.unreadable]
    return items, unreadable + [error for outcome in outcomes for error in outcome.errors]


def extract_step(step: DocumentStep) -> StepOutcome:
    """Write the document's template; one item with its entries and whether it changed."""
    doc, outcome = _read(step)
    if doc is None:
        return outcome
    pot, changed = extract_template(step.settings, doc)
    outcome.items.append(
        {
            "document": doc.slug,
            "template": _relative(
                step.settings, template_path(step.settings.locales_dir, doc.slug)
            ),
            "entries": len(pot),
            "segments": len(doc.segments),
            "changed": changed,
        }
    )
    return outcome


def init_step(step: DocumentStep) -> StepOutcome:
    """Write the template, then create the catalogs of ``step.langs`` that do not exist yet."""
    doc, outcome = _read(step)
    if doc is None:
        return outcome
    pot, _ = extract_template(step.settings, doc)

    def create(code: str) -> dict:
        path = catalog_path(step.settings.locales_dir, code, doc.slug)
        with catalog_lock(path):
            created = not path.exists()
            if created:
                write_catalog(new_catalog(pot, code, team_email=step.settings.team_email), path)
        catalog = _relative(step.settings, path)
        return {"document": doc.slug, "language": code, "catalog": catalog, "created": created}

    for item in _each_language(create, step.langs):
        if isinstance(item, TranslatorError):
            raise item
        outcome.items.append(item)
    return outcome


def update_step(step: DocumentStep) -> StepOutcome:
    """Write the template, then merge it into each catalog (a broken one is an error line)."""
    doc, outcome = _read(step)
    if doc is None:
        return outcome
    pot, _ = extract_template(step.settings, doc)

    def merge(code: str) -> dict:
        result = update_one(step.settings, pot, doc.slug, code)
        return {"document": doc.slug, "language": code, **vars(result)}

    for item in _each_language(merge, step.langs):
        if isinstance(item, TranslatorError):
            outcome.errors.append(str(item))
        else:
            outcome.items.append(item)
    return outcome


def _each_language(work: Callable[[str], dict], langs: Sequence[str]) -> list:
    """``work(code)`` for each language on :data:`WRITERS` threads, in ``langs`` order; a
    :class:`TranslatorError` comes back in its language's place.

    Each catalog's write ends in an fsync; the disk commits concurrent ones together (about
    one commit for four files), which a loop would wait for one by one.
    """

    def guarded(code: str):
        try:
            return work(code)
        except TranslatorError as exc:
            return exc

    if len(langs) < 2:
        return [guarded(code) for code in langs]
    with ThreadPoolExecutor(max_workers=min(WRITERS, len(langs))) as pool:
        return list(pool.map(guarded, langs))


def extract_template(settings: Settings, doc: Document) -> tuple[polib.POFile, bool]:
    """Write ``locales/<slug>.pot`` from the document; True when its text changed."""
    path = template_path(settings.locales_dir, doc.slug)
    with catalog_lock(path):
        previous = read_catalog(path) if path.is_file() else None
        pot = build_template(
            doc.segments,
            slug=doc.slug,
            source_path=doc.path,
            project=settings.project_name,
            previous=previous,
        )
        written = write_catalog(pot, path)
        if not written:
            os.utime(path)  # the template was checked against its source just now (staleness)
        return pot, written


def update_one(settings: Settings, pot: polib.POFile, slug: str, code: str) -> MergeResult:
    """Merge ``pot`` into one catalog (created when missing), under its lock."""
    path = catalog_path(settings.locales_dir, code, slug)
    with catalog_lock(path):
        if not path.exists():
            write_catalog(new_catalog(pot, code, team_email=settings.team_email), path)
            return MergeResult(new=len(pot))
        po = read_catalog(path)
        result = update_catalog(po, pot)
        write_catalog(po, path)
        return result


def table_from_records(
    settings: Settings, names: Sequence[str], codes: Sequence[str], records: dict
) -> StatsTable:
    """Rows from the statistics index's records, by document then language (no file read)."""
    locales = _relative(settings, settings.locales_dir)
    table = StatsTable()
    for slug in names:
        for code in codes:
            record = records.get((slug, code))
            if record is not None:
                row = StatsRow(slug, code, f"{locales}/{record.path}", record.stats, record.error)
                _add_row(table, row)
    return table


def table_from_files(
    settings: Settings,
    names: Sequence[str],
    codes: Sequence[str],
    *,
    jobs: int = 1,
    on_done: Callable[[int, int], None] | None = None,
) -> StatsTable:
    """Rows from reading every catalog (fast reader, ``jobs`` processes), no index."""
    places = [(slug, code, catalog_path(settings.locales_dir, code, slug)) for slug in names
              for code in codes]  # fmt: skip
    places = [place for place in places if place[2].is_file()]
    counted = run_parallel(count_catalog, [path for *_, path in places], jobs=jobs, on_done=on_done)
    table = StatsTable()
    for (slug, code, path), (stats, error) in zip(places, counted, strict=True):
        _add_row(table, StatsRow(slug, code, _relative(settings, path), stats, error))
    return table


def count_catalog(path: Path) -> tuple[CatalogStats, str]:
    """One catalog's figures, or empty figures and the reason it cannot be read."""
    try:
        return compute_stats(read_entries_fast(path)), ""
    except TranslatorError as exc:
        return CatalogStats(), str(exc)


def _add_row(table: StatsTable, row: StatsRow) -> None:
    if row.error:
        table.errors.append(row.error)
    table.rows.append(row)


def _read(step: DocumentStep) -> tuple[Document | None, StepOutcome]:
    path = step.settings.source_dir / f"{step.slug}.md"
    cache = SegmentCache.for_instance(step.settings.instance_dir)  # splits seen before: reused
    try:
        return read_document(path, step.settings.root, cache), StepOutcome()
    except TranslatorError as exc:
        return None, StepOutcome(unreadable=str(exc))


def _relative(settings: Settings, path: Path) -> str:
    return str(path.relative_to(settings.root))
