"""Failing checks per catalog, kept in the statistics index: each catalog checked once per version.

Most checks read one entry and the language's glossary, so what they find depends only on the
catalog's file, the glossary files, the source language and the check set. Each index record
keeps those findings under :func:`check_key` (the last three), trusted while the file's identity
(size, mtime_ns, inode) holds.

The consistency check also reads the other documents of the language: storing its verdicts would
make one edit invalidate every catalog of the language. Instead a record keeps two lists of short
hashes: the settled translations the catalog offers (source -> text), and the comparisons its
entries asked for (source, own text). :func:`issue_counts` answers those from the records of the
language, with no catalog read; editing one catalog re-reads that catalog only. While no
catalog of a language changed, its counts themselves come back from the index.
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
    from translator.glossary import Glossary
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
    key: str  # check_key(settings, lang): the glossary is read once per key in each process


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
        glossary=_glossary(job),
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
    counts: dict[tuple[str, str], dict[str, int]] = {}
    changed: dict[str, str] = {}  # language -> the fingerprint its new counts will carry
    for lang, records_of in by_lang.items():
        mark = _fingerprint(records_of, keys[lang])
        memo = index.language_memo(f"issues:{lang}")
        settled = not any(record.racy for record in records_of)  # see index.RACY_NS
        if memo is not None and memo[0] == mark and settled:  # no catalog of it changed
            counts.update({(slug, lang): found for slug, found in memo[1].items()})
        else:
            changed[lang] = mark
    group = [record for lang in changed for record in by_lang[lang]]
    facts = _known_facts(index, group, keys)
    todo = [record for record in group if record.path not in facts]
    work = [FactsJob(settings, r.language, r.document, r.path, keys[r.language]) for r in todo]
    found = run_parallel(catalog_facts, work, jobs=jobs, on_done=on_done)
    fresh = [(r, keys[r.language], data) for r, data in zip(todo, found, strict=True) if data]
    index.store_checks(fresh)
    facts.update({record.path: data for record, _, data in fresh})
    for lang, mark in changed.items():
        parsed = {r.document: json.loads(facts[r.path]) for r in by_lang[lang] if r.path in facts}
        language = _language_counts(parsed)
        index.store_language_memo(f"issues:{lang}", mark, language)
        counts.update({(slug, lang): found for slug, found in language.items()})
    return counts


def _fingerprint(records: list[CatalogRecord], key: str) -> str:
    """Changes when a catalog of the language, its glossary or the checks change."""
    return _hash(key + "|" + ";".join(f"{r.path}:{r.identity}" for r in records))


def _known_facts(
    index: StatsIndex, records: list[CatalogRecord], keys: dict[str, str]
) -> dict[str, str]:
    """Facts still valid for ``records``: in memory, or else in the index file."""
    valid = [record for record in records if record.check_key == keys[record.language]]
    known = {record.path: record.checks for record in valid if record.checks}
    known.update(index.stored_checks(record for record in valid if not record.checks))
    return known


def _language_counts(facts: dict[str, dict]) -> dict[str, dict[str, int]]:
    """Each document's findings, plus the consistency failures its comparisons find now.

    A comparison (key, own) fails when another document settled ``key`` on another text: of
    all the texts offered for the key, those that are not ``own`` and not this document's.
    """
    texts: dict[str, Counter] = defaultdict(Counter)  # key -> settled text -> documents
    for fact in facts.values():
        for key, text in fact["settled"].items():
            texts[key][text] += 1
    counts = {}
    for slug, fact in facts.items():
        issues = Counter(fact["issues"])
        mine = fact["settled"]
        for key, own in fact["asked"]:
            offered = texts.get(key)
            if offered:
                others = offered.total() - offered[own] - (mine.get(key, own) != own)
                issues[_CONSISTENCY] += others > 0
        counts[slug] = {severity: issues[severity] for severity in SEVERITIES if issues[severity]}
    return counts


def with_issues(stats, issues: dict[str, int]):
    """``stats`` with its ``issues`` replaced (a copy: index records stay as they are)."""
    return dataclasses.replace(stats, issues=dict(issues))


_glossaries: dict[tuple[str, str, str], Glossary] = {}


def _glossary(job: FactsJob) -> Glossary:
    """The language's glossary, read once per version of its files in this process."""
    memo = (str(job.settings.glossary_dir), job.lang, job.key)
    if memo not in _glossaries:
        _glossaries[memo] = language_glossary(job.settings.glossary_dir, job.lang)
    return _glossaries[memo]


def _hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
