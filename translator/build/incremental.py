"""Incremental builds of a project: only the pairs whose inputs changed are made again.

:func:`build_project` reads the manifest of the output directory (:mod:`.manifest`) and plans
each document. A (document, language) whose unit digest (source, catalog, build settings,
glossary, tool) is the recorded one and whose files are intact is *carried*: its report item
comes from the manifest and nothing of it is read or rendered. A document with every language
carried is not even parsed. The others go to a process pool over documents
(:func:`translator.parallel.run_parallel`), which parses each and makes what changed; results
come back in document order, so ``jobs=N`` writes exactly what ``jobs=1`` does. The files are
then written (:mod:`.output`), outputs of documents whose source is gone are removed, and the
manifest is replaced.

The consistency check compares a sentence with its translations in the language's other
documents. Those are not an input of a pair (one catalog changing would remake every document
of its language), so a carried pair keeps the consistency warnings of its last build; when
``consistency`` is a blocking check, the language's catalogs are an input and it is exact.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from translator.build.contexts import prepare_contexts
from translator.build.html import DocumentEntry, render_site_index
from translator.build.manifest import (
    Manifest,
    content_hash,
    digest,
    file_record,
    glossary_digest,
    output_intact,
    read_manifest,
    settings_digest,
    tool_fingerprint,
    write_manifest,
)
from translator.build.output import write_build
from translator.build.pipeline import (
    MO_DIR,
    BuildOptions,
    BuildResult,
    Carried,
    DocumentBuild,
    build_document,
    carry_document,
    document_languages,
    languages_digest,
    unit_outputs,
)
from translator.build.report import BuildItem, BuildReport, Status
from translator.build.rules import parse_rule, validate_rules
from translator.config import Settings
from translator.errors import TranslatorError
from translator.languages import normalize_language
from translator.parallel import run_parallel
from translator.segment import SegmentCache, read_document, source_paths

if TYPE_CHECKING:
    from translator.qa.base import CheckContext

_CONTEXTS: dict[str, dict[str, CheckContext | None]] = {}  # build token -> check contexts


@dataclass
class _Build:
    """What every document of one build shares (sent to each worker with its task)."""

    settings: Settings
    languages: list[str]
    options: BuildOptions
    threshold: float
    base: str  # digest of the settings, the glossary and the tool
    token: str  # names this build's check contexts in each process
    language_inputs: dict[str, str] = field(default_factory=dict)  # code -> its catalogs' ids
    locales_key: str = "locales"  # the locales folder, relative to the project

    def unit_digest(self, source: str, catalog: str | None, code: str) -> str:
        return digest(self.base, source, catalog, code, self.language_inputs.get(code, ""))

    def catalog_hash(self, code: str, slug: str, known: dict[str, list]) -> str | None:
        """The catalog's hash, by its project-relative path (built as a string: 20,000 of
        these per build, and pathlib costs more than the look-up)."""
        key = f"{self.locales_key}/{code}/LC_MESSAGES/{slug}.po"
        return content_hash(os.path.join(self.settings.root, key), known, key)


@dataclass
class _Task:
    build: _Build
    path: Path
    source: str  # the source's sha256
    carried: dict[str, Carried] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)  # code -> unit digest, if known


@dataclass
class _Outcome:
    slug: str
    source: str
    part: DocumentBuild | None = None
    lang: str = ""
    error: str = ""
    digests: dict[str, str] = field(default_factory=dict)
    inputs: dict[str, list] = field(default_factory=dict)  # catalogs hashed by the worker


def build_project(
    settings: Settings,
    languages: list[str],
    options: BuildOptions,
    out_dir: Path,
    *,
    slugs: list[str] | None = None,
    force: bool = False,
    jobs: int | None = None,
    on_done: Callable[[int, int], None] | None = None,
) -> BuildReport:
    """Build the project's documents (all, or ``slugs``) into ``out_dir``, incrementally.

    :param force: ignore the manifest: decide and render every pair again.
    :param jobs: worker processes (None: every core; 1: this process).
    :param on_done: ``on_done(documents done, documents)`` after each document, for a bar.
    """
    build = _new_build(settings, languages, options)
    paths, errors = source_paths(settings.source_dir, slugs)
    old = Manifest() if force else read_manifest(out_dir)
    new = Manifest(inputs=dict(old.inputs), documents=dict(old.documents), units=dict(old.units))
    plans = [_plan(build, old, new, path, out_dir) for path in paths]
    outcomes = _run(build, plans, jobs, on_done)
    result = _assemble(build, outcomes, errors)
    report = write_build(result, out_dir)
    _record(build, old, new, outcomes, result, out_dir)
    if slugs is None:
        _remove_vanished(old, new, {path.stem for path in paths}, out_dir, report)
    write_manifest(out_dir, new)
    return report


def _new_build(settings: Settings, languages: list[str], options: BuildOptions) -> _Build:
    validate_rules(settings.build_rules)
    threshold = (
        settings.build_min_completion if options.min_completion is None else options.min_completion
    )
    build = _Build(settings, languages, options, float(threshold), "", uuid.uuid4().hex)
    build.base = digest(
        settings_digest(settings, threshold, str(options.fallback)),
        options.checks,
        glossary_digest(settings.glossary_dir),
        tool_fingerprint(),
    )
    build.locales_key = _key(settings.locales_dir, settings.root)
    if "consistency" in settings.blocking_checks:
        build.language_inputs = {code: _language_inputs(settings, code) for code in languages}
    return build


def _run(build: _Build, plans: list, jobs: int | None, on_done) -> list[_Outcome]:
    """The tasks over the pool; carried documents count as done from the start."""
    tasks = [plan for plan in plans if isinstance(plan, _Task)]
    carried = len(plans) - len(tasks)
    if on_done and carried:
        on_done(carried, len(plans))
    _CONTEXTS[build.token] = {}
    try:
        if jobs != 1 and len(tasks) > 1 and _checks_run(build):  # shared by forked workers
            codes = [normalize_language(code) for code in build.options.langs or build.languages]
            prepare_contexts(build.settings, codes, _CONTEXTS[build.token], jobs)
        progress = (lambda done, _total: on_done(carried + done, len(plans))) if on_done else None
        done = iter(run_parallel(_work, tasks, jobs=jobs, on_done=progress))
    finally:
        _CONTEXTS.pop(build.token, None)
    return [next(done) if isinstance(plan, _Task) else plan for plan in plans]


def _checks_run(build: _Build) -> bool:
    """Whether this build runs the quality checks anywhere (``--no-checks`` leaves them to the
    languages whose rules need them)."""
    if build.options.checks:
        return True
    rules = build.settings.build_rules
    return any(parse_rule(spec)[0] == "no-errors" for specs in rules.values() for spec in specs)


def _plan(build: _Build, old: Manifest, new: Manifest, path: Path, out_dir: Path):
    """A carried document's outcome, or the task that makes what changed of it."""
    slug = path.stem
    source = content_hash(path, new.inputs, _key(path, build.settings.root)) or ""
    record = old.documents.get(slug)
    if not isinstance(record, dict) or record.get("source") != source:
        return _Task(build, path, source)
    codes = document_languages(record["lang"], build.languages, build.options.langs)
    digests = {
        code: build.unit_digest(source, build.catalog_hash(code, slug, new.inputs), code)
        for code in codes
    }
    carried = {}
    for code in codes:
        unit = _carried_unit(old, out_dir, slug, code, digests[code], build.options)
        if unit is not None:
            carried[code] = unit
    if len(carried) == len(codes):
        part = carry_document(slug, record["title"], codes, carried, build.options)
        pages = languages_digest(part.languages)
        if "html" not in build.options.formats or all(c.pages == pages for c in carried.values()):
            return _Outcome(slug, source, part, record["lang"], digests=digests)
    return _Task(build, path, source, carried, digests)


