"""Localized Markdown as a word processor sees it: a flat list of styled blocks of text runs.

The Word and OpenDocument renderers (:mod:`.docx`, :mod:`.odt`) share this reading of the
document, so both show the same things: the title, the date line, headings, paragraphs,
quotes, list items with their numbers as written (``3.`` stays ``3.`` when item 2 was left
out), slogans and signatories; runs are bold, italic, code or a link's text with its target,
and sentences standing in for a missing translation are marked as such.

>>> [(b.kind, b.text) for b in document_blocks("# Peace\\n\\n::: slogans\\nStop the war!\\n:::\\n")]
[('title', 'Peace'), ('slogan', 'Stop the war!')]
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode

from translator.segment.markdown import markdown_parser

_MD = markdown_parser(html=False)
CONTAINERS = {"container_dateline": "dateline", "container_slogans": "slogan"}


@dataclass
class Run:
    """A piece of text with one look."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    fallback: bool = False  # the source sentence, standing in for a missing translation
    line_break: bool = False  # a hard line break (``text`` is empty)


@dataclass
class Block:
    """One paragraph of the output: its kind, heading level or list marker, and its runs."""

    kind: str  # title, dateline, heading, paragraph, quote, slogan, signatory, item, bullet, code
    runs: list[Run] = field(default_factory=list)
    level: int = 0  # headings
    marker: str = ""  # "1." for numbered items and signatories

    @property
    def text(self) -> str:
        return "".join("\n" if run.line_break else run.text for run in self.runs)


def document_blocks(markdown: str, marks: tuple[str, str] | None = None) -> list[Block]:
    """The blocks of a localized document.

    :param marks: the two characters around fallback sentences in ``markdown``
        (:meth:`~translator.build.documents.LocalizedDocument.marked_markdown`).
    """
    walker = _Walker(marks)
    walker.walk(SyntaxTreeNode(_MD.parse(markdown)).children, "")
    return walker.blocks


def fallback_marks(markdown: str) -> tuple[str, str]:
    """Two private-use characters the text does not contain, to mark fallback sentences."""
    free = [chr(code) for code in range(0xE000, 0xF8FF) if chr(code) not in markdown]
    return free[0], free[1]


class _Walker:
    def __init__(self, marks: tuple[str, str] | None):
        self.marks = marks
        self.blocks: list[Block] = []
        self.fallback = False
        self.title_seen = False

    def walk(self, nodes: list[SyntaxTreeNode], context: str) -> None:
        for node in nodes:
            self.node(node, context)

    def node(self, node: SyntaxTreeNode, context: str) -> None:
        kind = node.type
        if kind == "heading":
            level = int(node.tag[1:])
            title = level == 1 and not self.title_seen
            self.title_seen = self.title_seen or title
            self.add("title" if title else "heading", node, level=level)
        elif kind == "paragraph":
            self.add(context or "paragraph", node)
        elif kind in CONTAINERS:
            self.walk(node.children, CONTAINERS[kind])
        elif kind == "container_signatories":
            self.walk(node.children, "signatories")
        elif kind == "blockquote":
            self.walk(node.children, "quote")
        elif kind in ("ordered_list", "bullet_list"):
            self.list(node, context)
        elif kind in ("fence", "code_block"):
            self.blocks.append(Block("code", [Run(node.content.rstrip("\n"), code=True)]))

    def list(self, node: SyntaxTreeNode, context: str) -> None:
        ordered = node.type == "ordered_list"
        start = int(node.attrs.get("start", 1)) if ordered else 1
        kind = "signatory" if context == "signatories" else "item" if ordered else "bullet"
        for number, item in enumerate(node.children, start):
            marker = f"{item.info or number}{item.markup}" if ordered else ""
            for child in item.children:
                if child.type == "paragraph":
                    self.add(kind, child, marker=marker)
                    marker = ""  # a second paragraph of the item has no number of its own
                else:
                    self.node(child, context)

    def add(self, kind: str, node: SyntaxTreeNode, **shape) -> None:
        inline = node.children[0].token.children if node.children else None
        kind = "paragraph" if kind == "signatories" else kind  # "Signatories (as of ...)"
        block = Block(kind, self.runs(inline or []), **shape)
        if block.runs:
            self.blocks.append(block)

    def runs(self, tokens: list[Token]) -> list[Run]:
        runs: list[Run] = []
        bold = italic = 0
        links: list[tuple[str, int]] = []  # (target, where the link text starts)
        for token in tokens:
            kind = token.type
            if kind in ("strong_open", "strong_close"):
                bold += 1 if kind == "strong_open" else -1
            elif kind in ("em_open", "em_close"):
                italic += 1 if kind == "em_open" else -1
            elif kind in ("text", "text_special", "html_inline", "code_inline"):
                self.text(runs, token.content, bool(bold), bool(italic), kind == "code_inline")
            elif kind == "softbreak":
                self.text(runs, " ", bool(bold), bool(italic), False)
            elif kind == "hardbreak":
                runs.append(Run("", line_break=True))
            elif kind == "link_open":
                links.append((str(token.attrGet("href") or ""), len(runs)))
            elif kind == "link_close":
                href, start = links.pop()
                label = "".join(run.text for run in runs[start:])
                if href and label not in (href, href.removeprefix("mailto:")):
                    self.text(runs, f" ({href})", False, False, False)
            elif kind == "image":
                self.text(runs, token.content, bool(bold), bool(italic), False)
        return [run for run in runs if run.text or run.line_break]

    def text(self, runs: list[Run], text: str, bold: bool, italic: bool, code: bool) -> None:
        """Add ``text``, switching the fallback mark where the marks say."""
        if self.marks is None:
            runs.append(Run(text, bold, italic, code, self.fallback))
            return
        start, end = self.marks
        piece = ""
        for char in text:
            if char in (start, end):
                if piece:
                    runs.append(Run(piece, bold, italic, code, self.fallback))
                piece, self.fallback = "", char == start
            else:
                piece += char
        if piece:
            runs.append(Run(piece, bold, italic, code, self.fallback))
