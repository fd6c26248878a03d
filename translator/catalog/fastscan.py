"""The common layout of a PO file read entry by entry with regular expressions, or not at all.

What gettext, polib and this project write is a narrow layout: comment lines starting at
column 0, one keyword and one string per line, continuation strings on their own lines, a blank
line between entries, ``#~ `` before every line of an obsolete entry. :func:`fast_entries`
reads that layout a whole entry per regular-expression match, several times faster than the
token-by-token lexer of :mod:`translator.catalog.syntax`, and gives the same
:class:`~translator.catalog.tokens.RawEntry` objects.

It decides nothing: at the first line outside that layout (an error, or only an unusual
spelling) it returns None and the full lexer reads the file again, so every verdict and error
message is the full lexer's. The checks over the entries (header, duplicates, newlines, plural
forms) run after either.
"""

from __future__ import annotations

import re

from translator.catalog.tokens import BAD_ESCAPE, RawEntry, unescape

_CHARS = r'[^"\\\n]*(?:\\.[^"\\\n]*)*'  # a string's inside (escapes checked later)
_STR = rf'"{_CHARS}"[ \t]*\n'  # one string ending its line
_BODY = rf"{_STR}(?:{_STR})*"  # a keyword's first string and its continuation lines
_OBODY = rf"{_STR}(?:\#~[ ]{_STR})*"  # the same in an obsolete entry
_COMMENTS = r"(?P<comments>(?:(?:\#(?:[^~\n][^\n]*|~\|[^\n]*)?)?\n)*)"  # and blank lines


def _entry(prefix: str, body: str) -> re.Pattern:
    return re.compile(
        rf"""{_COMMENTS}
        (?:{prefix}msgctxt[ \t]+(?P<ctxt>{body}))?
        {prefix}msgid[ \t]+(?P<id>{body})
        (?:{prefix}msgid_plural[ \t]+(?P<plural>{body}))?
        (?:{prefix}msgstr[ \t]+(?P<str>{body})
          |(?P<forms>(?:{prefix}msgstr\[[0-9]+\][ \t]+{body})+))
        """,
        re.VERBOSE,
    )


_ENTRY = _entry("", _BODY)
_OBSOLETE = _entry(r"\#~[ ]", _OBODY)
_FORM = re.compile(rf"msgstr\[([0-9]+)\][ \t]+({_BODY})")
_OBSOLETE_MARK = re.compile(r"^\#~[ ]", re.MULTILINE)
_STRING = re.compile(rf'"({_CHARS})"')
_TRAILING = re.compile(r"(?:(?:\#(?:[^~|\n][^\n]*)?)?\n)*\Z")  # comments after the last entry
_KEPT = re.compile(r"^(\#,|\#~?\||\#[ ]|\#$)(.*)$", re.MULTILINE)  # comment lines that count
_PREVIOUS = re.compile(rf'\#~?\|[ ](?:(msgctxt|msgid_plural|msgid)[ ])?"({_CHARS})"[ \t]*')


class _Unusual(Exception):
    """Outside the common layout: the full lexer must read this file."""


def fast_entries(text: str) -> list[RawEntry] | None:
    """The entries of ``text`` (header first) if it is in the common layout, else None."""
    if "\r" in text or not text.endswith("\n"):
        return None
    entries: list[RawEntry] = []
    position, line = 0, 1
    try:
        while text.find("msgid", position) != -1:  # another entry (or a hand-over below)
            match = _ENTRY.match(text, position) or _OBSOLETE.match(text, position)
            if match is None:
                return None
            comments = match.group("comments")
            start = match.end("comments")
            line += text.count("\n", position, start)
            entries.append(_make(match, comments, line, text[start] == "#"))
            line += text.count("\n", start, match.end())
            position = match.end()
    except _Unusual:
        return None
    return entries if _TRAILING.match(text, position) else None


def _make(match: re.Match, comments: str, line: int, obsolete: bool) -> RawEntry:
    entry = RawEntry(line, obsolete=obsolete)
    if "#" in comments:
        _read_comments(entry, comments)
    ctxt, plural, single = match.group("ctxt", "plural", "str")
    if (plural is None) != (single is not None):
        raise _Unusual  # msgstr[n] without msgid_plural, or msgstr after it: errors
    entry.msgid = _text(match.group("id"))
    if ctxt is not None:
        entry.msgctxt = _text(ctxt)
    if plural is None:
        entry.msgstr[0] = _text(single)
        return entry
    entry.msgid_plural = _text(plural)
    forms = match.group("forms")
    if obsolete:
        forms = _OBSOLETE_MARK.sub("", forms)
    for index, body in _FORM.findall(forms):
        entry.msgstr[int(index)] = _text(body)
    return entry


def _read_comments(entry: RawEntry, comments: str) -> None:
    """Flags, translator comments and the previous msgid, as the full lexer keeps them."""
    if "\\\n" in comments:
        raise _Unusual  # a comment continued on the next line
    field = ""
    for kind, rest in _KEPT.findall(comments):
        if kind == "#,":
            entry.flags += [flag.strip() for flag in rest.split(",") if flag.strip()]
        elif kind[-1] != "|":
            entry.tcomment.append(rest)
        else:
            previous = _PREVIOUS.fullmatch(kind + rest)
            if previous is None:
                raise _Unusual
            keyword, text = previous.groups()
            if "\\" in text:
                text = _checked(text)
            if keyword:
                field = keyword
                if keyword == "msgid":
                    entry.previous_msgid = text
            elif field == "msgid":
                entry.previous_msgid += text


def _text(body: str) -> str:
    one = body.count("\n") == 1  # one string: what is between its quotes
    text = body[1 : body.rindex('"')] if one else "".join(_STRING.findall(body))
    return _checked(text) if "\\" in text else text


def _checked(text: str) -> str:
    if BAD_ESCAPE.search(text):
        raise _Unusual  # the full lexer names the line
    return unescape(text)
