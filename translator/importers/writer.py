"""Blocks -> the canonical Markdown of a resolution (front matter, title, ::: role containers).

The segmenter relies on this exact shape: front matter keys in a fixed order, one blank line
between blocks, each paragraph on one line, tight ordered lists, and ``:::`` fenced divs for the
roles ``dateline``, ``slogans`` and ``signatories``. Text is escaped just enough that Markdown reads
it back as the same literal text; everything else (Unicode, typographic dashes) is left alone.

Footnotes end the document as a list after a ``* * *`` rule, numbered like the notes, and
their references live in the front matter (``footnote_refs``), not in the sentences: the
segmenter reads CommonMark without the footnote extension, so ``[^1]`` would stay in a
sentence's text and a ``[^1]: ...`` definition would be a paragraph to translate, marker and
all. Once it keeps ``[^n]`` out of sentences, :func:`render_block` and the references can
move to that syntax.
"""

from __future__ import annotations

import enum
import json
import re
from dataclasses import dataclass, field

import yaml


class Kind(enum.StrEnum):
    """What a block is; containers carry the roles the segmenter turns into PO flags."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST = "list"
    DATELINE = "dateline"
    SLOGANS = "slogans"
    SIGNATORIES = "signatories"
    FOOTNOTES = "footnotes"  # the notes, after a thematic break, as a list numbered by mark


@dataclass(frozen=True)
class Item:
    """One list entry: ``marker`` is its number ("12") or "-" for a bullet."""

    marker: str
    text: str


@dataclass
class Block:
    """A run of the document: paragraphs (``texts``) and, for lists and signatories, ``items``."""

    kind: Kind
    texts: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)


# Inline: characters that could start markup, escaped only where they could.
_ENTITY = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)")
_BACKSLASH = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
_TAG_OR_AUTOLINK = re.compile(r"<(?=[A-Za-z/!?])")
_TILDES = re.compile(r"~(?=~)|(?<=~)~")
# Block starts: headings, quotes, bullets, ordered markers, rules, fences, container fences.
_ATX = re.compile(r"#{1,6}(?=\s|$)")
_BULLET = re.compile(r"[-+*](?=\s|$)")
_ORDERED = re.compile(r"(\d{1,9})([.)])(?=\s|$)")
_RULE = re.compile(r"([-_*])(?:\s*\1){2,}\s*")
_CLOSING_HASHES = re.compile(r"(\s)(#+)\s*$")
_ASCII_SPACE = re.compile(r"[ \t\r\n]+")
# Characters YAML does not allow raw (or reads as line breaks) in a double-quoted scalar.
_NOT_YAML = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def _escape_underscore(text: str) -> str:
    # An underscore between two letters or digits never starts emphasis; elsewhere it might.
    out = []
    for i, char in enumerate(text):
        if char == "_":
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            if not (before.isalnum() and after.isalnum()):
                char = "\\_"
        out.append(char)
    return "".join(out)


def escape_inline(text: str) -> str:
    r"""Escape what inline Markdown would read as markup.

    >>> escape_inline("a *b* [c](d) snake_case _x_ `y`")
    'a \\*b\\* \\[c](d) snake_case \\_x\\_ \\`y\\`'
    """
    text = _BACKSLASH.sub(r"\\\\", text)
    text = text.replace("*", "\\*").replace("`", "\\`")
    text = _escape_underscore(text)
    if "]" in text:
        last = text.rindex("]")
        text = text[:last].replace("[", "\\[") + text[last:]
    text = _ENTITY.sub(r"\\&", text)
    text = _TAG_OR_AUTOLINK.sub(r"\\<", text)
    return _TILDES.sub(r"\\~", text)


def escape_text(text: str) -> str:
    """Escape one paragraph (a single line) so Markdown keeps it as literal text.

    >>> escape_text("1. Mai")
    '1\\\\. Mai'
    >>> escape_text("US imperialism endangers world peace – now!")
    'US imperialism endangers world peace – now!'
    """
    text = escape_inline(_ASCII_SPACE.sub(" ", text).strip(" "))  # keep no-break spaces
    if (
        text.startswith((">", ":::"))
        or _ATX.match(text)
        or _BULLET.match(text)
        or _RULE.fullmatch(text)
    ):
        return "\\" + text
    if match := _ORDERED.match(text):
        return f"{match.group(1)}\\{text[match.end(1) :]}"
    return text


def _heading(level: int, text: str) -> str:
    escaped = escape_text(text)
    # A trailing " ##" would be read as the heading's closing sequence.
    escaped = _CLOSING_HASHES.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", escaped)
    return f"{'#' * level} {escaped}"


def _quoted(value: str) -> str:
    """A JSON-style double-quoted string that YAML reads back as ``value``."""
    text = json.dumps(value, ensure_ascii=False)
    return _NOT_YAML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _scalar(value: str) -> str:
    # Plain when YAML reads it back unchanged ("en", a slug); quoted otherwise ("no", "2020").
    try:
        plain = yaml.safe_load(value) == value and "\n" not in value
    except yaml.YAMLError:
        plain = False
    return value if plain else _quoted(value)


# Front matter keys after the four every document has, in this order, each only when found.
EXTRA_KEYS = ("translator_credit", "original_url", "footnote_refs")


def front_matter(
    *, slug: str, title: str, date: str, lang: str, extra: dict[str, str] | None = None
) -> str:
    """The YAML front matter block, keys in canonical order; no date line when unknown.

    :param extra: more keys (:data:`EXTRA_KEYS`), written quoted after ``lang``.
    """
    lines = ["---", f"slug: {_scalar(slug)}", f"title: {_quoted(title)}"]
    if date:
        lines.append(f"date: {date}")
    lines.append(f"lang: {_scalar(lang)}")
    extra = extra or {}
    lines += [f"{key}: {_quoted(extra[key])}" for key in EXTRA_KEYS if extra.get(key)]
    lines.append("---")
    return "\n".join(lines)


def _items(items: list[Item]) -> str:
    lines = []
    for item in items:
        marker = "-" if item.marker == "-" else f"{item.marker}."
        lines.append(f"{marker} {escape_text(item.text)}")
    return "\n".join(lines)


def _container(role: str, body: str) -> str:
    return f"::: {role}\n{body}\n:::"


def render_block(block: Block) -> str:
    """One block as Markdown, without surrounding blank lines."""
    paragraphs = "\n\n".join(escape_text(t) for t in block.texts)
    if block.kind is Kind.HEADING:
        return _heading(2, block.texts[0])
    if block.kind is Kind.PARAGRAPH:
        return paragraphs
    if block.kind is Kind.LIST:
        return _items(block.items)
    if block.kind is Kind.FOOTNOTES:
        # Not "[^1]: ..." definitions: the segmenter would keep "[^1]:" in the sentence.
        return "* * *\n\n" + _items(block.items)
    if block.kind is Kind.SIGNATORIES:
        body = "\n\n".join(p for p in (paragraphs, _items(block.items)) if p)
        return _container(block.kind.value, body)
    return _container(block.kind.value, paragraphs)


def write_markdown(
    *,
    slug: str,
    title: str,
    date: str,
    lang: str,
    blocks: list[Block],
    extra: dict[str, str] | None = None,
) -> str:
    """The whole canonical document: front matter, ``# title``, blocks; ends with one newline."""
    head = front_matter(slug=slug, title=title, date=date, lang=lang, extra=extra)
    parts = [head, _heading(1, title)]
    parts += [render_block(b) for b in blocks if b.texts or b.items]
    return "\n\n".join(parts) + "\n"
