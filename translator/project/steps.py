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
from translator.project.ledger import Ledger, file_record, sha256_file, verify_file
from translator.segment import SegmentCache, read_document

if TYPE_CHECKING:
    from pathlib import Path

    import polib

    from translator.config import Settings
    from translator.model import Document


WRITERS = 4  # threads writing one document's catalogs: their fsyncs overlap


@dataclass(frozen=True)
class DocumentStep:
    """What a worker needs for one document (picklable): the settings, the name, the languages
    and the document's record in the ledger (empty: do everything)."""

    settings: Settings
    slug: str
    langs: tuple[str, ...] = ()
    known: dict = field(default_factory=dict)


@dataclass
class StepOutcome:
    """One document's lines of the report; ``unreadable`` when its source could not be read;
    ``record``: the document's new record for the ledger (None: forget it)."""

    items: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    unreadable: str = ""
    record: dict | None = None


def run_steps(
    work: Callable[[DocumentStep], StepOutcome],
    settings: Settings,
    slugs: Sequence[str],
    langs: Sequence[str] = (),
    *,
    jobs: int = 1,
    on_done: Callable[[int, int], None] | None = None,
    ledger: Ledger | None = None,
    force: bool = False,
) -> tuple[list[dict], list[str]]:
    """``work`` over ``slugs`` on ``jobs`` processes: (items, errors) in document order.

    Unreadable documents come first among the errors, as when every source was read up front.
    With a ``ledger``, each step gets its document's record (none when ``force``), and the
    ledger takes the records the steps return.
    """
    known = ledger.documents if ledger is not None and not force else {}
    steps = [DocumentStep(settings, slug, tuple(langs), known.get(slug, {})) for slug in slugs]
    outcomes = run_parallel(work, steps, jobs=jobs, on_done=on_done)
    if ledger is not None:
        for slug, outcome in zip(slugs, outcomes, strict=True):
            if outcome.record is None:
                ledger.documents.pop(slug, None)
            else:
                ledger.documents[slug] = outcome.record
    items = [item for outcome in outcomes for item in outcome.items]
    unreadable = [outcome.unreadable for outcome in outcomes if outcome.unreadable]
    return items, unreadable + [error for outcome in outcomes for error in outcome.errors]


def extract_step(step: DocumentStep) -> StepOutcome:
    """Write the document's template; one item with its entries and whether it changed.

    A document whose source and template are as the ledger recorded is not read again.
    """
    fresh = fresh_template(step)
    if fresh is not None:
        outcome = StepOutcome(record=fresh)
        outcome.items.append(_extract_item(step, fresh["entries"], fresh["segments"], False))
        return outcome
    source = sha256_file(_source_path(step))
    doc, outcome = _read(step)
    if doc is None:
        return outcome
    pot, changed, template = extract_template(step.settings, doc)
    outcome.items.append(_extract_item(step, len(pot), len(doc.segments), changed))
    outcome.record = _document_record(step, source, template, len(pot), len(doc.segments))
    return outcome


def _extract_item(step: DocumentStep, entries: int, segments: int, changed: bool) -> dict:
    template = _relative(step.settings, template_path(step.settings.locales_dir, step.slug))
    return {
        "document": step.slug,
        "template": template,
        "entries": entries,
        "segments": segments,
        "changed": changed,
    }


def _document_record(
    step: DocumentStep, source: str | None, template: list | None, entries: int, segments: int
) -> dict | None:
    """The ledger's record of a template just written (its catalogs' records carried over)."""
    if source is None or template is None:
        return None
    catalogs = step.known.get("catalogs", {})
    return {
        "source": source,
        "template": template,
        "entries": entries,
        "segments": segments,
        "catalogs": dict(catalogs) if isinstance(catalogs, dict) else {},
    }


def fresh_template(step: DocumentStep) -> dict | None:
    """The document's record when its source and template are still what it says, else None.

    A template older than its (unchanged) source is touched, as a full extract touches it.
    """
    known = step.known
    if not known or sha256_file(_source_path(step)) != known.get("source"):
        return None
    path = template_path(step.settings.locales_dir, step.slug)
    template = verify_file(path, known.get("template"))
    if template is None or not isinstance(known.get("catalogs"), dict):
        return None
    try:
        if os.stat(_source_path(step)).st_mtime_ns > template[1]:
            os.utime(path)
            template = file_record(path)
    except OSError:
        return None
    return {**known, "template": template} if template is not None else None


