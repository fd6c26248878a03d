"""OpenDocument text (.odt) of a localized document, with odfdo (no hand-written XML).

odfdo is a maintained library (releases through 2026) with an element API for ODF: blocks
(:mod:`.blocks`) become ``text:h`` and ``text:p`` elements in LibreOffice's own styles
(``Title``, ``Subtitle``, ``Heading N``, ``Quotations``, ``Text body``) and three styles of
ours (``Slogan``, ``Signatory``, ``Numbered``); runs are spans in ``Strong``, ``Emphasis``,
``Source Text`` and ``Untranslated`` text styles. For right-to-left languages the paragraph
default writes right to left (``style:writing-mode="rl-tb"``); the document's language is the
default of its text (the template's is French). Dates and zip entry times are
fixed, so the same input gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from odfdo import Document, Header, Paragraph, Span, Style

from translator.build.blocks import Block, Run, document_blocks, fallback_marks
from translator.build.documents import LocalizedDocument
from translator.languages import text_direction

FIXED_TIME = dt.datetime(2000, 1, 1)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
# block kind -> (style name, display name, parent, paragraph properties, text properties)
PARAGRAPH_STYLES = {
    "title": ("Title", "Title", "Heading", {"fo:text-align": "center"}, {"fo:font-size": "170%"}),
    "dateline": ("Subtitle", "Subtitle", "Standard", {"fo:text-align": "center"}, {}),
    "paragraph": ("Text_20_body", "Text body", "Standard", {}, {}),
    "quote": ("Quotations", "Quotations", "Standard", {"fo:margin-left": "1cm"}, {}),
    "code": ("Preformatted_20_Text", "Preformatted Text", "Standard", {}, {}),
    "bullet": ("List_20_Bullet", "List Bullet", "Standard", {"fo:margin-left": "0.6cm"}, {}),
    "slogan": (
        "Slogan",
        "Slogan",
        "Standard",
        {"fo:text-align": "center"},
        {"fo:font-weight": "bold"},
    ),
    "signatory": ("Signatory", "Signatory", "Standard", {"fo:margin-left": "0.8cm"}, {}),
    "item": ("Numbered", "Numbered", "Standard", {"fo:margin-left": "0.8cm"}, {}),
}
TEXT_STYLES = {
    "Strong": {"fo:font-weight": "bold"},
    "Emphasis": {"fo:font-style": "italic"},
    "Strong_20_Emphasis": {"fo:font-weight": "bold", "fo:font-style": "italic"},
    "Source_20_Text": {"style:font-name": "Liberation Mono"},
    "Untranslated": {"fo:color": "#707070"},
}
RTL = {"style:writing-mode": "rl-tb"}


def render_odt(doc: LocalizedDocument) -> bytes:
    """The document as .odt bytes."""
    odt = Document("text")
    odt.body.clear()
    rtl = text_direction(doc.lang) == "rtl"
    _add_styles(odt, doc.lang, rtl)
    start, end = fallback_marks(doc.markdown)
    for block in document_blocks(doc.marked_markdown(start, end), (start, end)):
        odt.body.append(_element(block))
    meta = odt.meta
    meta.set_title(doc.title)
    meta.set_language(doc.lang.replace("_", "-"))
    meta.set_creation_date(FIXED_TIME)
    meta.set_generator("translator")
    buffer = io.BytesIO()
    odt.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _style(family: str, name: str, display: str, parent: str | None, paragraph: dict, text: dict):
    style = Style(family, name=name, display_name=display, parent_style=parent)
    if paragraph:
        style.set_properties(area="paragraph", properties=paragraph)
    if text:
        style.set_properties(area="text", properties=text)
    return style


def _add_styles(odt: Document, lang: str, rtl: bool) -> None:
    """The document's language and direction as defaults; our paragraph and text styles."""
    code, _, region = lang.partition("_")
    place = {"fo:language": code, "fo:country": region or "none"}
    if rtl:
        place.update({"style:language-complex": code, "style:country-complex": region or "none"})
    default = next(s for s in odt.get_styles("paragraph") if s.tag == "style:default-style")
    default.set_properties(area="text", properties=place)  # the template's default is French
    if rtl:
        default.set_properties(area="paragraph", properties={**RTL, "fo:text-align": "end"})
    for level in odt.styles.get_elements("//text:outline-level-style"):
        level.set_attribute("style:num-format", "")  # the template numbers headings "1.1."
        for name in ("style:num-suffix", "loext:num-list-format"):
            level.del_attribute(name)
    for name, display, parent, paragraph, text in PARAGRAPH_STYLES.values():
        style = _style("paragraph", name, display, parent, paragraph, text)
        odt.insert_style(style, automatic=False)
    for name, look in TEXT_STYLES.items():
        odt.insert_style(_style("text", name, name.replace("_20_", " "), None, {}, look))


def _element(block: Block):
    if block.kind == "heading":
        level = min(block.level, 6)
        element = Header(level)
        element.style = f"Heading_20_{level}"  # odfdo's Header drops its style argument
    else:
        style = PARAGRAPH_STYLES.get(block.kind, PARAGRAPH_STYLES["paragraph"])[0]
        element = Paragraph(style=style)
    if block.marker:
        element.append(block.marker + " ")
    for run in block.runs:
        _append_run(element, run)
    return element


def _append_run(element, run: Run) -> None:
    if run.line_break:
        element.append_plain_text("\n")
        return
    style = _text_style(run)
    element.append(Span(run.text, style=style) if style else run.text)


def _text_style(run: Run) -> str | None:
    if run.fallback:
        return "Untranslated"
    if run.code:
        return "Source_20_Text"
    if run.bold and run.italic:
        return "Strong_20_Emphasis"
    return "Strong" if run.bold else "Emphasis" if run.italic else None


def _fixed_zip(data: bytes) -> bytes:
    """The same package with fixed entry times; ``mimetype`` first and stored, as ODF asks."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, ZIP_TIME)
            stored = info.filename == "mimetype"
            entry.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return buffer.getvalue()
