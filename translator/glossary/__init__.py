"""The project glossary: its files, and the terms it finds in a sentence."""

from translator.glossary.files import (
    DEFAULT_TERMS,
    FILE_NAME,
    Term,
    acronyms,
    glossary_paths,
    glossary_terms,
    parse_glossary,
)
from translator.glossary.terms import Glossary, language_glossary, read_glossary

__all__ = [
    "DEFAULT_TERMS",
    "FILE_NAME",
    "Glossary",
    "Term",
    "acronyms",
    "glossary_paths",
    "glossary_terms",
    "language_glossary",
    "parse_glossary",
    "read_glossary",
]
