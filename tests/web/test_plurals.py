"""Plural entries in the editor: one field per plural form, named by Babel's categories."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest

from translator.catalog import read_catalog, write_catalog
from translator.catalog.state import entry_state
from translator.model import EntryState
from translator.web.data.catalogs import entry_key
from translator.web.data.plurals import plural_forms

SINGULAR, PLURAL = "%d organisation signed.", "%d organisations signed."


@pytest.mark.parametrize(
    ("lang", "names"),
    [
        ("de", ["one", "other"]),
        ("ar", ["zero", "one", "two", "few", "many", "other"]),
        ("ru", ["one", "few", "many"]),
        ("fr", ["one", "many", "other"]),
        ("ja", ["other"]),
    ],
)
def test_forms_are_named_by_babel_categories(lang, names):
    assert [form.name for form in plural_forms(lang)] == names


def test_the_catalog_header_decides_the_order_of_forms():
    reversed_rule = "nplurals=2; plural=(n == 1 ? 1 : 0);"
    assert [f.name for f in plural_forms("de", reversed_rule)] == ["other", "one"]


def add_plural(app, lang: str) -> str:
    path = Path(app.config["PROJECT_ROOT"]) / "locales" / lang / "LC_MESSAGES" / "sample.po"
    po = read_catalog(path)
    count = len(plural_forms(lang, po.metadata.get("Plural-Forms", "")))
    entry = polib.POEntry(
        msgid=SINGULAR, msgid_plural=PLURAL, msgstr_plural={i: "" for i in range(count)}
    )
    po.append(entry)
    write_catalog(po, path)
    return entry_key(entry)


def catalog_entry(app, lang: str) -> polib.POEntry:
    path = Path(app.config["PROJECT_ROOT"]) / "locales" / lang / "LC_MESSAGES" / "sample.po"
    return read_catalog(path).find(SINGULAR)


def test_the_panel_shows_one_named_field_per_form(app, client, auth):
    key = add_plural(app, "ar")
    auth.login("amir")
    html = client.get("/translate/sample/ar/", query_string={"seg": key}).get_data(as_text=True)
    fields = re.findall(r'name="msgstr_plural_(\d)" class="plural-form" data-form="(\w+)"', html)
    assert fields == [
        ("0", "zero"),
        ("1", "one"),
        ("2", "two"),
        ("3", "few"),
        ("4", "many"),
        ("5", "other"),
    ]
    assert PLURAL in html
    assert "edited in a PO editor" not in html  # no longer read-only


def test_saving_every_form_translates_the_entry(app, client, auth, review):
    key = add_plural(app, "de")
    auth.login("dana")
    entry = review.entry("de", key)
    assert entry["msgstr_plural"] == ["", ""]
    forms = ["%d Organisation hat unterzeichnet.", "%d Organisationen haben unterzeichnet."]
    payload = {"action": "save", "msgstr_plural": forms, "version": entry["version"]}
    response = review.post(review.url("de", key), payload)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["entry"]["msgstr_plural"] == forms
    saved = catalog_entry(app, "de")
    assert saved.msgstr_plural == {0: forms[0], 1: forms[1]}
    assert entry_state(saved) is EntryState.TRANSLATED


def test_a_reviewer_approves_a_plural_entry(app, client, auth, review):
    key = add_plural(app, "de")
    auth.login("rita")
    entry = review.entry("de", key)
    forms = ["%d Organisation", "%d Organisationen"]
    payload = {"action": "approve", "msgstr_plural": forms, "version": entry["version"]}
    assert review.post(review.url("de", key), payload).status_code == 200
    assert entry_state(catalog_entry(app, "de")) is EntryState.APPROVED


def test_a_missing_form_leaves_it_untranslated_and_a_wrong_count_is_refused(
    app, client, auth, review
):
    key = add_plural(app, "de")
    auth.login("dana")
    entry = review.entry("de", key)
    half = {"action": "save", "msgstr_plural": ["%d Organisation", ""], "version": entry["version"]}
    response = review.post(review.url("de", key), half)
    assert response.status_code == 200
    assert entry_state(catalog_entry(app, "de")) is EntryState.UNTRANSLATED
    version = response.get_json()["entry"]["version"]
    three = {"action": "save", "msgstr_plural": ["a", "b", "c"], "version": version}
    response = review.post(review.url("de", key), three)
    assert response.status_code == 422
    assert "expected 2 plural forms" in response.get_json()["error"]
    wrong = {"action": "save", "msgstr_plural": "a", "version": version}
    assert review.post(review.url("de", key), wrong).status_code == 400


def test_the_plain_form_saves_plural_forms_without_javascript(app, client, auth, review):
    key = add_plural(app, "de")
    auth.login("dana")
    version = review.entry("de", key)["version"]
    data = {
        "csrf_token": auth.token,
        "version": version,
        "action": "save",
        "msgstr_plural_0": "%d Organisation",
        "msgstr_plural_1": "%d Organisationen",
    }
    response = client.post(f"/translate/sample/de/segment/{key}", data=data)
    assert response.status_code == 302
    assert catalog_entry(app, "de").msgstr_plural == {0: "%d Organisation", 1: "%d Organisationen"}
