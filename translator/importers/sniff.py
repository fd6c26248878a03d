"""What a text is, by its content: an HTML page (whatever its suffix) or plain text, and the
server-side code a saved page source carries (``#!/usr/bin/php``, ``<?php ... ?>``, ``<% %>``).

A page saved from a site's source tree often starts with a preamble before ``<!DOCTYPE html>``:
a shebang line, PHP blocks, ASP/JSP directives, a BOM, blank lines. :func:`strip_server_code`
blanks that code out line for line (so every later line number still points at the file) and
says what it removed; :func:`looks_like_html` then judges the rest.
"""

from __future__ import annotations

import re

from translator.importers.paragraphs import Drop

# Server-side blocks; an unclosed PHP block runs to the end of the file (PHP allows that).
_PHP = re.compile(r"<\?(?:php\b|=)(?:.*?\?>|.*\Z)", re.DOTALL | re.IGNORECASE)
_SHORT_PHP = re.compile(r"<\?(?!xml\b)(?=\s).*?\?>", re.DOTALL | re.IGNORECASE)
_ASP = re.compile(r"<%.*?%>", re.DOTALL)
_SHEBANG = re.compile(r"\A(?:\ufeff)?#![^\n]*")
# How an HTML page begins (after comments and an XML declaration), and tags only HTML has.
_OPENING = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_LEAD = re.compile(r"\A(?:\s|<!--.*?-->|<\?xml[^>]*>)*", re.DOTALL | re.IGNORECASE)
_TAGS = re.compile(
    r"</?(?:p|div|h[1-6]|br|ul|ol|li|table|tr|td|span|a|article|section|nav|meta|title)\b[^<>]*>",
    re.IGNORECASE,
)
MIN_TAGS = 3  # a text that opens with a tag and has this many HTML tags is a fragment


def _blank(match: re.Match[str]) -> str:
    return "\n" * match.group().count("\n")


def strip_server_code(text: str) -> tuple[str, list[Drop]]:
    """Blank out a shebang line and PHP, ASP and JSP blocks, keeping the line count.

    :return: the text without the code, and one :class:`Drop` per block removed.

    >>> text, drops = strip_server_code("#!/usr/bin/php\\n<?php echo 1; ?>\\n<p>Hi</p>")
    >>> text, [(d.line, d.reason) for d in drops]
    ('\\n\\n<p>Hi</p>', [(1, 'server-side code (shebang line)'), (2, 'server-side code (PHP)')])
    """
    drops: list[Drop] = []
    pieces = [(_SHEBANG, "shebang line"), (_PHP, "PHP"), (_SHORT_PHP, "PHP")]
    if looks_like_html(_ASP.sub(_blank, text)) or text.lstrip("\ufeff \n").startswith("<%"):
        pieces.append((_ASP, "ASP/JSP"))
    for pattern, name in pieces:
        for match in pattern.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            first = next((x.strip() for x in match.group().splitlines() if x.strip()), "")
            drops.append(Drop(line, first, f"server-side code ({name})"))
        text = pattern.sub(_blank, text)
    drops.sort(key=lambda drop: drop.line)
    return text, drops


def looks_like_html(text: str) -> bool:
    """True if ``text`` is an HTML page or fragment, whatever the file was called.

    A page opens (after blanks, comments and an XML declaration) with a doctype, ``<html>``,
    ``<head>`` or ``<body>``; a fragment opens with a tag and holds a few more HTML tags.

    >>> looks_like_html("\\n\\n<!DOCTYPE html><html><body><p>Hi</p></body></html>")
    True
    >>> looks_like_html("We demand <b>all</b> of it: 3 < 4 and 5 > 2.")
    False
    """
    body = text.lstrip("\ufeff")
    rest = body[_LEAD.match(body).end() :]
    if _OPENING.match(rest):
        return True
    return rest.startswith("<") and len(_TAGS.findall(rest, 0, 20_000)) >= MIN_TAGS
