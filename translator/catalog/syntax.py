"""PO syntax as GNU gettext judges it: one strict pass that refuses what ``msgfmt`` refuses.

polib is lenient: a file cut in the middle of a string, an unterminated quote or a repeated
msgid still parses, and a later write would make the damage permanent. :func:`scan_catalog`
reads the text the way msgfmt's lexer and grammar do and raises :class:`CatalogError` naming
the file and line, with msgfmt's own wording:

- ``end-of-file within string`` / ``end-of-line within string``, ``invalid control sequence``;
- ``keyword "x" unknown`` and ``syntax error`` (text after a string, a string with no keyword);
- ``missing 'msgstr' section``, ``missing 'msgid_plural' section``;
- ``duplicate message definition`` (obsolete entries included, as msgfmt counts them);
- ``syntax error`` at the end for a ``#|`` previous msgid with no entry after it (polib would
  silently drop the entry before it);
- ``PO file header missing or invalid`` (an empty file included), a header charset that is not
  an encoding, or not UTF-8 (every catalog here is UTF-8; ``msgconv --to-code=UTF-8`` converts);
- ``'msgid' and 'msgstr' entries do not both begin/end with '\\n'`` for a translated entry.

It also returns every entry as a light :class:`RawEntry`, so a reader that only needs states
(statistics) can skip polib. Translated plural entries must match the header's ``Plural-Forms``.
Not checked: printf-format arguments (msgfmt's ``--check-format``; the quality checks cover
placeholders) and the header fields msgfmt only warns about.
"""

from __future__ import annotations

import codecs
import re

from translator.catalog.fastscan import fast_entries
from translator.catalog.tokens import BAD_ESCAPE, Broken, RawEntry, escape, unescape
from translator.errors import CatalogError

__all__ = ["RawEntry", "scan_catalog"]

