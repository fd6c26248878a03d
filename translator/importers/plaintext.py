"""Plain text and scraped pages -> canonical Markdown: the recognition rules.

Text becomes paragraphs (:mod:`.paragraphs`), then: site chrome is dropped,
the title is the first substantial paragraph, the date line is a short dated line next to it,
a closing run of short "...!" paragraphs are slogans, and a numbered list of organisations after
an introducing line ("Signatories ...") are the signatories. The HTML and Word importers produce
paragraphs from their markup and share everything from :func:`import_paragraphs` on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import PurePath

from translator.errors import SourceError
from translator.importers import chrome
from translator.importers.dates import (
    ends_with_date,
    find_date,
    is_date_only,
    starts_with_date,
)
from translator.importers.margins import Margins, read_margins
from translator.importers.metadata import strip_language_label
from translator.importers.paragraphs import (
    BULLETED,
    CLOSERS,
    NUMBERED,
    Drop,
    Para,
    clean,
    is_slogan_line,
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
MAX_INTRO_WORDS = 30
MAX_SIGNATORY_WORDS = 25
SLUG_WORDS = 6

# Words that introduce the list of signatories, folded; matched at the start of a word
# among the first words of a short paragraph ("Signatories (as of ...", "Erstunterzeichner:").
SIGNATORY_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("signator", "signed by", "signatures", "signers", "co-signers"),
    "de": ("unterzeichn", "erstunterzeichn", "unterschriften"),
    "tr": ("imza",),
    "fr": ("signataire", "signé par"),
    "es": ("firmante", "firmado por", "firmas"),
    "fa": ("امضا",),
}

_LATIN = str.maketrans({"ı": "i", "ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l"})


@dataclass
class ImportResult:
    """A document in canonical Markdown, with what was found and what was thrown away."""

    markdown: str
    slug: str
    title: str
    date: str  # ISO yyyy-mm-dd, or "" when the document has no date line
    dropped: list[str] = field(default_factory=list)  # chrome lines removed, in order
    warnings: list[str] = field(default_factory=list)
    explained: list[Drop] = field(default_factory=list)  # everything left out, with its reason
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
) -> ImportResult:
    """Apply the recognition rules to paragraphs and write canonical Markdown.

    :param paras: paragraphs in document order, with hints where markup gave them.
    :param drops: what the importer already left out (server code, page chrome), reported too.
    :param page_date: the page's own date (HTML metadata), used when no line gives one.
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
    margins = read_margins(paras, lang, _is_intro)
    paras = margins.paras
    if not paras:
        raise SourceError(f"{filename}: no text left once page chrome and metadata are removed")
    title_at = _find_title(paras, lang, filename)
    paras = _split_title(paras, title_at, lang)
    junk = {i for i, para in enumerate(paras) if _is_junk(para)}
    dateline_at = _find_dateline(paras, junk, title_at, lang)
    junk |= {i for i in range(title_at) if i != dateline_at}
    body = [p for i, p in enumerate(paras) if i > title_at and i not in junk and i != dateline_at]
    title, label = strip_language_label(paras[title_at].text, lang)
    date = find_date(paras[dateline_at].text, lang) if dateline_at is not None else ""
    date = date or margins.date or page_date
    warnings = _head_warnings(paras, title_at, filename)
    if not date:
        warnings.append(f"{filename}: no date line near the title; front matter has no date")
    blocks = [Block(Kind.DATELINE, [paras[dateline_at].text])] if dateline_at is not None else []
    blocks += body_blocks(body, lang, warnings)
    if not any(b.kind is Kind.SIGNATORIES for b in blocks):
        warnings.append(f"{filename}: no signatories found")
    if margins.notes:
        notes = [
            Item(note.mark if note.mark.isdigit() else "-", note.text) for note in margins.notes
        ]
        blocks.append(Block(Kind.FOOTNOTES, items=notes))
    slug = slug or default_slug(title, date, filename)
    explained = _explained(paras, junk, title_at, margins, drops or [])
    if label:
        explained.append(Drop(paras[title_at].line, label, "language label on the title"))
        explained.sort(key=lambda drop: drop.line)
    return ImportResult(
        markdown=write_markdown(
            slug=slug, title=title, date=date, lang=lang, blocks=blocks, extra=margins.meta
        ),
        slug=slug,
        title=title,
        date=date,
        dropped=[drop.text for drop in explained],
        warnings=warnings,
        explained=explained,
        meta=dict(margins.meta),
    )


def _explained(
    paras: list[Para], junk: set[int], title_at: int, margins: Margins, drops: list[Drop]
) -> list[Drop]:
    """Everything left out, in source order, each with its reason."""
    found = list(drops) + margins.drops
    for i in sorted(junk):
        reason = "site chrome" if _is_junk(paras[i]) else "above the title"
        lines = paras[i].lines or [paras[i].text]
        found += [
            Drop(paras[i].line + k if paras[i].lines else paras[i].line, line, reason)
            for k, line in enumerate(lines)
        ]
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
    return para.hint == "chrome" or chrome.is_chrome(para.text)


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
    return found


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


