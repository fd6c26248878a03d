"""The kinds of damage catalogs really suffer, each a function of the catalog's text."""

from __future__ import annotations


def cut_mid_string(text: str) -> str:
    """The file stops inside a msgid (a full disk, an interrupted copy)."""
    return text[: text.index('msgid "', len(text) // 2) + 12]


def unterminated_quote(text: str) -> str:
    """A closing quote lost in a hand edit."""
    i = text.index('msgid "', len(text) // 2)
    return text[: i + 7] + text[i + 7 :].replace('"', "", 1)


def duplicate_msgid(text: str) -> str:
    """An entry pasted twice."""
    return text + "\n" + text.split("\n\n")[2] + "\n"


def bad_charset(text: str) -> str:
    return text.replace("charset=UTF-8", "charset=BOGUS-8", 1)


def emptied(text: str) -> str:
    return ""


DAMAGE = [cut_mid_string, unterminated_quote, duplicate_msgid, bad_charset, emptied]
