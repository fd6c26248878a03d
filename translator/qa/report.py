"""Checking a whole project: rows of failing checks, and the results statistics count.

:func:`check_project` is what ``translator check`` (and a build gate) runs: every catalog of the
languages asked, with the language's glossary and its other catalogs as context, so
consistency across documents is checked too. :func:`language_results` gives the statistics
what they count as "failing checks by severity" per catalog, remembered until a catalog or
glossary of the language changes.
"""

from __future__ import annotations

import dataclasses
import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from translator.catalog.state import entry_state, is_fuzzy
from translator.glossary import glossary_paths
from translator.model import Issue, Severity
from translator.parallel import run_parallel
from translator.qa import gates, issue_to_dict, run_checks, validate_check_ids
from translator.qa.context import check_context, file_identity, language_catalogs

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    import polib

    from translator.config import Settings

SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)


@dataclass
class Failure:
    """One failing check on one entry of one catalog."""

    document: str
    language: str
    catalog: str  # path of the PO file, relative to the project
    line: int  # where the entry starts in the PO file
    msgid: str
    msgstr: str
    state: str  # draft / translated / approved
    issue: Issue
    source: str = ""  # "source/<slug>.md:14": the entry's first occurrence

    def to_dict(self, blocking: Sequence[str] = ()) -> dict:
        data = {
            "document": self.document,
            "language": self.language,
            "catalog": self.catalog,
            "line": self.line,
            "source": self.source,
            "msgid": self.msgid,
            "msgstr": self.msgstr,
            "state": self.state,
        }
        data.update(issue_to_dict(self.issue, blocking))
        return data


@dataclass
class CheckReport:
    """Failures over the catalogs checked, plus catalogs that could not be read."""

    failures: list[Failure] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    blocking: list[str] = field(default_factory=list)  # Settings.blocking_checks
    catalogs: int = 0
    entries: int = 0  # translated entries checked (by people: translated or approved)
    drafts: int = 0  # fuzzy drafts checked (machine, memory, carried over); 0 without drafts

    def counts(self) -> dict[str, int]:
        """Failures by severity (every severity, zeros included)."""
        found = Counter(str(failure.issue.severity) for failure in self.failures)
        return {str(severity): found[str(severity)] for severity in SEVERITY_ORDER}

    def at_least(self, severity: str) -> list[Failure]:
        """Failures of ``severity`` or worse (``"info"``: all of them)."""
        levels = [str(level) for level in SEVERITY_ORDER]
        lowest = levels.index(severity)
        return [f for f in self.failures if levels.index(str(f.issue.severity)) <= lowest]

    def gating(self) -> list[Failure]:
        """Failures that must stop a pipeline: errors and the coordinator's blocking checks."""
        return [failure for failure in self.failures if gates(failure.issue, self.blocking)]

    @property
    def ok(self) -> bool:
        return not self.errors and not self.gating()

    def to_dict(self) -> dict:
        summary = {**self.counts(), "gating": len(self.gating())}
        summary.update(catalogs=self.catalogs, entries=self.entries, drafts=self.drafts)
        return {
            "failures": [failure.to_dict(self.blocking) for failure in self.failures],
            "summary": summary,
            "blocking_checks": self.blocking,
            "errors": self.errors,
        }


def check_project(
    settings: Settings,
    slugs: Sequence[str],
    langs: Sequence[str],
    *,
    include_drafts: bool = True,
    only: Sequence[str] | None = None,
    jobs: int = 1,
    on_done: Callable[[int, int], None] | None = None,
) -> CheckReport:
    """Run the checks over the catalogs of ``slugs`` x ``langs`` (existing ones).

    Languages are independent (a language's checks read only its own catalogs and glossary),
    so ``jobs`` processes take one language each; the report lists them in ``langs`` order.
    """
    where = "[tool.translator] blocking_checks"
    report = CheckReport(blocking=validate_check_ids(settings.blocking_checks, where))
    if only:
        validate_check_ids(only)  # an unknown id stops here, before any catalog is read
    work = [_LanguageJob(settings, lang, tuple(slugs), include_drafts, only) for lang in langs]
    for part in run_parallel(check_language, work, jobs=jobs, on_done=on_done):
        report.failures += part.failures
        report.errors += part.errors
        report.catalogs += part.catalogs
        report.entries += part.entries
        report.drafts += part.drafts
    return report


@dataclass(frozen=True)
class _LanguageJob:
    settings: Settings
    lang: str
    slugs: tuple[str, ...]
    include_drafts: bool
    only: Sequence[str] | None


def check_language(job: _LanguageJob) -> CheckReport:
    """One language's part of :func:`check_project` (module-level: a process pool runs it)."""
    settings, lang, include_drafts = job.settings, job.lang, job.include_drafts
    report = CheckReport()
    catalogs = language_catalogs(settings.locales_dir, lang, report.errors)
    base = check_context(lang, settings, catalogs=catalogs)
    for slug in job.slugs:
        if slug not in catalogs:
            continue
        context = dataclasses.replace(base, slug=slug, cache={})
        entries = catalogs[slug]
        results = run_checks(entries, lang, context, include_drafts=include_drafts, only=job.only)
        report.catalogs += 1
        checked = [e for e in entries if e.msgid and e.msgstr and not e.obsolete]
        drafts = sum(1 for e in checked if is_fuzzy(e))
        report.entries += len(checked) - drafts
        report.drafts += drafts if include_drafts else 0
        catalog = str(settings.locales_dir.relative_to(settings.root) / lang / "LC_MESSAGES")
        report.failures += _failures(entries, results, slug, lang, f"{catalog}/{slug}.po")
    return report


def _failures(
    entries: list[polib.POEntry], results: dict, slug: str, lang: str, catalog: str
) -> list[Failure]:
    found = []
    for entry in entries:
        for issue in results.get(entry.msgid_with_context, ()):
            source = ":".join(entry.occurrences[0]) if entry.occurrences else ""
            found.append(
                Failure(
                    slug,
                    lang,
                    catalog,
                    entry.linenum,
                    entry.msgid,
                    entry.msgstr,
                    str(entry_state(entry)),
                    issue,
                    source,
                )  # fmt: skip
            )
    return found


# -- results for statistics -----------------------------------------------------------------------

Results = dict[str, tuple[list["polib.POEntry"], dict[str, list[Issue]]]]
_memo: dict[tuple[str, str], tuple[tuple, Results]] = {}
_memo_lock = threading.Lock()


def language_results(settings: Settings, lang: str) -> Results:
    """``{slug: (entries, failing checks by key)}`` for every catalog of ``lang`` (memoized).

    The memo is keyed by the identity of every catalog and glossary file of the language, since
    the consistency and glossary checks read them all; statistics ask again at no cost.
    """
    paths = sorted((settings.locales_dir / lang / "LC_MESSAGES").glob("*.po"))
    paths += glossary_paths(settings.glossary_dir, lang)
    fingerprint = tuple((str(path), file_identity(path)) for path in paths)
    key = (str(settings.root), lang)
    with _memo_lock:
        cached = _memo.get(key)
    if cached is not None and cached[0] == fingerprint:
        return cached[1]
    catalogs = language_catalogs(settings.locales_dir, lang)
    base = check_context(lang, settings, catalogs=catalogs)
    results: Results = {}
    for slug, entries in catalogs.items():
        context = dataclasses.replace(base, slug=slug, cache={})
        results[slug] = (entries, run_checks(entries, lang, context))
    with _memo_lock:
        _memo[key] = (fingerprint, results)
    return results
