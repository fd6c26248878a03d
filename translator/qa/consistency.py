"""Catalog-wide consistency: the same source sentence translated differently across a language.

Resolutions repeat themselves (slogans, signatory lists, the closing lines), and a reader who sees
"Stop the war!" rendered two ways across two documents notices. The index holds every settled
translation (translated or approved, not drafts, not joined sentences) of one language, by source,
from all its catalogs (:mod:`translator.qa.index`); the check compares an entry with the ones of
*other* documents. Translate Toolkit's ``compendiumconflicts`` only reads conflict markers left by
msgcat, so this is our own, shaped like Weblate's "inconsistent" check.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from translator.catalog.state import comment_fields
from translator.model import Issue, Severity
from translator.qa.base import Check
from translator.qa.index import normal_text

if TYPE_CHECKING:
    import polib


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
        key, own = entry.msgid_with_context, normal_text(target)
        different = self.context.translations.differing(key, self.context.slug, own)
        if not different:
            return None
        slug, text = different[0]
        more = f" (and {len(different) - 1} more)" if len(different) > 1 else ""
        return self.issue(f"translated differently in {slug}: {text!r}{more}")
