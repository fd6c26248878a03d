"""Catalog-wide consistency: the same source sentence translated differently across a language.

Resolutions repeat themselves (slogans, signatory lists, the closing lines), and a reader who
sees "Stop the war!" rendered two ways across two documents notices. The index holds every
settled translation (translated or approved, not drafts, not joined sentences) of one language,
by source, from all its catalogs; the check compares an entry with the ones of *other*
documents. Translate Toolkit's ``compendiumconflicts`` only reads conflict markers left by
msgcat, so this is our own, shaped like Weblate's "inconsistent" check.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from translator.catalog.state import comment_fields, is_fuzzy
from translator.model import Issue, Severity
from translator.qa.base import Check

if TYPE_CHECKING:
    import polib


def _normal(text: str) -> str:
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


class ConsistencyCheck(Check):
    check_id = "consistency"
    name = "Inconsistent translation"
    description = "The same source sentence is translated differently in another document."
    severity = Severity.WARNING

    def applies(self) -> bool:
        return self.context.translations is not None

    def check_single(self, source: str, target: str, entry: polib.POEntry) -> Issue | None:
        if comment_fields(entry).get("joined"):
            return None
        own = _normal(target)
        others = self.context.translations.others(entry.msgid_with_context, self.context.slug)
        different = [(slug, text) for slug, text in others if _normal(text) != own]
        if not different:
            return None
        slug, text = different[0]
        more = f" (and {len(different) - 1} more)" if len(different) > 1 else ""
        return self.issue(f"translated differently in {slug}: {text!r}{more}")
