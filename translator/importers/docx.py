"""Word .docx files -> paragraphs for the shared rules, with styles as hints.

"Title" (or the first "Heading 1") marks the title, other headings stay headings, and Word's
automatic numbering ("List Number" or any paragraph with numbering properties) becomes list
items numbered as Word would show them. Typed numbers ("1. PCPCI ...") are left to the rules.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from translator.errors import SourceError
from translator.importers.paragraphs import Para
from translator.importers.plaintext import ImportResult, import_paragraphs

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.text.paragraph import Paragraph


def import_docx(path: Path, *, lang: str = "en", slug: str | None = None) -> ImportResult:
    """Import a Word .docx file as canonical Markdown.

    :param path: the .docx file.
    :param lang: BCP 47 code of the document's language (month names, front matter).
    :param slug: the document's name; by default made from the title's first words and the date.
    """
    from docx import Document  # lazy: only Word imports pay for python-docx (and lxml)
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    path = Path(path)
    try:
        document = Document(str(path))
    except (OSError, zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise SourceError(f"{path}: not a readable Word .docx file ({exc})") from exc
    except etree.XMLSyntaxError as exc:
        raise SourceError(f"{path}: damaged Word file ({exc})") from exc
    paras = _Reader(document).paragraphs()
    if not paras:
        raise SourceError(f"{path}: empty input, nothing to import")
    return import_paragraphs(paras, lang=lang, slug=slug, filename=str(path))


class _Reader:
    """Walks body paragraphs (and table cells) in order, keeping Word's list counters."""

    def __init__(self, document: DocxDocument) -> None:
        self.document = document
        self.counters: dict[tuple[str, str], int] = {}
        self.title_seen = False
        self.number = 0  # paragraph number, reported as the "line"

    def paragraphs(self) -> list[Para]:
        paras: list[Para] = []
        for block in self.document.iter_inner_content():
            if hasattr(block, "rows"):
                cells = [cell for row in block.rows for cell in row.cells]
                for paragraph in (p for cell in cells for p in cell.paragraphs):
                    paras += self._read(paragraph)
            else:
                paras += self._read(block)
        return paras

    def _read(self, paragraph: Paragraph) -> list[Para]:
        self.number += 1
        style = paragraph.style.name if paragraph.style is not None else ""
        lines = [" ".join(line.split()) for line in paragraph.text.splitlines()]
        lines = [line for line in lines if line]
        if not lines:
            return []
        hint = self._hint(style)
        if hint:  # numbered headings stay headings
            return [Para(" ".join(lines), self.number, hint)]
        if marker := self._marker(paragraph, style):
            return [Para(" ".join(lines), self.number, "item", marker)]
        return [Para(line, self.number) for line in lines]

    def _hint(self, style: str) -> str:
        if not self.title_seen and style in ("Title", "Heading 1"):
            self.title_seen = True
            return "title"
        return "heading" if style.startswith(("Heading", "Title", "Subtitle")) else ""

    def _marker(self, paragraph: Paragraph, style: str) -> str:
        num_id, level = _numbering(paragraph)
        if num_id is None:
            if style.startswith("List Bullet"):
                return "-"
            if style.startswith("List Number"):
                num_id, level = style, "0"
            else:
                return ""
        fmt, start = self._format(num_id, level)
        if fmt in ("bullet", "none"):
            return "-"
        key = (num_id, level)
        self.counters[key] = self.counters.get(key, start - 1) + 1
        return str(self.counters[key])

    def _format(self, num_id: str, level: str) -> tuple[str, int]:
        """The numbering format ("decimal", "bullet") and start of a list level."""
        try:
            root = self.document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return "decimal", 1
        num = _find(root, "num", "numId", num_id)
        definition = _find(root, "abstractNum", "abstractNumId", _val(num, "abstractNumId"))
        lvl = _find(definition, "lvl", "ilvl", level)
        if lvl is None:
            return "decimal", 1
        start = _val(lvl, "start") or "1"
        first = min(int(start), 999_999_999) if start.isdigit() else 1  # Markdown allows 9 digits
        return _val(lvl, "numFmt") or "decimal", first


def _find(parent: Any, tag: str, key: str, value: str | None) -> Any:
    """The ``w:tag`` child of ``parent`` whose ``w:key`` attribute is ``value``, or None."""
    if parent is None or value is None:
        return None
    children = parent.iterchildren(f"{_W}{tag}")
    return next((child for child in children if child.get(f"{_W}{key}") == value), None)


def _val(element: Any, child: str) -> str | None:
    """The ``w:val`` attribute of ``element``'s ``w:child``, or None."""
    found = element.find(f"{_W}{child}") if element is not None else None
    return found.get(f"{_W}val") if found is not None else None


def _numbering(paragraph: Paragraph) -> tuple[str | None, str]:
    """numId and level from the paragraph's own properties or its style chain."""
    holders = [paragraph._p.pPr]
    style = paragraph.style
    while style is not None:
        holders.append(style.element.pPr)
        style = style.base_style
    for ppr in holders:
        num_pr = ppr.numPr if ppr is not None else None
        if num_pr is not None and num_pr.numId is not None:
            num_id = str(num_pr.numId.val)
            level = str(num_pr.ilvl.val) if num_pr.ilvl is not None else "0"
            return (None, "0") if num_id == "0" else (num_id, level)  # numId 0: numbering off
    return None, "0"
