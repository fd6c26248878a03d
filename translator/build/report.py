"""The build report: per document and language, built or skipped and why, completion, checks.

One :class:`BuildItem` per (document, language), plus project-level errors (unreadable sources,
invalid catalogs). Rendered for people by :func:`format_report` and for pipelines by
:meth:`BuildReport.to_dict`. Failing checks come from ``translator.qa`` when it is installed;
without it the report says so and carries no check figures.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from translator.build.rules import FoundIssue, RuleResult
from translator.errors import TranslatorError

if TYPE_CHECKING:
    import polib

    from translator.config import Settings
    from translator.qa.base import CheckContext


class Status(enum.StrEnum):
    """What happened to one document in one language."""

    ORIGINAL = "original"  # the source document, published as it is
    BUILT = "built"
    SKIPPED = "skipped"  # held back by the threshold, a readiness rule, or no catalog
    ERROR = "error"  # the catalog could not be read


@dataclass
class BuildItem:
    """The outcome for one document in one language."""

    document: str
    language: str
    status: Status
    completion: float | None = None
    catalog: str = ""
    reasons: list[str] = field(default_factory=list)  # why skipped, or the error
    rules: list[RuleResult] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    issues: list[FoundIssue] | None = None  # None: checks not run
    outputs: list[str] = field(default_factory=list)  # paths relative to the output directory
    warnings: list[str] = field(default_factory=list)
    carried: bool = False  # taken from the last build's manifest: inputs and files unchanged

    @property
    def published(self) -> bool:
        return self.status in (Status.BUILT, Status.ORIGINAL)

    @property
    def held_by(self) -> list[str]:
        """The rules that kept this language back."""
        return [result.rule for result in self.rules if not result.ok]

    def checks_by_severity(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for issue in self.issues or []:
            counts[issue.severity] = counts.get(issue.severity, 0) + 1
        return dict(sorted(counts.items()))

    def to_dict(self) -> dict:
        return {
            "document": self.document,
            "language": self.language,
            "status": str(self.status),
            "completion": self.completion,
            "catalog": self.catalog,
            "reasons": self.reasons,
            "held_by": self.held_by,
            "rules": [result.to_dict() for result in self.rules],
            "counts": self.counts,
            "checks": None if self.issues is None else self.checks_by_severity(),
            "failing_checks": None
            if self.issues is None
            else [issue.to_dict() for issue in self.issues],
            "outputs": self.outputs,
            "warnings": self.warnings,
            "carried": self.carried,
        }

    @classmethod
    def from_dict(cls, data: dict) -> BuildItem:
        """The item :meth:`to_dict` gave (a build manifest keeps them for unchanged pairs)."""
        issues = data.get("failing_checks")
        return cls(
            document=data["document"],
            language=data["language"],
            status=Status(data["status"]),
            completion=data.get("completion"),
            catalog=data.get("catalog", ""),
            reasons=list(data.get("reasons", [])),
            rules=[RuleResult(**rule) for rule in data.get("rules", [])],
            counts=dict(data.get("counts", {})),
            issues=None
            if issues is None
            else [
                FoundIssue(issue["msgid"], issue["check"], issue["severity"], issue["message"])
                for issue in issues
            ],
            outputs=list(data.get("outputs", [])),
            warnings=list(data.get("warnings", [])),
        )


@dataclass
class BuildReport:
    """Everything one build did; :attr:`ok` is False when a source or catalog is broken."""

    out_dir: str = ""
    formats: list[str] = field(default_factory=list)
    min_completion: float = 0.0
    fallback: str = "source"
    items: list[BuildItem] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # stale outputs deleted
    written: list[str] = field(default_factory=list)  # outputs made: built, bytes changed
    unchanged: list[str] = field(default_factory=list)  # outputs left as they were

    @property
    def ok(self) -> bool:
        """No unreadable source and no invalid catalog."""
        return not self.errors

    @property
    def complete(self) -> bool:
        """Every requested document and language was published."""
        return self.ok and all(item.published for item in self.items)

    def exit_code(self, strict: bool) -> int:
        """1 for a broken source or catalog; with ``strict``, also for anything held back."""
        if not self.ok or (strict and not self.complete):
            return 1
        return 0

    def summary(self) -> dict[str, int]:
        counts = {str(status): 0 for status in Status}
        for item in self.items:
            counts[str(item.status)] += 1
        return counts

    def file_states(self) -> dict[str, str]:
        """Every output file this build made, left or removed: ``built``, ``unchanged``,
        ``removed``, by path relative to the output directory, sorted."""
        states = {path: "built" for path in self.written}
        states.update({path: "unchanged" for path in self.unchanged})
        states.update({path: "removed" for path in self.removed})
        return dict(sorted(states.items()))

    def to_dict(self) -> dict:
        return {
            "out_dir": self.out_dir,
            "formats": self.formats,
            "min_completion": self.min_completion,
            "fallback": self.fallback,
            "summary": self.summary(),
            "complete": self.complete,
            "results": [item.to_dict() for item in self.items],
            "written": self.written,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "files": self.file_states(),
            "errors": self.errors,
        }


def format_report(report: BuildReport) -> str:
    """The report as aligned lines for a terminal or a CI log."""
    lines: list[str] = []
    document = None
    for item in report.items:
        if item.document != document:
            document = item.document
            lines.append(document)
        lines.append("  " + _item_line(item))
        lines += [f"      warning: {warning}" for warning in item.warnings]
        blocking = [issue for issue in item.issues or [] if issue.severity == "error"]
        lines += [
            f"      {issue.severity}: {issue.check_id}: {_short(issue.msgid)}: {issue.message}"
            for issue in blocking[:ISSUES_SHOWN]
        ]
        if len(blocking) > ISSUES_SHOWN:
            lines.append(f"      ... {len(blocking) - ISSUES_SHOWN} more error(s), see --json")
    summary = report.summary()
    lines.append(
        f"{summary['built']} built, {summary['original']} original, {summary['skipped']} skipped, "
        f"{summary['error']} error(s) -> {report.out_dir}"
    )
    carried = sum(item.carried for item in report.items)
    lines.append(
        f"pairs: {len(report.items) - carried} made, {carried} carried from the last build; "
        f"files: {len(report.written)} built, {len(report.unchanged)} unchanged, "
        f"{len(report.removed)} removed"
    )
    lines += [f"  removed {path}" for path in report.removed]
    return "\n".join(lines)


ISSUES_SHOWN = 5  # error-severity checks listed per language in the text report


def _short(text: str, width: int = 48) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _item_line(item: BuildItem) -> str:
    completion = f"{item.completion:5.1f}%" if item.completion is not None else "     -"
    head = f"{item.language:<7} {item.status:<8} {completion}"
    if not item.published:
        return f"{head}  " + "; ".join(item.reasons)
    notes = []
    if item.counts.get("fallback"):
        notes.append(f"{item.counts['fallback']} sentence(s) in the source language")
    if item.counts.get("left_out"):
        notes.append(f"{item.counts['left_out']} sentence(s) left out")
    if item.counts.get("drafts"):
        notes.append(f"{item.counts['drafts']} draft(s)")
    checks = item.checks_by_severity()
    if checks:
        notes.append("checks: " + ", ".join(f"{n} {severity}" for severity, n in checks.items()))
    formats = " ".join(sorted({path.rsplit(".", 1)[-1] for path in item.outputs}))
    return f"{head}  {formats}" + (f"  ({'; '.join(notes)})" if notes else "")


def find_issues(
    entries: Iterable[polib.POEntry],
    lang: str,
    *,
    used: set[str] | None = None,
    settings: Settings | None = None,
    slug: str = "",
    include_drafts: bool = False,
    context: CheckContext | None = None,
) -> tuple[list[FoundIssue] | None, str]:
    """Failing checks via ``translator.qa``, in catalog order; ``(None, why)`` if they cannot run.

    :param entries: the whole catalog (joined sentences are checked against both sources).
    :param used: msgids whose translations the document shows; others are not reported.
    :param settings: the project's settings, for the glossary and the consistency check.
    :param include_drafts: check fuzzy entries too (where drafts are published).
    :param context: the check context, when the caller made it already (else from ``settings``).
    """
    try:
        from translator.qa import check_context, run_checks
    except ImportError as exc:
        return None, f"translator.qa not available ({exc})"
    entries = list(entries)
    try:
        if context is None and settings is not None:
            context = check_context(lang, settings, slug=slug)
        results = run_checks(entries, lang, context, include_drafts=include_drafts)
    except TranslatorError as exc:
        return None, str(exc)
    found = []
    for entry in entries:
        issues = results.get(entry.msgid_with_context, [])
        if used is not None and entry.msgid not in used:
            continue
        for issue in issues:
            found.append(
                FoundIssue(entry.msgid, issue.check_id, str(issue.severity), issue.message)
            )
    return found, ""
