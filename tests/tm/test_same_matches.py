"""The index answers exactly as the memory it replaced (every catalog scanned into a
:class:`TranslationMemory`), on one small corpus with the hard cases: the same sentence in
several documents, approved and plain translations, case and spacing variants, drafts and
joined copies, near-duplicates scoring alike, and the editor's "all but this document"."""

from __future__ import annotations

import random

import pytest

from translator.catalog import read_catalog
from translator.tm import TranslationMemory, catalog_units, open_memory

WORDS = [
    "workers", "strike", "against", "war", "and", "crisis", "in", "every", "country", "the",
    "youth", "women", "peasants", "unite", "for", "peace", "bread", "land", "freedom",
    "solidarity", "resist", "fascism", "oppose", "sanctions", "defend", "rights",
]  # fmt: skip


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(3, 9))]
    return " ".join(words).capitalize() + rng.choice([".", "!", ""])


def variant(text: str, rng: random.Random) -> str:
    """A near-duplicate: case, spacing, one word changed, added or dropped."""
    words = text.split()
    how = rng.randrange(5)
    if how == 0:
        return text.upper()
    if how == 1:
        return "  ".join(words)
    if how == 2 and len(words) > 1:
        words[rng.randrange(len(words))] = rng.choice(WORDS)
    elif how == 3:
        words.insert(rng.randrange(len(words) + 1), rng.choice(WORDS))
    elif len(words) > 1:
        words.pop(rng.randrange(len(words)))
    return " ".join(words)


@pytest.fixture
def corpus(tree):
    rng = random.Random(13)
    pool = [sentence(rng) for _ in range(40)]
    for number in range(12):
        rows = []
        for position in range(30):
            source = rng.choice(pool) if rng.random() < 0.5 else sentence(rng)
            if rng.random() < 0.2:
                source = variant(source, rng)
            how = rng.choice(["", "", "", "approved", "fuzzy", "joined"])
            rows.append((source, f"[{number}.{position}] {source.lower()}", how))
        unique = list({row[0]: row for row in rows}.values())  # a catalog has each msgid once
        tree.write(f"doc-{number:02d}", unique)
    queries = pool + [variant(text, rng) for text in pool for _ in range(3)]
    return tree, queries + [sentence(rng) for _ in range(40)]


def scanned(tree, exclude: str = "") -> TranslationMemory:
    """The old memory: every catalog read, in name order, into one TranslationMemory."""
    memory = TranslationMemory("de")
    for path in sorted((tree.locales / "de" / "LC_MESSAGES").glob("*.po")):
        if path.stem != exclude:
            for unit in catalog_units(read_catalog(path), path.stem):
                memory.add_unit(unit)
    return memory


def as_tuple(found):
    return found and (found.text, found.origin, found.score, found.source)


@pytest.mark.parametrize("min_score", [75, 50])
def test_the_index_finds_what_the_scan_found(corpus, min_score):
    tree, queries = corpus
    old, new = scanned(tree), open_memory(tree.locales, tree.instance, "de")
    new.refresh()
    hits = 0
    for text in queries:
        assert as_tuple(new.exact(text)) == as_tuple(old.exact(text)), text
        assert as_tuple(new.fuzzy(text, min_score)) == as_tuple(old.fuzzy(text, min_score)), text
        hits += old.lookup(text, min_score) is not None
    assert hits > len(queries) // 2  # the corpus has matches to compare, not only misses


def test_leaving_one_document_out_is_the_scan_without_it(corpus):
    tree, queries = corpus
    new = open_memory(tree.locales, tree.instance, "de")
    new.refresh()
    for slug in ("doc-00", "doc-07"):
        old = scanned(tree, exclude=slug)
        for text in queries:
            assert as_tuple(new.lookup(text, exclude=slug)) == as_tuple(old.lookup(text)), text


def test_after_saves_and_outside_edits_the_answers_still_agree(corpus):
    tree, queries = corpus
    new = open_memory(tree.locales, tree.instance, "de")
    new.refresh()
    tree.write("doc-03", [(queries[0], "saved in the editor", "approved")])
    tree.edit_outside("doc-05", [(queries[1], "pulled from git")])
    (tree.locales / "de" / "LC_MESSAGES" / "doc-09.po").unlink()
    assert new.refresh() == 1  # doc-05 only: doc-03 was patched as it was written
    old = scanned(tree)
    for text in queries:
        assert as_tuple(new.lookup(text)) == as_tuple(old.lookup(text)), text


def test_equal_scores_go_to_the_text_met_first(tree):
    tree.write("a", [("Peace and bread now", "A1"), ("Stop the war y", "A2")])
    tree.write("b", [("Stop the war x", "B1"), ("Peace and bread nom", "B2")])
    new = open_memory(tree.locales, tree.instance, "de")
    new.refresh()
    old = scanned(tree)
    for text in ("Stop the war", "Peace and bread no"):
        assert as_tuple(new.fuzzy(text)) == as_tuple(old.fuzzy(text)), text
    assert new.fuzzy("Stop the war").text == "A2" and new.fuzzy("Peace and bread no").text == "A1"
