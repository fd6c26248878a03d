"""Fixtures for importer tests: the data folder and a parser that reads canonical Markdown back."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

DATA = Path(__file__).parent / "data"
ROLES = ("dateline", "slogans", "signatories")


@pytest.fixture
def data() -> Path:
    return DATA


@pytest.fixture(scope="session")
def md() -> MarkdownIt:
    parser = MarkdownIt("commonmark").use(front_matter_plugin)
    for role in ROLES:
        parser.use(container_plugin, name=role)
    return parser


def _literal(inline) -> str:
    # Text as a reader sees it; any markup token shows up as <type> so tests catch it.
    parts = []
    for child in inline.children or []:
        if child.type == "text":
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        else:
            parts.append(f"<{child.type}>")
    return "".join(parts)


@pytest.fixture
def outline(md):
    """Markdown -> (front matter dict, [(role, block, text)]) with block in heading/para/item."""

    def run(markdown: str):
        front, blocks, role, block = {}, [], "body", "paragraph"
        for token in md.parse(markdown):
            kind = token.type
            if kind == "front_matter":
                front = yaml.safe_load(token.content)
            elif kind.startswith("container_"):
                role = token.info.strip() if kind.endswith("_open") else "body"
            elif kind == "heading_open":
                block = token.tag
            elif kind == "list_item_open":
                block = f"item {token.info or '-'}"
            elif kind in ("heading_close", "list_item_close"):
                block = "paragraph"
            elif kind == "inline":
                blocks.append((role, block, _literal(token)))
        return front, blocks

    return run
