"""Rebuild a localized Markdown document from the source's template and a catalog's translations.

The source :class:`~translator.model.Document` keeps every byte that is not a sentence (front
matter, markers, list numbers, blank lines) as template strings, with a ``Slot`` per sentence
and a ``Gap`` between sentences of one block. Filling the slots with translations gives the
localized document with the source's structure; filling them with the source gives the source
back byte for byte. Gaps are respaced per language (no space between sentences in Chinese or
Japanese). Missing sentences show the source (``fallback="source"``, marked for HTML) or are left
out (``fallback="skip"``; a block left empty is removed with its line).
"""

from __future__ import annotations

import enum
import functools
import json
import re
from dataclasses import dataclass, field

from translator.build.text import inline_text
from translator.build.translations import Selection, Use
from translator.languages import sentence_space
from translator.model import Document, Gap, Role, Segment, Slot
from translator.segment.markdown import render_identity


class Fallback(enum.StrEnum):
    """What a missing sentence becomes."""

    SOURCE = "source"  # the source sentence, marked as untranslated in HTML
    SKIP = "skip"  # nothing


@dataclass
class Piece:
    """A run of output text; ``fallback`` marks source text standing in for a translation."""

    text: str
    fallback: bool = False
    slot: bool = False


@dataclass
class LocalizedDocument:
    """One document in one language, as Markdown pieces plus the facts pages need."""

    slug: str
    lang: str
    source_lang: str
    title: str  # plain text
    completion: float
    pieces: list[Piece] = field(default_factory=list)
    original: bool = False  # the source document itself

    @property
    def markdown(self) -> str:
        return "".join(piece.text for piece in self.pieces)

    @property
    def fallbacks(self) -> int:
        """How many sentences show the source text instead of a translation."""
        return sum(piece.fallback for piece in self.pieces)

    def marked_markdown(self, start: str, end: str) -> str:
        """The Markdown with each fallback sentence wrapped in ``start`` ... ``end``."""
        return "".join(
            f"{start}{piece.text}{end}" if piece.fallback else piece.text for piece in self.pieces
        )


def source_document(doc: Document) -> LocalizedDocument:
    """The original, unchanged, in the same shape as a translation."""
    return LocalizedDocument(
        slug=doc.slug,
        lang=doc.lang,
        source_lang=doc.lang,
        title=doc.title,
        completion=100.0,
        pieces=[Piece(render_identity(doc))],
        original=True,
    )


def render_document(
    doc: Document,
    selection: Selection,
    lang: str,
    *,
    fallback: Fallback = Fallback.SOURCE,
    front_title: str | None = None,
) -> LocalizedDocument:
    """Fill the document's template with the selected translations.

    :param doc: the parsed source document.
    :param selection: one choice per segment, from :func:`choose_translations`.
    :param lang: the target language (gettext code).
    :param fallback: what a sentence without a usable translation becomes.
    :param front_title: a translation of the front matter title, when it is not the h1 text.
    """
    assembly = _Assembly(doc, selection, lang, Fallback(fallback))
    body = assembly.run()
    title = _localized_title(doc, assembly, front_title)
    front = localize_front_matter(
        doc.front_matter,
        title=title,
        lang=lang,
        source_lang=doc.lang,
        completion=selection.completion,
    )
    return LocalizedDocument(
        slug=doc.slug,
        lang=lang,
        source_lang=doc.lang,
        title=title,
        completion=selection.completion,
        pieces=[Piece(front), *body],
    )


