"""The glossary as checks and the editor see it: source terms and their accepted renderings.

Built from the project's glossary files (:mod:`translator.glossary.files`); finds the terms used
in a source sentence (whole words, as written), longest first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from translator.glossary.files import DEFAULT_TERMS, Term, glossary_paths, read_terms


@dataclass
class Glossary:
    """Source term -> accepted renderings (a rendering equal to its term: keep the name)."""

    terms: dict[str, list[str]] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    _patterns: dict[str, re.Pattern] = field(default_factory=dict, repr=False)

    @classmethod
    def from_terms(cls, terms: Mapping[str, str] | Iterable[Term]) -> Glossary:
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

    def update(self, terms: Iterable[Term]) -> None:
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


def read_glossary(path: Path) -> Glossary:
    """The glossary in one file (e.g. ``glossary/de.tsv``); empty when absent."""
    glossary = Glossary()
    glossary.update(read_terms(path, str(path)))
    return glossary


def language_glossary(glossary_dir: Path, lang: str) -> Glossary:
    """Everything that applies to ``lang``: the defaults, the shared file, the language's own."""
    glossary = Glossary.from_terms({term: term for term in DEFAULT_TERMS})
    for path in glossary_paths(glossary_dir, lang):
        glossary.update(read_terms(path, str(path.relative_to(glossary_dir.parent))))
    return glossary
