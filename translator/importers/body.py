"""The body of a resolution -> blocks: list items, slogans, and the signatories.

A closing run of short "...!" paragraphs (or any run of two or more) are slogans; a numbered
list of organisations after an introducing line ("Signatories ...", "Erstunterzeichner:"), or
one that ends the document, are the signatories.
"""

from __future__ import annotations

import re

from translator.importers import chrome
from translator.importers.dates import starts_with_date
from translator.importers.paragraphs import BULLETED, CLOSERS, NUMBERED, Para, is_slogan_line
from translator.importers.writer import Block, Item, Kind
from translator.text import word_count

MAX_INTRO_WORDS = 30
MAX_SIGNATORY_WORDS = 25

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


def is_intro(para: Para) -> bool:
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
        if items[i] is not None or not is_intro(para):
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
