"""Build-test fixtures: fill catalogs with deterministic translations, run a build into tmp."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from translator.build import BuildOptions, Fallback, build_documents, write_build
from translator.catalog import catalog_lock, read_catalog, write_catalog
from translator.catalog.state import approve, set_comment_field, set_fuzzy
from translator.project import Project

# Words in each script, so pages show real right-to-left and non-Latin text.
WORDS = {
    "ar": "السلام الآن",
    "fa": "صلح اکنون",
    "zh": "现在和平。",
    "ja": "今こそ平和を。",
    "ru": "Мир сейчас",
    "hi": "अभी शांति",
}


def pseudo(lang: str) -> Callable[[str], str]:
    """A recognisable fake translation of a sentence into ``lang``."""
    word = WORDS.get(lang.split("_")[0], f"[{lang}]")
    if lang.split("_")[0] in ("zh", "ja"):
        return lambda msgid: word
    return lambda msgid: f"{word} {msgid}"


def fill_catalog(
    project: Project,
    lang: str,
    slug: str = "sample",
    translate: Callable[[str], str] | None = None,
    *,
    only: Callable[[polib.POEntry], bool] | None = None,
    fuzzy: bool = False,
    approved: bool = False,
) -> polib.POFile:
    """Translate entries of one catalog (creating it if needed) and save it."""
    if not project.catalog_path(lang, slug).is_file():
        project.init([lang], [slug])
    translate = translate or pseudo(lang)
    path = project.catalog_path(lang, slug)
    with catalog_lock(path):
        po = read_catalog(path)
        for entry in po:
            if only is not None and not only(entry):
                continue
            entry.msgstr = translate(entry.msgid)
            set_fuzzy(entry, fuzzy)
            if approved:
                approve(entry, "reviewer", "2024-05-01")
        write_catalog(po, path)
    return po


def edit_catalog(project: Project, lang: str, slug: str, change: Callable[[polib.POFile], None]):
    """Apply ``change`` to a catalog under its lock and save it."""
    path = project.catalog_path(lang, slug)
    with catalog_lock(path):
        po = read_catalog(path)
        change(po)
        write_catalog(po, path)


def join_entries(po: polib.POFile, first: str, second: str, translation: str) -> None:
    """Mark two sentences as joined, the way the review UI does."""
    head = po.find(first)
    tail = po.find(second)
    head.msgstr = translation
    set_comment_field(head, "joined", "next")
    tail.msgstr = tail.msgid
    set_comment_field(tail, "joined", "previous")


def run_build(project: Project, out: Path, **options) -> object:
    """Build the project into ``out`` with library defaults; returns the report."""
    if "fallback" in options:
        options["fallback"] = Fallback(options["fallback"])
    docs = project.documents()
    assert not docs.errors, docs.errors
    result = build_documents(
        project.settings, docs.documents, project.languages(), BuildOptions(**options)
    )
    return write_build(result, out)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return tmp_path / "out"


@pytest.fixture
def fill() -> Callable[..., polib.POFile]:
    return fill_catalog


@pytest.fixture
def edit() -> Callable[..., None]:
    return edit_catalog


@pytest.fixture
def join() -> Callable[..., None]:
    return join_entries


@pytest.fixture
def build() -> Callable[..., object]:
    return run_build
