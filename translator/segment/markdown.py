"""Canonical Markdown -> blocks with roles -> sentence segments and a template to rebuild the text.

The document is parsed with markdown-it-py (CommonMark) plus front matter and ``:::`` role
containers (Pandoc fenced-div syntax): ``dateline``, ``slogans`` and ``signatories``. Every
sentence is located by character offsets in the source, so the document can be rebuilt exactly:
the template keeps every byte that is not a sentence (markers, blank lines, separators).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from translator.errors import SourceError
from translator.model import Document, Gap, Role, Segment, Slot
from translator.segment import split

CONTAINER_ROLES = ("dateline", "slogans", "signatories")
REQUIRED_FIELDS = ("slug", "title", "lang")
# NUL is replaced by CommonMark, a lone CR is a line end to it: neither could be rebuilt exactly
# (read_document turns CR into LF first), and no control character can go into a PO file.
_CONTROL = re.compile("[\x00-\x08\r\x0e-\x1b\x1f\x7f]")  # \x1c-\x1e are folded below
_FOLD = re.compile("[ \t]*[\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029][ \t]*")  # breaks -> one space


def markdown_parser(*, html: bool = True) -> MarkdownIt:
    """CommonMark with front matter and the ``:::`` role containers.

    :param html: recognise raw HTML blocks (segmentation keeps them untranslated); renderers
        pass ``False`` so that any HTML in a text comes out escaped.
    """
    md = MarkdownIt("commonmark", {"html": html}).use(front_matter_plugin)
    for name in CONTAINER_ROLES:
        md.use(container_plugin, name=name)
    return md


_MD = markdown_parser()

Spans = list[tuple[int, int]]
Splitter = Callable[[list[str], str], list[Spans]]  # (block texts, language) -> spans of each


def split_each(texts: list[str], lang: str) -> list[Spans]:
    """The default :data:`Splitter`: every block split now (``cache.SegmentCache`` caches)."""
    return [split.split_sentences(text, lang) for text in texts]


@dataclass
class _Block:
    """One inline-bearing block: its role, kind and the exact content offsets in the source."""

    role: Role
    kind: str
    line: int  # 0-based first line
    content: str  # markdown-it's inline content, lines joined by "\n"
    starts: list[int]  # absolute source offset of each content line


@dataclass
class _Walk:
    """Parser state while walking the token stream."""

    containers: list[str] = field(default_factory=list)
    lists: list[str] = field(default_factory=list)  # "ol" / "ul" nesting
    quote_depth: int = 0
    seen_title: bool = False
    heading_level: int = 0


def parse_document(
    text: str, path: str = "<document>", splitter: Splitter | None = None
) -> Document:
    """Parse canonical Markdown into a :class:`Document` (segments plus rebuild template).

    :param text: the whole source file, already decoded.
    :param path: the file's project-relative path, used in errors and occurrences.
    :param splitter: splits the blocks into sentences (default :func:`split_each`).
    """
    if not text.strip():
        raise SourceError(f"{path}: the document is empty")
    control = _CONTROL.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        raise SourceError(f"{path}:{line}: control character U+{ord(control.group()):04X}")
    tokens = _MD.parse(text)
    meta, front_end = _front_matter(tokens, text, path)
    line_starts = _line_starts(text)
    try:
        blocks = list(_blocks(tokens, text.split("\n"), line_starts))  # as markdown-it counts
    except SourceError as exc:
        raise SourceError(f"{path}:{exc}") from exc
    doc = Document(
        slug=meta["slug"],
        title=meta["title"],
        lang=meta["lang"],
        date=meta.get("date", ""),
        path=path,
        metadata=meta,
        front_matter=text[:front_end],
    )
    _fill(doc, blocks, text, front_end, splitter or split_each)
    return doc


def block_texts(text: str) -> list[tuple[Role, int, str]]:
    """Every inline-bearing block of a source as ``(role, first line, content)``, in order:
    what the splitter sees (the segmentation benchmarks run over these)."""
    tokens = _MD.parse(text)
    blocks = _blocks(tokens, text.split("\n"), _line_starts(text))
    return [(block.role, block.line + 1, block.content) for block in blocks]


def render_identity(doc: Document) -> str:
    """Rebuild the source exactly from the document's template and segments."""
    parts = [doc.front_matter]
    for piece in doc.template:
        if isinstance(piece, Slot):
            parts.append(doc.segments[piece.index].raw)
        elif isinstance(piece, Gap):
            parts.append(piece.text)
        else:
            parts.append(piece)
    return "".join(parts)


def _front_matter(tokens: list[Token], text: str, path: str) -> tuple[dict[str, str], int]:
    if not tokens or tokens[0].type != "front_matter":
        raise SourceError(f"{path}:1: missing front matter (--- slug/title/lang ---)")
    token = tokens[0]
    try:
        data = yaml.safe_load(token.content) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        raise SourceError(f"{path}:{line}: front matter is not valid YAML") from exc
    if not isinstance(data, dict):
        raise SourceError(f"{path}:1: front matter must be key: value lines")
    meta = {str(key): "" if value is None else str(value) for key, value in data.items()}
    for name in REQUIRED_FIELDS:
        if not meta.get(name):
            raise SourceError(f"{path}:1: front matter: missing '{name}'")
    end_line = token.map[1] if token.map else 0
    return meta, _line_starts(text + "\n")[end_line]


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for match in re.finditer("\n", text):
        starts.append(match.end())
    return starts


