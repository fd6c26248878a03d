"""PO round trips: the export as Poedit and Virtaal (Translate Toolkit) open it, edited as a
translator would, merged back entry by entry."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from translate.storage import pypo

from tests.exchange.conftest import APPROVED, DRAFT, EMPTY, TRANSLATED, online_edit
from translator.catalog import read_catalog
from translator.catalog.state import entry_state, is_fuzzy
from translator.exchange import merge_into_catalog, read_export, read_upload
from translator.exchange.files import export_format
from translator.exchange.po import export_po
from translator.model import EntryState

PO = export_format("po")
TODAY = dt.date.today().isoformat()


def merge(project, path, data: bytes, *, user="dana", reviewer=False, approve_all=False):
    upload = read_upload(data, "upload.po")
    return merge_into_catalog(
        path,
        upload,
        slug="sample",
        lang="de",
        user=user,
        may_approve=reviewer,
        approve_all=approve_all,
    )


def test_export_is_the_catalog_with_its_base_in_the_header(catalog, tmp_path):
    project, path = catalog
    text = read_export(project.settings, "de", "sample", PO).decode()
    assert "X-Translator-Document: sample" in text
    assert "X-Translator-Entries: " in text
    assert "#, fuzzy" in text and "# origin: mt:dummy" in text and "# approved: rita" in text
    exported = tmp_path / "sample.de.po"
    exported.write_text(text, encoding="utf-8")
    check = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(exported)])
    assert check.returncode == 0
    assert path.read_text(encoding="utf-8").count("X-Translator") == 0, "the catalog is unchanged"


def test_poedit_style_edit_merges_only_what_the_translator_changed(catalog):
    project, path = catalog
    text = read_export(project.settings, "de", "sample", PO).decode()
    # Poedit: the translator fills one sentence, accepts the machine draft (clears fuzzy)
    # and Poedit stamps its own header fields
    text = text.replace('"Generated-By: translator 0.1.0\\n"\n', '"X-Generator: Poedit 3.4.2\\n"\n')
    text = _set_msgstr(text, EMPTY, "Wir fordern den Abzug aller Truppen.")
    text = text.replace("#, fuzzy, role-title, role-slogan", "#, role-title, role-slogan")
    report = merge(project, path, text.encode())
    assert report.exit_code == 0 and report.conflicts == []
    assert report.origin == "upload:poedit"
    assert sorted(item.msgid for item in report.merged) == sorted([EMPTY, DRAFT])
    po = read_catalog(path)
    assert po.find(EMPTY).msgstr == "Wir fordern den Abzug aller Truppen."
    assert entry_state(po.find(DRAFT)) is EntryState.TRANSLATED
    assert entry_state(po.find(APPROVED)) is EntryState.APPROVED, "untouched entries stay"


def test_an_entry_changed_online_since_the_export_is_a_conflict(catalog):
    project, path = catalog
    text = read_export(project.settings, "de", "sample", PO).decode()
    online_edit(path, TRANSLATED, "Die ICOR verurteilt diesen Krieg.")
    text = _set_msgstr(
        text, TRANSLATED, "Die ICOR verdammt den Krieg.", old="Die ICOR verurteilt den Krieg."
    )
    text = _set_msgstr(text, EMPTY, "Wir fordern den Abzug.")
    report = merge(project, path, text.encode())
    assert report.exit_code == 3
    [conflict] = report.conflicts
    assert conflict.msgid == TRANSLATED
    assert conflict.mine.text == "Die ICOR verdammt den Krieg."
    assert conflict.theirs.text == "Die ICOR verurteilt diesen Krieg."
    po = read_catalog(path)
    assert po.find(TRANSLATED).msgstr == "Die ICOR verurteilt diesen Krieg.", "left untouched"
    assert po.find(EMPTY).msgstr == "Wir fordern den Abzug.", "the rest is merged"


def test_an_online_change_of_an_entry_the_translator_left_alone_is_kept(catalog):
    project, path = catalog
    text = read_export(project.settings, "de", "sample", PO).decode()
    online_edit(path, TRANSLATED, "Die ICOR verurteilt diesen Krieg.")
    report = merge(project, path, text.encode())
    assert report.merged == [] and report.conflicts == []
    assert read_catalog(path).find(TRANSLATED).msgstr == "Die ICOR verurteilt diesen Krieg."


def test_a_fuzzy_upload_stays_a_draft_and_only_reviewers_approve(catalog):
    project, path = catalog
    text = read_export(project.settings, "de", "sample", PO).decode()
    text = _set_msgstr(text, EMPTY, "Wir fordern den Abzug.", flag="fuzzy")
    text = _set_msgstr(
        text, TRANSLATED, "Die ICOR verurteilt den Krieg!", old="Die ICOR verurteilt den Krieg."
    )
    report = merge(project, path, text.encode(), approve_all=True)  # a translator asks
    po = read_catalog(path)
    assert is_fuzzy(po.find(EMPTY)), "a draft in the file stays a draft"
    assert entry_state(po.find(TRANSLATED)) is EntryState.TRANSLATED, "not approved"
    assert any("only reviewers approve" in why for _, why in report.skipped)


def test_a_reviewers_upload_approves(catalog):
    project, path = catalog
    text = read_export(project.settings, "de", "sample", PO).decode()
    text = text.replace("#, fuzzy, role-title, role-slogan", "#, role-title, role-slogan")
    merge(project, path, text.encode(), user="rita", reviewer=True, approve_all=True)
    po = read_catalog(path)
    for msgid in (DRAFT, TRANSLATED):
        assert entry_state(po.find(msgid)) is EntryState.APPROVED
    assert f"approved: rita {TODAY}" in po.find(DRAFT).tcomment


def test_a_translator_cannot_change_an_approved_entry(catalog):
    project, path = catalog
    text = read_export(project.settings, "de", "sample", PO).decode()
    text = _set_msgstr(text, APPROVED, "Forderungen", old="Unsere Forderungen")
    report = merge(project, path, text.encode())
    assert read_catalog(path).find(APPROVED).msgstr == "Unsere Forderungen"
    assert report.skipped == [(APPROVED, "approved; only a reviewer can change it")]


def test_virtaal_edit_through_translate_toolkit(catalog):
    """Virtaal and Pootle save through Translate Toolkit's PO store."""
    project, path = catalog
    store = pypo.pofile.parsestring(read_export(project.settings, "de", "sample", PO))
    unit = store.findunit(EMPTY)
    unit.target = "Wir fordern den Abzug aller Truppen."
    unit.markfuzzy(False)
    store.updateheader(add=True, X_Generator="Virtaal 0.7.1")
    report = merge(project, path, bytes(store))
    assert [item.msgid for item in report.merged] == [EMPTY]
    assert report.origin == "upload:virtaal"


