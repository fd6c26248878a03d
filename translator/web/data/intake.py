"""New documents from the browser: an upload (text, HTML, Word) or pasted text imported, shown
before anything is written, then accepted or dropped.

:func:`import_upload` and :func:`import_pasted` run the importers on what the coordinator gave
and return their :class:`~translator.importers.ImportResult` (nothing written; a Word file goes
through a temporary directory outside the project). :func:`preview_import` parses the
canonical Markdown as ``translator extract`` would and says what accepting it will do: the
blocks with their kinds, what the importer dropped, and for a new version of an existing
document the amendment's impact per language (entries kept, going fuzzy, new, retired),
computed by merging into copies of the catalogs in memory. :func:`accept_import` writes the
source, its template and the catalogs of the project's languages (or merges the new version
into them), and reports which translated entries went fuzzy and whose they were.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from translator.catalog import build_template, read_catalog, update_catalog
from translator.catalog.io import write_text_atomic
from translator.errors import SourceError, TranslatorError
from translator.importers import ImportResult, import_file, import_source
from translator.importers.paragraphs import decode_text
from translator.languages import parse_language
from translator.segment import parse_document
from translator.text import validate_slug

if TYPE_CHECKING:
    from translator.model import Document
    from translator.project import Project

SUFFIXES = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".docx": "word"}


@dataclass
class Block:
    """One block of the imported document as the editor will know it."""

    number: int
    kind: str  # heading, paragraph, list item, ...
    role: str  # title, dateline, paragraph, slogan, signatory
    sentences: list[str] = field(default_factory=list)


@dataclass
class Impact:
    """What merging the new version does to one language's catalog."""

    lang: str
    kept: int = 0
    fuzzy: int = 0
    new: int = 0
    retired: int = 0
    error: str = ""


@dataclass
class ImportPreview:
    """Everything the coordinator sees before accepting an import."""

    markdown: str
    slug: str
    title: str
    date: str
    lang: str
    dropped: list[str]
    warnings: list[str]
    explained: list[tuple[int, str, str]]  # (line, text, reason) for everything left out
    meta: dict[str, str]  # front matter found beyond slug/title/date/lang (translator_credit ...)
    blocks: list[Block]
    sentences: int
    existing: bool  # a new version of a document the project has
    languages: list[str]  # catalogs that will be made or merged
    impact: list[Impact] = field(default_factory=list)


@dataclass
class Accepted:
    """What accepting wrote, and the translated entries that went fuzzy (per language)."""

    slug: str
    title: str
    existing: bool
    source: str
    template: str
    languages: list[str] = field(default_factory=list)
    catalogs: list[str] = field(default_factory=list)
    fuzzy: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # lang -> (old, new)
    errors: list[str] = field(default_factory=list)


def import_upload(data: bytes, filename: str, *, lang: str, slug: str | None) -> ImportResult:
    """Import an uploaded file, chosen by its suffix (.txt, .html/.htm, .docx)."""
    suffix = Path(filename or "").suffix.lower()
    kind = SUFFIXES.get(suffix)
    if kind is None:
        raise SourceError(
            f"{filename or 'the file'}: cannot import this kind of file (use .txt, .html or .docx)"
        )
    if kind == "word":
        with tempfile.TemporaryDirectory(prefix="translator-import-") as folder:
            path = Path(folder) / "upload.docx"
            path.write_bytes(data)
            result = import_file(path, lang=lang, slug=slug)
        result.warnings = [w.replace(str(path), filename) for w in result.warnings]
        return result
    text = decode_text(data, filename)
    kind = "html" if kind == "html" else "auto"  # a page source saved as .txt is HTML too
    return import_source(text, lang=lang, slug=slug, filename=filename, kind=kind)


def import_pasted(text: str, *, lang: str, slug: str | None) -> ImportResult:
    """Import text pasted into the form (a page copied from a website, or its HTML source)."""
    text = text.replace("\r\n", "\n")
    return import_source(text, lang=lang, slug=slug, filename="pasted text")


def read_markdown(markdown: str, slug: str) -> Document:
    """Parse canonical Markdown as ``source/<slug>.md``; SourceError when it would not load."""
    validate_slug(slug)
    name = f"source/{slug}.md"
    doc = parse_document(markdown, name)
    try:
        parse_language(doc.lang)
    except TranslatorError as exc:
        raise SourceError(f"{name}:1: front matter: {exc}") from exc
    if doc.slug != slug:
        raise SourceError(f"{name}:1: front matter slug {doc.slug!r} differs from {slug!r}")
    if not doc.segments:
        raise SourceError(f"{name}: no sentence to translate")
    return doc


