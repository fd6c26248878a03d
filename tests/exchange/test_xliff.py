"""XLIFF 1.2 and 2.0 round trips: exports written by Translate Toolkit, edited as OmegaT or a
Translate Toolkit based tool would, merged back."""

from __future__ import annotations

from lxml import etree
from translate.storage import xliff, xliff2

from tests.exchange.conftest import APPROVED, DRAFT, EMPTY, TRANSLATED, online_edit
from translator.catalog import read_catalog
from translator.catalog.state import entry_state, is_fuzzy
from translator.exchange import merge_into_catalog, read_export, read_upload
from translator.exchange.files import export_format
from translator.model import EntryState

NS12 = {"x": "urn:oasis:names:tc:xliff:document:1.2"}


def merge(path, data: bytes, *, reviewer=False, user="dana"):
    upload = read_upload(data, "upload.xlf")
    return merge_into_catalog(
        path, upload, slug="sample", lang="de", user=user, may_approve=reviewer
    )


def unit_of(root, source: str):
    for unit in root.iter("{*}trans-unit", "{*}unit"):
        if unit.find(".//{*}source").text == source:
            return unit
    raise AssertionError(source)


def test_xliff_12_export_has_states_notes_and_context(catalog):
    project, _ = catalog
    data = read_export(project.settings, "de", "sample", export_format("xliff"))
    root = etree.fromstring(data)
    assert root.get("version") == "1.2" and root.nsmap[None] == NS12["x"]
    assert root.find("x:file", NS12).get("original") == "sample"
    assert root.find("x:file", NS12).get("target-language") == "de"
    assert unit_of(root, EMPTY).find("x:target", NS12) is None  # new
    assert unit_of(root, DRAFT).find("x:target", NS12).get("state") == "needs-review-translation"
    assert unit_of(root, TRANSLATED).find("x:target", NS12).get("state") == "translated"
    assert unit_of(root, APPROVED).find("x:target", NS12).get("state") == "final"
    draft = unit_of(root, DRAFT)
    notes = {note.get("from"): note.text for note in draft.findall("x:note", NS12)}
    assert "role: slogan" in notes["developer"] and "origin: mt:dummy" in notes["translator"]
    contexts = [c.text for c in draft.iterfind(".//x:context", NS12)]
    assert "source/sample.md" in contexts
    # Translate Toolkit reads it back as it reads any XLIFF
    store = xliff.xlifffile.parsestring(data)
    assert len(store.units) == len(read_catalog(project.catalog_path("de", "sample")))


def test_omegat_style_edit_of_xliff_12(catalog):
    """OmegaT writes its targets (state "translated") and names itself in the header."""
    project, path = catalog
    root = etree.fromstring(read_export(project.settings, "de", "sample", export_format("xliff")))
    file_node = root.find("x:file", NS12)
    header = etree.Element(f"{{{NS12['x']}}}header")
    etree.SubElement(header, f"{{{NS12['x']}}}tool", {"tool-id": "omegat", "tool-name": "OmegaT"})
    file_node.insert(0, header)
    new = unit_of(root, EMPTY)
    target = etree.SubElement(new, f"{{{NS12['x']}}}target", {"state": "translated"})
    target.text = "Wir fordern den Abzug aller Truppen."
    new.insert(1, target)
    draft = unit_of(root, DRAFT).find("x:target", NS12)
    draft.text, draft.attrib["state"] = "Stoppt den Krieg jetzt!", "translated"
    report = merge(path, etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    assert report.exit_code == 0 and report.origin == "upload:omegat"
    po = read_catalog(path)
    assert po.find(EMPTY).msgstr == "Wir fordern den Abzug aller Truppen."
    assert po.find(DRAFT).msgstr == "Stoppt den Krieg jetzt!"
    assert entry_state(po.find(DRAFT)) is EntryState.TRANSLATED
    assert entry_state(po.find(APPROVED)) is EntryState.APPROVED


def test_a_target_left_needing_review_stays_a_draft(catalog):
    project, path = catalog
    store = xliff.xlifffile.parsestring(
        read_export(project.settings, "de", "sample", export_format("xliff"))
    )
    unit = store.findunit(EMPTY)
    unit.target = "Wir fordern den Abzug."
    unit.markfuzzy(True)
    merge(path, bytes(store))
    assert is_fuzzy(read_catalog(path).find(EMPTY))


def test_xliff_20_round_trip_through_translate_toolkit(catalog):
    project, path = catalog
    data = read_export(project.settings, "de", "sample", export_format("xliff-2.0"))
    root = etree.fromstring(data)
    assert root.get("version") == "2.0" and root.get("trgLang") == "de"
    unit = unit_of(root, DRAFT)
    assert unit.find("{*}notes") is not None, "notes belong to the unit in XLIFF 2.0"
    assert unit.find("{*}segment").get("state") == "initial"
    assert unit_of(root, APPROVED).find("{*}segment").get("state") == "final"
    store = xliff2.Xliff2File.parsestring(data)
    edited = store.findunit(EMPTY)
    edited.target = "Wir fordern den Abzug aller Truppen."
    edited.markapproved(True)  # "reviewed": a reviewer's approval
    report = merge(path, bytes(store), reviewer=True, user="rita")
    assert [item.msgid for item in report.merged] == [EMPTY]
    assert entry_state(read_catalog(path).find(EMPTY)) is EntryState.APPROVED


def test_xliff_conflict_lists_both_texts(catalog):
    project, path = catalog
    store = xliff2.Xliff2File.parsestring(
        read_export(project.settings, "de", "sample", export_format("xliff-2.0"))
    )
    online_edit(path, TRANSLATED, "Die ICOR verurteilt diesen Krieg.")
    unit = store.findunit(TRANSLATED)
    unit.target = "Die ICOR verdammt den Krieg."
    report = merge(path, bytes(store))
    [conflict] = report.conflicts
    assert (conflict.mine.text, conflict.theirs.text) == (
        "Die ICOR verdammt den Krieg.",
        "Die ICOR verurteilt diesen Krieg.",
    )
    assert read_catalog(path).find(TRANSLATED).msgstr == "Die ICOR verurteilt diesen Krieg."


def test_xliff_from_another_tool_is_matched_by_source_text(catalog):
    """Translate Toolkit's own po2xliff numbers its units; there is no base then."""
    _, path = catalog
    store = xliff.xlifffile(sourcelanguage="en", targetlanguage="de-DE")
    unit = store.addsourceunit(EMPTY)
    unit.target = "Wir fordern den Abzug."
    unit.markfuzzy(False)
    report = merge(path, bytes(store))
    assert [item.msgid for item in report.merged] == [EMPTY]
