"""Pure string helpers shared by segmentation, catalogs, MT, QA and stats."""

from __future__ import annotations

import functools
import re

from translator.errors import ConfigError

_SLUG = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,118}[a-z0-9])?")
_WORD = re.compile(r"\w+(?:[-'’.]\w+)*")


def validate_slug(slug: str) -> str:
    """Return ``slug`` if it is a safe document name (lower-case letters, digits, hyphens).

    >>> validate_slug("icor-resolution-2020-01-17")
    'icor-resolution-2020-01-17'
    """
    if not _SLUG.fullmatch(slug or ""):
        raise ConfigError(
            f"invalid slug {slug!r}: use lower-case letters, digits and hyphens "
            "(no slashes, dots or spaces), at most 120 characters"
        )
    return slug


def slugify(text: str) -> str:
    """Make a slug from free text (titles, file names).

    >>> slugify("ICOR Resolution, 17 January 2020")
    'icor-resolution-17-january-2020'
    """
    ascii_words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(ascii_words)[:120].strip("-") or "document"


@functools.lru_cache(maxsize=65536)  # statistics count each sentence once per language
def word_count(text: str) -> int:
    """Count words the way translators are paid: runs of letters/digits, joined by -'’.

    >>> word_count("Active resistance worldwide – now!")
    4
    """
    return len(_WORD.findall(text))


def split_outer_whitespace(text: str) -> tuple[str, str, str]:
    """Split ``text`` into (leading whitespace, core, trailing whitespace).

    >>> split_outer_whitespace("  a b \\n")
    ('  ', 'a b', ' \\n')
    """
    core = text.strip()
    if not core:
        return text, "", ""
    start = text.index(core)
    return text[:start], core, text[start + len(core) :]


# Inline pieces an engine must pass through untouched: code, links' targets, URLs, HTML tags,
# emphasis delimiters, escapes and printf/brace placeholders. Link labels stay translatable.
_MARKUP = re.compile(
    r"""
    (?P<code>(?P<ticks>`+).+?(?P=ticks))
    | (?P<autolink><[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>]*>)
    | (?P<tag></?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?>)
    | (?P<footnote>\[\^[^\]\s]+\])
    | (?P<link_open>!?\[)(?=(?:[^\[\]]|\[[^\]]*\])*\](?:\([^()\s]*(?:\s+"[^"]*")?\)|\[[^\]]*\]))
    | (?P<link_close>\](?:\([^()\s]*(?:\s+"[^"]*")?\)|\[[^\]]*\]))
    | (?P<url>(?:https?://|www\.)[^\s<>]*[^\s<>.,;:!?'"”’»)\]])
    | (?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)
    | (?P<escape>\\[!-/:-@\[-`{-~])
    | (?P<printf>%(?:\([\w.]+\))?[-+#0]*(?:\d+\$)?\d*(?:\.\d+)?[sdifuxXeEgGcr%])
    | (?P<brace>\{\{?[\w.:!\[\]-]*\}\}?)
    | (?P<emphasis>(?<!\w)[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}(?!\w)|\*{1,3})
    """,
    re.VERBOSE,
)


def markup_spans(text: str) -> list[tuple[int, int]]:
    """Spans of inline markup and placeholders that must survive translation unchanged.

    A link keeps its label translatable: only ``[`` and ``](url)`` are spans.

    >>> text = "Read [the appeal](https://x.org/a) and *act* now, %s."
    >>> [text[a:b] for a, b in markup_spans(text)]
    ['[', '](https://x.org/a)', '*', '*', '%s']
    """
    return [match.span() for match in _MARKUP.finditer(text) if match.end() > match.start()]


# Characters Python's str.splitlines() breaks on besides \n and \r: PO readers (polib included)
# would cut a string there, so they never go into a catalog. Other C0 controls are refused too.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029]")


def unsafe_character(text: str) -> str | None:
    """The first character that must not be stored in a catalog, or None.

    >>> unsafe_character("a\\u2028b")
    '\\u2028'
    """
    match = _UNSAFE.search(text)
    return match.group() if match else None
