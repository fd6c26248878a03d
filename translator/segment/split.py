"""Sentence splitting of one Markdown block: the sentence spans that become PO entries.

pysbd (rule-based, language-aware) proposes boundaries, one block at a time since its running
time grows with the square of the text length (very long blocks are cut into windows at clear
sentence ends). Each language reaches pysbd's rules for it or for its closest relative by
script (translator.segment.language). pysbd is the authority on ordinary prose; this module
overrides it only where a rule of ours knows better, and a differential run over a real
multilingual corpus (``benchmarks/differential.py``) lists every place where it does, each one
covered by a test. Measured per language in ``benchmarks/segmentation.py``.

A boundary stands only if it follows a mark that ends sentences in the language (``. ! ? …``,
``。！？ ؟ ۔ । ։ ። ፧ ။``, Greek ``;``, Armenian ``:``, Arabic ``،``; translator.segment.language)
or opens an item of an inline list (translator.segment.marks), lies outside inline Markdown,
URLs and balanced quotes or brackets, and does not cut a list marker off its item. No sentence
starts at a comma or a closing bracket, inside a word ("J.-P.", Armenian "Ո՜րքան") or inside a
number ("２．５"). Before a lower-case word a full stop ends a sentence only in Greek, and only
where pysbd put it ("p. ej. sobre", "Magg. dei" are abbreviations); nor does the speaker after
a quotation ("«Θα έρθεις;» ρώτησε", "「你明天會來嗎？」她問。") start one. Abbreviations, initials
and ordinals keep their sentence together (translator.segment.rules). A colon ends an Arabic
or Persian sentence only after a short heading-like lead that no quotation follows
("سؤال وجواب: ...", not "قالت: «...»"). We add boundaries pysbd misses
(translator.segment.rules.own_cuts). Ethiopic text is read with its wordspace after "።" as a
space and its double wordspace "፡፡" as "።" (same offsets), so both split as a reader expects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pysbd

from translator.segment.language import base_language, ends_with_dot, library_language, terminals
from translator.segment.marks import QUOTE_PAIRS, Enumeration, enumeration, protected
from translator.segment.rules import (
    CLOSERS,
    OPENERS,
    SPACE,
    abbreviated,
    library_abbreviation,
    lower_start,
    own_cuts,
)

# Bump when a rule changes what a block splits into: the segmentation cache (cache.py) keys on
# it (and on this package's code and pysbd's version), so old spans are never reused.
SEGMENTER_VERSION = 2
_CONTEXT = 100  # characters around a boundary that the rules look at
_WINDOW = 2000
_CLEAR_END = re.compile(r"(?<!\w)[^\W\d_][^\W\d_A-Z]{3,}[.!?] +(?=\S)")
_LIST_NUMBER = re.compile(r"\d{1,3}\.\s+(?=\S)")
_CLOSE_RUN = rf"(?:[{SPACE}]?[{re.escape(CLOSERS)}])*"
_CLOSING_TAIL = re.compile(rf"{_CLOSE_RUN}(?=\s|$)")
_BULLETS = "•⁃‣◦▪)\n"
_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*(?=\S)")  # never inside a Markdown block; ends one
_COLON_LEAD = 12  # words at most before a colon that ends an Arabic or Persian heading-like lead
_COLON_LEADS = frozenset({"ar", "fa"})  # pysbd languages where a colon ends a lead
_QUOTES = "\"'“‘„«‹(["
_DASHES = " \u00a0–—-"  # between a quotation and its speaker: "…?“ – попита тя"
_NO_START = ",;:)]}،؛"
_WORDSPACE = "\u1361"  # Ethiopic "፡"
_LETTER_DOT = re.compile(r"[^\W\d_]\.")  # one letter and a stop: either half of "أ.د."
_SPEAKER = re.compile(
    r"[^\s。！？]{1,6}[。！？]"
)  # "她問。" after a quotation  # no sentence starts with these
_IN_WORD = "՜՞՛"  # Armenian marks written on a word's vowel ("Ո՜րքան"): an end only before a space


@dataclass
class _Block:
    """What the keep rules know about one block."""

    text: str
    base: str  # primary language subtag: our own tables
    code: str  # pysbd language
    ends: str  # marks that end a sentence
    library: set[int]  # cuts pysbd proposed
    listing: Enumeration
    protected: list[tuple[int, int]]


def split_sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """Return the sentence spans ``(start, end)`` of one Markdown block, in order.

    Spans are stripped of outer whitespace and do not overlap; the whitespace between them
    belongs to no span. Empty or blank text gives no span.

    :param text: one block: a paragraph, heading or list item text, soft line breaks allowed.
    :param lang: BCP 47 language code of the text, e.g. ``en``, ``de``, ``pt-BR``.

    >>> text = "Mr. Smith arrived on 16. January 2020. He said: \\"Stop. Now.\\" Then left."
    >>> [text[s:e] for s, e in split_sentences(text, "en")]
    ['Mr. Smith arrived on 16. January 2020.', 'He said: "Stop. Now."', 'Then left.']
    """
    if not text or text.isspace():
        return []
    text = _ethiopic_view(text)
    code = library_language(lang, text)
    ends = terminals(code)
    if not any(ch in ends or ch in _BULLETS for ch in text):  # nothing can end a sentence
        return [_strip(text, 0, len(text))]
    base = base_language(lang)
    block = _Block(text, base, code, ends, _library_cuts(text, code), enumeration(text, ends), [])
    block.listing.starts.update(m.end() for m in _BLANK_LINE.finditer(text))
    proposed = block.library | own_cuts(text, base, ends_with_dot(code)) | block.listing.starts
    block.protected = protected(text)
    cuts, last = [], 0
    for cut in sorted(proposed):
        if 0 < cut < len(text) and _keeps(block, cut, last):
            cuts.append(cut)
            last = cut
    bounds = [0, *cuts, len(text)]
    spans = (_strip(text, a, b) for a, b in zip(bounds, bounds[1:], strict=False))
    return [span for span in spans if span[0] < span[1]]


def _ethiopic_view(text: str) -> str:
    """The text as the rules see it, of the same length: in Ethiopic a wordspace after a full
    stop separates ("።፡የተፈጥሮ" reads "። የተፈጥሮ"), and two wordspaces stand for a full stop
    ("እዮም፡፡ ምስትውዓልን" reads "እዮም ። ምስትውዓልን")."""
    if _WORDSPACE not in text:
        return text
    return text.replace("።" + _WORDSPACE, "። ").replace(_WORDSPACE * 2, " ።")


@lru_cache(maxsize=32)
def _segmenter(code: str) -> pysbd.Segmenter:
    return pysbd.Segmenter(language=code, clean=False)


def _library_sentences(text: str, code: str) -> list[str]:
    """The library's sentences for one block (the benchmark swaps this to compare libraries)."""
    return _segmenter(code).segment(text)


