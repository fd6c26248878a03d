"""The real example: the ICOR resolution of 17 January 2020 as scraped from the website."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from translator.importers import ImportResult, import_file

SLUG = "icor-resolution-2020-01-17"
TITLE = "US imperialism endangers world peace. Active resistance worldwide – now!"
SOURCE = Path(__file__).parents[2] / "source" / f"{SLUG}.md"
CHROME = [
    "Skip to content. | Skip to navigation",
    "Personal tools",
    f"You are here: Home / 2020 / {TITLE}",
    "Document Actions",
]


@pytest.fixture
def seed(data) -> ImportResult:
    return import_file(data / f"{SLUG}.txt", lang="en", slug=SLUG)


def _role(blocks, role):
    return [(block, text) for r, block, text in blocks if r == role]


def test_seed_metadata(seed):
    assert (seed.slug, seed.title, seed.date) == (SLUG, TITLE, "2020-01-17")
    assert seed.warnings == []


def test_seed_front_matter_keys_in_order(seed, outline):
    front, _ = outline(seed.markdown)
    assert list(front) == ["slug", "title", "date", "lang"]
    assert front == {"slug": SLUG, "title": TITLE, "date": datetime.date(2020, 1, 17), "lang": "en"}
    assert seed.markdown.startswith(f'---\nslug: {SLUG}\ntitle: "{TITLE}"\ndate: 2020-01-17\n')


def test_seed_title_and_dateline(seed, outline):
    _, blocks = outline(seed.markdown)
    assert blocks[0] == ("body", "h1", TITLE)
    assert _role(blocks, "dateline") == [("paragraph", "ICOR Resolution, 17 January 2020")]


def test_seed_body_has_three_paragraphs(seed, outline):
    _, blocks = outline(seed.markdown)
    body = _role(blocks, "body")[1:]
    assert [block for block, _ in body] == ["paragraph"] * 3
    assert body[0][1].startswith("The ICOR strongly condemns")
    assert body[2][1].endswith("the country's anti-people regime.")


def test_seed_slogans(seed, outline):
    _, blocks = outline(seed.markdown)
    slogans = [text for _, text in _role(blocks, "slogans")]
    assert slogans == [
        "Active resistance against the main warmonger and the enemy of all peoples: "
        "US imperialism!",
        "All foreign troops out of the countries of the Middle East!",
        "Active resistance against imperialist aggression and war!",
        "Strengthen the revolutionary world organization ICOR!",
    ]


def test_seed_signatories(seed, outline):
    _, blocks = outline(seed.markdown)
    signatories = _role(blocks, "signatories")
    assert signatories[0] == (
        "paragraph",
        "Signatories (as of 16. January 2020, up-to-date list of signatories on",
    )
    items = signatories[1:]
    assert [block for block, _ in items] == [f"item {n}" for n in range(1, 35)]
    assert items[0][1] == "PCPCI Parti Communiste Proletarien de Côte d'Ivoire"
    assert items[11][1] == "БКП Българска Комунистическа Партия (Bulgarian Communist Party)"
    assert items[22][1].startswith("БРП(к) Българска Работническа Партия (комунисти)")
    assert items[33][1].endswith("Cameroon")


def test_seed_chrome_is_reported_and_gone(seed):
    assert seed.dropped == CHROME
    for line in ("Skip to", "Personal tools", "You are here", "Document Actions"):
        assert line not in seed.markdown


def test_seed_tokens_show_containers_and_one_tight_list(seed, md):
    tokens = md.parse(seed.markdown)
    kinds = [t.type for t in tokens]
    for role in ("dateline", "slogans", "signatories"):
        assert kinds.count(f"container_{role}_open") == 1
    assert kinds.count("ordered_list_open") == 1
    assert kinds.count("list_item_open") == 34
    assert kinds.count("bullet_list_open") == 0
    items = [t for t in tokens if t.type == "paragraph_open" and t.level > 2]
    assert len(items) == 34 and all(t.hidden for t in items)  # tight list


def test_seed_text_layout(seed):
    text = seed.markdown
    assert text.endswith(":::\n") and not text.endswith("\n\n")
    assert "\n\n\n" not in text
    assert "::: signatories\nSignatories (as of" in text
    assert "\n1. PCPCI Parti" in text and "\n34. UPC-Manidem" in text
    assert "\n\n2. " not in text  # tight


def test_seed_import_is_deterministic(data, seed):
    again = import_file(data / f"{SLUG}.txt", lang="en", slug=SLUG)
    assert again.markdown == seed.markdown


def test_committed_source_document_is_the_import(seed):
    assert SOURCE.read_text(encoding="utf-8") == seed.markdown