def _carried_unit(old: Manifest, out_dir: Path, slug, code, unit_digest, options):
    """The recorded pair, if its digest is the same and every file of it still stands."""
    unit = old.units.get(f"{slug}/{code}")
    if not isinstance(unit, dict) or unit.get("inputs") != unit_digest:
        return None
    try:
        item = BuildItem.from_dict(unit["item"])
    except (KeyError, TypeError, ValueError):
        return None
    pages = unit.get("pages", "")
    for relative in unit_outputs(slug, code, item.status, options.formats):
        record = old.files.get(relative)
        made_from = _made_from(unit_digest, relative, pages)
        if not isinstance(record, dict) or record.get("made_from") != made_from:
            return None
        if not output_intact(out_dir / relative, record):
            return None
    return Carried(item, pages)


def _work(task: _Task) -> _Outcome:
    """Parse one document and make its pairs that are not carried (runs in a worker)."""
    build, slug = task.build, task.path.stem
    try:
        cache = SegmentCache.for_instance(build.settings.instance_dir)
        doc = read_document(task.path, build.settings.root, cache)
    except TranslatorError as exc:
        return _Outcome(slug, task.source, error=str(exc))
    codes = document_languages(doc.lang, build.languages, build.options.langs)
    outcome = _Outcome(slug, task.source, lang=doc.lang, digests=dict(task.digests))
    for code in codes:
        if code not in outcome.digests:
            catalog = build.catalog_hash(code, slug, outcome.inputs)
            outcome.digests[code] = build.unit_digest(task.source, catalog, code)
    contexts = _CONTEXTS.setdefault(build.token, {})
    outcome.part = build_document(
        build.settings, doc, codes, build.options, build.threshold, contexts, task.carried
    )
    return outcome


