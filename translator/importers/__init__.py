"""Importers: what people have (text, HTML, Word) -> a resolution in canonical Markdown.

Every importer produces paragraphs and hands them to the same recognition rules
(:mod:`translator.importers.plaintext`), which the writer turns into the canonical form. Text
is judged by its content, not its name: a page source saved as ``.txt`` is imported as HTML
(:mod:`translator.importers.sniff`).
"""

from __future__ import annotations

from pathlib import Path

from translator.errors import ConfigError, SourceError
from translator.importers.docx import import_docx
from translator.importers.html import import_html
from translator.importers.paragraphs import Drop, decode_text
from translator.importers.plaintext import ImportResult, import_text
from translator.importers.sniff import looks_like_html, strip_server_code

__all__ = [
    "Drop",
    "ImportResult",
    "import_docx",
    "import_file",
    "import_html",
    "import_source",
    "import_text",
]

_TEXT_SUFFIXES = {"", ".txt", ".text"}
_HTML_SUFFIXES = {".html", ".htm"}


def import_file(path: Path, *, lang: str = "en", slug: str | None = None) -> ImportResult:
    """Import a file, choosing the importer by its suffix (.txt/.text/none, .html/.htm, .docx).

    Text files must be UTF-8 (a BOM is fine); a bad byte is reported with its line. A text
    file that holds an HTML page is imported as HTML.

    :param path: the file to import.
    :param lang: BCP 47 code of the document's language (month names, front matter).
    :param slug: the document's name; by default made from the title's first words and the date.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return import_docx(path, lang=lang, slug=slug)
    if suffix not in _TEXT_SUFFIXES | _HTML_SUFFIXES:
        raise SourceError(f"{path}: cannot import {suffix} files (use .txt, .html or .docx)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    text = decode_text(data, str(path))
    kind = "html" if suffix in _HTML_SUFFIXES else "auto"
    return import_source(text, lang=lang, slug=slug, filename=str(path), kind=kind)


def import_source(
    text: str, *, lang: str = "en", slug: str | None = None, filename: str, kind: str = "auto"
) -> ImportResult:
    """Import decoded text as HTML (``kind="html"``), as plain text (``"text"``), or as what
    its content shows (``"auto"``).

    A page source saved as ``.txt`` (maybe after a ``#!/usr/bin/php`` or ``<?php ?>``
    preamble) is HTML all the same (:func:`translator.importers.sniff.looks_like_html`).
    """
    if kind not in ("auto", "html", "text"):
        raise ConfigError(f"kind: must be auto, html or text, not {kind!r}")
    if kind == "html" or (kind == "auto" and looks_like_html(strip_server_code(text)[0])):
        return import_html(text, lang=lang, slug=slug, filename=filename)
    return import_text(text, lang=lang, slug=slug, filename=filename)