def test_a_file_without_a_base_fills_only_empty_entries(catalog):
    """A catalog someone translated from the template, not from an export."""
    project, path = catalog
    po = read_catalog(path)
    po.find(EMPTY).msgstr = "Wir fordern den Abzug."
    po.find(TRANSLATED).msgstr = "Anders."
    report = merge(project, path, str(po).encode())
    assert [item.msgid for item in report.merged] == [EMPTY]
    assert [conflict.msgid for conflict in report.conflicts] == [TRANSLATED]
    assert report.conflicts[0].based is False


def test_export_of_a_catalog_leaves_obsolete_entries_out(catalog):
    project, path = catalog
    po = read_catalog(path)
    po.find(EMPTY).obsolete = True
    assert f'msgid "{EMPTY}"' not in export_po(po, "sample", "de")


def _set_msgstr(text: str, msgid: str, new: str, *, old: str = "", flag: str = "") -> str:
    """Edit one entry's translation in PO text, as a person in an editor would."""
    before = f'msgid "{msgid}"\nmsgstr "{old}"'
    assert before in text, msgid
    head, _, tail = text.partition(before)
    if flag:
        lines = head.split("\n")
        last_flags = max(i for i, line in enumerate(lines) if line.startswith("#, "))
        lines[last_flags] = lines[last_flags].replace("#, ", f"#, {flag}, ", 1)
        head = "\n".join(lines)
    return head + f'msgid "{msgid}"\nmsgstr "{new}"' + tail


@pytest.fixture(autouse=True)
def _needs_msgfmt(missing_component):
    import shutil

    if shutil.which("msgfmt") is None:
        missing_component("msgfmt is not installed (apt-get install gettext)")
