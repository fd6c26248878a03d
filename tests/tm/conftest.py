"""A tiny project tree for memory tests: ``locales/`` and ``instance/`` under a temp folder."""

from __future__ import annotations

import polib
import pytest

from translator.catalog import write_catalog
from translator.catalog.io import catalog_text
from translator.catalog.state import approve


def make_po(pairs) -> polib.POFile:
    """A catalog of (source, target) pairs; a third item "approved", "fuzzy" or "joined"."""
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "de"}
    for source, target, *how in pairs:
        entry = polib.POEntry(msgid=source, msgstr=target)
        if "fuzzy" in how:
            entry.flags.append("fuzzy")
        if "joined" in how:
            entry.tcomment = "joined: previous"
        if "approved" in how:
            approve(entry, "rita", "2024-05-01")
        po.append(entry)
    return po


class Tree:
    """``root/locales/<lang>/LC_MESSAGES/<slug>.po`` files, written as the tool or as git."""

    def __init__(self, root):
        self.root = root
        self.locales = root / "locales"
        self.instance = root / "instance"

    def path(self, slug: str, lang: str = "de"):
        return self.locales / lang / "LC_MESSAGES" / f"{slug}.po"

    def write(self, slug: str, pairs, lang: str = "de"):
        """Through write_catalog, as every command and the editor write."""
        path = self.path(slug, lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_catalog(make_po(pairs), path)
        return path

    def edit_outside(self, slug: str, pairs, lang: str = "de"):
        """Behind the tool's back (git pull, a text editor): the file is simply replaced."""
        path = self.path(slug, lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(catalog_text(make_po(pairs)), encoding="utf-8")
        return path


@pytest.fixture
def tree(tmp_path) -> Tree:
    return Tree(tmp_path)