def init_step(step: DocumentStep) -> StepOutcome:
    """Write the template, then create the catalogs of ``step.langs`` that do not exist yet."""
    doc, outcome = _read(step)
    if doc is None:
        return outcome
    pot, _, _ = extract_template(step.settings, doc)

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
    """Write the template, then merge it into each catalog (a broken one is an error line).

    Catalogs the ledger shows unchanged since their last merge with the same template are
    not merged again (their line is what that merge would report); when that is all of them
    and the template is fresh, the source is not read.
    """
    fresh = fresh_template(step)
    done = {code: found for code in step.langs if (found := _fresh_catalog(step, fresh, code))}
    if fresh is not None and len(done) == len(step.langs):
        return _update_outcome(step, fresh, done)
    source = sha256_file(_source_path(step))
    doc, outcome = _read(step)
    if doc is None:
        return outcome
    pot, _, template = extract_template(step.settings, doc)
    todo = [code for code in step.langs if code not in done]

    def merge(code: str) -> tuple[dict, dict | None]:
        result, again, record = update_one(step.settings, pot, doc.slug, code)
        item = {"document": doc.slug, "language": code, **vars(result)}
        return item, _catalog_record(record, template, again)

    done.update(zip(todo, _each_language(merge, todo), strict=True))
    record = _document_record(step, source, template, len(pot), len(doc.segments))
    return _update_outcome(step, record, done, outcome)


def _fresh_catalog(step: DocumentStep, fresh: dict | None, code: str):
    """(item, record) of a catalog unchanged since its merge with this template, else None."""
    if fresh is None:
        return None
    known = fresh["catalogs"].get(code)
    if not isinstance(known, dict) or known.get("template") != fresh["template"][3]:
        return None
    path = catalog_path(step.settings.locales_dir, code, step.slug)
    record = verify_file(path, known.get("file"))
    if record is None or not isinstance(known.get("again"), dict):
        return None
    try:
        again = MergeResult(**known["again"])
    except TypeError:
        return None
    item = {"document": step.slug, "language": code, **vars(again)}
    return item, {**known, "file": record}


def _catalog_record(record: list | None, template: list | None, again: MergeResult) -> dict | None:
    if record is None or template is None:
        return None
    return {"file": record, "template": template[3], "again": vars(again)}


def _update_outcome(step, record, done, outcome=None) -> StepOutcome:
    """The document's items and errors in language order; its record takes the catalogs'."""
    outcome = outcome or StepOutcome()
    catalogs = dict(record["catalogs"]) if record is not None else {}
    for code in step.langs:
        found = done[code]
        catalogs.pop(code, None)
        if isinstance(found, TranslatorError):
            outcome.errors.append(str(found))
            continue
        item, catalog = found
        outcome.items.append(item)
        if catalog is not None:
            catalogs[code] = catalog
    outcome.record = {**record, "catalogs": catalogs} if record is not None else None
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


def extract_template(settings: Settings, doc: Document) -> tuple[polib.POFile, bool, list | None]:
    """Write ``locales/<slug>.pot`` from the document; True when its text changed, and the
    ledger's record of the file as left (None if it cannot be read back)."""
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
        return pot, written, file_record(path)


def update_one(
    settings: Settings, pot: polib.POFile, slug: str, code: str
) -> tuple[MergeResult, MergeResult, list | None]:
    """Merge ``pot`` into one catalog (created when missing), under its lock: what the merge
    did, what merging ``pot`` again would report, and the ledger's record of the file."""
    path = catalog_path(settings.locales_dir, code, slug)
    with catalog_lock(path):
        if not path.exists():
            po = new_catalog(pot, code, team_email=settings.team_email)
            write_catalog(po, path)
            result = MergeResult(new=len(pot))
        else:
            po = read_catalog(path)
            result = update_catalog(po, pot)
            write_catalog(po, path)
        return result, merged_again(po), file_record(path)


def merged_again(po: polib.POFile) -> MergeResult:
    """What :func:`update_catalog` reports when the template just merged is merged again: its
    translated entries kept, nothing else (a merge is idempotent)."""
    return MergeResult(kept=sum(bool(entry.msgstr) for entry in po if not entry.obsolete))


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


def _source_path(step: DocumentStep) -> Path:
    return step.settings.source_dir / f"{step.slug}.md"


def _read(step: DocumentStep) -> tuple[Document | None, StepOutcome]:
    path = _source_path(step)
    cache = SegmentCache.for_instance(step.settings.instance_dir)  # splits seen before: reused
    try:
        return read_document(path, step.settings.root, cache), StepOutcome()
    except TranslatorError as exc:
        return None, StepOutcome(unreadable=str(exc))


def _relative(settings: Settings, path: Path) -> str:
    return str(path.relative_to(settings.root))
