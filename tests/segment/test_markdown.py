"""Canonical Markdown -> segments: roles, positions, locations, exact rebuild."""

from __future__ import annotations

from pathlib import Path

import pytest

from translator.errors import SourceError
from translator.model import Role
from translator.segment import parse_document, read_document, render_identity

DATA = Path(__file__).parent.parent / "data" / "source"
REPO_SOURCE = Path(__file__).parent.parent.parent / "source"

FRONT = '---\nslug: x\ntitle: "X"\nlang: en\n---\n\n'

SHAPES = {
    "wrapped paragraphs": FRONT + "First sentence is here. Second one\nwraps onto a line.\n",
    "blockquote": FRONT + "> Quoted words. More\n> quoted words.\n",
    "nested lists": FRONT + "- One.\n  - Nested item. Two.\n- Three\n",
    "loose list": FRONT + "1. First item.\n\n2. Second item.\n",
    "closing hashes": FRONT + "## A heading ##\n\nText.\n",
    "setext heading": FRONT + "Heading\n=======\n\nText *with* emphasis.\n",
    "code is kept": FRONT + "Text.\n\n```\ncode. Not. Split.\n```\n",
    "no final newline": FRONT + "Last line without newline.",
    "crlf-free blanks": FRONT + "\n\n\nSpaced.\n\n\n",
    "html block": FRONT + "<div>raw html</div>\n\nText.\n",
}


@pytest.mark.parametrize("text", SHAPES.values(), ids=SHAPES.keys())
def test_identity_rebuild_is_byte_exact(text):
    assert render_identity(parse_document(text, "source/x.md")) == text


def test_identity_rebuild_of_every_bundled_source():
    paths = sorted(REPO_SOURCE.glob("*.md")) + sorted(DATA.glob("*.md"))
    assert paths
    for path in paths:
        assert render_identity(read_document(path)) == path.read_text(encoding="utf-8")


def test_roles_of_the_sample():
    doc = read_document(DATA / "sample.md")
    roles = [segment.role for segment in doc.segments]
    assert roles[:3] == [Role.TITLE, Role.TITLE, Role.DATELINE]
    assert roles.count(Role.SLOGAN) == 2
    assert roles.count(Role.SIGNATORY) == 3
    assert Role.HEADING in roles


def test_signatory_is_never_split_and_keeps_its_script():
    doc = read_document(DATA / "sample.md")
    signatories = [s.text for s in doc.segments if s.role is Role.SIGNATORY]
    assert signatories[1] == "БКП Българска Комунистическа Партия (Bulgarian Communist Party)"
    assert signatories[2].startswith("CPI (ML) Red Star")


def test_list_marker_is_not_part_of_the_text():
    doc = parse_document(FRONT + "  1. PCPCI Parti Communiste\n", "source/x.md")
    assert doc.segments[0].text == "PCPCI Parti Communiste"


def test_positions_and_lines():
    doc = read_document(DATA / "sample.md")
    second = doc.segments[4]
    assert second.position == "paragraph 1, sentence 2 of 2"
    assert second.line == 14


def test_wrapped_sentence_is_folded_for_translators():
    doc = parse_document(SHAPES["wrapped paragraphs"], "source/x.md")
    assert doc.segments[1].text == "Second one wraps onto a line."
    assert doc.segments[1].raw == "Second one\nwraps onto a line."


def test_inline_markup_survives_in_the_segment():
    doc = read_document(DATA / "sample.md")
    assert "[the appeal](https://example.org/appeal.html)" in doc.segments[6].text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("# No front matter\n", "missing front matter"),
        ("---\nslug: x\nlang: en\n---\n\nText.\n", "missing 'title'"),
        ("---\nslug: [x\n---\n\nText.\n", "not valid YAML"),
    ],
)
def test_bad_documents_get_clear_errors(text, message):
    with pytest.raises(SourceError, match=message):
        parse_document(text, "source/x.md")


def test_read_document_checks_slug_language_and_encoding(tmp_path):
    bad_lang = tmp_path / "x.md"
    bad_lang.write_text('---\nslug: x\ntitle: "X"\nlang: zz-qq\n---\n\nText.\n', encoding="utf-8")
    with pytest.raises(SourceError, match="unknown language"):
        read_document(bad_lang)
    other_slug = tmp_path / "y.md"
    other_slug.write_text(FRONT + "Text.\n", encoding="utf-8")
    with pytest.raises(SourceError, match="differs from the file name"):
        read_document(other_slug)
    latin1 = tmp_path / "x.md"
    latin1.write_bytes(FRONT.encode() + b"caf\xe9\n")
    with pytest.raises(SourceError, match=r"x\.md:7: not valid UTF-8"):
        read_document(latin1)


def test_unit_separator_is_refused_since_no_catalog_could_hold_it():
    with pytest.raises(SourceError, match="U\\+001F"):
        parse_document(FRONT + "One!\x1fTwo!\n", "source/x.md")
