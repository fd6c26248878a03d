"""The coordinators' workspace in Chromium (Playwright, Debian's chromium) over the bundled
resolution: upload a document and accept it, see a new version's amendment impact and cancel,
mass-approve and undo, edit a plural entry, and follow a notification from the feed."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest

from tests.web.test_browser import GERMAN, SLUG, catalog_path, entry, open_page, site  # noqa: F401
from translator.catalog import read_catalog, write_catalog
from translator.catalog.state import entry_state
from translator.model import EntryState
from translator.web.data.catalogs import entry_key
from translator.web.data.database import connect, log_change

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import expect  # noqa: E402

PAGE = """Home | News | Contact

Solidarity with the dock workers!

1 May 2024

The workers of the port are on strike. We support them.

Share this article
"""
NEW_VERSION = (
    "US imperialism endangers world peace. Active resistance worldwide – now!\n\n"
    "ICOR Resolution, 17 January 2020\n\n"
    "The ICOR strongly condemns the aggressive and dangerous actions of the US government. "
    "This intensifies the general danger of war greatly.\n"
)


def project_files(app) -> dict[str, bytes]:
    root = Path(app.config["PROJECT_ROOT"])
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "instance" not in p.parts
    }


def test_upload_a_document_preview_and_accept(site, open_page, tmp_path):  # noqa: F811
    app, base = site
    page = open_page("coord")
    page.goto(f"{base}/dashboard/documents/new")
    upload = tmp_path / "strike.txt"
    upload.write_text(PAGE, encoding="utf-8")
    page.set_input_files("#file", str(upload))
    page.click("#preview-import")
    expect(page.locator("#import-title")).to_have_text("Solidarity with the dock workers!")
    expect(page.locator("#import-dropped")).to_contain_text("Home | News | Contact")
    expect(page.locator(".block-kind").first).to_have_text("title")
    expect(page.locator("#canonical-source")).to_contain_text("::: dateline")
    slug = page.locator("#import-slug").inner_text()
    root = Path(app.config["PROJECT_ROOT"])
    assert not (root / "source" / f"{slug}.md").exists()  # nothing written before accepting
    page.click("#accept-import")
    expect(page.locator(".flash-success")).to_contain_text(f"Added {slug}")
    assert (root / "source" / f"{slug}.md").is_file()
    for lang in ("de", "fr", "ar"):
        assert (root / "locales" / lang / "LC_MESSAGES" / f"{slug}.po").is_file()


def test_a_new_version_shows_its_impact_and_cancel_writes_nothing(site, open_page):  # noqa: F811
    app, base = site
    before = project_files(app)
    page = open_page("coord")
    page.goto(f"{base}/dashboard/documents/new")
    page.fill("#text", NEW_VERSION)
    page.select_option("#version", SLUG)
    page.click("#preview-import")
    impact = page.locator("#amendment-impact")
    expect(impact).to_be_visible()
    german = impact.locator('tr[data-lang="de"]')
    expect(german.locator(".impact-fuzzy")).to_have_text("1")  # "... danger of war greatly."
    kept = int(german.locator(".impact-kept").inner_text())
    assert kept >= 4  # title (2), dateline, the condemnation
    assert int(german.locator(".impact-retired").inner_text()) >= 1
    expect(impact.locator('tr[data-lang="fr"] .impact-fuzzy')).to_have_text("0")
    page.click("#cancel-import")
    expect(page).to_have_url(re.compile(r"/dashboard/documents/new$"))
    assert project_files(app) == before


def test_mass_approve_then_undo(site, open_page):  # noqa: F811
    app, base = site
    page = open_page("rita")
    page.goto(f"{base}/translate/{SLUG}/de/mass?state=translated")
    rows = page.locator(".mass-row")
    expect(rows).to_have_count(3)  # the human translations of GERMAN
    expect(page.locator("#mass-approve")).to_be_disabled()
    page.check("#select-all")
    expect(page.locator("#selected-count")).to_have_text("3 of 3 selected")
    page.click("#mass-approve")
    expect(page.locator(".flash-success")).to_contain_text("Approved: 3 changed")
    human = [m for m, (_, how) in GERMAN.items() if how == "human"]
    assert all(entry_state(entry(app, "de", m)) is EntryState.APPROVED for m in human)
    page.goto(f"{base}/translate/{SLUG}/de/mass")
    group = page.locator(".mass-group").first
    expect(group).to_contain_text("approve")
    group.locator("button.undo-group").click()
    expect(page.locator(".flash-success")).to_contain_text("3 changed")
    assert all(entry_state(entry(app, "de", m)) is EntryState.TRANSLATED for m in human)
    expect(page.locator(".mass-group").nth(0)).to_contain_text("undo approve")  # itself a group
    expect(page.locator(".mass-group").nth(1)).to_contain_text("undone by rita")


def test_edit_a_plural_entry_one_field_per_form(site, open_page):  # noqa: F811
    app, base = site
    path = catalog_path(app, "de")
    po = read_catalog(path)
    plural = polib.POEntry(
        msgid="%d organisation signed.",
        msgid_plural="%d organisations signed.",
        msgstr_plural={0: "", 1: ""},
    )
    po.append(plural)
    write_catalog(po, path)
    page = open_page("dana")
    page.goto(f"{base}/translate/{SLUG}/de/?seg={entry_key(plural)}")
    forms = page.locator("textarea.plural-form")
    expect(forms).to_have_count(2)
    expect(page.locator("label.plural-form-label").nth(0)).to_contain_text("one")
    expect(page.locator("label.plural-form-label").nth(1)).to_contain_text("other")
    forms.nth(0).fill("%d Organisation hat unterzeichnet.")
    forms.nth(1).fill("%d Organisationen haben unterzeichnet.")
    forms.nth(1).press("Control+Enter")
    expect(page.locator("#status")).to_contain_text("Saved")
    saved = entry(app, "de", "%d organisation signed.")
    assert saved.msgstr_plural == {
        0: "%d Organisation hat unterzeichnet.",
        1: "%d Organisationen haben unterzeichnet.",
    }
    assert entry_state(saved) is EntryState.TRANSLATED


def test_the_notification_feed(site, open_page):  # noqa: F811
    app, base = site
    sentence = "This intensifies the general danger of war."
    conn = connect(app.config["DATABASE"])
    log_change(conn, user="dana", doc=SLUG, lang="de", msgid=sentence, action="save",
               before="", after=GERMAN[sentence][0], after_state="translated")  # fmt: skip
    conn.commit()
    conn.close()
    reviewer = open_page("rita")
    reviewer.goto(f"{base}/translate/{SLUG}/de/mass?state=translated&q=intensifies")
    expect(reviewer.locator(".mass-row")).to_have_count(1)
    reviewer.check("input.mass-select")
    reviewer.click("#mass-send-back")
    expect(reviewer.locator(".flash-success")).to_contain_text("Sent back to draft: 1 changed")
    translator = open_page("dana")
    expect(translator.locator("#unread-count")).to_have_text("1")
    translator.click("#notices-link")
    item = translator.locator(".notice-item.unread")
    expect(item).to_have_count(1)
    expect(item).to_contain_text("rita sent 1 of your de translation")
    item.locator("button.notice-body").click()
    expect(translator.locator("#source-text")).to_have_text(sentence)
    expect(translator.locator("#unread-count")).to_have_count(0)
