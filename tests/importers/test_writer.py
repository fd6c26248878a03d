"""The writer: canonical layout, and escaping that keeps text literal and nothing more."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from translator.importers.writer import Block, Item, Kind, escape_text, write_markdown


def _document(*blocks: Block, title: str = "A title", date: str = "2020-01-17", lang: str = "en"):
    return write_markdown(slug="a-slug", title=title, date=date, lang=lang, blocks=list(blocks))


def test_canonical_layout():
    text = _document(
        Block(Kind.DATELINE, ["ICOR Resolution, 17 January 2020"]),
        Block(Kind.PARAGRAPH, ["Body."]),
        Block(Kind.SLOGANS, ["One!", "Two!"]),
        Block(Kind.SIGNATORIES, ["Signatories"], [Item("1", "A"), Item("2", "B")]),
    )
    assert text == (
        '---\nslug: a-slug\ntitle: "A title"\ndate: 2020-01-17\nlang: en\n---\n\n# A title\n\n'
        "::: dateline\nICOR Resolution, 17 January 2020\n:::\n\nBody.\n\n"
        "::: slogans\nOne!\n\nTwo!\n:::\n\n::: signatories\nSignatories\n\n1. A\n2. B\n:::\n"
    )


def test_front_matter_quotes_what_yaml_would_misread(outline):
    text = _document(title='Say "no" – now!', date="", lang="no")
    assert 'title: "Say \\"no\\" – now!"' in text and 'lang: "no"' in text
    front, _ = outline(text)
    assert front == {"slug": "a-slug", "title": 'Say "no" – now!', "lang": "no"}


def test_lists_keep_numbers_and_bullets(outline):
    text = _document(Block(Kind.LIST, items=[Item("3", "c"), Item("4", "d")]))
    assert "\n3. c\n4. d\n" in text
    text = _document(Block(Kind.LIST, items=[Item("-", "x")]), Block(Kind.HEADING, ["Part 2"]))
    _, blocks = outline(text)
    assert blocks[1:] == [("body", "item -", "x"), ("body", "h2", "Part 2")]


@pytest.mark.parametrize(
    "text, escaped",
    [
        ("# not a heading", "\\# not a heading"),
        ("- not a bullet", "\\- not a bullet"),
        ("+ not a bullet", "\\+ not a bullet"),
        ("1. Mai", "1\\. Mai"),
        ("3) drei", "3\\) drei"),
        ("> not a quote", "\\> not a quote"),
        (":::", "\\:::"),
        ("::: slogans", "\\::: slogans"),
        ("---", "\\---"),
        ("a *b* c", "a \\*b\\* c"),
        ("`code`", "\\`code\\`"),
        ("[link](x)", "\\[link](x)"),
        ("snake_case stays", "snake_case stays"),
        ("_under_", "\\_under\\_"),
        ("AT&T &amp; more", "AT&T \\&amp; more"),
        ("<b>bold</b>", "\\<b>bold\\</b>"),
        ("a \\* b", "a \\\\\\* b"),
        ("C:\\path", "C:\\path"),
        ("Widerstand – jetzt! „Zitat“ «guillemets»", "Widerstand – jetzt! „Zitat“ «guillemets»"),
        ("2020 was a year", "2020 was a year"),
        ("Partija Rada - ByH", "Partija Rada - ByH"),
    ],
)
def test_escape_text(text, escaped):
    assert escape_text(text) == escaped


SPECIAL = "ab1 #-+*_`[]()<>&;!\\:~=.|'\"\n\t"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(SPECIAL) + ["é", "ж", "ی", "–"]), max_size=40))
def test_escaped_paragraph_reads_back_as_the_same_text(md, text):
    plain = " ".join(text.split())
    if not plain:
        return
    for markdown, wanted in ((escape_text(plain), "paragraph_open"), (_document(title=plain), "")):
        tokens = md.parse(markdown)
        if wanted:
            assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
        inline = [t for t in tokens if t.type == "inline"][0]
        literal = "".join(c.content for c in inline.children if c.type == "text")
        assert [c.type for c in inline.children] == ["text"] * len(inline.children)
        assert literal == plain


def test_heading_keeps_trailing_hashes():
    text = _document(title="Number #1 ##")
    assert "\n# Number #1 \\##\n" in text


def test_no_break_spaces_are_kept():
    assert escape_text("Vive la révolution\u00a0!") == "Vive la révolution\u00a0!"


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=30))
def test_any_title_survives_the_front_matter(md, title):
    import yaml

    text = _document(title=title)
    front = [t for t in md.parse(text) if t.type == "front_matter"][0]
    assert yaml.safe_load(front.content)["title"] == title