def preview_import(project: Project, result: ImportResult) -> ImportPreview:
    """What accepting ``result`` would make or change (nothing is written)."""
    doc = read_markdown(result.markdown, result.slug)
    existing = result.slug in project.slugs()
    languages = project.languages()
    preview = ImportPreview(
        markdown=result.markdown,
        slug=result.slug,
        title=result.title or doc.title,
        date=result.date,
        lang=doc.lang,
        dropped=list(result.dropped),
        explained=[(drop.line, drop.text, drop.reason) for drop in result.explained],
        meta=dict(result.meta),
        warnings=list(result.warnings),
        blocks=document_blocks(doc),
        sentences=len({segment.text for segment in doc.segments}),
        existing=existing,
        languages=languages,
    )
    if existing:
        preview.impact = amendment_impact(project, doc)
    return preview


def document_blocks(doc: Document) -> list[Block]:
    """The document's blocks in order, each with its kind, role and sentences."""
    blocks: dict[int, Block] = {}
    for segment in doc.segments:
        block = blocks.get(segment.block)
        if block is None:
            block = Block(segment.block, segment.block_kind, segment.role.value)
            blocks[segment.block] = block
        block.sentences.append(segment.text)
    return [blocks[number] for number in sorted(blocks)]


def _template(project: Project, doc: Document):
    return build_template(
        doc.segments,
        slug=doc.slug,
        source_path=f"source/{doc.slug}.md",
        project=project.settings.project_name,
    )


def amendment_impact(project: Project, doc: Document) -> list[Impact]:
    """Per language: what ``translator update`` would keep, make fuzzy, add and retire."""
    pot = _template(project, doc)
    found = []
    for lang in project.languages():
        path = project.catalog_path(lang, doc.slug)
        impact = Impact(lang)
        if not path.is_file():
            impact.new = len(pot)
            found.append(impact)
            continue
        try:
            po = read_catalog(path)  # a fresh copy: the merge below changes only memory
        except TranslatorError as exc:
            impact.error = str(exc).replace(str(project.root) + "/", "")
            found.append(impact)
            continue
        merged = update_catalog(po, pot)
        impact.kept, impact.fuzzy = merged.kept, merged.fuzzy
        impact.new, impact.retired = merged.new, merged.obsolete
        found.append(impact)
    return found


def accept_import(project: Project, markdown: str, slug: str) -> Accepted:
    """Write ``source/<slug>.md``, its template and a catalog per project language.

    A new version of an existing document is merged into its catalogs as ``translator update``
    does; the translated entries it made fuzzy are reported per language (old, new source).
    """
    doc = read_markdown(markdown, slug)
    existing = slug in project.slugs()
    before = _translated(project, slug) if existing else {}
    source = project.settings.source_dir / f"{slug}.md"
    write_text_atomic(source, markdown)
    langs = project.languages()
    report = project.update([slug], langs) if existing else project.init(langs, [slug])
    accepted = Accepted(
        slug=slug,
        title=doc.title,
        existing=existing,
        source=project.relative(source),
        template=project.relative(project.template_path(slug)),
        languages=list(langs),
        catalogs=[project.relative(project.catalog_path(lang, slug)) for lang in langs],
        errors=[e.replace(str(project.root) + "/", "") for e in report.errors],
    )
    if existing:
        accepted.fuzzy = _gone_fuzzy(project, slug, before)
    return accepted


def _translated(project: Project, slug: str) -> dict[str, set[str]]:
    """Per language, the msgids that had a translation and were not fuzzy."""
    found = {}
    for lang, path in project.catalog_paths(slug).items():
        try:
            po = read_catalog(path)
        except TranslatorError:
            continue
        found[lang] = {
            e.msgid for e in po if e.msgstr and "fuzzy" not in e.flags and not e.obsolete
        }
    return found


def _gone_fuzzy(project: Project, slug: str, before: dict[str, set[str]]) -> dict:
    """Entries whose translation was done before the merge and now waits as fuzzy."""
    found: dict[str, list[tuple[str, str]]] = {}
    for lang, path in project.catalog_paths(slug).items():
        done = before.get(lang, set())
        try:
            po = read_catalog(path)
        except TranslatorError:
            continue
        pairs = [
            (entry.previous_msgid, entry.msgid)
            for entry in po
            if not entry.obsolete and "fuzzy" in entry.flags and entry.previous_msgid in done
        ]
        if pairs:
            found[lang] = pairs
    return found
