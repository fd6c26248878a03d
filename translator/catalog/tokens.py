"""What the two PO lexers share: the entry they produce, their error, and string escapes.

:mod:`translator.catalog.syntax` reads any layout token by token, as msgfmt does;
:mod:`translator.catalog.fastscan` reads the common layout entry by entry. Both give
:class:`RawEntry` objects and unescape strings the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ESCAPES = {"n": "\n", "t": "\t", "b": "\b", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
ESCAPES.update({"\\": "\\", '"': '"', "'": "'", "?": "?"})
BAD_ESCAPE = re.compile(r"\\(?![ntbrfva\\\"'?0-7]|x[0-9a-fA-F])")
_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]+|[0-7]{1,3}|.)")


@dataclass
class RawEntry:
    """One entry as written: enough for states and statistics, without polib."""

    line: int  # the line of its msgid (msgctxt when it has one)
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)  # index -> text; 0 without plural
    flags: list[str] = field(default_factory=list)
    tcomment: list[str] = field(default_factory=list)  # "# " translator comment lines
    previous_msgid: str | None = None
    obsolete: bool = False

    @property
    def key(self) -> tuple[str | None, str]:
        return self.msgctxt, self.msgid


class Broken(Exception):
    """A line msgfmt would refuse (``line`` 0: the file as a whole)."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line


def unescape(text: str) -> str:
    """A string's text with its C escapes decoded (checked by :data:`BAD_ESCAPE` first)."""
    return _ESCAPE.sub(lambda match: escape(0, match.group(), 1)[0], text)


def escape(number: int, line: str, position: int) -> tuple[str, int]:
    """The escape starting after the backslash at ``position``: (its text, the next position)."""
    if position >= len(line):
        raise Broken(number, "end-of-line within string")
    char = line[position]
    if char in ESCAPES:
        return ESCAPES[char], position + 1
    if char in "01234567":
        digits = re.match(r"[0-7]{1,3}", line[position:]).group()
        return chr(int(digits, 8)), position + len(digits)
    if char == "x":
        digits = re.match(r"[0-9a-fA-F]*", line[position + 1 :]).group()
        if digits:
            return chr(int(digits, 16)), position + 1 + len(digits)
    raise Broken(number, "invalid control sequence")
