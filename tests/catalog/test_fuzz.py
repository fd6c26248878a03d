"""Hostile input to catalog loading and document parsing: a clear error or a result, no crash."""

from __future__ import annotations

import polib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from translator.catalog import parse_catalog, read_catalog, write_catalog
from translator.errors import CatalogError, TranslatorError
from translator.segment import decode_source, parse_document, render_identity
from translator.text import unsafe_character

PO_PIECES = st.sampled_from(
    [
        'msgid ""\n',
        'msgstr ""\n',
        'msgid "a"\n',
        'msgstr "b"\n',
        'msgctxt "c"\n',
        "#, fuzzy\n",
        '#~ msgid "old"\n',
        '#| msgid "prev"\n',
        '"continued"\n',
        'msgid_plural "as"\n',
        'msgstr[0] "x"\n',
        "\n",
        '"unterminated\n',
        "garbage\n",
        '"\\u00e9 \\" escaped"\n',
    ]
)

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.lists(PO_PIECES, max_size=25))
def test_po_text_either_parses_or_gives_a_catalog_error(pieces):
    try:
        parse_catalog("".join(pieces), "fuzz.po")
    except TranslatorError as exc:
        assert str(exc).startswith("fuzz.po")


@SETTINGS
@given(st.binary(max_size=400))
def test_po_bytes_either_parse_or_give_a_catalog_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("po") / "x.po"
    path.write_bytes(data)
    try:
        read_catalog(path)
    except TranslatorError as exc:
        assert "x.po" in str(exc)


@SETTINGS
@given(
    st.lists(
        st.tuples(
            st.text(min_size=1, max_size=40).filter(lambda t: "\x00" not in t),
            st.text(max_size=40).filter(lambda t: "\x00" not in t),
        ),
        max_size=8,
        unique_by=lambda pair: pair[0],
    )
)
def test_written_catalogs_read_back_the_same_or_are_refused(tmp_path_factory, pairs):
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for msgid, msgstr in pairs:
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    path = tmp_path_factory.mktemp("po") / "x.po"
    unsafe = any(unsafe_character(msgid + msgstr) for msgid, msgstr in pairs)
    rejected = any(_newlines_differ(msgid, msgstr) for msgid, msgstr in pairs)
    try:
        write_catalog(po, path)
    except CatalogError as exc:
        assert (unsafe or rejected) and "refusing to write" in str(exc)
        assert not path.exists()
        return
    assert not unsafe and not rejected
    assert [(e.msgid, e.msgstr) for e in read_catalog(path)] == pairs


def _newlines_differ(msgid: str, msgstr: str) -> bool:
    """msgfmt rejects a translation that begins or ends with a newline its source lacks."""
    ends = (str.startswith, str.endswith)
    return bool(msgstr) and any(end(msgid, "\n") != end(msgstr, "\n") for end in ends)


MD_PIECES = st.sampled_from(
    [
        "# Title. Two!\n",
        "Text. More text.\n",
        "\n",
        "::: slogans\n",
        "::: signatories\n",
        "::: dateline\n",
        ":::\n",
        "1. Item one\n",
        "- bullet. Two.\n",
        "> quote. More\n",
        "```\n",
        "    indented code\n",
        "<div>html</div>\n",
        "Text with *emphasis* and [a link](http://x.y/a.b).\n",
        "Setext\n===\n",
        "\t tab\n",
        "Сигнатура. Ещё!\n",
        "متن. بیشتر؟\n",
        "Line\u2028separator. And\x85next.\n",
        "Form\x0cfeed. Vertical\x0btab.\n",
    ]
)
FRONT = '---\nslug: x\ntitle: "X"\nlang: en\n---\n'


@SETTINGS
@given(st.lists(MD_PIECES, max_size=20))
def test_any_document_rebuilds_byte_for_byte(pieces):
    text = FRONT + "".join(pieces)
    try:
        doc = parse_document(text, "source/x.md")
    except TranslatorError:
        return
    assert render_identity(doc) == text
    for segment in doc.segments:
        assert segment.text.strip() == segment.text and segment.text
        assert unsafe_character(segment.text) is None, "every msgid can be written to a catalog"


@SETTINGS
@given(st.binary(max_size=300))
def test_any_bytes_as_a_source_give_a_document_or_a_clear_error(data):
    try:
        doc = parse_document(decode_source(FRONT.encode() + data, "source/x.md"), "source/x.md")
    except TranslatorError as exc:
        assert "source/x.md" in str(exc)
        return
    assert all(unsafe_character(segment.text) is None for segment in doc.segments)