def _assemble(build: _Build, outcomes: list[_Outcome], errors: list[str]) -> BuildResult:
    options = build.options
    report = BuildReport(
        formats=list(options.formats),
        min_completion=build.threshold,
        fallback=str(options.fallback),
        errors=list(errors),
    )
    result = BuildResult(report, full=options.langs is None)
    report.errors += [outcome.error for outcome in outcomes if outcome.error]
    entries = []
    for outcome in outcomes:
        part = outcome.part
        if part is None:
            continue
        result.add(part)
        for item in part.items:
            if item.language not in part.rendered:
                result.kept.update(item.outputs)
        if part.languages:
            entries.append(DocumentEntry(part.slug, part.title, len(part.languages)))
    if entries and "html" in options.formats:
        result.files["index.html"] = render_site_index(entries).encode()
    return result


def _record(build, old: Manifest, new: Manifest, outcomes, result, out_dir: Path) -> None:
    """What this build made and from what, for the next one."""
    new.files = {path: record for path, record in old.files.items() if path not in result.kept}
    for path in result.report.removed:
        new.files.pop(path, None)
    made_from = {}
    for outcome in outcomes:
        new.inputs.update(outcome.inputs)
        if outcome.part is None:
            new.documents.pop(outcome.slug, None)
            continue
        part = outcome.part
        new.documents[part.slug] = {
            "source": outcome.source,
            "lang": outcome.lang,
            "title": part.title,
        }
        pages = languages_digest(part.languages)
        for item in part.items:
            key, unit_digest = f"{part.slug}/{item.language}", outcome.digests[item.language]
            if item.status is Status.ERROR:
                new.units.pop(key, None)
                continue
            carried = item.language not in part.rendered
            unit_pages = old.units[key].get("pages", "") if carried else pages
            recorded = {**item.to_dict(), "carried": False}
            new.units[key] = {"inputs": unit_digest, "pages": unit_pages, "item": recorded}
            if not carried:
                made_from.update(
                    {path: _made_from(unit_digest, path, pages) for path in item.outputs}
                )
    for path in result.kept:
        if path in old.files:
            new.files[path] = old.files[path]
    for path, data in result.files.items():
        new.files[path] = file_record(out_dir / path, data, made_from.get(path, ""))


def _remove_vanished(
    old: Manifest, new: Manifest, slugs: set[str], out_dir: Path, report: BuildReport
) -> None:
    """Outputs of documents whose source is gone (a build over every document only)."""
    for path in sorted(old.files):
        owner = _owner(path)
        if owner and owner not in slugs:
            new.files.pop(path, None)
            if path not in report.removed:
                (out_dir / path).unlink(missing_ok=True)
                report.removed.append(path)
    for key in [key for key in new.units if key.split("/", 1)[0] not in slugs]:
        del new.units[key]
    for slug in [slug for slug in new.documents if slug not in slugs]:
        del new.documents[slug]


def _owner(path: str) -> str:
    """The document an output belongs to ("" for the site index)."""
    parts = path.split("/")
    if parts[0] == MO_DIR and len(parts) == 4:
        return parts[3].removesuffix(".mo")
    return parts[0] if len(parts) > 1 else ""


def _made_from(unit_digest: str, path: str, pages: str) -> str:
    """The digest an output file is made from: its pair's, its format's, and for an HTML
    page the language bar it shows."""
    fmt = path.rsplit(".", 1)[-1]
    return digest(unit_digest, fmt, pages if fmt == "html" else "")


def _language_inputs(settings: Settings, code: str) -> str:
    folder = settings.locales_dir / code / "LC_MESSAGES"
    found = []
    for path in sorted(folder.glob("*.po")):
        info = path.stat()
        found.append((path.name, info.st_size, info.st_mtime_ns))
    return digest(found)


def _key(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
