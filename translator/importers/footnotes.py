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
# Reference candidates, by how much proof they need (see the module docstring).
_MARKED = re.compile(r"(?<=\S)(?:([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})|\[(\d{1,3})\])(?=[\s.,;:!?)»”،؛]|$)")
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
    a "[1] text" or "¹ text" paragraph is a note; any other lone marker is dropped.
    """
    sequence = _sequence(paras)
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
        elif mark:
            found.drops.append(Drop(para.line, para.text, "lone footnote marker"))
        elif body and not para.hint:
            number = _number(body.group(1) or body.group(2))
            found.notes.append(Note(number, para.text[body.end() :], para.line))
        else:
            found.paras.append(para)
    marked = any(not weak for p in paras for _, _, weak in _candidates(p.text, marked_only=True))
    proven = sequence if (len(sequence) >= 2 or found.notes or marked) else set()
    _take_refs(found, proven, {note.mark for note in found.notes})
    return found


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
    return sorted(found, key=lambda c: c[0].start())


def _sequence(paras: list[Para]) -> set[str]:
    """The numbers among the candidates that, read in order, count 1, 2, 3, ..."""
    seen, top = set(), 0
    for para in paras:
        if lone_marker(para.text) or _BODY.match(para.text):
            continue
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
