"""Plain text from localized Markdown: what an e-mail, a messenger post or a print shop takes.

Blocks are separated by blank lines; headings and paragraphs keep the source's line breaks;
list items keep their numbers as written (``3.`` stays ``3.`` even if item 2 was left out);
block quotes are indented; links read ``text (url)``. No Markdown markup survives.
"""

from __future__ import annotations

from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode

from translator.segment.markdown import markdown_parser

_MD = markdown_parser(html=False)
_INDENT = "    "


def render_text(markdown: str) -> str:
    """The document as plain text, ending with one newline.

    >>> render_text("# Title\\n\\n1. one\\n3. *three*\\n")
    'Title\\n\\n1. one\\n3. three\\n'
    """
    root = SyntaxTreeNode(_MD.parse(markdown))
    text = _blocks(root.children)
    return text.rstrip("\n") + "\n" if text.strip() else ""


def inline_text(markdown: str) -> str:
    """The text of one line of inline Markdown, markup removed.

    >>> inline_text("Stop *the* [war](https://x.org)!")
    'Stop the war!'
    """
    tokens = _MD.parseInline(markdown)
    children = tokens[0].children if tokens and tokens[0].children else []
    return _inline(children, links=False).strip()


def _blocks(nodes: list[SyntaxTreeNode]) -> str:
    parts = [_block(node) for node in nodes]
    return "\n\n".join(part for part in parts if part)


def _block(node: SyntaxTreeNode) -> str:
    kind = node.type
    if kind in ("paragraph", "heading"):
        return _inline(node.children[0].token.children or [], links=True) if node.children else ""
    if kind in ("bullet_list", "ordered_list"):
        return _list(node)
    if kind == "blockquote":
        return _indent(_blocks(node.children), _INDENT, _INDENT)
    if kind in ("fence", "code_block"):
        return _indent(node.content.rstrip("\n"), _INDENT, _INDENT)
    if kind == "hr":
        return "* * *"
    if kind == "html_block":
        return node.content.rstrip("\n")
    if kind.startswith("container_"):
        return _blocks(node.children)
    return ""  # front matter


def _list(node: SyntaxTreeNode) -> str:
    ordered = node.type == "ordered_list"
    start = int(node.attrs.get("start", 1)) if ordered else 1
    children = [child for item in node.children for child in item.children]
    tight = all(child.type != "paragraph" or child.hidden for child in children)
    items = []
    for number, item in enumerate(node.children, start):
        written = item.info if ordered and item.info else str(number)
        marker = f"{written}{item.markup} " if ordered else "- "
        items.append(_indent(_blocks(item.children), marker, " " * len(marker)))
    return ("\n" if tight else "\n\n").join(items)


def _indent(text: str, first: str, rest: str) -> str:
    lines = text.split("\n")
    out = [first + lines[0]] + [rest + line if line else "" for line in lines[1:]]
    return "\n".join(out)


def _inline(tokens: list[Token], *, links: bool) -> str:
    out: list[str] = []
    hrefs: list[str] = []
    for token in tokens:
        kind = token.type
        if kind in ("text", "code_inline", "html_inline", "text_special"):
            out.append(token.content)
        elif kind in ("softbreak", "hardbreak"):
            out.append("\n")
        elif kind == "image":
            out.append(_inline(token.children or [], links=False))
        elif kind == "link_open":
            hrefs.append(str(token.attrGet("href") or ""))
            out.append("\0")  # where the link text starts
        elif kind == "link_close":
            out.append(_link_tail(out, hrefs.pop(), links))
    return "".join(out)


def _link_tail(out: list[str], href: str, links: bool) -> str:
    """Drop the start mark; return `` (url)`` unless the text already is the URL."""
    start = max(i for i, part in enumerate(out) if part == "\0")
    label = "".join(out[start + 1 :])
    del out[start]
    if not links or not href or label in (href, href.removeprefix("mailto:")):
        return ""
    return f" ({href})"
