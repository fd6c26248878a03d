"""Plain text and scraped pages -> canonical Markdown: the recognition rules.

Text becomes paragraphs (blank-line groups, hard wraps joined), then: site chrome is dropped,
the title is the first substantial paragraph, the date line is a short dated line next to it,
a closing run of short "...!" paragraphs are slogans, and a numbered list of organisations after
an introducing line ("Signatories ...") are the signatories. The HTML and Word importers produce
paragraphs from their markup and share everything from :func:`import_paragraphs` on.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import NamedTuple

from translator.errors import SourceError
from translator.importers import chrome
from translator.importers.dates import (
    ends_with_date,
    find_date,
    is_date_only,
    starts_with_date,
)
from translator.importers.writer import Block, Item, Kind, write_markdown
from translator.languages import parse_language
from translator.text import slugify, validate_slug, word_count

MIN_TITLE_WORDS = 3  # fewer is a menu entry or a site name, not a title
MAX_DATELINE_WORDS = 15
MAX_SLOGAN_WORDS = 25
MAX_INTRO_WORDS = 30
MAX_SIGNATORY_WORDS = 25
WRAP_LIMIT = 120  # nobody hard-wraps wider: a longer line is a paragraph of its own
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

_NUMBERED = re.compile(r"\(?(\d{1,3})\s?[.)\-–]\s+(?=\S)")
_BULLETED = re.compile(r"[-*•·▪◦‣+]\s+(?=\S)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff]")
_LATIN = str.maketrans({"ı": "i", "ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l"})
_CLOSERS = "\"'”’»)]›」 "


@dataclass
class Para:
    """One paragraph as found: its text (one line), where it starts, and hints from markup."""

    text: str
    line: int = 0  # 1-based source line, 0 when unknown
    hint: str = ""  # "title", "heading", "item" or "chrome", when markup says so
    marker: str = ""  # an item's number ("3") or "-", when markup says so
    lines: list[str] = field(default_factory=list)  # the source lines it was joined from


@dataclass
class ImportResult:
    """A document in canonical Markdown, with what was found and what was thrown away."""

    markdown: str
    slug: str
    title: str
    date: str  # ISO yyyy-mm-dd, or "" when the document has no date line
    dropped: list[str] = field(default_factory=list)  # chrome lines removed, in order
    warnings: list[str] = field(default_factory=list)


def decode_text(data: bytes, filename: str) -> str:
    """Decode UTF-8 (a BOM is fine); SourceError naming the line of the first bad byte."""
    body = data.removeprefix(codecs.BOM_UTF8)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = body.count(b"\n", 0, exc.start) + 1
        column = exc.start - body.rfind(b"\n", 0, exc.start)
        raise SourceError(
            f"{filename}:{line}: not UTF-8 (byte 0x{body[exc.start]:02x} at column {column}); "
            "save the file as UTF-8"
        ) from None


def import_text(
    text: str, *, lang: str = "en", slug: str | None = None, filename: str = "<text>"
) -> ImportResult:
    """Import plain text (a page copied or scraped from a website) as canonical Markdown.

    >>> result = import_text("Home\\n\\nStrike now, all of us!\\n\\n1 May 2021\\n\\nWe stand.")
    >>> result.title, result.date, result.slug, result.dropped
    ('Strike now, all of us!', '2021-05-01', 'strike-now-all-of-us-2021-05-01', ['Home'])
    """
    if not text.strip():
        raise SourceError(f"{filename}: empty input, nothing to import")
    return import_paragraphs(split_paragraphs(text), lang=lang, slug=slug, filename=filename)


# --- text -> paragraphs -------------------------------------------------------------------


class _Line(NamedTuple):
    number: int  # 1-based line number in the source
    text: str  # stripped, runs of spaces folded
    indent: int  # leading spaces: a hanging indent continues a list item


def split_paragraphs(text: str) -> list[Para]:
    """Split text into paragraphs at blank lines, joining hard-wrapped lines with a space."""
    groups: list[list[_Line]] = [[]]
    for number, raw in enumerate(text.splitlines(), start=1):
        clean = _CONTROL.sub("", raw).replace("\t", "    ")
        line = re.sub(" {2,}", " ", clean).strip()
        if line:
            groups[-1].append(_Line(number, line, len(clean) - len(clean.lstrip(" "))))
        elif groups[-1]:
            groups.append([])
    groups = [g for g in groups if g]
    width = _wrap_width(groups)
    return [para for group in groups for para in _reflow(group, width)]


def _starts_item(line: str) -> bool:
    return bool(_NUMBERED.match(line) or _BULLETED.match(line))


def _is_slogan_line(text: str) -> bool:
    return text.rstrip(_CLOSERS).endswith(("!", "！")) and word_count(text) <= MAX_SLOGAN_WORDS


def _shape_break(prev: str, line: str) -> bool | None:
    """Whether the shapes of two lines decide that a paragraph ends between them (None: no)."""
    if _starts_item(line) or chrome.is_chrome(prev) or chrome.is_chrome(line):
        return True
    if _is_slogan_line(prev) and _is_slogan_line(line):
        return True  # "Hands off Rojava!" / "Long live ...!" on consecutive lines
    if re.search(r"\w-$", prev) and line[:1].isalpha():
        return False  # a word hyphenated at the break
    return True if len(prev) > WRAP_LIMIT else None


def _wrap_width(groups: list[list[_Line]]) -> int | None:
    """The width text was hard-wrapped at, or None if every line break ends a paragraph."""
    inner = [
        len(prev.text)
        for group in groups
        for prev, line in zip(group, group[1:], strict=False)
        if _shape_break(prev.text, line.text) is None
    ]
    if not inner:
        return None
    width = max(inner)
    # Greedy wrapping leaves nearly every inner line close to the width; text with one
    # paragraph per line has lines of any length.
    near = sum(1 for n in inner if n >= width - 15)
    return width if near >= 0.6 * len(inner) else None


def _breaks(start: _Line, prev: _Line, line: _Line, width: int | None) -> bool:
    """Whether a line break inside a blank-line group ends the paragraph that began at ``start``."""
    decided = _shape_break(prev.text, line.text)
    if decided is not None:
        return decided
    if _starts_item(start.text) and line.indent > start.indent:
        return False  # hanging indent under "3) KOL ..."
    if width is None:
        return True
    # The next word would have fitted: the writer broke the line on purpose.
    return len(prev.text) + 1 + len(line.text.split(" ", 1)[0]) <= width


def _reflow(group: list[_Line], width: int | None) -> list[Para]:
    runs = [[group[0]]]
    for prev, line in zip(group, group[1:], strict=False):
        if _breaks(runs[-1][0], prev, line, width):
            runs.append([])
        runs[-1].append(line)
    return [_para([line.text for line in run], run[0].number) for run in runs]


def _para(lines: list[str], number: int) -> Para:
    text = lines[0]
    for line in lines[1:]:
        # "Marxist-" + "Leninist": a word hyphenated at the break keeps its hyphen, no space.
        glue = "" if re.search(r"\w-$", text) and line[:1].isalpha() else " "
        text += glue + line
    return Para(text, number, lines=lines)


# --- paragraphs -> blocks -----------------------------------------------------------------


def import_paragraphs(
    paras: list[Para], *, lang: str = "en", slug: str | None = None, filename: str = "<text>"
) -> ImportResult:
    """Apply the recognition rules to paragraphs and write canonical Markdown."""
    parse_language(lang)
    lang = lang.replace("_", "-")  # BCP 47 spelling in the front matter
    if slug is not None:
        validate_slug(slug)
    paras = [p for p in paras if p.text.strip()]
    if not paras:
        raise SourceError(f"{filename}: empty input, nothing to import")
    junk = {i for i, p in enumerate(paras) if p.hint == "chrome" or chrome.is_chrome(p.text)}
    paras, title_at = _find_title(paras, junk, lang, filename)
    dateline_at = _find_dateline(paras, junk, title_at, lang)
    junk |= {i for i in range(title_at) if i != dateline_at}
    body = [p for i, p in enumerate(paras) if i > title_at and i not in junk and i != dateline_at]
    title = paras[title_at].text
    date = find_date(paras[dateline_at].text, lang) if dateline_at is not None else ""
    warnings = (
        [] if date else [f"{filename}: no date line near the title; front matter has no date"]
    )
    blocks = [Block(Kind.DATELINE, [paras[dateline_at].text])] if dateline_at is not None else []
    blocks += body_blocks(body, lang, warnings)
    if not any(b.kind is Kind.SIGNATORIES for b in blocks):
        warnings.append(f"{filename}: no signatories found")
    slug = slug or default_slug(title, date, filename)
    return ImportResult(
        markdown=write_markdown(slug=slug, title=title, date=date, lang=lang, blocks=blocks),
        slug=slug,
        title=title,
        date=date,
        dropped=[line for i in sorted(junk) for line in (paras[i].lines or [paras[i].text])],
        warnings=warnings,
    )


def _substantial(para: Para, lang: str) -> bool:
    return word_count(para.text) >= MIN_TITLE_WORDS and not is_date_only(para.text, lang)


def _find_title(
    paras: list[Para], junk: set[int], lang: str, filename: str
) -> tuple[list[Para], int]:
    """Index of the title: marked up, named by a breadcrumb, or the first substantial line."""
    candidates = [i for i, p in enumerate(paras) if i not in junk]
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
    return _split_title(paras, found, lang), found


def _split_title(paras: list[Para], at: int, lang: str) -> list[Para]:
    """Undo a hard-wrap join of title and date line ("Title" + "ICOR Resolution, 17 ...")."""
    lines = paras[at].lines
    for k in range(1, len(lines)):
        if _dateline_shaped(lines[k], lang):
            parts = [_para(lines[:k], paras[at].line), _para([lines[k]], paras[at].line + k)]
            if lines[k + 1 :]:
                parts.append(_para(lines[k + 1 :], paras[at].line + k + 1))
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
    if match := _NUMBERED.match(para.text):
        return Item(str(int(match.group(1))), para.text[match.end() :])
    if match := _BULLETED.match(para.text):
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
    return not para.hint and item is None and _is_slogan_line(para.text)


def _organisations(items: list[Item | None]) -> bool:
    """Items that read like names of organisations: short, mostly without a closing stop."""
    texts = [item.text for item in items if item]
    stops = sum(1 for t in texts if t.rstrip(_CLOSERS).endswith((".", "!", "?", ":", ";")))
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
