"""Failing checks per catalog, kept in the statistics index: each catalog checked once per version.

Most checks read one entry and the language's glossary, so what they find depends only on the
catalog's file, the glossary files, the source language and the check set. Each index record
keeps those findings under :func:`check_key` (the last three), trusted while the file's identity
(size, mtime_ns, inode) holds.

The consistency check also reads the other documents of the language: storing its verdicts would
make one edit invalidate every catalog of the language. Instead a record keeps two lists of short
hashes: the settled translations the catalog offers (source -> text), and the comparisons its
entries asked for (source, own text). :func:`issue_counts` answers those from the records of the
language, with no catalog read; editing one catalog re-reads that catalog only.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib import metadata
from typing import TYPE_CHECKING

from translator import __version__
from translator.catalog.raw import read_entries_fast
from translator.errors import TranslatorError
from translator.glossary import glossary_paths, language_glossary
from translator.model import Severity
from translator.parallel import run_parallel
from translator.qa import CHECKS, TranslationIndex, run_checks
from translator.qa.base import CheckContext
from translator.qa.index import normal_text

if TYPE_CHECKING:
    from translator.config import Settings
    from translator.progress.index import StatsIndex
    from translator.progress.records import CatalogRecord

SEVERITIES = tuple(str(severity) for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO))
_CONSISTENCY = str(CHECKS["consistency"].severity)


@functools.cache
def check_set_version() -> str:
    """Changes with the registered checks, this package's version and Translate Toolkit's."""
    try:
        toolkit = metadata.version("translate-toolkit")
    except metadata.PackageNotFoundError:
        toolkit = ""
    names = ",".join(f"{cid}:{cls.__module__}.{cls.__qualname__}" for cid, cls in CHECKS.items())
    return _hash(f"{__version__}|{toolkit}|{names}")


def check_key(settings: Settings, lang: str) -> str:
    """What a catalog's stored findings depend on besides the file: checks, glossary, language."""
    glossary = []
    for path in glossary_paths(settings.glossary_dir, lang):
        try:
            stat = path.stat()
        except OSError:
            continue  # no such glossary file: nothing it could change
        glossary.append(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ino}")
    return _hash(f"{check_set_version()}|{settings.source_language}|{lang}|{';'.join(glossary)}")


@dataclass(frozen=True)
class FactsJob:
    """One catalog to check (picklable): the project, the language, the document, the file."""

    settings: Settings
    lang: str
    slug: str
    rel: str  # relative to locales/


class _Recorder(TranslationIndex):
    """Answers the consistency check with "no difference", noting what it was asked."""

    def __init__(self):
        super().__init__()
        self.asked: list[tuple[str, str]] = []

    def differing(self, key: str, slug: str, own: str) -> list[tuple[str, str]]:
        self.asked.append((_hash(key), _hash(own)))
        return []


def catalog_facts(job: FactsJob) -> str | None:
    """Check one catalog: its findings as JSON (None when it cannot be read)."""
    try:
        entries = list(read_entries_fast(job.settings.locales_dir / job.rel))
    except TranslatorError:
        return None  # the statistics already report it
    recorder = _Recorder()
    context = CheckContext(
        lang=job.lang,
        source_lang=job.settings.source_language,
        glossary=language_glossary(job.settings.glossary_dir, job.lang),
        translations=recorder,
        slug=job.slug,
    )
    found = run_checks(entries, job.lang, context)
    issues = Counter(str(issue.severity) for issues in found.values() for issue in issues)
    offered = TranslationIndex.from_catalogs({job.slug: entries}).by_source
    settled = {_hash(key): _hash(normal_text(pairs[0][1])) for key, pairs in offered.items()}
    return json.dumps({"issues": dict(issues), "asked": recorder.asked, "settled": settled})


def issue_counts(
    settings: Settings,
    index: StatsIndex,
    langs: Sequence[str],
    records: Mapping[tuple[str, str], CatalogRecord] | None = None,
    *,
    jobs: int = 1,
    on_done: Callable[[int, int], None] | None = None,
) -> dict[tuple[str, str], dict[str, int]]:
    """Failing checks by severity per (document, language), for every readable catalog of
    ``langs``; only catalogs whose findings are missing or outdated are read and checked.

    :param records: ``index.records(None, langs)`` if the caller has it (every document: the
        consistency check compares each with all the others)
    """
    if records is None:
        records = index.records(None, langs)
    wanted = set(langs)
    by_lang: dict[str, list[CatalogRecord]] = defaultdict(list)
    for (_, lang), record in sorted(records.items()):
        if lang in wanted and not record.error:
            by_lang[lang].append(record)
    keys = {lang: check_key(settings, lang) for lang in by_lang}
    group = [record for records_of in by_lang.values() for record in records_of]
    facts = _known_facts(index, group, keys)
    todo = [record for record in group if record.path not in facts]
    work = [FactsJob(settings, r.language, r.document, r.path) for r in todo]
    found = run_parallel(catalog_facts, work, jobs=jobs, on_done=on_done)
    fresh = [(r, keys[r.language], data) for r, data in zip(todo, found, strict=True) if data]
    index.store_checks(fresh)
    facts.update({record.path: data for record, _, data in fresh})
    counts = {}
    for lang, records_of in by_lang.items():
        parsed = {r.document: json.loads(facts[r.path]) for r in records_of if r.path in facts}
        counts.update({(slug, lang): n for slug, n in _language_counts(parsed).items()})
    return counts


def _known_facts(
    index: StatsIndex, records: list[CatalogRecord], keys: dict[str, str]
) -> dict[str, str]:
    """Facts still valid for ``records``: in memory, or else in the index file."""
    valid = [record for record in records if record.check_key == keys[record.language]]
    known = {record.path: record.checks for record in valid if record.checks}
    known.update(index.stored_checks(record for record in valid if not record.checks))
    return known


def _language_counts(facts: dict[str, dict]) -> dict[str, dict[str, int]]:
    """Each document's findings, plus the consistency failures its comparisons find now."""
    offered: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for slug, fact in facts.items():
        for key, text in fact["settled"].items():
            offered[key].append((slug, text))
    counts = {}
    for slug, fact in facts.items():
        issues = Counter(fact["issues"])
        issues[_CONSISTENCY] += sum(
            any(where != slug and text != own for where, text in offered.get(key, ()))
            for key, own in fact["asked"]
        )
        counts[slug] = {severity: issues[severity] for severity in SEVERITIES if issues[severity]}
    return counts


def with_issues(stats, issues: dict[str, int]):
    """``stats`` with its ``issues`` replaced (a copy: index records stay as they are)."""
    return dataclasses.replace(stats, issues=dict(issues))


def _hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
