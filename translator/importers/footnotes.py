"""Footnotes of a copied page: lone marker lines, bodies, and references glued to words.

A page copied as text keeps its notes as a marker line ("1.", "[1]", "*") above the note's
text, or as "[1] text" / "¹ text"; the references come out glued to the word they follow:
"(ICOR)1", "word.2", "word(3)", "word¹", "word[3]". A glued number is taken for a reference
only when a note with that number exists, or when the candidates, read in order, number 1,
2, 3, ... (so "G20" or "Art.5" in a text without notes stay as they are); a superscript or
"[n]" makes a numbering of one enough. A page's footnote section (HTML) gives the notes.

References leave the sentence text (a translator should not see a "1" glued to "ICOR") and
are listed with the word they followed; notes become :class:`Note` blocks at the end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from translator.importers.paragraphs import Drop, Para

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_LONE = re.compile(r"[(\[]?(\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}|\*{1,3})[)\]]?\.?")
_BACKLINKS = re.compile(r"\s*[↩↑^]\ufe0e?\s*$|\s*[↩↑]\ufe0e?")
_NOTE_LEAD = re.compile(r"[(\[]?(\d{1,3})[)\].:]*\s+(?=\S)")
_BODY = re.compile(r"(?:\[(\d{1,3})\]|([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}))[.)]?\s+(?=\S)")
MAX_TAIL_WORDS = 8  # a longer line after a "1 Text" note means the text goes on
_STAR_REF = re.compile(r"(?<=[^\W\d_)\]])\*(?=[\s.,;:!?)»”،؛]|$)")  # "ICOR*"
_STAR_NOTE = re.compile(r"\*\s+(?=\S)")  # "* Text" among the notes at the end
_BARE = re.compile(r"(?:\((\d{1,2})\)|(\d{1,2}))\s+(?=[^\W\d_])")  # "1 Text", "(1) Text"
# Reference candidates, by how much proof they need (see the module docstring).
_MARKED = re.compile(
    r"(?:(?<=\S)|[ \u00a0])(?:([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})|\[(\d{1,3})\])(?=[\s.,;:!?)»”،؛]|$)"
)  # "word¹", "word[1]", "word [1]" (the space goes with the reference)
_GLUED = re.compile(
    r"(?:(?<=[)\]»”\"’])|(?<=[^\W\d_][.,;:!?]))(\d{1,2})(?=[\s.,;:!?)»”،؛]|$)"
    r"|(?<=[^\W\d_])\((\d{1,2})\)(?=[\s.,;:!?»”،؛]|$)"  # "ICOR(1)", "ایکور(۱)"
    r"|(?<=[^\W\d_]{3})(\d{1,2})(?=[\s.,;:!?)»”،؛]|$)"
)


@dataclass(frozen=True)
class Note:
    """A footnote: its number (or "*") and text."""

    mark: str
    text: str
    line: int = 0


@dataclass
class Footnotes:
    """What :func:`find_footnotes` found: the paragraphs left, the notes, the references."""

    paras: list[Para]
    notes: list[Note]
    refs: list[tuple[str, str]]  # (mark, the word it was glued to), in order
    drops: list[Drop]


def lone_marker(text: str) -> str:
    """The mark of a line that is only a footnote marker ("1.", "[2]", "³", "*"), else ""."""
    match = _LONE.fullmatch(text.strip())
    return _number(match.group(1)) if match else ""


def _number(mark: str) -> str:
    """A mark in ASCII digits ("۱" and "¹" are "1"); "*" stays."""
    mark = mark.translate(_SUPERSCRIPTS)
    return str(int(mark)) if mark.isdecimal() else mark


def find_footnotes(paras: list[Para]) -> Footnotes:
    """Take the notes and the references out of ``paras``.

    Lone number lines followed by a paragraph are notes when every such number is a
    reference's (otherwise each forms one list item with its paragraph: "1." then "Text");
    a "[1] text" or "¹ text" paragraph is a note, and so is "1 text" (or "* text", or "*"
    over a paragraph) among the last paragraphs when the text refers to a 1 (a "*"); any
    other lone marker is dropped.
    """
    sequence = _sequence(paras)
    stars = any(_STAR_REF.search(p.text) for p in paras if not _STAR_NOTE.match(p.text))
    pairs = _marker_pairs(paras)
    notes_here = bool(pairs) and all(lone_marker(paras[i].text) in sequence for i in pairs)
    found = Footnotes([], [], [], [])
    skip = -1
    for i, para in enumerate(paras):
        if i == skip:
            continue
        mark = lone_marker(para.text)
        body = _BODY.match(para.text)
        if i in pairs:
            text, skip = paras[i + 1].text, i + 1
            if notes_here:
                found.notes.append(Note(mark, text, para.line))
            else:
                found.paras.append(replace(paras[i + 1], line=para.line, hint="item", marker=mark))
        elif para.hint == "note":
            if not mark:
                found.notes.append(_marked_note(para, len(found.notes) + 1))
        elif mark == "*" and stars and i + 1 < len(paras) and _only_notes_after(paras, i + 1):
            found.notes.append(Note("*", paras[i + 1].text, para.line))
            skip = i + 1
        elif mark:
            found.drops.append(Drop(para.line, para.text, "lone footnote marker"))
        elif stars and (star := _STAR_NOTE.match(para.text)) and _only_notes_after(paras, i):
            found.notes.append(Note("*", para.text[star.end() :], para.line))
        elif body and not para.hint:
            number = _number(body.group(1) or body.group(2))
            found.notes.append(Note(number, para.text[body.end() :], para.line))
        elif (bare := _bare_note(paras, i, sequence)) is not None:
            number = _number(bare[1] or bare[2])
            found.notes.append(Note(number, para.text[bare.end() :], para.line))
        else:
            found.paras.append(para)
    marked = any(_candidates(p.text, marked_only=True) for p in found.paras)
    proven = sequence if (len(sequence) >= 2 or found.notes or marked) else set()
    _take_refs(found, proven, {note.mark for note in found.notes})
    return found


def _bare_note(paras: list[Para], at: int, sequence: set[str]) -> re.Match[str] | None:
    """The "1 " of a "1 Text" paragraph that is a note: its number is referenced, and only
    notes, marker lines and short lines (a credit, chrome) follow it."""
    bare = _BARE.match(paras[at].text)
    if bare is None or paras[at].hint or _number(bare[1] or bare[2]) not in sequence:
        return None
    return bare if _only_notes_after(paras, at) else None


def _only_notes_after(paras: list[Para], at: int) -> bool:
    """Whether ``paras[at]`` stands among the notes at the end: only notes, marker lines and
    short lines (a credit, chrome) follow it, and it is no marked-up heading or item."""
    if paras[at].hint:
        return False
    for para in paras[at + 1 :]:
        text = para.text
        noted = _BARE.match(text) or _BODY.match(text) or _STAR_NOTE.match(text)
        if not (noted or lone_marker(text) or para.hint == "note") and (
            len(text.split()) > MAX_TAIL_WORDS
        ):
            return False
    return True


def _marked_note(para: Para, count: int) -> Note:
    """A note from a page's footnote section: its list number, or the number it starts with."""
    text = _BACKLINKS.sub("", para.text).strip()
    lead = _NOTE_LEAD.match(text)
    mark = (
        para.marker if para.marker.isdigit() else (_number(lead.group(1)) if lead else str(count))
    )
    return Note(mark, text[lead.end() :] if lead else text, para.line)


