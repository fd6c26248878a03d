"""Word (.docx) and OpenDocument (.odt) builds, read back with python-docx and odfdo: the
document's parts in their styles, right-to-left Arabic, marked fallbacks, identical bytes."""

from __future__ import annotations

import io
import zipfile

import docx
import odfdo
import pytest
from docx.oxml.ns import qn

from translator.build import Fallback, choose_translations, render_document, render_docx, render_odt
from translator.catalog import read_catalog
from translator.segment import read_document

SIGNATORY = "MLPD Marxistisch-Leninistische Partei Deutschlands"


def localized(project, lang, fallback=Fallback.SOURCE):
    doc = read_document(project.settings.source_dir / "sample.md", project.root)
    po = read_catalog(project.catalog_path(lang, "sample"))
    return render_document(
        doc, choose_translations(doc, po, allow_drafts=False), lang, fallback=fallback
    )


def paragraphs(data: bytes) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in docx.Document(io.BytesIO(data)).paragraphs]


def test_docx_has_each_part_in_its_style(project, fill):
    fill(project, "de")
    found = paragraphs(render_docx(localized(project, "de")))
    styles = dict(found)
    assert found[0] == ("Title", "[de] Peace now. [de] Stop the war!")
    assert styles["Subtitle"] == "[de] ICOR Resolution, 8 March 2021"
    assert styles["Heading 2"] == "[de] Our demands"
    assert styles["Quote"] == "[de] Workers of all countries, unite!"
    assert [text for style, text in found if style == "Slogan"] == [
        "[de] Stop the war!",
        "[de] Strengthen the ICOR!",
    ]
    signatories = [text for style, text in found if style == "Signatory"]
    assert len(signatories) == 3 and signatories[0].startswith(f"1.\t[de] {SIGNATORY}")
    link = next(text for _, text in found if "appeal" in text)
    assert "(https://example.org/appeal.html)" in link
    emphasis = [
        run.text
        for p in docx.Document(io.BytesIO(render_docx(localized(project, "de")))).paragraphs
        for run in p.runs
        if run.italic
    ]
    assert emphasis == ["act"]


def test_docx_arabic_is_right_to_left(project, fill):
    fill(project, "ar")
    document = docx.Document(io.BytesIO(render_docx(localized(project, "ar"))))
    for paragraph in document.paragraphs:
        assert paragraph._p.pPr.find(qn("w:bidi")) is not None, paragraph.text
        for run in paragraph.runs:
            assert run._r.rPr.find(qn("w:rtl")) is not None
    assert document.core_properties.language == "ar"
    assert document.paragraphs[0].text.startswith("السلام الآن")


def test_docx_marks_sentences_shown_in_the_source(project, fill):
    fill(project, "de", only=lambda entry: "ICOR" not in entry.msgid)
    document = docx.Document(io.BytesIO(render_docx(localized(project, "de"))))
    marked = [
        run.text for p in document.paragraphs for run in p.runs if run.style.name == "Untranslated"
    ]
    assert "Strengthen the ICOR!" in marked and "The ICOR condemns the war." in marked
    assert not any(text.startswith("[de]") for text in marked)


def test_odt_has_each_part_in_its_style(project, fill):
    fill(project, "de")
    document = odfdo.Document(io.BytesIO(render_odt(localized(project, "de"))))
    found = [(p.get_attribute("text:style-name"), str(p).strip()) for p in document.body.children]
    assert found[0] == ("Title", "[de] Peace now. [de] Stop the war!")
    assert ("Heading_20_2", "[de] Our demands") in found
    assert [text for style, text in found if style == "Slogan"] == [
        "[de] Stop the war!",
        "[de] Strengthen the ICOR!",
    ]
    assert sum(style == "Signatory" for style, _ in found) == 3
    assert document.meta.get_language() == "de"


def default_style(data: bytes) -> str:
    styles = zipfile.ZipFile(io.BytesIO(data)).read("styles.xml").decode()
    start = styles.index('<style:default-style style:family="paragraph">')
    return styles[start : styles.index("</style:default-style>", start)]


def test_odt_arabic_is_right_to_left(project, fill):
    fill(project, "ar")
    default = default_style(render_odt(localized(project, "ar")))
    assert 'style:writing-mode="rl-tb"' in default and 'fo:text-align="end"' in default
    assert 'style:language-complex="ar"' in default


def test_odt_text_is_in_its_language_and_headings_are_not_numbered(project, fill):
    fill(project, "de")
    data = render_odt(localized(project, "de"))
    default = default_style(data)
    assert 'fo:language="de"' in default and "rl-tb" not in default
    styles = zipfile.ZipFile(io.BytesIO(data)).read("styles.xml").decode()
    assert (
        'style:num-format="1"'
        not in styles.split("<text:outline-style")[1].split("</text:outline-style>")[0]
    )


@pytest.mark.parametrize("render", [render_docx, render_odt])
def test_the_same_document_gives_the_same_bytes(project, fill, render):
    fill(project, "de")
    assert render(localized(project, "de")) == render(localized(project, "de"))


def test_build_writes_docx_and_odt_on_request(project, fill, build, out):
    fill(project, "de")
    report = build(project, out, formats=("docx", "odt"))
    assert {"sample/de.docx", "sample/de.odt", "sample/en.docx"} <= set(report.written)
    assert zipfile.ZipFile(out / "sample" / "de.odt").namelist()[0] == "mimetype"
    again = build(project, out, formats=("docx", "odt"))
    assert again.written == [], "an unchanged build writes nothing"
    default = build(project, out)
    assert "sample/de.docx" not in default.written and (out / "sample" / "de.docx").is_file()


def test_parse_formats_knows_the_word_formats():
    from translator.build import parse_formats

    assert parse_formats("odt,md,docx") == ("md", "docx", "odt")
