"""The project glossary: its files, and the terms it finds in a sentence."""

from translator.glossary.files import (
    ALL_LANGUAGES,
    DEFAULT_TERMS,
    Term,
    acronyms,
    glossary_paths,
    glossary_terms,
    parse_glossary,
)
from translator.glossary.terms import Glossary, language_glossary, read_glossary

__all__ = [
    "DEFAULT_TERMS",
    "ALL_LANGUAGES",
    "Glossary",
    "Term",
    "acronyms",
    "glossary_paths",
    "glossary_terms",
    "language_glossary",
    "parse_glossary",
    "read_glossary",
]