def _marker_pairs(paras: list[Para]) -> set[int]:
    """Indexes of lone number lines that a text paragraph follows."""
    return {
        i
        for i, para in enumerate(paras[:-1])
        if lone_marker(para.text).isdigit()
        and not paras[i + 1].hint
        and not lone_marker(paras[i + 1].text)
    }


def _candidates(text: str, marked_only: bool = False) -> list[tuple[re.Match[str], str, bool]]:
    """(match, number, needs a note) for every reference candidate, in text order; with
    ``marked_only``, only superscripts and "[n]" (which need no further proof)."""
    found = []
    for match in _MARKED.finditer(text):
        found.append((match, _number(match.group(1) or match.group(2)), False))
    for match in [] if marked_only else _GLUED.finditer(text):
        number = match.group(1) or match.group(2) or match.group(3)
        found.append((match, _number(number), match.group(3) is not None))
    for match in [] if marked_only else _STAR_REF.finditer(text):
        found.append((match, "*", True))  # a reference only where a "*" note exists
    return sorted(found, key=lambda c: c[0].start())


def _sequence(paras: list[Para]) -> set[str]:
    """The numbers among the candidates that, read in order, count 1, 2, 3, ..."""
    seen, top = set(), 0
    for para in paras:
        if para.hint == "note" or lone_marker(para.text) or _BODY.match(para.text):
            continue  # a note's own text refers to nothing
        for _, number, weak in _candidates(para.text):
            if not weak and (int(number) == top + 1 or str(number) in seen):
                top = max(top, int(number))
                seen.add(number)
    return seen


def _take_refs(found: Footnotes, proven: set[str], notes: set[str]) -> None:
    """Remove accepted references from the paragraphs' text, recording what they followed."""
    out = []
    for para in found.paras:
        pieces, cut = [], 0
        for match, number, weak in _candidates(para.text):
            if match.start() < cut or number not in (notes if weak else proven | notes):
                continue
            before = para.text[: match.start()].split()
            found.refs.append((number, before[-1] if before else ""))
            pieces.append(para.text[cut : match.start()])
            cut = match.end()
        out.append(replace(para, text="".join(pieces) + para.text[cut:]) if pieces else para)
    found.paras = out
