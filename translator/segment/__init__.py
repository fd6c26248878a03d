"""Source documents -> ordered sentence segments with roles and locations.

``read_document`` reads one ``source/<slug>.md`` with clear errors; ``load_documents`` reads them
all and keeps going past broken ones, so one bad file never stops the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from translator.errors import SourceError, TranslatorError
from translator.languages import parse_language
from translator.model import Document, Segment
from translator.segment.cache import SegmentCache
from translator.segment.markdown import Splitter, parse_document, render_identity
from translator.segment.split import split_sentences
from translator.text import validate_slug

__all__ = [
    "DocumentSet",
    "SegmentCache",
    "decode_source",
    "extract_segments",
    "load_documents",
    "parse_document",
    "read_document",
    "render_identity",
    "source_paths",
    "split_sentences",
    "split_text",
]


def decode_source(data: bytes, name: str) -> str:
    """Decode UTF-8 (BOM allowed); a bad byte is reported with its line number."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise SourceError(f"{name}:{line}: not valid UTF-8 (byte 0x{data[exc.start]:02x})") from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")  # Windows and old Mac line ends


def read_document(
    path: Path, root: Path | None = None, splitter: Splitter | None = None
) -> Document:
    """Read and parse one source document; the slug must match the file name.

    :param splitter: splits blocks into sentences (a :class:`SegmentCache` reuses earlier
        splits); the default splits every block now.
    """
    name = str(path.relative_to(root)) if root else str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{name}: cannot read ({exc.strerror})") from exc
    doc = parse_document(decode_source(data, name), name, splitter)
    try:
        validate_slug(doc.slug)
        parse_language(doc.lang)
    except TranslatorError as exc:
        raise SourceError(f"{name}:1: front matter: {exc}") from exc
    if doc.slug != path.stem:
        raise SourceError(f"{name}:1: front matter slug {doc.slug!r} differs from the file name")
    return doc


@dataclass
class DocumentSet:
    """Every readable document of a project, plus one error line per unreadable one."""

    documents: list[Document] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def source_paths(source_dir: Path, slugs: list[str] | None = None) -> tuple[list[Path], list[str]]:
    """``source_dir/*.md`` in name order (or only ``slugs``), and one error per missing slug."""
    paths = sorted(source_dir.glob("*.md"))
    if not slugs:
        return paths, []
    wanted = {validate_slug(slug) for slug in slugs}
    missing = wanted - {path.stem for path in paths}
    errors = [f"source/{slug}.md: no such document" for slug in sorted(missing)]
    return [path for path in paths if path.stem in wanted], errors


def load_documents(
    source_dir: Path, slugs: list[str] | None = None, splitter: Splitter | None = None
) -> DocumentSet:
    """Read ``source_dir/*.md`` in name order (or only ``slugs``), collecting errors."""
    result = DocumentSet()
    root = source_dir.parent
    paths, result.errors = source_paths(source_dir, slugs)
    for path in paths:
        try:
            result.documents.append(read_document(path, root, splitter))
        except TranslatorError as exc:
            result.errors.append(str(exc))
    return result


def split_text(text: str, lang: str) -> list[str]:
    """The sentences of plain text, whitespace inside each folded to single spaces.

    Blank lines separate blocks, and a sentence never runs across a paragraph break.

    >>> split_text("Dr. Smith came.  He\\nleft!\\n\\nNext one", "en")
    ['Dr. Smith came.', 'He left!', 'Next one']
    """
    blocks = [block for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]
    return [
        " ".join(block[start:end].split())
        for block in blocks
        for start, end in split_sentences(block, lang)
    ]


def extract_segments(doc: Document) -> list[Segment]:
    """The document's segments in order (one per sentence, duplicates included)."""
    return list(doc.segments)