def _library_cuts(text: str, code: str) -> set[int]:
    """Offsets in ``text`` where pysbd starts a new sentence (after any whitespace)."""
    flat = re.sub(r"\s", " ", text)  # soft line breaks are not boundaries; same length
    cuts: set[int] = set()
    for start, end in _windows(flat):
        if start:
            cuts.add(start)
        pos = start
        for sentence in _library_sentences(flat[start:end], code):
            core = sentence.strip()
            found = flat.find(core, pos, end) if core else -1
            if found < 0:  # pysbd changed the text: skip this piece rather than misplace a cut
                continue
            if found > start:
                cuts.add(_skip_closers(flat, found))
                number = _LIST_NUMBER.match(flat, found)
                if number:  # pysbd starts list items at "1. "; the sentence may end after it
                    cuts.add(number.end())
            pos = found + len(core)
    return cuts


def _windows(text: str) -> list[tuple[int, int]]:
    """Cut a very long block at clear sentence ends ("word. The") into windows of at most
    ``_WINDOW`` characters where possible, since pysbd's time grows with the square of length."""
    windows, start = [], 0
    while len(text) - start > _WINDOW:
        ends = [
            m.end()
            for m in _CLEAR_END.finditer(text, start + _WINDOW // 2, start + _WINDOW)
            if text[m.end()].isupper()
        ]
        if not ends:
            break
        windows.append((start, ends[-1]))
        start = ends[-1]
    windows.append((start, len(text)))
    return windows


def _skip_closers(text: str, pos: int) -> int:
    """Move a cut placed before closing marks ("Stop.|" ) past them and any whitespace."""
    tail = _CLOSING_TAIL.match(text, pos)
    if tail:
        pos = tail.end()
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _keeps(block: _Block, cut: int, last: int) -> bool:
    """Whether a boundary proposed at ``cut`` (the next sentence's first character) stands;
    ``last`` is where the current sentence starts."""
    text = block.text
    if any(start < cut < end for start, end in block.protected) or cut in block.listing.ends:
        return False
    if cut in block.listing.starts:
        return True
    start = max(last, cut - _CONTEXT)  # look back only so far: long blocks stay linear
    core = text[start:cut].rstrip().rstrip(CLOSERS + SPACE)
    if not core or core[-1] not in block.ends:
        return False
    mark, following = core[-1], text[cut : cut + _CONTEXT].lstrip(OPENERS)
    glued = not text[cut - 1].isspace()
    if _cannot_start(text, cut, mark, glued):
        return False
    if mark == ":" and block.code in _COLON_LEADS:
        return _lead_ends(text, last, cut)
    own = cut not in block.library
    if own and _attribution(text, last, cut):
        return False
    lower = _lower_case(following.lstrip(_DASHES)[:1])
    speaker = text[:cut].rstrip()[-1] in CLOSERS or following[:1] in _DASHES  # "? —dijo"
    if lower and (
        own or speaker or (mark == "." and not lower_start(core, block.base, block.code))
    ):
        return False  # "p. ej. sobre", "«Θα έρθεις;» ρώτησε": an abbreviation, a quote's speaker
    if mark != ".":
        return True
    if own and glued and library_abbreviation(core.split()[-1][:-1], block.base, block.code):
        return False  # "usw.Die": pysbd knows the abbreviation and saw no end
    return not abbreviated(core, following, block.base, block.code, opens_sentence=start == last)


def _lower_case(letter: str) -> bool:
    """A lower-case letter of a script that starts sentences with capitals (Georgian letters
    are lower-case to Unicode, but its sentences start with them)."""
    return letter.islower() and not "\u10a0" <= letter <= "\u10ff"


def _cannot_start(text: str, cut: int, mark: str, glued: bool) -> bool:
    """No sentence starts at ``cut``: before a comma or a closing bracket ("Gen., le"), inside
    a word ("Ո՜րքան", "J.-P."), a number ("２．５") or a dotted abbreviation ("أ.د.")."""
    if text[cut] in _NO_START:
        return True
    if not glued:
        return False
    number = text[cut].isdigit() and text[cut - 2].isdigit()
    return mark in _IN_WORD or text[cut] in "-‐" or number or _dotted(text, cut)


def _dotted(text: str, cut: int) -> bool:
    """Whether ``cut`` falls between two one-letter parts of a dotted abbreviation."""
    before = text[max(cut - 3, 0) : cut]
    return bool(_LETTER_DOT.fullmatch(before[-2:]) and not before[:-2].isalpha()) and bool(
        _LETTER_DOT.match(text, cut)
    )


def _attribution(text: str, last: int, cut: int) -> bool:
    """A short tail after a quotation that opens the sentence names its speaker, in scripts
    written without spaces ("「你明天會來嗎？」她問。")."""
    first, closing = text[last:cut].lstrip()[:1], text[:cut].rstrip()[-1:]
    if first not in QUOTE_PAIRS or not closing or closing not in QUOTE_PAIRS[first]:
        return False
    return bool(_SPEAKER.match(text, cut))


def _lead_ends(text: str, last: int, cut: int) -> bool:
    """A colon ends a short heading-like lead, not a sentence that announces a quotation."""
    return len(text[last:cut].split()) <= _COLON_LEAD and text[cut] not in _QUOTES


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow ``(start, end)`` to exclude outer whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
