"""Plain text and scraped pages -> canonical Markdown: the recognition rules.

Text becomes paragraphs (:mod:`.paragraphs`), then: what stands around the document is taken
out (:mod:`.margins`: credits, URL and metadata lines, footnotes, closing link labels), site
chrome is dropped, the title is the first substantial paragraph (without a site's language
label), the date line is a short dated line next to it, and the body becomes blocks
(:mod:`.body`: lists, slogans, signatories). The HTML and Word importers produce paragraphs
from their markup and share everything from :func:`import_paragraphs` on. Everything left out
is reported with its line and reason (``ImportResult.explained``, ``translator import
--explain``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import PurePath

from translator.errors import SourceError
from translator.importers import chrome
from translator.importers.body import body_blocks
from translator.importers.dates import (
    ends_with_date,
    find_date,
    is_date_only,
)
from translator.importers.margins import Margins, read_margins
from translator.importers.metadata import strip_language_label
from translator.importers.paragraphs import (
    Drop,
    Para,
    clean,
    join_lines,
    split_paragraphs,
)
from translator.importers.sniff import strip_server_code
from translator.importers.writer import Block, Item, Kind, write_markdown
from translator.languages import parse_language
from translator.text import slugify, validate_slug, word_count

MIN_TITLE_WORDS = 3  # fewer is a menu entry or a site name, not a title
MAX_TITLE_WORDS = 30  # longer: probably a body paragraph of a page without a title
LONG_HEAD_WORDS = 8  # dropping this much text above the title deserves a warning
MAX_DATELINE_WORDS = 15
SLUG_WORDS = 6
SITE_NAME_WORDS = 6  # "Title – International Coordination of Revolutionary Parties"
TITLE_CHOICES = 3  # leading title-sized lines among which the heading is looked for

_LATIN = str.maketrans({"ı": "i", "ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l"})


@dataclass
class ImportResult:
    """A document in canonical Markdown, with what was found and what was thrown away."""

    markdown: str
    slug: str
    title: str
    date: str  # ISO yyyy-mm-dd, or "" when the document has no date line
    dropped: list[str] = field(default_factory=list)  # lines left out (chrome, metadata), in order
    warnings: list[str] = field(default_factory=list)
    explained: list[Drop] = field(default_factory=list)  # those and hidden HTML, with reasons
    meta: dict[str, str] = field(default_factory=dict)  # front matter beyond slug/title/date/lang


def import_text(
    text: str, *, lang: str = "en", slug: str | None = None, filename: str = "<text>"
) -> ImportResult:
    """Import plain text (a page copied or scraped from a website) as canonical Markdown.

    :param text: the whole text, already decoded.
    :param lang: BCP 47 code of the document's language (month names, front matter).
    :param slug: the document's name; by default made from the title's first words and the date.
    :param filename: named in errors and warnings.

    >>> result = import_text("Home\\n\\nStrike now, all of us!\\n\\n1 May 2021\\n\\nWe stand.")
    >>> result.title, result.date, result.slug, result.dropped
    ('Strike now, all of us!', '2021-05-01', 'strike-now-all-of-us-2021-05-01', ['Home'])
    """
    if not text.strip():
        raise SourceError(f"{filename}: empty input, nothing to import")
    text, drops = strip_server_code(text)
    paras = split_paragraphs(text)
    return import_paragraphs(paras, lang=lang, slug=slug, filename=filename, drops=drops)


def import_paragraphs(
    paras: list[Para],
    *,
    lang: str = "en",
    slug: str | None = None,
    filename: str = "<text>",
    drops: list[Drop] | None = None,
    page_date: str = "",
    page_url: str = "",
) -> ImportResult:
    """Apply the recognition rules to paragraphs and write canonical Markdown.

    :param paras: paragraphs in document order, with hints where markup gave them.
    :param drops: what the importer already left out (server code, page chrome), reported too.
    :param page_date: the page's own date (HTML metadata), used when no line gives one.
    :param page_url: the page's own address (its canonical link), used when no line gives one.
    :raises SourceError: nothing but whitespace, or no title.
    :raises ConfigError: a slug that is not a safe document name.
    :raises LanguageError: a language code Babel does not know.
    """
    parse_language(lang)
    lang = lang.replace("_", "-")  # BCP 47 spelling in the front matter
    if slug is not None:
        validate_slug(slug)
    paras = [replace(p, text=clean(p.text)) for p in paras]
    paras = [p for p in paras if p.text.strip()]
    if not paras:
        raise SourceError(f"{filename}: empty input, nothing to import")
    margins = read_margins(paras, lang)
    if not margins.paras:
        raise SourceError(f"{filename}: no text left once page chrome and metadata are removed")
    head = _read_head(margins.paras, lang, filename)
    date = head.date or margins.date or page_date
    if page_url:
        margins.meta.setdefault("original_url", page_url)
    warnings = _head_warnings(head.paras, head.title_at, filename)
    if not date:
        warnings.append(f"{filename}: no date line near the title; front matter has no date")
    blocks = _blocks(head, margins, lang, warnings)
    if not any(b.kind is Kind.SIGNATORIES for b in blocks):
        warnings.append(f"{filename}: no signatories found")
    slug = slug or default_slug(head.title, date, filename)
    explained = _explained(head, margins, drops or [])
    return ImportResult(
        markdown=write_markdown(
            slug=slug, title=head.title, date=date, lang=lang, blocks=blocks, extra=margins.meta
        ),
        slug=slug,
        title=head.title,
        date=date,
        dropped=[drop.text for drop in explained],
        warnings=warnings,
        explained=explained,
        meta=dict(margins.meta),
    )


@dataclass
class _Head:
    """Where the title and date line are, and what goes before and around them."""

    paras: list[Para]
    title_at: int
    dateline_at: int | None
    junk: set[int]  # chrome, and everything above the title but the date line
    title: str
    label: str  # a site's language label taken off the title ("Farsi")
    date: str  # from the date line


def _read_head(paras: list[Para], lang: str, filename: str) -> _Head:
    """Find the title and the date line, and what is chrome."""
    title_at = _find_title(paras, lang, filename)
    paras = _split_title(paras, title_at, lang)
    junk = {i for i, para in enumerate(paras) if _is_junk(para)}
    dateline_at = _find_dateline(paras, junk, title_at, lang)
    junk |= {i for i in range(title_at) if i != dateline_at}
    title, label = strip_language_label(paras[title_at].text, lang)
    date = find_date(paras[dateline_at].text, lang) if dateline_at is not None else ""
    return _Head(paras, title_at, dateline_at, junk, title, label, date)


def _blocks(head: _Head, margins: Margins, lang: str, warnings: list[str]) -> list[Block]:
    """The blocks after the title: date line, body, and the footnotes at the end."""
    skip = head.junk | {head.dateline_at}
    body = [p for i, p in enumerate(head.paras) if i > head.title_at and i not in skip]
    dated = head.dateline_at is not None
    blocks = [Block(Kind.DATELINE, [head.paras[head.dateline_at].text])] if dated else []
    blocks += body_blocks(body, lang, warnings)
    if margins.notes:
        notes = [Item(n.mark if n.mark.isdigit() else "-", n.text) for n in margins.notes]
        blocks.append(Block(Kind.FOOTNOTES, items=notes))
    return blocks


def _explained(head: _Head, margins: Margins, drops: list[Drop]) -> list[Drop]:
    """Everything left out, in source order, each with its reason."""
    found = list(drops) + margins.drops
    for i in sorted(head.junk):
        para = head.paras[i]
        reason = "site chrome" if _is_junk(para) else "above the title"
        lines = para.lines or [para.text]
        found += [Drop(para.line + k, line, reason) for k, line in enumerate(lines)]
    if head.label:
        found.append(
            Drop(head.paras[head.title_at].line, head.label, "language label on the title")
        )
    return sorted(found, key=lambda drop: drop.line)


def _head_warnings(paras: list[Para], title_at: int, filename: str) -> list[str]:
    """Point at what a person should check: text dropped above the title, a very long title."""
    dubious = [p for p in paras[:title_at] if not _is_junk(p) and not chrome.is_head_chrome(p.text)]
    warnings = [
        f"{filename}:{p.line}: dropped {word_count(p.text)} words above the title"
        for p in dubious
        if word_count(p.text) >= LONG_HEAD_WORDS
    ]
    words = word_count(paras[title_at].text)
    if words > MAX_TITLE_WORDS:
        warnings.append(f"{filename}:{paras[title_at].line}: the title has {words} words")
    return warnings


def _substantial(para: Para, lang: str) -> bool:
    return word_count(para.text) >= MIN_TITLE_WORDS and not is_date_only(para.text, lang)


def _is_junk(para: Para) -> bool:
    text = para.text
    return para.hint == "chrome" or chrome.is_chrome(text) or chrome.is_tail_chrome(text)


def _find_title(paras: list[Para], lang: str, filename: str) -> int:
    """Index of the title: marked up, named by a breadcrumb, or the first substantial line."""
    candidates = [i for i, para in enumerate(paras) if not _is_junk(para)]
    marked = [i for i in candidates if paras[i].hint == "title" and _substantial(paras[i], lang)]
    named = [
        j
        for i, para in enumerate(paras)
        if chrome.crumbs(para.text)
        for j in [c for c in candidates if c > i][:3]
        if chrome.repeats_title(para.text, (paras[j].lines or [paras[j].text])[0])
    ]
    plain = [
        i
        for i in candidates
        if _substantial(paras[i], lang) and not chrome.is_head_chrome(paras[i].text)
    ]
    found = (marked or named or plain or [None])[0]
    if found is None:
        raise SourceError(f"{filename}: no title found (no line of {MIN_TITLE_WORDS}+ words)")
    if not marked and not named:
        found = _heading_among(paras, plain, candidates, lang)
        later = [c for c in candidates if c > found][:3]
        found = next((j for j in later if _site_suffixed(paras[found].text, paras[j].text)), found)
    return found


def _heading_among(paras: list[Para], plain: list[int], candidates: list[int], lang: str) -> int:
    """The first of the leading title-sized lines that looks like the document's heading: it
    has a date line under it or a site's language label ("(Farsi) ..."); else the first.
    A site's name line above the menu ("ICOR – International Coordination ...") has neither.
    """
    leading = []
    for i in plain[:TITLE_CHOICES]:
        if word_count(paras[i].text) > MAX_TITLE_WORDS:
            break  # body text: the title is above it
        leading.append(i)
    for i in leading:
        below = [c for c in candidates if c > i][:1]
        dated = any(_dateline_shaped(line, lang) for line in paras[i].lines[1:]) or any(
            _dateline_shaped(paras[c].text, lang) for c in below
        )
        if dated or strip_language_label(paras[i].text, lang)[1]:
            return i
    return plain[0]


def _site_suffixed(page_title: str, heading: str) -> bool:
    """Whether ``page_title`` is ``heading`` plus a site's name ("Title – ICOR", "Title | X"):
    the browser's page title copied above the page's own heading."""
    whole, own = chrome.fold(page_title), chrome.fold(heading)
    rest = whole[len(own) :] if len(own) < len(whole) and whole.startswith(own) else ""
    return bool(re.match(r"\s+[|–—·:-]\s+\S", rest)) and word_count(rest) <= SITE_NAME_WORDS


def _split_title(paras: list[Para], at: int, lang: str) -> list[Para]:
    """Undo a hard-wrap join of title and date line ("Title" + "ICOR Resolution, 17 ...")."""
    lines, first = paras[at].lines, paras[at].line
    for k in range(1, len(lines)):
        if _dateline_shaped(lines[k], lang):
            parts = [join_lines(lines[:k], first), join_lines([lines[k]], first + k)]
            if lines[k + 1 :]:
                parts.append(join_lines(lines[k + 1 :], first + k + 1))
            return paras[:at] + parts + paras[at + 1 :]
    return paras


def _dateline_shaped(text: str, lang: str) -> bool:
    """A short line that is a date, or ends with one ("ICOR Resolution, 17 January 2020")."""
    words = word_count(text)
    if words > MAX_DATELINE_WORDS or not find_date(text, lang):
        return False
    return words <= 6 or ends_with_date(text, lang)


def _is_dateline(para: Para, lang: str) -> bool:
    return para.hint in ("", "heading") and _dateline_shaped(para.text, lang)


def _find_dateline(paras: list[Para], junk: set[int], title_at: int, lang: str) -> int | None:
    """A short dated line among the two paragraphs after the title, else just above it."""
    after = [i for i in range(title_at + 1, len(paras)) if i not in junk][:2]
    before = [i for i in range(title_at - 1, -1, -1) if i not in junk][:2]
    return next((i for i in after + before if _is_dateline(paras[i], lang)), None)


def default_slug(title: str, date: str, filename: str = "<text>") -> str:
    """A slug from the title's first words and the date.

    >>> default_slug("US imperialism endangers world peace. Active resistance!", "2020-01-17")
    'us-imperialism-endangers-world-peace-active-2020-01-17'
    """
    latin = chrome.fold(title).translate(_LATIN)  # "gefährden" -> "gefahrden", not "gef-hrden"
    base = "-".join(slugify(latin).split("-")[:SLUG_WORDS])
    if base == "document" and not filename.startswith("<"):
        base = slugify(PurePath(filename).stem)  # a title in another script: use the file name
    if date and not base.endswith(date):
        base = f"{base[: 119 - len(date)].strip('-')}-{date}"
    return validate_slug(base)
