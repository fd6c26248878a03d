"""The build: every document in every language, gated, rendered in memory, then written.

:func:`build_documents` decides and renders (no file is touched); :func:`write_build` writes
the files whose bytes changed and removes outputs of languages that are no longer published.
Output layout under the output directory::

    index.html                            every document (html format)
    <slug>/index.html                     the document's languages with completion (html)
    <slug>/<lang>.md, .html, .txt         one per published language, the original included
    <slug>/<lang>.docx, .odt              the same, for word processors (on request)
    locale/<lang>/LC_MESSAGES/<slug>.mo   compiled catalog (mo format)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import polib

from translator.build.contexts import document_context
from translator.build.documents import Fallback, LocalizedDocument, render_document, source_document
from translator.build.docx import render_docx
from translator.build.html import (
    DocumentEntry,
    LanguageEntry,
    render_document_index,
    render_page,
    render_site_index,
)
from translator.build.manifest import digest
from translator.build.mo import compile_mo
from translator.build.odt import render_odt
from translator.build.report import BuildItem, BuildReport, Status, find_issues
from translator.build.rules import (
    RuleContext,
    evaluate_rules,
    parse_rule,
    rules_for,
    validate_rules,
)
from translator.build.text import render_text
from translator.build.translations import (
    Selection,
    Use,
    catalog_index,
    choose_translations,
    clean_translation,
)
from translator.catalog.io import read_catalog
from translator.catalog.state import entry_state
from translator.catalog.template import catalog_path
from translator.config import Settings
from translator.errors import CatalogError, TranslatorError
from translator.languages import normalize_language
from translator.model import Document, EntryState

if TYPE_CHECKING:
    from translator.qa.base import CheckContext

FORMATS = ("md", "html", "txt", "mo")  # what a build makes unless told
WORD_FORMATS = ("docx", "odt")  # word processors' files, on request (--format docx,odt)
ALL_FORMATS = FORMATS + WORD_FORMATS
PAGE_FORMATS = ("md", "html", "txt", *WORD_FORMATS)

MO_DIR = "locale"


@dataclass
class BuildOptions:
    """What to build; ``None`` means the project's default."""

    formats: tuple[str, ...] = FORMATS
    langs: list[str] | None = None  # None: every language with catalogs
    min_completion: float | None = None  # None: Settings.build_min_completion
    fallback: Fallback = Fallback.SOURCE
    checks: bool = True  # False: run the quality checks only where a rule (no-errors) needs them


@dataclass
class BuildResult:
    """The report and every output file's bytes, by path relative to the output directory."""

    report: BuildReport
    files: dict[str, bytes] = field(default_factory=dict)
    owned: dict[str, set[str]] = field(default_factory=dict)  # slug -> languages considered
    full: bool = True  # every language was considered (no --lang): any other output is stale
    kept: set[str] = field(default_factory=set)  # outputs an earlier build made that still stand

    def add(self, part: DocumentBuild) -> None:
        """Take one document's items, errors and files, in build order."""
        self.owned[part.slug] = set(part.codes)
        self.report.items += part.items
        self.report.errors += part.errors
        self.files.update(part.files)