class _Assembly:
    """One walk over the template; collects the pieces and the h1 title's text."""

    def __init__(self, doc: Document, selection: Selection, lang: str, fallback: Fallback):
        self.doc, self.selection, self.fallback = doc, selection, fallback
        self.spaced = sentence_space(lang)
        self.out: list[Piece] = []
        self.title_parts: list[Piece] = []

    def run(self) -> list[Piece]:
        emitted = slots = previous_fallback = False
        gap: str | None = None
        role = Role.PARAGRAPH
        for piece in self.doc.template:
            if isinstance(piece, Gap):
                gap = piece.text
            elif isinstance(piece, Slot):
                slots = True
                segment = self.doc.segments[piece.index]
                role = segment.role
                text, is_fallback = self._slot_text(segment, piece.index)
                if not text:
                    continue
                separator = ""
                if emitted and gap is not None:
                    separator = self._separator(gap, previous_fallback, is_fallback)
                at_line_start = not emitted or "\n" in separator
                if not is_fallback and not self.selection.choices[piece.index].identity:
                    text = protect_markdown(text, segment, at_line_start=at_line_start)
                self._emit(segment, separator, text, is_fallback)
                emitted, gap, previous_fallback = True, None, is_fallback
            else:
                if slots and not emitted:
                    heading = role in (Role.TITLE, Role.HEADING)
                    piece = self._drop_block_lines(piece, heading=heading)
                self.out.append(Piece(piece))
                emitted = slots = False
                gap = None
        return self.out

    def _emit(self, segment: Segment, separator: str, text: str, is_fallback: bool) -> None:
        if separator:
            self.out.append(Piece(separator))
        self.out.append(Piece(text, fallback=is_fallback, slot=True))
        if segment.role is Role.TITLE:
            if separator and self.title_parts:
                self.title_parts.append(Piece(" " if "\n" in separator else separator))
            self.title_parts.append(Piece(text, fallback=is_fallback, slot=True))

    def _slot_text(self, segment: Segment, index: int) -> tuple[str, bool]:
        choice = self.selection.choices[index]
        if choice.use is Use.TRANSLATION:
            return (segment.raw if choice.identity else choice.text), False
        if choice.use is Use.JOINED or self.fallback is Fallback.SKIP:
            return "", False
        return segment.raw, True

    def _separator(self, gap: str, previous_fallback: bool, is_fallback: bool) -> str:
        """The text between two sentences of one block, by the target language's rules."""
        if previous_fallback and is_fallback:
            return gap  # both in the source language: as in the source
        if not self.spaced and not (previous_fallback or is_fallback):
            return ""  # Chinese, Japanese: no space after a full stop
        return gap or (" " if self.spaced else "")

    def _drop_block_lines(self, following: str, *, heading: bool) -> str:
        """Remove an emptied block: its first line's prefix here, its last line's rest there."""
        for position in range(len(self.out) - 1, -1, -1):
            piece = self.out[position]
            if piece.slot:
                return following  # another block shares the line: leave the empty marker
            cut = piece.text.rfind("\n")
            if cut >= 0:
                piece.text = piece.text[: cut + 1]
                del self.out[position + 1 :]
                break
        else:
            return following
        newline = following.find("\n")
        rest = following[newline + 1 :] if newline >= 0 else ""
        if heading:
            rest = _SETEXT_LINE.sub("", rest, count=1)
        if self.markdown_tail().endswith("\n\n") and rest.startswith("\n"):
            rest = rest[1:]
        return rest

    def markdown_tail(self) -> str:
        """The end of the output so far; the front matter before it ends with a newline."""
        tail = "".join(piece.text for piece in self.out[-3:])
        return tail if len(self.out) > 3 else "\n" + tail


_SETEXT_LINE = re.compile(r"\A {0,3}(?:=+|-+)[ \t]*(?:\n|\Z)")


def _localized_title(doc: Document, assembly: _Assembly, front_title: str | None) -> str:
    """The front matter title in the target language (the source title when untranslated)."""
    parts = assembly.title_parts
    h1_source = " ".join(s.text for s in doc.segments if s.role is Role.TITLE)
    if _fold(h1_source) == _fold(doc.title):
        if parts and not all(part.fallback for part in parts if part.slot):
            return inline_text("".join(part.text for part in parts))
        return doc.title
    return front_title or doc.title


def _fold(text: str) -> str:
    return " ".join(text.split())


# -- Markdown safety for translated text --------------------------------------------------------

_BLOCK_START = [
    re.compile(r"\A(\d{1,9})([.)])(?=[ \t]|\Z)"),  # ordered list marker
    re.compile(r"\A()([-+*])(?=[ \t]|\Z)"),  # bullet list marker
    re.compile(r"\A()(#{1,6})(?=[ \t]|\Z)"),  # ATX heading
    re.compile(r"\A()(>)"),  # blockquote
    re.compile(r"\A()(:{3,}|`{3,}|~{3,})"),  # container or code fence
    re.compile(r"\A()([-*_=])(?=(?:[ \t]*[-*_=])*[ \t]*\Z)"),  # thematic break, setext line
]
_CLOSING_HASHES = re.compile(r"([ \t])(#+)([ \t]*)\Z")
_CODE_SPAN = re.compile(r"(`+)(?:.+?)\1", re.DOTALL)
_TAG = re.compile(r"<(?:[A-Za-z][A-Za-z0-9-]*|/[A-Za-z]|!|\?)[^<>]*>?")
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9.+-]{1,31}:[^\s<>]*|[^\s@<>]+@[^\s@<>]+)>")


