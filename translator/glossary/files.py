"""The project glossary: terms engines must not translate, or must render one fixed way.

Files are tab-separated UTF-8 text, one term per line, so a diff shows one term per changed line:

- ``glossary/all.tsv`` applies to every language;
- ``glossary/<lang>.tsv`` (e.g. ``glossary/de.tsv``) adds to it and overrides it for one
  language (``glossary/pt.tsv`` also applies to ``pt_BR``).

They live beside ``locales/``, not in it, so that gettext tools (pocount, msgcat, Weblate's
scanner) find only catalogs there.

Columns: ``term<TAB>translation<TAB>note``; only the term is required. An empty translation means
"keep the term as it is" (organisation names, acronyms); otherwise every occurrence of the term is
replaced by the translation. Terms match case-sensitively on whole words. Lines starting with
``#`` and blank lines are ignored::

    # term	translation	note
    ICOR		International Coordination of Revolutionary Parties and Organizations
    MLPD
    Workers of all countries, unite!	Proletarier aller Länder, vereinigt euch!

``ICOR`` is protected even without a glossary (:data:`DEFAULT_TERMS`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from translator.errors import ConfigError

ALL_LANGUAGES = "all"  # glossary/all.tsv
SUFFIX = ".tsv"
DEFAULT_TERMS = ("ICOR",)  # the organisation's name: never translated, whatever the project says

_ACRONYM = re.compile(r"(?<![\w/-])\w+(?:[-/]\w+)*(?![\w/-])")


@dataclass(frozen=True)
class Term:
    """One glossary line."""

    term: str
    translation: str = ""  # empty: keep the term unchanged
    note: str = ""
    where: str = ""  # "glossary/all.tsv:3"

    @property
    def target(self) -> str:
        """What the term becomes in the translation."""
        return self.translation or self.term


def parse_glossary(text: str, name: str = "glossary.tsv") -> list[Term]:
    """Parse glossary text; a malformed or repeated line is an error naming file and line.

    >>> [t.target for t in parse_glossary("# term\\ttranslation\\nICOR\\nWar\\tKrieg\\n")]
    ['ICOR', 'Krieg']
    """
    terms: list[Term] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        columns = line.split("\t")
        if len(columns) > 3:
            raise ConfigError(f"{name}:{number}: expected term, translation and note (3 columns)")
        term, translation, note = (column.strip() for column in [*columns, "", ""][:3])
        if not term:
            raise ConfigError(f"{name}:{number}: empty term")
        if term in seen:
            raise ConfigError(f"{name}:{number}: {term!r} already listed on line {seen[term]}")
        seen[term] = number
        terms.append(Term(term, translation, note, f"{name}:{number}"))
    return terms


def glossary_paths(glossary_dir: Path, lang: str) -> list[Path]:
    """The glossary files for ``lang``, most general first."""
    names = [ALL_LANGUAGES]
    base = lang.replace("-", "_").split("_")[0]
    if base != lang:
        names.append(base)
    names.append(lang)
    return [glossary_dir / f"{name}{SUFFIX}" for name in names]


def glossary_terms(glossary_dir: Path, lang: str) -> dict[str, str]:
    """Term -> what it becomes in ``lang``, from the defaults and every glossary file."""
    terms = {term: term for term in DEFAULT_TERMS}
    for path in glossary_paths(glossary_dir, lang):
        name = str(path.relative_to(glossary_dir.parent))
        terms.update({term.term: term.target for term in read_terms(path, name)})
    return terms


def read_terms(path: Path, name: str) -> list[Term]:
    """The lines of one glossary file (none when it does not exist); ``name`` for errors."""
    if not path.is_file():
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{name}: cannot read glossary ({exc})") from exc
    return parse_glossary(text, name)


def acronyms(texts: list[str]) -> set[str]:
    """Upper-case words of two or more letters (any script), e.g. the signatories' acronyms.

    >>> sorted(acronyms(["MLPD Marxistisch-Leninistische Partei", "БКП Българска", "TKP/ML x"]))
    ['MLPD', 'TKP/ML', 'БКП']
    """
    found = set()
    for text in texts:
        for match in _ACRONYM.finditer(text):
            word = match.group()
            letters = [char for char in word if char.isalpha()]
            if len(letters) >= 2 and all(char.isupper() for char in letters):
                found.add(word)
    return found
