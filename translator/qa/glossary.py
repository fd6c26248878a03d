"""The glossary as the checks see it, and the check that a translation uses its terms.

The file format is the project's (:mod:`translator.glossary`, shared with machine translation):
``locales/glossary.tsv`` for every language and ``locales/<lang>/glossary.tsv`` for one, lines
``term<TAB>translation<TAB>note``, where an empty translation (or one equal to the term) means
"keep the term as it is"; ICOR is always kept. This module only adds what checking needs:
finding the terms in a source sentence (whole words, as written) and deciding whether the
translation uses the rendering. A rendering counts as used when each of its words appears with
at most a changed ending (the first three quarters of a long word suffice: "войн" finds
"войну"), so inflected languages are not flooded with false alarms. Translate Toolkit's
``TermChecker`` needs a term store and matches exact strings only, hence our own check.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from translator import glossary as project_glossary
from translator.errors import ConfigError
from translator.model import Issue, Severity
from translator.qa.base import Check
from translator.qa.names import contains_name

if TYPE_CHECKING:
    import polib

GLOSSARY_NAME = project_glossary.FILE_NAME


@dataclass
class Glossary:
    """Source term -> accepted renderings (a rendering equal to its term: keep the name)."""

    terms: dict[str, list[str]] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    _patterns: dict[str, re.Pattern] = field(default_factory=dict, repr=False)

    @classmethod
    def from_terms(cls, terms: Mapping[str, str] | Iterable[project_glossary.Term]) -> Glossary:
        """From ``{term: target}`` or parsed :class:`translator.glossary.Term` lines."""
        glossary = cls()
        if isinstance(terms, Mapping):
            for term, target in terms.items():
                glossary.add(term, target or term)
        else:
            for term in terms:
                glossary.add(term.term, term.target, term.note)
        return glossary

    def __len__(self) -> int:
        return len(self.terms)

    def add(self, source: str, target: str, note: str = "") -> None:
        targets = self.terms.setdefault(source, [])
        if target not in targets:
            targets.append(target)
        if note:
            self.notes[source] = note

    def update(self, terms: Iterable[project_glossary.Term]) -> None:
        """Take ``terms`` over, a later file's rendering replacing an earlier one."""
        for term in terms:
            self.terms[term.term] = [term.target]
            if term.note:
                self.notes[term.term] = term.note

    def has_term(self, source: str) -> bool:
        return source in self.terms

    def kept_names(self) -> list[str]:
        """Terms that stay as they are in this language."""
        return [source for source, targets in self.terms.items() if source in targets]

    def terms_in(self, text: str) -> list[tuple[str, list[str]]]:
        """The glossary terms used in a source sentence, longest first.

        >>> g = Glossary.from_terms({"war": "guerra", "ICOR": ""})
        >>> g.terms_in("Stop the war of the ICOR's enemies, not the wars")
        [('ICOR', ['ICOR']), ('war', ['guerra'])]
        """
        found = []
        for source in sorted(self.terms, key=len, reverse=True):
            if self._pattern(source).search(text):
                found.append((source, self.terms[source]))
        return found

    def _pattern(self, source: str) -> re.Pattern:
        pattern = self._patterns.get(source)
        if pattern is None:
            body = r"\s+".join(re.escape(word) for word in source.split())
            pattern = re.compile(rf"(?<![\w/-]){body}(?![\w/-])")
            self._patterns[source] = pattern
        return pattern


def load_glossary(path: Path) -> Glossary:
    """The glossary in one file (e.g. ``locales/<lang>/glossary.tsv``); empty when absent."""
    glossary = Glossary()
    glossary.update(_read_terms(path, str(path)))
    return glossary


def language_glossary(locales_dir: Path, lang: str) -> Glossary:
    """Everything that applies to ``lang``: the defaults, the shared file, the language's own."""
    glossary = Glossary.from_terms({term: term for term in project_glossary.DEFAULT_TERMS})
    for path in project_glossary.glossary_paths(locales_dir, lang):
        glossary.update(_read_terms(path, str(path.relative_to(locales_dir.parent))))
    return glossary


def _read_terms(path: Path, name: str) -> list[project_glossary.Term]:
    if not path.is_file():
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{name}: cannot read glossary ({exc})") from exc
    return project_glossary.parse_glossary(text, name)


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