def parse_item(para: Para, lang: str) -> Item | None:
    """The list item a paragraph is ("  1. PCPCI ...", "1) X", "1- X", "• X"), or None."""
    if para.marker:
        return Item(para.marker, para.text)
    if para.hint or starts_with_date(para.text, lang):  # "1. Mai 2020: ..." is no list item
        return None
    if match := NUMBERED.match(para.text):
        return Item(str(int(match.group(1))), para.text[match.end() :])
    if match := BULLETED.match(para.text):
        return Item("-", para.text[match.end() :])
    return None


def _is_intro(para: Para) -> bool:
    """A short paragraph whose first words announce the signatories."""
    if para.hint == "title" or word_count(para.text) > MAX_INTRO_WORDS:
        return False
    head = " " + " ".join(re.sub(r"[^\w\s-]", " ", chrome.fold(para.text)).split()[:3])
    stems = (chrome.fold(s) for words in SIGNATORY_WORDS.values() for s in words)
    return any(f" {stem}" in head for stem in stems)


def _is_slogan(para: Para, item: Item | None) -> bool:
    return not para.hint and item is None and is_slogan_line(para.text)


def _organisations(items: list[Item | None]) -> bool:
    """Items that read like names of organisations: short, mostly without a closing stop."""
    texts = [item.text for item in items if item]
    stops = sum(1 for t in texts if t.rstrip(CLOSERS).endswith((".", "!", "?", ":", ";")))
    short = all(word_count(t) <= MAX_SIGNATORY_WORDS for t in texts)
    return bool(texts) and short and stops <= 0.3 * len(texts)


def _signatory_span(body: list[Para], items: list[Item | None]) -> tuple[int, int, int] | None:
    """(intro start, list start, list end) of the signatories in ``body``, or None."""
    for i, para in enumerate(body):
        if items[i] is not None or not _is_intro(para):
            continue
        end = i + 1
        while end < len(body) and items[end] is not None:
            end += 1
        if end > i + 1:
            return i, i + 1, end
        rest = body[i + 1 :]
        # An unnumbered list of organisations that runs to the end of the document.
        if rest and all(
            word_count(p.text) <= MAX_SIGNATORY_WORDS and not _is_slogan(p, None) for p in rest
        ):
            return i, i + 1, len(body)
    start = len(body)
    while start > 0 and items[start - 1] is not None and items[start - 1].marker != "-":
        start -= 1
    if len(body) - start < 2 or not _organisations(items[start:]):
        return None
    intro = start - 1
    if (
        intro >= 0
        and word_count(body[intro].text) <= MAX_INTRO_WORDS
        and not body[intro].hint
        and not _is_slogan(body[intro], items[intro])
    ):
        return intro, start, len(body)
    return start, start, len(body)


def _signatories(
    body: list[Para], items: list[Item | None], span: tuple[int, int, int], warnings: list[str]
) -> Block:
    intro, start, end = span
    found = [items[k] or Item("", body[k].text) for k in range(start, end)]
    if any(not item.marker.isdigit() for item in found):
        found = [Item(str(n), item.text) for n, item in enumerate(found, start=1)]
        warnings.append(
            f"signatories had no numbers (line {body[start].line}): numbered 1 to {len(found)}"
        )
    return Block(Kind.SIGNATORIES, [p.text for p in body[intro:start]], found)


def body_blocks(body: list[Para], lang: str, warnings: list[str]) -> list[Block]:
    """Classify the paragraphs after the title and date line into blocks."""
    items = [parse_item(p, lang) for p in body]
    span = _signatory_span(body, items)
    stop = span[0] if span else len(body)
    slogans = _slogan_runs(body[:stop], items[:stop])
    blocks: list[Block] = []
    for i, para in enumerate(body[:stop]):
        if i in slogans:
            _append(blocks, Kind.SLOGANS, text=para.text, new=i - 1 not in slogans)
        elif items[i] is not None:
            prev = items[i - 1] if i else None
            same = prev is not None and (prev.marker == "-") == (items[i].marker == "-")
            _append(blocks, Kind.LIST, item=items[i], new=not same)
        elif para.hint in ("heading", "title"):
            blocks.append(Block(Kind.HEADING, [para.text]))
        else:
            blocks.append(Block(Kind.PARAGRAPH, [para.text]))
    if span:
        blocks.append(_signatories(body, items, span, warnings))
        blocks += body_blocks(body[span[2] :], lang, warnings) if span[2] < len(body) else []
    return blocks


def _slogan_runs(body: list[Para], items: list[Item | None]) -> set[int]:
    """Indexes of slogans: the closing run of "...!" paragraphs, and any run of two or more."""
    flags = [_is_slogan(p, item) for p, item in zip(body, items, strict=True)]
    found: set[int] = set()
    i = 0
    while i < len(flags):
        j = i
        while j < len(flags) and flags[j]:
            j += 1
        if j - i >= 2 or (j > i and j == len(flags)):
            found.update(range(i, j))
        i = max(j, i + 1)
    return found


def _append(
    blocks: list[Block], kind: Kind, *, text: str = "", item: Item | None = None, new: bool
) -> None:
    if new or not blocks or blocks[-1].kind is not kind:
        blocks.append(Block(kind))
    if item is not None:
        blocks[-1].items.append(item)
    else:
        blocks[-1].texts.append(text)


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