_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)(?=[\s\"]|$)")
_BLANK = " \t\f\v"
# The usual line, ``msgid "text"`` or ``"text"``, matched in one go; anything else is tokenized.
_SIMPLE_LINE = re.compile(
    r'(?:(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)[ \t]+)?"((?:[^"\\]|\\.)*)"[ \t]*'
)
_OPEN = ("msgctxt", "msgid", "msgid_plural")  # an entry that still lacks its msgstr
_CHARSET = re.compile(r"charset=([^\s;]+)", re.IGNORECASE)


def scan_catalog(text: str, name: str) -> list[RawEntry]:
    """Check ``text`` as msgfmt would and return its entries (header first); errors name a line.

    >>> [e.msgid for e in scan_catalog('msgid ""\\nmsgstr "Content-Type: text/plain; '
    ...     'charset=UTF-8\\\\n"\\n\\nmsgid "a"\\nmsgstr "b"\\n', "x.po")]
    ['', 'a']
    """
    try:
        if not text.strip():
            raise Broken(0, "empty file (a catalog starts with its header entry)")
        entries = fast_entries(text)  # the common layout, read quickly (or None)
        if entries is None:
            entries = _Scanner(text).run()
        _check_header(entries)
        _check_duplicates(entries)
        _check_newlines(entries)
        _check_plurals(entries)
    except Broken as exc:
        where = f"{name}:{exc.line}" if exc.line else name
        raise CatalogError(f"{where}: invalid PO file: {exc}") from None
    return entries


class _Scanner:
    """msgfmt's lexer and grammar: tokens (keywords, strings, comments) in any line layout."""

    def __init__(self, text: str):
        self.lines = text.split("\n")
        self.entries: list[RawEntry] = []
        self.entry: RawEntry | None = None
        self.field: str | None = None  # the keyword the next string continues
        self.index = 0  # the msgstr[index] being continued
        self.needs_string = False  # a keyword was read, its first string not yet
        self.pending = RawEntry(0)  # comments seen before the next entry's keywords
        self.continued = False  # the previous comment line ended in a backslash
        self.previous_line = 0  # a "#|" line waiting for the entry it belongs to
        self.previous_field = ""  # the "#|" keyword its continuation lines add to

    def run(self) -> list[RawEntry]:
        for number, line in enumerate(self.lines, 1):
            self._line(number, line.rstrip("\r"))
        self._finish(len(self.lines))
        return self.entries

    def _line(self, number: int, line: str) -> None:
        stripped = line.lstrip()
        if self.continued:  # gettext's lexer joins a comment line ending in "\" with the next
            self.continued = stripped.endswith("\\")
            return
        if not stripped:
            return
        if stripped.startswith("#~"):
            rest = stripped[2:]
            if rest.startswith("|"):
                self._previous(number, rest[1:])
            else:
                self._tokens(number, rest, obsolete=True)
        elif stripped.startswith("#|"):
            self._previous(number, stripped[2:])
        elif stripped.startswith("#"):
            self._comment(number, stripped)
        else:
            self._tokens(number, stripped, obsolete=False)

    def _comment(self, number: int, line: str) -> None:
        self._expect_strings_done(number)
        if self.field in _OPEN:
            self._incomplete(number)
        self._close()
        self.continued = line.endswith("\\")
        if line.startswith("#,"):
            self.pending.flags += [f.strip() for f in line[2:].split(",") if f.strip()]
        elif line.startswith("# ") or line == "#":
            self.pending.tcomment.append(line[2:])

    def _previous(self, number: int, rest: str) -> None:
        """``#| msgid "..."``: gettext checks its strings too, and statistics read it."""
        self._expect_strings_done(number)
        self._close()
        self.previous_line = self.previous_line or number
        column = len(rest) - len(rest.lstrip())
        match = _KEYWORD.match(rest, column)
        strings = self._strings(number, rest, match.end() if match else column)
        if match:
            self.previous_field = match.group(1)
            if self.previous_field == "msgid":
                self.pending.previous_msgid = "".join(strings)
        elif self.previous_field == "msgid" and self.pending.previous_msgid is not None:
            self.pending.previous_msgid += "".join(strings)  # a wrapped "#| msgid" continues

    def _tokens(self, number: int, rest: str, *, obsolete: bool) -> None:
        fast = _SIMPLE_LINE.fullmatch(rest)
        if fast and not (fast.group(3) and BAD_ESCAPE.search(fast.group(3))):
            if fast.group(1):
                self._keyword(number, fast.group(1), fast.group(2), obsolete)
            text = fast.group(3)
            self._string_token(number, unescape(text) if "\\" in text else text, obsolete)
            return
        position = 0
        while True:
            while position < len(rest) and rest[position] in _BLANK:
                position += 1
            if position == len(rest) or rest[position] == "#":
                return  # "#" outside a string: a comment to the end of the line
            if rest[position] == "\\" and position == len(rest) - 1:
                return  # a line continuation
            if rest[position] == '"':
                text, position = self._string(number, rest, position + 1)
                self._string_token(number, text, obsolete)
                continue
            match = _KEYWORD.match(rest, position)
            if not match:
                raise Broken(number, f'keyword "{rest[position:].split(None, 1)[0]}" unknown')
            self._keyword(number, match.group(1), match.group(2), obsolete)
            position = match.end()

    def _keyword(self, number: int, word: str, index: str | None, obsolete: bool) -> None:
        self._expect_strings_done(number)
        starts = word == "msgctxt" or (word == "msgid" and self.field != "msgctxt")
        if starts and self.field not in _OPEN:
            pass  # a new entry: it may be obsolete whatever the previous one was
        elif self.entry is not None and self.field is not None and self.entry.obsolete != obsolete:
            raise Broken(number, "inconsistent use of #~")
        self.needs_string = True
        if word == "msgid" and self.field == "msgctxt":
            self.field = "msgid"
        elif word in ("msgctxt", "msgid"):
            if self.field in _OPEN:
                self._incomplete(number)
            self._close()
            self._open(number, obsolete)
            self.field = word
            if word == "msgctxt":
                self.entry.msgctxt = ""
        elif self.entry is None or self.field is None:
            raise Broken(number, "syntax error")
        elif word == "msgid_plural":
            if self.field != "msgid":
                raise Broken(number, "syntax error")
            self.entry.msgid_plural, self.field = "", "msgid_plural"
        elif index is None:
            if self.field != "msgid":
                raise Broken(number, "syntax error")
            self.entry.msgstr[0], self.field = "", "msgstr"
        elif self.entry.msgid_plural is None:
            raise Broken(number, "missing 'msgid_plural' section")
        elif self.field not in ("msgid_plural", "msgstr[]"):
            raise Broken(number, "syntax error")
        else:
            self.index = int(index)
            self.entry.msgstr[self.index], self.field = "", "msgstr[]"

    def _string_token(self, number: int, text: str, obsolete: bool) -> None:
        entry = self.entry
        if entry is None or self.field is None:
            raise Broken(number, "syntax error")
        if entry.obsolete != obsolete:
            raise Broken(number, "inconsistent use of #~")
        self.needs_string = False
        if self.field == "msgctxt":
            entry.msgctxt += text
        elif self.field == "msgid":
            entry.msgid += text
        elif self.field == "msgid_plural":
            entry.msgid_plural += text
        elif self.field == "msgstr":
            entry.msgstr[0] += text
        else:
            entry.msgstr[self.index] += text

    def _expect_strings_done(self, number: int) -> None:
        if self.needs_string:
            raise Broken(number, "syntax error")

    def _open(self, number: int, obsolete: bool) -> None:
        self.entry, self.pending = self.pending, RawEntry(0)
        self.entry.line, self.entry.obsolete = number, obsolete
        self.previous_line, self.previous_field = 0, ""

    def _close(self) -> None:
        """The entry is complete (it had its msgstr); the next keyword starts another."""
        if self.entry is not None and self.field in ("msgstr", "msgstr[]"):
            self.entries.append(self.entry)
            self.entry, self.field = None, None

    def _incomplete(self, number: int) -> None:
        entry = self.entry
        message = "missing 'msgstr' section"
        if entry is not None and entry.msgid_plural is not None:
            message = "missing 'msgstr[]' section"
        raise Broken(entry.line if entry else number, message)

    def _finish(self, last: int) -> None:
        self._expect_strings_done(last)
        if self.field in _OPEN:
            self._incomplete(last)
        self._close()
        if self.previous_line:  # "#| msgid ..." with no entry after it: msgfmt stops at the end
            raise Broken(last, "syntax error (a '#|' previous msgid with no entry after it)")

    def _strings(self, number: int, line: str, start: int) -> list[str]:
        """The quoted strings from ``start`` to the end of the line (``#|`` lines), unescaped."""
        strings, position = [], start
        while True:
            while position < len(line) and line[position] in _BLANK:
                position += 1
            if position == len(line):
                return strings
            if line[position] != '"':
                raise Broken(number, "syntax error")
            text, position = self._string(number, line, position + 1)
            strings.append(text)

    def _string(self, number: int, line: str, position: int) -> tuple[str, int]:
        out: list[str] = []
        while position < len(line):
            char = line[position]
            if char == '"':
                return "".join(out), position + 1
            if char == "\\":
                value, position = escape(number, line, position + 1)
                out.append(value)
                continue
            out.append(char)
            position += 1
        at_end = number == len(self.lines)  # no newline after it: the file stops here
        reason = "end-of-file within string" if at_end else "end-of-line within string"
        raise Broken(number, reason)


def _check_header(entries: list[RawEntry]) -> None:
    header = entries[0] if entries else None
    if header is None or header.msgid or header.msgctxt is not None or header.obsolete:
        raise Broken(0, "PO file header missing or invalid")
    match = _CHARSET.search(header.msgstr.get(0, ""))
    if not match:
        return
    charset = match.group(1)
    if charset == "CHARSET":  # xgettext's placeholder in a fresh template: nothing to decode yet
        return
    try:
        codec = codecs.lookup(charset).name
    except LookupError:
        raise Broken(header.line, f"header charset {charset!r} is not an encoding") from None
    if codec != "utf-8":
        raise Broken(
            header.line,
            f"header charset {charset!r} is not UTF-8 (convert with msgconv --to-code=UTF-8)",
        )


def _check_duplicates(entries: list[RawEntry]) -> None:
    seen: dict[tuple[str | None, str], int] = {}
    for entry in entries:
        first = seen.setdefault(entry.key, entry.line)
        if first != entry.line:
            raise Broken(entry.line, f"duplicate message definition (the first is on line {first})")


def _check_newlines(entries: list[RawEntry]) -> None:
    for entry in entries[1:]:
        if entry.obsolete or "fuzzy" in entry.flags:
            continue
        for text in entry.msgstr.values():
            if not text:
                continue
            for where, test in (("begin", str.startswith), ("end", str.endswith)):
                if test(entry.msgid, "\n") != test(text, "\n"):
                    raise Broken(
                        entry.line,
                        f"'msgid' and 'msgstr' entries do not both {where} with '\\n'",
                    )


def _check_plurals(entries: list[RawEntry]) -> None:
    """Translated plural entries need the header's ``Plural-Forms`` and that many forms."""
    match = re.search(r"nplurals\s*=\s*(\d+)", entries[0].msgstr.get(0, ""))
    for entry in entries[1:]:
        if entry.msgid_plural is None or entry.obsolete or "fuzzy" in entry.flags:
            continue
        if not any(entry.msgstr.values()):
            continue
        if match is None:
            raise Broken(entry.line, "plural translations, but no Plural-Forms in the header entry")
        if len(entry.msgstr) != int(match.group(1)):
            raise Broken(
                entry.line,
                f"nplurals = {match.group(1)} in the header, but this entry has "
                f"{len(entry.msgstr)} plural forms",
            )
