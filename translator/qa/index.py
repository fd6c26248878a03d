"""The index of a language's settled translations by source sentence, across its catalogs.

Translated or approved entries only (no drafts, no joined sentences); the consistency check
(:mod:`translator.qa.consistency`) and the editor compare one entry with those of other
documents. A save replaces one document's part, not the whole index.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from translator.catalog.state import comment_fields, is_fuzzy

if TYPE_CHECKING:
    import polib


def normal_text(text: str) -> str:
    """Whitespace runs as one space, so a changed line break is no inconsistency."""
    return " ".join(text.split())


@dataclass
class TranslationIndex:
    """Source -> [(document, translation)] for one language's settled translations."""

    by_source: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    keys: dict[str, set[str]] = field(default_factory=dict)  # slug -> its sources here

    @classmethod
    def from_catalogs(cls, catalogs: Mapping[str, Iterable[polib.POEntry]]) -> TranslationIndex:
        """Index ``{slug: catalog}`` of one language."""
        index = cls()
        for slug, entries in catalogs.items():
            for entry in entries:
                index.add(slug, entry)
        return index

    def add(self, slug: str, entry: polib.POEntry) -> None:
        if not entry.msgid or not entry.msgstr.strip() or entry.obsolete or is_fuzzy(entry):
            return
        if comment_fields(entry).get("joined"):
            return  # covers two sentences (or none): not a translation of this msgid alone
        key = entry.msgid_with_context
        # A new list each time: indexes made by replaced() share the others with this one.
        self.by_source[key] = [*self.by_source.get(key, ()), (slug, entry.msgstr)]
        self.keys.setdefault(slug, set()).add(key)

    def replaced(
        self, slugs: Iterable[str], catalogs: Mapping[str, Iterable[polib.POEntry]]
    ) -> TranslationIndex:
        """A new index: this one without ``slugs``' translations, plus those of ``catalogs``.

        This index is left as it is (readers may hold it); a save costs one catalog, not all.
        """
        index = TranslationIndex(dict(self.by_source), dict(self.keys))
        for slug in slugs:
            for key in index.keys.pop(slug, ()):
                rest = [pair for pair in index.by_source[key] if pair[0] != slug]
                if rest:
                    index.by_source[key] = rest
                else:
                    del index.by_source[key]
        for slug, entries in catalogs.items():
            for entry in entries:
                index.add(slug, entry)
            for key in index.keys.get(slug, ()):  # document order, as from_catalogs gives
                index.by_source[key] = sorted(index.by_source[key], key=lambda pair: pair[0])
        return index

    def others(self, key: str, slug: str) -> list[tuple[str, str]]:
        """Translations of ``key`` in documents other than ``slug``."""
        return [(where, text) for where, text in self.by_source.get(key, ()) if where != slug]

    def differing(self, key: str, slug: str, own: str) -> list[tuple[str, str]]:
        """Translations of ``key`` in other documents that differ from ``own`` (normalized)."""
        return [(where, text) for where, text in self.others(key, slug) if normal_text(text) != own]
