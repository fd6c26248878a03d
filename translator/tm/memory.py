"""The translation memory: sentences people already translated, found again exactly or fuzzily.

Exact matches (the same source sentence, in any catalog of the language) come first; otherwise
the most similar source at or above a threshold (rapidfuzz's normalized Indel similarity on the
case-folded, whitespace-folded text, as CAT tools score fuzzy matches; 75 by default). A match
that differs only in case or spacing scores 99, never 100. When one sentence has several
translations, an approved one wins over a plain one, then the first catalog in name order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import polib
from rapidfuzz import fuzz, process

from translator.catalog.state import comment_fields, is_approved, is_fuzzy
from translator.model import Suggestion

DEFAULT_MIN_SCORE = 75


@dataclass(frozen=True)
class Unit:
    """One remembered translation."""

    source: str
    target: str
    slug: str = ""
    approved: bool = False


def fold(text: str) -> str:
    """The form fuzzy matching compares: case-folded, whitespace collapsed."""
    return " ".join(text.casefold().split())


def reusable_entries(po: Iterable[polib.POEntry]) -> Iterator[tuple[int, polib.POEntry]]:
    """The entries of a catalog a memory may reuse, with their position: done by a person.

    Obsolete entries count (they are kept for exactly this); fuzzy entries, plural entries,
    the copies standing in for a sentence joined to the previous one and blank texts do not.
    """
    for position, entry in enumerate(po):
        if not entry.msgid or not entry.msgstr or entry.msgid_plural or is_fuzzy(entry):
            continue
        if not entry.msgid.strip() or not entry.msgstr.strip():
            continue
        if comment_fields(entry).get("joined") == "previous":
            continue
        yield position, entry


def catalog_units(po: Iterable[polib.POEntry], slug: str = "") -> list[Unit]:
    """The translations of a catalog a memory may reuse (:func:`reusable_entries`)."""
    return [
        Unit(entry.msgid, entry.msgstr, slug, is_approved(entry))
        for _position, entry in reusable_entries(po)
    ]


class TranslationMemory:
    """Past translations into one language, by source sentence."""

    def __init__(self, lang: str = ""):
        self.lang = lang
        self._exact: dict[str, Unit] = {}
        self._by_fold: dict[str, Unit] = {}
        self._keys: list[str] | None = None

    def __len__(self) -> int:
        return len(self._exact)

    def add(self, source: str, target: str, slug: str = "", approved: bool = False) -> None:
        """Remember one translation (an approved one replaces an earlier plain one)."""
        self.add_unit(Unit(source, target, slug, approved))

    def add_unit(self, unit: Unit) -> None:
        if not unit.source.strip() or not unit.target.strip():
            return
        old = self._exact.get(unit.source)
        if old is None or (unit.approved and not old.approved):
            self._exact[unit.source] = unit
        key = fold(unit.source)
        old = self._by_fold.get(key)
        if old is None or (unit.approved and not old.approved):
            self._by_fold[key] = unit
            self._keys = None

    def exact(self, text: str) -> Suggestion | None:
        """The translation of exactly this sentence, scored 100."""
        unit = self._exact.get(text)
        return self._suggest(unit, 100) if unit else None

    def fuzzy(self, text: str, min_score: int = DEFAULT_MIN_SCORE) -> Suggestion | None:
        """The translation of the most similar remembered sentence scoring ``min_score`` or more."""
        if not self._by_fold:
            return None
        if self._keys is None:
            self._keys = list(self._by_fold)
        key = fold(text)
        best = process.extractOne(key, self._keys, scorer=fuzz.ratio, score_cutoff=min_score)
        if best is None:
            return None
        choice, score, _ = best
        unit = self._by_fold[choice]
        score = 100 if unit.source == text else min(int(score), 99)
        return self._suggest(unit, score) if score >= min_score else None

    def lookup(self, text: str, min_score: int = DEFAULT_MIN_SCORE) -> Suggestion | None:
        """Exact match first, then the best fuzzy match.

        >>> tm = TranslationMemory("de")
        >>> tm.add("Stop the war!", "Stoppt den Krieg!", "a")
        >>> tm.lookup("Stop the war!").origin, tm.lookup("Stop the wars!").origin
        ('tm:100 a', 'tm:96 a')
        """
        return self.exact(text) or self.fuzzy(text, min_score)

    @staticmethod
    def _suggest(unit: Unit, score: int) -> Suggestion:
        origin = f"tm:{score} {unit.slug}".rstrip()
        return Suggestion(unit.target, origin, score, unit.source)