def _blocks(tokens: list[Token], lines: list[str], line_starts: list[int]):
    walk = _Walk()
    for index, token in enumerate(tokens):
        _track(walk, token)
        if token.type != "inline" or token.map is None:
            continue
        parent = tokens[index - 1].type
        if parent not in ("paragraph_open", "heading_open"):
            continue
        role, kind = _role(walk, parent)
        first = token.map[0]
        starts = _content_starts(token.content, lines, line_starts, first)
        yield _Block(role=role, kind=kind, line=first, content=token.content, starts=starts)


def _track(walk: _Walk, token: Token) -> None:
    kind = token.type
    if kind.startswith("container_") and kind.endswith("_open"):
        walk.containers.append(token.info.strip().split()[0])
    elif kind.startswith("container_") and kind.endswith("_close"):
        walk.containers.pop()
    elif kind in ("ordered_list_open", "bullet_list_open"):
        walk.lists.append(token.tag)
    elif kind in ("ordered_list_close", "bullet_list_close"):
        walk.lists.pop()
    elif kind == "blockquote_open":
        walk.quote_depth += 1
    elif kind == "blockquote_close":
        walk.quote_depth -= 1
    elif kind == "heading_open":
        walk.heading_level = int(token.tag[1:])


def _role(walk: _Walk, parent: str) -> tuple[Role, str]:
    container = walk.containers[-1] if walk.containers else ""
    if parent == "heading_open":
        if walk.heading_level == 1 and not walk.seen_title:
            walk.seen_title = True
            return Role.TITLE, "heading"
        return Role.HEADING, f"heading level {walk.heading_level}"
    if walk.lists:
        if container == "signatories" and walk.lists[-1] == "ol":
            return Role.SIGNATORY, "list item"
        return Role.LIST_ITEM, "list item"
    if container == "dateline":
        return Role.DATELINE, "paragraph"
    if container == "slogans":
        return Role.SLOGAN, "paragraph"
    return Role.PARAGRAPH, "blockquote paragraph" if walk.quote_depth else "paragraph"


def _content_starts(content: str, lines: list[str], line_starts: list[int], first: int):
    """Where each content line starts in the source, as if its leading blanks were there.

    markdown-it expands leading tabs into spaces, so only the text after a line's leading
    blanks is located; sentence spans never start or end inside those blanks.
    """
    starts = []
    for offset, piece in enumerate(content.split("\n")):
        source_line = lines[first + offset].rstrip("\r\n")
        core = piece.lstrip()
        column = _column(source_line, core, first + offset)
        starts.append(line_starts[first + offset] + column - (len(piece) - len(core)))
    return starts


def _column(source_line: str, core: str, line: int) -> int:
    # Content normally ends the line; ATX headings may carry a closing "###" sequence.
    trimmed = re.sub(r"(?:\s+#+)?\s*$", "", source_line) if core else source_line
    if trimmed.endswith(core):
        return len(trimmed) - len(core)
    column = source_line.rfind(core)
    if column < 0:
        raise SourceError(f"{line + 1}: cannot locate the text {core[:30]!r} in the source")
    return column


def _fill(
    doc: Document, blocks: list[_Block], text: str, front_end: int, splitter: Splitter
) -> None:
    counters: dict[Role, int] = {}
    cursor = front_end
    prose = [block.content for block in blocks if block.role is not Role.SIGNATORY]
    spans_of = iter(splitter(prose, doc.lang))
    for block_index, block in enumerate(blocks, 1):
        counters[block.role] = counters.get(block.role, 0) + 1
        spans = _signatory_span(block) if block.role is Role.SIGNATORY else next(spans_of)
        for number, (start, end) in enumerate(spans, 1):
            begin, finish = _absolute(block, start), _absolute(block, end - 1) + 1
            gap = text[cursor:begin]
            doc.template.append(Gap(gap) if number > 1 else gap)
            doc.template.append(Slot(len(doc.segments)))
            raw = text[begin:finish]
            doc.segments.append(
                Segment(
                    text=_FOLD.sub(" ", block.content[start:end]),
                    raw=raw,
                    role=block.role,
                    block=block_index,
                    block_kind=block.kind,
                    block_number=counters[block.role],
                    sentence=number,
                    sentences=len(spans),
                    line=text.count("\n", 0, begin) + 1,
                )
            )
            cursor = finish
    doc.template.append(text[cursor:])


def _signatory_span(block: _Block) -> Spans:
    """A signatory is one segment whatever its punctuation."""
    stripped = block.content.strip()
    if not stripped:
        return []
    start = block.content.index(stripped)
    return [(start, start + len(stripped))]


def _absolute(block: _Block, offset: int) -> int:
    """Map an offset in the block's joined content to an offset in the source file."""
    line = block.content.count("\n", 0, offset)
    line_begin = block.content.rfind("\n", 0, offset) + 1
    return block.starts[line] + (offset - line_begin)
