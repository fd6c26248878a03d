"""MO compilation: readable by gettext and msgunfmt, drafts left out, same bytes every time."""

from __future__ import annotations

import gettext
import io
import shutil
import subprocess

import polib

from translator.build import compile_mo


def catalog(**header) -> polib.POFile:
    po = polib.POFile()
    po.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Language": "ru",
        "Plural-Forms": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
        "n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
        **header,
    }
    po.append(polib.POEntry(msgid="Peace now.", msgstr="Мир сейчас."))
    po.append(polib.POEntry(msgid="Stop the war!", msgstr="Остановите войну!", flags=["fuzzy"]))
    po.append(polib.POEntry(msgid="Untranslated.", msgstr=""))
    po.append(polib.POEntry(msgid="Gone.", msgstr="Нет.", obsolete=True))
    po.append(polib.POEntry(msgid="May", msgctxt="month", msgstr="Май"))
    po.append(
        polib.POEntry(
            msgid="{n} signatory",
            msgid_plural="{n} signatories",
            msgstr_plural={0: "{n} подписант", 1: "{n} подписанта", 2: "{n} подписантов"},
        )
    )
    return po


def load(data: bytes) -> gettext.GNUTranslations:
    return gettext.GNUTranslations(io.BytesIO(data))


def test_translated_entries_are_readable_by_gettext():
    translations = load(compile_mo(catalog()))
    assert translations.gettext("Peace now.") == "Мир сейчас."
    assert translations.pgettext("month", "May") == "Май"
    assert translations.ngettext("{n} signatory", "{n} signatories", 5) == "{n} подписантов"
    assert translations.ngettext("{n} signatory", "{n} signatories", 3) == "{n} подписанта"
    assert translations.info()["language"] == "ru"


def test_fuzzy_untranslated_and_obsolete_entries_are_left_out():
    translations = load(compile_mo(catalog()))
    assert translations.gettext("Stop the war!") == "Stop the war!"
    assert translations.gettext("Untranslated.") == "Untranslated."
    assert translations.gettext("Gone.") == "Gone."


def test_partial_plural_is_left_out():
    po = catalog()
    po[-1].msgstr_plural = {0: "{n} подписант", 1: "", 2: ""}
    translations = load(compile_mo(po))
    assert translations.ngettext("{n} signatory", "{n} signatories", 1) == "{n} signatory"


def test_same_bytes_every_time_even_without_header_dates():
    po = catalog()
    assert compile_mo(po) == compile_mo(catalog())
    assert "POT-Creation-Date" not in po.metadata
    assert b"POT-Creation-Date: 1970-01-01 00:00+0000" in compile_mo(po)


def test_header_dates_come_from_the_catalog_and_bad_ones_are_ignored():
    data = compile_mo(catalog(**{"POT-Creation-Date": "2024-05-01 10:00+0200"}))
    assert b"POT-Creation-Date: 2024-05-01 10:00+0200" in data
    bad = compile_mo(catalog(**{"PO-Revision-Date": "someday", "Language": "xx-nonsense"}))
    assert load(bad).gettext("Peace now.") == "Мир сейчас."


def test_msgunfmt_reads_it(tmp_path, missing_component):
    if shutil.which("msgunfmt") is None:
        missing_component("GNU gettext's msgunfmt is not installed")
    path = tmp_path / "ru.mo"
    path.write_bytes(compile_mo(catalog()))
    result = subprocess.run(
        ["msgunfmt", str(path)], capture_output=True, text=True, check=True, timeout=30
    )
    assert 'msgid "Peace now."\nmsgstr "Мир сейчас."' in result.stdout
    assert "Stop the war!" not in result.stdout
