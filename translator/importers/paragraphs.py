"""Text -> paragraphs: blank lines end paragraphs, hard-wrapped lines are joined again.

Whether a line break inside a blank-line group ends a paragraph depends on the line shapes (a
list marker, a chrome line, two slogans) and, for the rest, on the width the text was wrapped at:
a break where the next word would still have fitted was made on purpose. HTML and Word importers
build :class:`Para` objects themselves, with hints from their markup.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from translator.errors import SourceError
from translator.importers import chrome
from translator.text import word_count

MAX_SLOGAN_WORDS = 25
WRAP_LIMIT = 120  # nobody hard-wraps wider: a longer line is a paragraph of its own

NUMBERED = re.compile(r"\(?(\d{1,3})\s?[.)\-–]\s+(?=\S)")  # "1. ", "1) ", "(1) ", "1- "
BULLETED = re.compile(r"[-*•·▪◦‣+]\s+(?=\S)")
CLOSERS = "\"'”’»)]›」 "  # may follow the "!" of a slogan
_SPACE = re.compile(r"[ \t\r\n\x0b\x0c\x1c-\x1f\x85\u2028\u2029]+")
_INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ufeff]")


def clean(text: str) -> str:
    """One line of text: control characters gone, line breaks and tabs as single spaces.

    >>> clean("  a\tb\u2028c\x07 ")
    'a b c'
    """
    return _SPACE.sub(" ", _INVISIBLE.sub("", text)).strip()


@dataclass
class Para:
    """One paragraph as found: its text (one line), where it starts, and hints from markup."""

    text: str
    line: int = 0  # 1-based source line, 0 when unknown
    hint: str = ""  # "title", "heading", "item" or "chrome", when markup says so
    marker: str = ""  # an item's number ("3") or "-", when markup says so
    lines: list[str] = field(default_factory=list)  # the source lines it was joined from
    links: float = 0.0  # share of the text inside links (HTML): 1.0 for a link label
    link_first: bool = False  # the text opens with a link (HTML): a teaser's headline


@dataclass(frozen=True)
class Drop:
    """Something of the input that is not in the document: where it was, what, and why."""

    line: int  # 1-based source line, 0 when unknown
    text: str
    reason: str


def decode_text(data: bytes, filename: str, first_line: int = 1) -> str:
    """Decode UTF-8 (a BOM is fine); SourceError naming the line of the first bad byte.

    ``first_line``: the line number ``data`` starts at (a stream read line by line).
    """
    body = data.removeprefix(codecs.BOM_UTF8)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = body.count(b"\n", 0, exc.start) + first_line
        column = exc.start - body.rfind(b"\n", 0, exc.start)
        raise SourceError(
            f"{filename}:{line}: not UTF-8 (byte 0x{body[exc.start]:02x} at column {column}); "
            "save the file as UTF-8"
        ) from None


class _Line(NamedTuple):
    number: int  # 1-based line number in the source
    text: str  # stripped, runs of spaces folded
    indent: int  # leading spaces: a hanging indent continues a list item


def split_paragraphs(text: str) -> list[Para]:
    """Split text into paragraphs at blank lines, joining hard-wrapped lines with a space."""
    groups: list[list[_Line]] = [[]]
    for number, raw in enumerate(text.splitlines(), start=1):
        visible = _INVISIBLE.sub("", raw).replace("\t", "    ")
        line = re.sub(" {2,}", " ", visible).strip()
        if line:
            groups[-1].append(_Line(number, line, len(visible) - len(visible.lstrip(" "))))
        elif groups[-1]:
            groups.append([])
    groups = [g for g in groups if g]
    width = _wrap_width(groups)
    return [para for group in groups for para in _reflow(group, width)]


def starts_item(line: str) -> bool:
    return bool(NUMBERED.match(line) or BULLETED.match(line))


def is_slogan_line(text: str) -> bool:
    return text.rstrip(CLOSERS).endswith(("!", "！")) and word_count(text) <= MAX_SLOGAN_WORDS


def _chrome(line: str) -> bool:
    return chrome.is_chrome(line) or chrome.is_tail_chrome(line)


def _shape_break(prev: str, line: str) -> bool | None:
    """Whether the shapes of two lines decide that a paragraph ends between them (None: no)."""
    if starts_item(line) or any(_chrome(text) for text in (prev, line)):
        return True
    if is_slogan_line(prev) and is_slogan_line(line):
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
    if starts_item(start.text) and line.indent > start.indent:
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
    return [join_lines([line.text for line in run], run[0].number) for run in runs]


def join_lines(lines: list[str], number: int) -> Para:
    """One paragraph from hard-wrapped lines starting at line ``number``."""
    text = lines[0]
    for line in lines[1:]:
        # "Marxist-" + "Leninist": a word hyphenated at the break keeps its hyphen, no space.
        glue = "" if re.search(r"\w-$", text) and line[:1].isalpha() else " "
        text += glue + line
    return Para(text, number, lines=lines)
