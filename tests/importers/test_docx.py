"""Word files: styles mark the title and headings, Word's numbering becomes list numbers."""

from __future__ import annotations

import pytest
from docx import Document

from translator.errors import SourceError
from translator.importers import import_docx, import_file


@pytest.fixture
def resolution_docx(tmp_path):
    document = Document()
    document.add_paragraph("Skip to content. | Skip to navigation")
    document.add_heading("Freedom for all political prisoners in Turkey!", level=1)
    document.add_paragraph("ICOR Resolution, 1 March 2021")
    document.add_paragraph("The ICOR demands the release of all political prisoners.")
    document.add_heading("Our demands", level=2)
    document.add_paragraph("release of the prisoners", style="List Bullet")
    document.add_paragraph("an end to torture", style="List Bullet")
    document.add_paragraph("Freedom for all political prisoners!")
    document.add_paragraph("Long live international solidarity!")
    document.add_paragraph("Signatories:")
    for name in ("MLPD Germany", "БКП Българска Комунистическа Партия", "KOL Luxemburg"):
        document.add_paragraph(name, style="List Number")
    path = tmp_path / "resolution.docx"
    document.save(path)
    return path


def test_docx_structure(resolution_docx, outline):
    result = import_docx(resolution_docx, lang="en", slug="prisoners-2021")
    front, blocks = outline(result.markdown)
    assert front == {
        "slug": "prisoners-2021",
        "title": "Freedom for all political prisoners in Turkey!",
        "date": __import__("datetime").date(2021, 3, 1),
        "lang": "en",
    }
    assert [(r, b) for r, b, _ in blocks] == [
        ("body", "h1"), ("dateline", "paragraph"), ("body", "paragraph"), ("body", "h2"),
        ("body", "item -"), ("body", "item -"), ("slogans", "paragraph"),
        ("slogans", "paragraph"), ("signatories", "paragraph"), ("signatories", "item 1"),
        ("signatories", "item 2"), ("signatories", "item 3"),
    ]  # fmt: skip
    assert blocks[-2][2] == "БКП Българска Комунистическа Партия"
    assert result.dropped == ["Skip to content. | Skip to navigation"]


def test_import_file_dispatches_docx(resolution_docx):
    assert import_file(resolution_docx).title == "Freedom for all political prisoners in Turkey!"


def test_line_breaks_and_typed_numbers(tmp_path, outline):
    document = Document()
    document.add_paragraph("Stop the war on Iran now", style="Title")
    document.add_paragraph("We protest.\nWe strike.")
    document.add_paragraph("Signatories")
    document.add_paragraph("1. MLPD\n2. KOL")
    path = tmp_path / "typed.docx"
    document.save(path)
    _, blocks = outline(import_docx(path).markdown)
    assert [(r, b, t) for r, b, t in blocks[1:]] == [
        ("body", "paragraph", "We protest."), ("body", "paragraph", "We strike."),
        ("signatories", "paragraph", "Signatories"), ("signatories", "item 1", "MLPD"),
        ("signatories", "item 2", "KOL"),
    ]  # fmt: skip


def test_not_a_word_file(tmp_path):
    path = tmp_path / "fake.docx"
    path.write_text("this is no zip file", encoding="utf-8")
    with pytest.raises(SourceError, match="fake.docx: not a readable Word .docx file"):
        import_file(path)


def test_empty_word_file(tmp_path):
    path = tmp_path / "empty.docx"
    Document().save(path)
    with pytest.raises(SourceError, match="empty.docx: empty input"):
        import_docx(path)
