"""Completion figures for one catalog, counted in one pass the way gettext counts them.

Entries and source words per state (untranslated, draft = fuzzy, translated, approved), the
share of machine drafts, and failing checks by severity when a checker is passed in. The
message counts equal ``msgfmt --statistics``: obsolete entries and the header are left out, and
a fuzzy entry with an empty msgstr is untranslated.
"""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import polib

from translator.catalog.state import entry_state, is_machine
from translator.model import EntryState
from translator.text import word_count


@dataclass
class CatalogStats:
    """Counts for one catalog (or a sum of several, see :meth:`add`)."""

    total: int = 0
    translated: int = 0  # by a person, not yet approved
    approved: int = 0
    fuzzy: int = 0  # drafts: machine, memory, or carried over: need review
    untranslated: int = 0
    machine: int = 0  # drafts and translations whose origin is an engine or the memory
    total_words: int = 0
    translated_words: int = 0
    approved_words: int = 0
    fuzzy_words: int = 0
    untranslated_words: int = 0
    issues: dict[str, int] = field(default_factory=dict)  # severity -> failing checks

    @property
    def done(self) -> int:
        """Entries that count as translated for gettext (translated + approved)."""
        return self.translated + self.approved

    @property
    def done_words(self) -> int:
        return self.translated_words + self.approved_words

    @property
    def percent(self) -> float:
        """Completion by entries, one decimal."""
        return round(100.0 * self.done / self.total, 1) if self.total else 100.0

    @property
    def percent_words(self) -> float:
        return round(100.0 * self.done_words / self.total_words, 1) if self.total_words else 100.0

    def add(self, other: CatalogStats) -> CatalogStats:
        """Accumulate ``other`` into this one (for per-language and per-document totals)."""
        for name in self.__dataclass_fields__:
            if name == "issues":
                for severity, count in other.issues.items():
                    self.issues[severity] = self.issues.get(severity, 0) + count
            else:
                setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    def to_dict(self) -> dict:
        """The fields in order (as ``dataclasses.asdict``, without its deep copies: a table of
        20,000 catalogs is turned into JSON at once), then the two percentages."""
        data = {name: getattr(self, name) for name in self.__dataclass_fields__}
        data["issues"] = dict(self.issues)
        data.update(percent=self.percent, percent_words=self.percent_words)
        return data


_COUNTS = [name for name in CatalogStats.__dataclass_fields__ if name != "issues"]
_counts_of = operator.attrgetter(*_COUNTS)


def sum_stats(items: Iterable[CatalogStats]) -> CatalogStats:
    """The sum of many figures at once (as repeated :meth:`CatalogStats.add`, but fast)."""
    items = list(items)
    if not items:
        return CatalogStats()
    total = CatalogStats(*map(sum, zip(*map(_counts_of, items), strict=True)))
    for issues in [item.issues for item in items if item.issues]:  # most have none
        for severity, count in issues.items():
            total.issues[severity] = total.issues.get(severity, 0) + count
    return total


_STATE_FIELD = {
    EntryState.UNTRANSLATED: "untranslated",
    EntryState.DRAFT: "fuzzy",
    EntryState.TRANSLATED: "translated",
    EntryState.APPROVED: "approved",
}


def compute_stats(
    po: Iterable[polib.POEntry],
    issues_of: Callable[[polib.POEntry], Iterable] | None = None,
) -> CatalogStats:
    """Count one catalog in one pass; ``issues_of(entry)`` returns that entry's failing checks."""
    entries: Counter = Counter()  # state field -> entries, then "<field>_words" -> words
    machine, issues = 0, Counter()
    for entry in po:
        if entry.obsolete or not entry.msgid:
            continue
        name = _STATE_FIELD[entry_state(entry)]
        words = word_count(entry.msgid)
        entries[name] += 1
        entries[_WORDS[name]] += words
        if entry.msgstr and is_machine(entry):
            machine += 1
        for issue in issues_of(entry) if issues_of else ():
            issues[str(issue.severity)] += 1
    stats = CatalogStats(machine=machine, issues=dict(issues), **entries)
    stats.total = stats.translated + stats.approved + stats.fuzzy + stats.untranslated
    stats.total_words = sum(entries[_WORDS[name]] for name in _STATE_FIELD.values())
    return stats


_WORDS = {name: f"{name}_words" for name in _STATE_FIELD.values()}


@dataclass
class StatsRow:
    """One catalog's figures (``error`` set when it could not be read)."""

    document: str
    language: str
    catalog: str
    stats: CatalogStats
    error: str = ""

    def to_dict(self) -> dict:
        data = {"document": self.document, "language": self.language, "catalog": self.catalog}
        data.update(self.stats.to_dict())
        if self.error:
            data["error"] = self.error
        return data


@dataclass
class StatsTable:
    """Rows per document and language, with totals per language and per document."""

    rows: list[StatsRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def totals(self, key: str) -> dict[str, CatalogStats]:
        """Sums by ``"language"`` or ``"document"``."""
        sums: dict[str, CatalogStats] = {}
        for row in self.rows:
            sums.setdefault(getattr(row, key), CatalogStats()).add(row.stats)
        return dict(sorted(sums.items()))

    def to_dict(self) -> dict:
        return {
            "catalogs": [row.to_dict() for row in self.rows],
            "languages": {k: v.to_dict() for k, v in self.totals("language").items()},
            "documents": {k: v.to_dict() for k, v in self.totals("document").items()},
            "errors": self.errors,
        }