def parse_formats(spec: str | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """``"md,html"`` (or a list of such) -> ``("md", "html")`` in canonical order."""
    items = [spec] if isinstance(spec, str) else list(spec)
    wanted = {part.strip().lower() for item in items for part in item.split(",") if part.strip()}
    known = ", ".join(ALL_FORMATS)
    unknown = wanted - set(ALL_FORMATS)
    if unknown:
        raise TranslatorError(
            f"unknown format(s) {', '.join(sorted(unknown))}: choose from {known}"
        )
    if not wanted:
        raise TranslatorError(f"no format given: choose from {known}")
    return tuple(fmt for fmt in ALL_FORMATS if fmt in wanted)


def build_documents(
    settings: Settings, documents: list[Document], languages: list[str], options: BuildOptions
) -> BuildResult:
    """Decide and render every (document, language); nothing is written.

    :param settings: the project's settings (threshold, drafts, rules, locales directory).
    :param documents: parsed source documents, in output order.
    :param languages: the project's languages, used when ``options.langs`` is None; each
        document is then also published in its own language (the original).
    :param options: languages, formats, threshold override and fallback.
    """
    validate_rules(settings.build_rules)
    threshold = (
        settings.build_min_completion if options.min_completion is None else options.min_completion
    )
    report = BuildReport(
        formats=list(options.formats),
        min_completion=float(threshold),
        fallback=str(options.fallback),
    )
    result = BuildResult(report, full=options.langs is None)
    contexts: dict[str, CheckContext | None] = {}  # one check context per language and build
    entries = []
    for doc in documents:
        codes = document_languages(doc.lang, languages, options.langs)
        part = build_document(settings, doc, codes, options, float(threshold), contexts)
        result.add(part)
        if part.languages:
            entries.append(DocumentEntry(doc.slug, doc.title, len(part.languages)))
    if entries and "html" in options.formats:
        result.files["index.html"] = render_site_index(entries).encode()
    return result


def document_languages(own: str, languages: list[str], langs: list[str] | None) -> list[str]:
    """The languages a document is built in: the requested ones (``langs``), or the project's
    plus the document's own; the original first."""
    own = normalize_language(own)
    wanted = {normalize_language(lang) for lang in langs or languages}
    if langs is None:
        wanted.add(own)
    return sorted(wanted, key=lambda code: (code != own, code))


@dataclass
class DocumentBuild:
    """One document's share of a build: its items in language order and the files rendered."""

    slug: str
    title: str
    codes: list[str]
    items: list[BuildItem] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    languages: list[LanguageEntry] = field(default_factory=list)  # published, original first
    rendered: list[str] = field(default_factory=list)  # languages made in this run (not carried)


@dataclass
class _Published:
    """A language that made it: its page content waits for the full language list."""

    entry: LanguageEntry
    localized: LocalizedDocument


@dataclass
class Carried:
    """A language an earlier build made whose inputs and files have not changed."""

    item: BuildItem
    pages: str  # languages_digest of the language bar its HTML page was made with


def languages_digest(languages: list[LanguageEntry]) -> str:
    """What a page's language bar shows (the languages and their formats, not completion):
    a change makes every page of the document again."""
    return digest([(entry.lang, entry.original, list(entry.formats)) for entry in languages])


def build_document(
    settings: Settings,
    doc: Document,
    codes: list[str],
    options: BuildOptions,
    threshold: float,
    contexts: dict[str, CheckContext | None],
    carried: dict[str, Carried] | None = None,
) -> DocumentBuild:
    """Decide and render one document in ``codes`` (see :func:`document_languages`).

    :param contexts: check contexts by language, shared by the documents of one build.
    :param carried: languages an earlier build made whose inputs and files still stand: they
        are not decided or rendered again, unless their HTML page's language bar changed.
    """
    part = DocumentBuild(doc.slug, doc.title, codes)
    if "mo" in options.formats and doc.slug == MO_DIR:
        part.errors.append(
            f"{doc.path}: the slug {MO_DIR!r} clashes with the MO directory of the build"
        )
        return part
    carried = dict(carried or {})
    made: dict[str, tuple[BuildItem, LocalizedDocument | None]] = {}
    for code in codes:
        if code not in carried:
            made[code] = _build_unit(settings, doc, code, options, threshold, contexts, part)
    part.languages = _languages(codes, made, carried, options.formats)
    if "html" in options.formats:
        current = languages_digest(part.languages)
        for code in [code for code, old in carried.items() if old.pages != current]:
            del carried[code]  # its page lists the languages: make it again
            made[code] = _build_unit(settings, doc, code, options, threshold, contexts, part)
    published = []
    for code in codes:
        if code in carried:
            item = carried[code].item
            item.outputs = unit_outputs(doc.slug, code, item.status, options.formats)
            item.carried = True
        else:
            item, localized = made[code]
            part.rendered.append(code)
            if localized is not None:
                entry = next(entry for entry in part.languages if entry.lang == code)
                published.append(_Published(entry, localized))
        part.items.append(item)
    _render_pages(doc, published, options, part)
    return part


def _languages(codes, made, carried, formats) -> list[LanguageEntry]:
    """The published languages in ``codes`` order, for language bars and the index."""
    pages = tuple(fmt for fmt in formats if fmt in PAGE_FORMATS)
    entries = []
    for code in codes:
        item = carried[code].item if code in carried else made[code][0]
        if item.published:
            original = item.status is Status.ORIGINAL
            entries.append(LanguageEntry(code, float(item.completion or 0.0), original, pages))
    return entries


def unit_outputs(slug: str, code: str, status: Status, formats: tuple[str, ...]) -> list[str]:
    """The output paths of one published (document, language), pages first; none if held back."""
    if status not in (Status.BUILT, Status.ORIGINAL):
        return []
    outputs = [f"{slug}/{code}.{fmt}" for fmt in formats if fmt in PAGE_FORMATS]
    if status is Status.BUILT and "mo" in formats:
        outputs.append(f"{MO_DIR}/{code}/LC_MESSAGES/{slug}.mo")
    return outputs


def _build_unit(
    settings: Settings,
    doc: Document,
    code: str,
    options: BuildOptions,
    threshold: float,
    contexts: dict[str, CheckContext | None],
    part: DocumentBuild,
) -> tuple[BuildItem, LocalizedDocument | None]:
    path = catalog_path(settings.locales_dir, code, doc.slug)
    if code == normalize_language(doc.lang) and not path.is_file():
        item = BuildItem(doc.slug, code, Status.ORIGINAL, completion=100.0)
        localized = source_document(doc)
    else:
        item, localized, po = _build_translation(
            settings, doc, code, path, options, threshold, contexts
        )
        if item.status is Status.ERROR:
            part.errors += item.reasons
        if localized is not None and "mo" in options.formats:
            part.files[f"{MO_DIR}/{code}/LC_MESSAGES/{doc.slug}.mo"] = compile_mo(po)
    item.outputs = unit_outputs(doc.slug, code, item.status, options.formats)
    return item, localized


def _build_translation(
    settings: Settings,
    doc: Document,
    code: str,
    path: Path,
    options: BuildOptions,
    threshold: float,
    contexts: dict[str, CheckContext | None],
) -> tuple[BuildItem, LocalizedDocument | None, polib.POFile | None]:
    relative = _relative(path, settings.root)
    item = BuildItem(doc.slug, code, Status.SKIPPED, catalog=relative)
    if not path.is_file():
        item.reasons.append("no catalog")
        return item, None, None
    try:
        po = read_catalog(path)
    except CatalogError as exc:
        item.status = Status.ERROR
        item.reasons.append(str(exc))
        return item, None, None
    allow = {normalize_language(lang) for lang in settings.build_allow_drafts if lang != "*"}
    drafts_ok = code in allow or "*" in settings.build_allow_drafts
    selection = choose_translations(doc, po, allow_drafts=drafts_ok)
    item.completion = selection.completion
    item.warnings += selection.warnings
    if selection.not_in_catalog:
        item.warnings.append(
            f"{selection.not_in_catalog} sentence(s) of the source are not in {relative}: "
            "run `translator update`"
        )
    specs = rules_for(settings.build_rules, code)
    why = ""
    if options.checks or any(parse_rule(spec)[0] == "no-errors" for spec in specs):
        item.issues, why = find_issues(
            po,
            code,
            used=_used_msgids(doc, selection),
            settings=settings,
            slug=doc.slug,
            include_drafts=drafts_ok,
            context=document_context(settings, code, doc.slug, contexts, po),
        )
    if why:
        item.warnings.append(f"checks not run: {why}")
    ctx = RuleContext(doc, selection, threshold, item.issues, settings.blocking_checks, why)
    item.rules = evaluate_rules(specs, ctx)
    item.counts = _counts(selection, options.fallback)
    failed = [result for result in item.rules if not result.ok]
    if failed:
        item.reasons += [f"{result.rule}: {result.detail}" for result in failed]
        return item, None, po
    item.status = Status.BUILT
    title = _front_title(doc, po, drafts_ok)
    localized = render_document(doc, selection, code, fallback=options.fallback, front_title=title)
    return item, localized, po


def carry_document(
    slug: str, title: str, codes: list[str], carried: dict[str, Carried], options: BuildOptions
) -> DocumentBuild:
    """A document whose every language an earlier build made: its items, and its index."""
    part = DocumentBuild(slug, title, codes)
    part.languages = _languages(codes, {}, carried, options.formats)
    for code in codes:
        item = carried[code].item
        item.outputs = unit_outputs(slug, code, item.status, options.formats)
        item.carried = True
        part.items.append(item)
    if part.languages and "html" in options.formats:
        part.files[f"{slug}/index.html"] = render_document_index(title, part.languages).encode()
    return part


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _used_msgids(doc: Document, selection: Selection) -> set[str]:
    """The sentences whose catalog translations appear in the document."""
    return {
        segment.text
        for segment, choice in zip(doc.segments, selection.choices, strict=True)
        if choice.use is Use.TRANSLATION
    }


def _counts(selection: Selection, fallback: Fallback) -> dict[str, int]:
    missing = selection.missing
    return {
        "segments": len(selection.choices),
        "sentences": selection.sentences,
        "translated": selection.done,
        "drafts": selection.drafts,
        "joined": selection.count(Use.JOINED),
        "fallback": missing if fallback is Fallback.SOURCE else 0,
        "left_out": missing if fallback is Fallback.SKIP else 0,
        "not_in_catalog": selection.not_in_catalog,
    }


def _front_title(doc: Document, po: polib.POFile, drafts_ok: bool) -> str | None:
    """A catalog translation of the whole front matter title, if it has one of its own."""
    entry = catalog_index(po).get(doc.title)
    if entry is None:
        return None
    state = entry_state(entry)
    if state is EntryState.UNTRANSLATED or (state is EntryState.DRAFT and not drafts_ok):
        return None
    return clean_translation(entry.msgstr) or None


def _render_pages(
    doc: Document, published: list[_Published], options: BuildOptions, result: DocumentBuild
) -> None:
    """The pages of the languages rendered now; the index and language bars list them all."""
    languages = result.languages
    for item in published:
        code, localized = item.entry.lang, item.localized
        if "md" in options.formats:
            result.files[f"{doc.slug}/{code}.md"] = localized.markdown.encode()
        if "txt" in options.formats:
            result.files[f"{doc.slug}/{code}.txt"] = render_text(localized.markdown).encode()
        if "html" in options.formats:
            result.files[f"{doc.slug}/{code}.html"] = render_page(localized, languages).encode()
        if "docx" in options.formats:
            result.files[f"{doc.slug}/{code}.docx"] = render_docx(localized)
        if "odt" in options.formats:
            result.files[f"{doc.slug}/{code}.odt"] = render_odt(localized)
    if languages and "html" in options.formats:
        index = render_document_index(doc.title, languages)
        result.files[f"{doc.slug}/index.html"] = index.encode()
