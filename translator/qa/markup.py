"""Markdown checks: inline markup, link targets, bare URLs and e-mails.

Sentences keep their inline Markdown (``*act*``, ``[the appeal](https://...)``), and the builder
puts the translation back into the document as it is, so markup the translator broke is broken in
the published text. Translate Toolkit knows XML tags and printf, not Markdown, so ``markup``
and ``links`` are our own, parsed with markdown-it-py (the parser that read the source). A
translation that starts like a list item or heading ("1. Mai ...") needs no check: the builder
escapes block syntax (``translator.build.documents.protect_markdown``). TT's ``urls`` and
``emails`` are reused for addresses outside Markdown links (with the sentence's full stop split
off an address first, which TT's patterns would swallow).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt

from translator.model import Issue, Severity
from translator.qa.base import Check, ToolkitCheck

if TYPE_CHECKING:
    import polib

_MD = MarkdownIt("commonmark")
_MARKUP_CHARS = re.compile(r"[*_`\[\]<>!]")
_LINK_TARGET = re.compile(r"\]\(\s*<?[^()\s>]*(?:\([^()\s]*\)[^()\s>]*)*>?(?:\s+\"[^\"]*\")?\s*\)")
_AUTOLINK = re.compile(r"<[A-Za-z][\w+.-]{1,31}:[^<>\s]*>|<[^<>\s@]+@[^<>\s]+>")
_INLINE_KINDS = {
    "em_open": "emphasis",
    "strong_open": "strong emphasis",
    "code_inline": "code span",
    "html_inline": "HTML tag",
}


def strip_link_targets(text: str) -> str:
    """``text`` without Markdown link destinations and autolinks (checks of prose ignore them).

    >>> strip_link_targets("Read [the appeal](https://example.org/a.html) now")
    'Read [the appeal] now'
    """
    return _AUTOLINK.sub("", _LINK_TARGET.sub("]", text))


@functools.lru_cache(maxsize=4096)
def inline_markup(text: str) -> tuple[Counter, Counter, Counter]:
    """(markup kinds, link and image targets, code span contents) of one sentence."""
    kinds: Counter = Counter()
    targets: Counter = Counter()
    code: Counter = Counter()
    if not _MARKUP_CHARS.search(text):
        return kinds, targets, code
    for token in _MD.parseInline(text)[0].children or ():
        if token.type in _INLINE_KINDS:
            kinds[_INLINE_KINDS[token.type]] += 1
        if token.type == "link_open":
            targets[str(token.attrs.get("href", ""))] += 1
        elif token.type == "image":
            targets[str(token.attrs.get("src", ""))] += 1
        elif token.type == "code_inline":
            code[token.content] += 1
    return kinds, targets, code


class MarkupCheck(Check):
    check_id = "markup"
    name = "Markdown markup"
    description = "Emphasis, code spans or inline HTML differ from the source."
    severity = Severity.WARNING

    def check_single(self, source: str, target: str, entry: polib.POEntry) -> Issue | None:
        source_kinds, _, source_code = inline_markup(source)
        target_kinds, _, target_code = inline_markup(target)
        for kind in sorted(source_kinds.keys() | target_kinds.keys()):
            if source_kinds[kind] != target_kinds[kind]:
                return self.issue(
                    f"{kind}: the source has {source_kinds[kind]}, "
                    f"the translation {target_kinds[kind]}"
                )
        if source_code != target_code:
            missing = sorted((source_code - target_code).elements())
            return self.issue(f"code span changed: `{missing[0]}`" if missing else "code changed")
        return None


class LinksCheck(Check):
    check_id = "links"
    name = "Link targets"
    description = "Markdown links and images must point where the source's point."
    severity = Severity.ERROR

    def check_single(self, source: str, target: str, entry: polib.POEntry) -> Issue | None:
        wanted = inline_markup(source)[1]
        found = inline_markup(target)[1]
        if wanted == found:
            return None
        parts = []
        if missing := sorted((wanted - found).elements()):
            parts.append("missing " + ", ".join(missing))
        if extra := sorted((found - wanted).elements()):
            parts.append("not in the source " + ", ".join(extra))
        return self.issue("link targets differ: " + "; ".join(parts))


_ADDRESS_END = re.compile(r"(\S+?(?:://|@)\S*?)([.,;:!?…)»”\"']+)(?=\s|$)")


def prose_addresses(text: str) -> str:
    """Link targets removed, and sentence marks after an address split off.

    Translate Toolkit's URL and e-mail patterns take a full stop after an address as part of
    it, so "write to info@icor.info." and "info@icor.info ... write" would differ.

    >>> prose_addresses("Write to info@icor.info. See [x](https://a.org).")
    'Write to info@icor.info . See [x].'
    """
    return _ADDRESS_END.sub(r"\1 \2", strip_link_targets(text))


class UrlsCheck(ToolkitCheck):
    check_id = "urls"
    name = "URLs"
    description = "Web addresses written out in the text must be kept as they are."
    severity = Severity.WARNING
    toolkit_test = "urls"

    def check_single(self, source: str, target: str, entry: polib.POEntry) -> Issue | None:
        return self.toolkit(prose_addresses(source), prose_addresses(target))


class EmailsCheck(ToolkitCheck):
    check_id = "emails"
    name = "E-mail addresses"
    description = "E-mail addresses must be kept as they are."
    severity = Severity.WARNING
    toolkit_test = "emails"

    def check_single(self, source: str, target: str, entry: polib.POEntry) -> Issue | None:
        return self.toolkit(prose_addresses(source), prose_addresses(target))
