"""The check that a translation uses the glossary's renderings of the terms in its source.

The glossary itself (files, terms found in a sentence) is :mod:`translator.glossary`. This module
only decides whether the translation uses the rendering. A rendering counts as used when each of
its words appears with at most a changed ending (the first three quarters of a long word suffice:
"войн" finds "войну"), so inflected languages are not flooded with false alarms. Translate
Toolkit's ``TermChecker`` needs a term store and matches exact strings only, hence our own check.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from translator.model import Issue, Severity
from translator.qa.base import Check
from translator.qa.names import contains_name

if TYPE_CHECKING:
    import polib


def uses_term(text: str, target: str, kept: bool) -> bool:
    """True when ``text`` contains the target term (a kept name exactly, words with any ending).

    >>> uses_term("Остановите войну!", "война", kept=False)
    True
    """
    if kept:
        return contains_name(text, target)
    folded = text.casefold()
    for word in target.casefold().split():
        stem = word if len(word) <= 4 else word[: max(4, math.ceil(len(word) * 0.75))]
        if stem not in folded:
            return False
    return True


class GlossaryCheck(Check):
    check_id = "glossary"
    name = "Glossary"
    description = "A term of the language's glossary is in the source but not in the translation."
    severity = Severity.WARNING

    def applies(self) -> bool:
        return bool(self.context.glossary)

    def check_single(self, source: str, target: str, entry: polib.POEntry) -> Issue | None:
        missing = []
        for term, targets in self.context.glossary.terms_in(source):
            if not any(uses_term(target, choice, kept=choice == term) for choice in targets):
                missing.append(_advice(term, targets))
        return self.issue("; ".join(missing)) if missing else None


def _advice(term: str, targets: list[str]) -> str:
    if targets == [term]:
        return f"keep '{term}' as it is"
    return f"'{term}' should be " + " or ".join(f"'{choice}'" for choice in targets)