def protect_markdown(text: str, segment: Segment, *, at_line_start: bool) -> str:
    """Keep a translation inline: escape what would open a block or raw HTML the source lacks.

    >>> from translator.model import Segment, Role
    >>> seg = Segment("x", "x", Role.PARAGRAPH, 1, "paragraph", 1, 1, 1, 1)
    >>> protect_markdown("7. März <b>", seg, at_line_start=True)
    '7\\\\. März &lt;b>'
    """
    if at_line_start:
        for pattern in _BLOCK_START:
            match = pattern.match(text)
            if match:
                text = f"{match.group(1)}\\{text[match.end(1) :]}"
                break
    if segment.role in (Role.TITLE, Role.HEADING):
        text = _CLOSING_HASHES.sub(r"\1\\\2\3", text)
    return _escape_new_tags(text, segment.text)


def _escape_new_tags(text: str, source: str) -> str:
    """Turn ``<`` into ``&lt;`` for HTML-like tags the source sentence does not contain."""
    if "<" not in text:
        return text
    parts, last = [], 0
    for span in _CODE_SPAN.finditer(text):
        parts.append(_escape_tags_outside_code(text[last : span.start()], source))
        parts.append(span.group(0))
        last = span.end()
    parts.append(_escape_tags_outside_code(text[last:], source))
    return "".join(parts)


def _escape_tags_outside_code(text: str, source: str) -> str:
    def replace(match: re.Match) -> str:
        tag = match.group(0)
        if _AUTOLINK.match(text, match.start()) or (tag.endswith(">") and tag in source):
            return tag
        return "&lt;" + tag[1:]

    return _TAG.sub(replace, text)


# -- front matter ------------------------------------------------------------------------------

_UNSAFE_LINE_BREAKS = str.maketrans({"\u2028": " ", "\u2029": " ", "\x85": " "})


def localize_front_matter(
    front_matter: str, *, title: str, lang: str, source_lang: str, completion: float
) -> str:
    """Set ``title`` and ``lang``, add ``source_lang`` and ``completion``; other lines stay.

    A build in the source language with the source title leaves the front matter untouched.
    """
    if lang == source_lang:
        return _set_field(front_matter, "title", title) if title else front_matter
    text = _set_field(front_matter, "title", title)
    text = _set_field(text, "lang", lang)
    text = _set_field(text, "source_lang", source_lang)
    return _set_field(text, "completion", f"{completion:.1f}", quote=False)


def _set_field(front_matter: str, key: str, value: str, *, quote: bool = True) -> str:
    """Replace a top-level ``key:`` (with its continuation lines) or add it before the end."""
    lines = front_matter.splitlines(keepends=True)
    rendered = _yaml_value(value) if quote else value
    for number, line in enumerate(lines):
        if re.match(rf"{re.escape(key)}[ \t]*:", line):
            if _yaml_scalar(line) == value:
                return front_matter
            end = number + 1
            while end < len(lines) and lines[end][:1] in (" ", "\t"):
                end += 1
            newline = "\n" if line.endswith("\n") else ""
            lines[number:end] = [f"{key}: {rendered}{newline}"]
            return "".join(lines)
    closing = max(i for i, line in enumerate(lines) if line.rstrip() in ("---", "..."))
    lines.insert(closing, f"{key}: {rendered}\n")
    return "".join(lines)


_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_YAML_WORDS = {"y", "n", "yes", "no", "true", "false", "on", "off", "null"}


def _yaml_value(value: str) -> str:
    """A YAML scalar: plain for codes like ``de`` or ``pt_BR``, else double-quoted (JSON)."""
    if _PLAIN.fullmatch(value) and value.lower() not in _YAML_WORDS:
        return value
    return json.dumps(value.translate(_UNSAFE_LINE_BREAKS), ensure_ascii=False)


@functools.lru_cache(maxsize=4096)  # the same source lines come back for every language
def _yaml_scalar(line: str) -> str | None:
    import yaml

    try:
        data = yaml.safe_load(line)
    except yaml.YAMLError:
        return None
    if isinstance(data, dict) and len(data) == 1:
        value = next(iter(data.values()))
        return "" if value is None else str(value)
    return None
