"""The fast lexer against the full one: the same entries on every real catalog, and on damaged
ones either the same entries or a hand-over (so the same verdict and the same message)."""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

import pytest

from translator.catalog import syntax
from translator.catalog.fastscan import fast_entries
from translator.config import load_settings
from translator.errors import CatalogError
from translator.project import Project

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))  # pysbd ships a "benchmarks" package: import by file

import corpus  # noqa: E402

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


@pytest.fixture(scope="module")
def texts(tmp_path_factory) -> list[str]:
    """A benchmark corpus before and after an update, and the repository's own catalogs."""
    base = tmp_path_factory.mktemp("fastscan")
    small = corpus.build_corpus(3, 3, seed=29, base=base)
    updated = base / "updated"
    shutil.copytree(small.root, updated)
    shutil.rmtree(updated / "source")
    shutil.copytree(small.edited, updated / "source")
    Project(load_settings(updated)).update()
    paths = [*small.po_paths(), *sorted((updated / "locales").rglob("*.po*"))]
    paths += sorted((REPO / "locales").rglob("*.po*"))
    return [path.read_text("utf-8") for path in paths]


def full(text: str) -> list:
    return syntax._Scanner(text).run()


def verdict(text: str, monkeypatch=None):
    """scan_catalog's entries or its error message."""
    try:
        return [vars(entry) for entry in syntax.scan_catalog(text, "x.po")]
    except CatalogError as exc:
        return str(exc)


def test_every_real_catalog_takes_the_fast_path_with_the_same_entries(texts):
    for text in texts:
        fast = fast_entries(text)
        assert fast is not None
        assert fast == full(text)


@pytest.mark.parametrize(
    "body",
    [
        '#~ msgid "a"\n#~ msgid_plural "as"\n#~ msgstr[0] "b"\n#~ msgstr[1] ""\n#~ "bs"\n',
        'msgctxt "c"\nmsgid ""\n"a\\tb"\nmsgid_plural "x"\nmsgstr[1] "q"\n"r"\nmsgstr[0] "p"\n',
        '#, fuzzy, c-format\n#| msgctxt "o"\n#| msgid ""\n#| "old"\n# note\n#\n'
        'msgid "a"\nmsgstr "b"\n',
        '#~| msgid "old"\n#~ msgid "a"\n#~ msgstr "b"\n\n\n# trailing\n#.\n',
    ],
    ids=["obsolete-plural", "context-plural", "comments", "obsolete-previous"],
)
def test_unusual_but_common_layouts_read_alike(body):
    text = HEADER + body
    assert fast_entries(text) is not None
    assert fast_entries(text) == full(text)


@pytest.mark.parametrize(
    "body",
    [
        '  msgid "a"\nmsgstr "b"\n',  # indented
        'msgid "a"\r\nmsgstr "b"\r\n',
        'msgid "a" msgstr "b"\n',
        '# continued \\\nmsgid "a"\nmsgstr "b"\n',
        'msgid "a\\q"\nmsgstr "b"\n',
        'msgid "a"\nmsgid_plural "as"\nmsgstr "b"\n',
        'msgid "a"\nmsgstr[0] "b"\n',
        'msgid "a"\nmsgstr "b"\n#| msgid "dangling"\n',
        'msgid "a"\nmsgstr "b"',  # no newline at the end
    ],
)
def test_anything_else_is_handed_to_the_full_lexer(body):
    assert fast_entries(HEADER + body) is None


def _damage(text: str, rng: random.Random) -> str:
    kind = rng.choice(["cut", "quote", "insert", "drop-line", "indent", "swap"])
    lines = text.split("\n")
    if kind == "cut":
        return text[: rng.randrange(len(text))]
    if kind == "quote":
        quotes = [i for i, char in enumerate(text) if char == '"']
        i = rng.choice(quotes)
        return text[:i] + text[i + 1 :]
    if kind == "insert":
        i = rng.randrange(len(text))
        pieces = ["\\", '"', "x", "\n", "msgid ", "\\q", "#", "#~ ", "#| ", "\r", "msgstr[0] ", " "]
        return text[:i] + rng.choice(pieces) + text[i:]
    i = rng.randrange(len(lines))
    if kind == "drop-line":
        del lines[i]
    elif kind == "indent":
        lines[i] = " " + lines[i]
    else:
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


def test_damaged_catalogs_get_the_same_verdict_and_message(texts, monkeypatch):
    rng = random.Random(20261208)
    cases = [_damage(rng.choice(texts), rng) for _ in range(400)]
    fast = [verdict(text) for text in cases]
    monkeypatch.setattr(syntax, "fast_entries", lambda text: None)
    slow = [verdict(text) for text in cases]
    assert fast == slow
    assert sum(isinstance(v, str) for v in slow) > 100  # most damage is refused
