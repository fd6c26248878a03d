"""Word documents (.docx) of a localized document, with python-docx.

Blocks (:mod:`.blocks`) become paragraphs in Word's own styles, so a reader's template
restyles them: ``Title``, ``Subtitle`` (the date line), ``Heading 1..6``, ``Quote``,
``List Bullet``, and three styles of ours: ``Slogan`` (centred, bold), ``Signatory`` and
``Numbered`` (the number as written, hanging). Sentences that stand in for a missing
translation use the character style ``Untranslated``. For right-to-left languages every
paragraph and run is marked right-to-left (``w:bidi``, ``w:rtl``: python-docx has no call
for these, so they are added to its own XML elements) and the language is set on the text.
Output bytes depend only on the input: fixed document dates and zip entry times.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from translator.build.blocks import Block, document_blocks, fallback_marks
from translator.build.documents import LocalizedDocument
from translator.languages import text_direction

FIXED_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
STYLES = {
    "title": "Title",
    "dateline": "Subtitle",
    "paragraph": "Normal",
    "quote": "Quote",
    "bullet": "List Bullet",
    "code": "No Spacing",
    "slogan": "Slogan",
    "signatory": "Signatory",
    "item": "Numbered",
}


def render_docx(doc: LocalizedDocument) -> bytes:
    """The document as .docx bytes."""
    word = Document()
    _add_styles(word)
    rtl = text_direction(doc.lang) == "rtl"
    start, end = fallback_marks(doc.markdown)
    for block in document_blocks(doc.marked_markdown(start, end), (start, end)):
        _add_block(word, block, rtl, doc.lang)
    core = word.core_properties
    core.title, core.language, core.author = doc.title, doc.lang.replace("_", "-"), ""
    core.created = core.modified = FIXED_TIME
    core.last_modified_by, core.revision = "translator", 1
    buffer = io.BytesIO()
    word.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _add_styles(word) -> None:
    styles = word.styles
    slogan = styles.add_style("Slogan", WD_STYLE_TYPE.PARAGRAPH)
    slogan.base_style = styles["Normal"]
    slogan.font.bold = True
    slogan.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for name in ("Signatory", "Numbered"):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        style.paragraph_format.left_indent = Pt(24)
        style.paragraph_format.first_line_indent = Pt(-24)
        style.paragraph_format.space_after = Pt(2)
    untranslated = styles.add_style("Untranslated", WD_STYLE_TYPE.CHARACTER)
    untranslated.font.color.rgb = RGBColor(0x70, 0x70, 0x70)


def _add_block(word, block: Block, rtl: bool, lang: str) -> None:
    if block.kind == "heading":
        paragraph = word.add_heading(level=min(block.level, 9))
    else:
        paragraph = word.add_paragraph(style=STYLES.get(block.kind, "Normal"))
    if block.marker:
        paragraph.add_run(block.marker + "\t")
    for item in block.runs:
        run = paragraph.add_run()
        if item.line_break:
            run.add_break()
            continue
        run.text = item.text
        run.bold = item.bold or None
        run.italic = item.italic or None
        if item.code:
            run.font.name = "Courier New"
        if item.fallback:
            run.style = word.styles["Untranslated"]
    if rtl:
        _right_to_left(paragraph, lang)


def _right_to_left(paragraph, lang: str) -> None:
    """Mark the paragraph and its runs right-to-left, in ``lang``."""
    paragraph._p.get_or_add_pPr().append(OxmlElement("w:bidi"))
    for run in paragraph.runs:
        properties = run._r.get_or_add_rPr()
        properties.append(OxmlElement("w:rtl"))
        language = OxmlElement("w:lang")
        language.set(qn("w:bidi"), lang.replace("_", "-"))
        properties.append(language)


def _fixed_zip(data: bytes) -> bytes:
    """The same archive with fixed entry times (python-docx stamps the current time)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return buffer.getvalue()
