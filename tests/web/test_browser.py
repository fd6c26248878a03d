"""The editor in a real browser (Playwright driving Debian's Chromium) over the bundled
resolution, served by waitress on 127.0.0.1: log in, translate with the keyboard, approve,
join two sentences, meet a conflict, work right-to-left, open a sentence from the preview.
Screenshots go to test-output/ (editor.png, editor-ar.png, preview.png, paragraphs.png).
Every page is also checked for console errors, which is where CSP violations show up.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
import requests

from tests.web.conftest import PASSWORD, live_server, make_app, make_web_project
from translator.catalog import read_catalog, write_catalog
from translator.catalog.state import approve, comment_fields, entry_state, set_draft, set_human
from translator.model import EntryState

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import expect  # noqa: E402

SLUG = "icor-resolution-2020-01-17"
TITLE_1 = "US imperialism endangers world peace."
TITLE_2 = "Active resistance worldwide – now!"
DEMAND = "We demand the immediate withdrawal of all foreign troops."
GERMAN = {
    TITLE_1: ("Der US-Imperialismus gefährdet den Weltfrieden.", "human"),
    TITLE_2: ("Aktiver Widerstand weltweit – jetzt!", "human"),
    "ICOR Resolution, 17 January 2020": ("ICOR-Resolution, 17. Januar 2020", "approved"),
    "The ICOR strongly condemns the aggressive and dangerous actions of the US government.": (
        "Die ICOR verurteilt die aggressiven und gefährlichen Aktionen der US-Regierung "
        "aufs Schärfste.",
        "approved",
    ),
    "This intensifies the general danger of war.": (
        "Das verstärkt die allgemeine Kriegsgefahr.",
        "human",
    ),
    "It is also an attempt by Trump to gain domestic political stability.": (
        "Es ist auch ein Versuch Trumps, innenpolitische Stabilität zu gewinnen.",
        "mt:deepl",
    ),
}
ARABIC = {
    TITLE_1: "الإمبريالية الأمريكية تهدد السلام العالمي.",
    "ICOR Resolution, 17 January 2020": "قرار ICOR، 17 يناير 2020",
}


def catalog_path(app, lang: str) -> Path:
    return Path(app.config["PROJECT_ROOT"]) / "locales" / lang / "LC_MESSAGES" / f"{SLUG}.po"


def fill(app, lang: str, texts: dict) -> None:
    path = catalog_path(app, lang)
    po = read_catalog(path)
    for msgid, value in texts.items():
        text, how = value if isinstance(value, tuple) else (value, "human")
        entry = po.find(msgid)
        if how.startswith("mt:"):
            set_draft(entry, text, how)
        else:
            set_human(entry, text)
        if how == "approved":
            approve(entry, "rita", "2024-05-02")
    write_catalog(po, path)


def entry(app, lang: str, msgid: str) -> polib.POEntry:
    return read_catalog(catalog_path(app, lang)).find(msgid)


@pytest.fixture
def site(seed_project):
    root = seed_project.root
    make_web_project(root)
    glossary = "ICOR\tICOR\ntroops\tTruppen\nwithdrawal\tAbzug\tnot Rückzug\n"
    (root / "glossary").mkdir(exist_ok=True)
    (root / "glossary" / "de.tsv").write_text(glossary, encoding="utf-8")
    memory = polib.POFile()
    memory.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "de"}
    memory.append(
        polib.POEntry(
            msgid="We demand the withdrawal of all foreign troops.",
            msgstr="Wir fordern den Abzug aller ausländischen Truppen.",
        )
    )
    write_catalog(memory, root / "locales" / "de" / "LC_MESSAGES" / "earlier-resolution.po")
    app = make_app(root)
    fill(app, "de", GERMAN)
    fill(app, "ar", ARABIC)
    with live_server(app) as base:
        yield app, base


@pytest.fixture
def open_page(browser, site):
    """``open_page(user)``: a logged-in page in a fresh browser context."""
    _, base = site
    contexts, problems = [], []

    def opener(user: str, width: int = 1440, height: int = 900):
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.on("pageerror", lambda error: problems.append(f"{user}: {error}"))
        page.on("console", lambda message: _console(problems, user, message))
        page.goto(f"{base}/auth/login")
        page.fill("#username", user)
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{base}/")
        return page

    yield opener
    for context in contexts:
        context.close()
    assert problems == []


def _console(problems: list[str], user: str, message) -> None:
    """Errors in the console fail the test; an answered conflict (409) is expected."""
    if message.type == "error" and "status of 409" not in message.text:
        problems.append(f"{user}: {message.text}")


def editor_url(base: str, lang: str, **params) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"{base}/translate/{SLUG}/{lang}/" + (f"?{query}" if query else "")


def row(page, key: str):
    return page.locator(f'.seglist .row[data-key="{key}"]')


def test_translate_with_the_keyboard(site, open_page):
    app, base = site
    page = open_page("dana")
    page.goto(editor_url(base, "de", filter="todo"))
    segment = page.locator("#segment")
    first = segment.get_attribute("data-key")
    source = page.locator("#source-text").inner_text()
    expect(page.locator("#msgstr")).to_be_focused()
    page.keyboard.type("Mit der Tötung des iranischen Generals Soleimani wächst die Kriegsgefahr.")
    page.keyboard.press("Control+Enter")
    expect(segment).not_to_have_attribute("data-key", first)
    expect(row(page, first)).to_have_class(re.compile(r"\bstate-translated\b"))
    expect(page.locator("#status")).to_contain_text("Saved")
    saved = entry(app, "de", source)
    assert saved.msgstr.startswith("Mit der Tötung") and entry_state(saved) is EntryState.TRANSLATED
    # back with Alt+Up, then "needs review" with Alt+Enter
    page.keyboard.press("Alt+ArrowUp")
    expect(segment).to_have_attribute("data-key", first)
    expect(page.locator("#msgstr")).to_have_value(re.compile("^Mit der Tötung"))
    page.keyboard.press("Alt+Enter")  # saves as "needs review" and moves on
    expect(row(page, first)).to_have_class(re.compile(r"\bstate-draft\b"))
    expect(segment).not_to_have_attribute("data-key", first)
    assert entry_state(entry(app, "de", source)) is EntryState.DRAFT
    # next with Alt+Down, copy the source with Alt+C
    second = segment.get_attribute("data-key")
    page.keyboard.press("Alt+ArrowDown")
    expect(segment).not_to_have_attribute("data-key", second)
    expect(page.locator("#msgstr")).to_be_focused()
    page.keyboard.press("Alt+c")
    expect(page.locator("#msgstr")).to_have_value(page.locator("#source-text").inner_text())


def test_reviewer_approves_with_the_keyboard(site, open_page):
    app, base = site
    page = open_page("rita")
    page.goto(editor_url(base, "de", filter="translated"))
    source = page.locator("#source-text").inner_text()
    key = page.locator("#segment").get_attribute("data-key")
    page.keyboard.press("Control+Shift+Enter")
    expect(row(page, key)).to_have_class(re.compile(r"\bstate-approved\b"))
    approved = entry(app, "de", source)
    assert entry_state(approved) is EntryState.APPROVED
    assert comment_fields(approved)["approved"].startswith("rita ")


def test_translator_cannot_approve_in_the_browser(site, open_page):
    _, base = site
    page = open_page("dana")
    page.goto(editor_url(base, "de", filter="translated"))
    expect(page.locator('button[data-act="approve"]')).to_have_count(0)
    key = page.locator("#segment").get_attribute("data-key")
    page.keyboard.press("Control+Shift+Enter")
    expect(page.locator("#status")).to_contain_text("Only reviewers")
    expect(row(page, key)).to_have_class(re.compile(r"\bstate-translated\b"))


def test_join_the_german_title_into_one_sentence(site, open_page):
    app, base = site
    page = open_page("dana")
    page.goto(editor_url(base, "de"))
    expect(page.locator("#source-text")).to_have_text(TITLE_1)
    page.locator("#msgstr").fill("")
    page.keyboard.press("Alt+j")
    expect(page.locator("#join-label")).to_be_visible()
    joined = "US-Imperialismus gefährdet Weltfrieden – aktiver Widerstand jetzt!"
    page.locator("#msgstr").fill(joined)
    page.keyboard.press("Control+Enter")
    expect(page.locator("#status")).to_contain_text("Joined")
    expect(page.locator(".joined-next")).to_contain_text(TITLE_2)
    first, second = entry(app, "de", TITLE_1), entry(app, "de", TITLE_2)
    assert comment_fields(first)["joined"] == "next" and first.msgstr.startswith("US-Imp")
    assert comment_fields(second)["joined"] == "previous" and second.msgstr == TITLE_2
    page.click('button[data-act="unjoin"]')
    expect(page.locator("#status")).to_contain_text("separate again")
    assert entry(app, "de", TITLE_2).msgstr == "Aktiver Widerstand weltweit – jetzt!"


def test_conflict_shows_both_versions(site, open_page):
    app, base = site
    page = open_page("dana")
    page.goto(editor_url(base, "de", filter="untranslated"))
    key = page.locator("#segment").get_attribute("data-key")
    # rita saves the same sentence in the meantime, through the API
    session = requests.Session()
    session.headers["Connection"] = "close"  # no idle keep-alive holding the server open
    login = session.get(f"{base}/auth/login", timeout=30)
    token = re.search(r'name="csrf-token" content="([^"]+)"', login.text).group(1)
    home = session.post(
        f"{base}/auth/login",
        data={"username": "rita", "password": PASSWORD, "csrf_token": token},
        timeout=30,
    )
    token = re.search(r'name="csrf-token" content="([^"]+)"', home.text).group(1)
    url = f"{base}/api/translate/{SLUG}/de/segment/{key}"
    version = session.get(url, timeout=30).json()["version"]
    theirs = "Ritas Fassung dieses Satzes."
    response = session.post(
        url,
        json={"action": "save", "msgstr": theirs, "version": version},
        headers={"X-CSRFToken": token},
        timeout=30,
    )
    assert response.status_code == 200
    page.keyboard.type("Danas Fassung.")
    page.keyboard.press("Control+Enter")
    conflict = page.locator(".conflict")
    expect(conflict).to_be_visible()
    expect(conflict.locator(".theirs-text")).to_have_text(theirs)
    expect(conflict.locator(".mine-text")).to_have_text("Danas Fassung.")
    expect(conflict).to_contain_text("rita")
    expect(page.locator("#segment")).to_have_attribute("data-key", key)  # did not move on
    page.click('button[data-act="take-theirs"]')
    expect(page.locator("#msgstr")).to_have_value(theirs)
    source = page.locator("#source-text").inner_text()
    assert entry(app, "de", source).msgstr == theirs


def test_right_to_left_language(site, open_page, screenshot_dir):
    app, base = site
    page = open_page("amir")
    page.goto(editor_url(base, "ar"))
    translated = page.locator('.seglist .row.state-translated .tgt[lang="ar"]').first
    assert translated.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert translated.evaluate("e => getComputedStyle(e).fontFamily").startswith('"Noto Naskh')
    page.goto(editor_url(base, "ar", filter="untranslated"))
    area = page.locator("#msgstr")
    expect(area).to_have_attribute("dir", "rtl")
    expect(area).to_have_attribute("lang", "ar")
    assert area.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert page.locator(".topbar").evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert page.locator("#source-text").evaluate("e => getComputedStyle(e).direction") == "ltr"
    key = page.locator("#segment").get_attribute("data-key")
    source = page.locator("#source-text").inner_text()
    page.keyboard.type("المقاومة النشطة في جميع أنحاء العالم – الآن!")
    page.keyboard.press("Control+Enter")
    expect(row(page, key)).to_have_class(re.compile(r"\bstate-translated\b"))
    assert entry(app, "ar", source).msgstr == "المقاومة النشطة في جميع أنحاء العالم – الآن!"
    page.goto(editor_url(base, "ar", seg=key))
    page.screenshot(path=str(screenshot_dir / "editor-ar.png"))


def test_preview_opens_a_sentence_in_the_editor(site, open_page, screenshot_dir):
    _, base = site
    page = open_page("dana")
    page.goto(f"{base}/preview/{SLUG}/de/")
    target = page.locator(".doc-target .seg.state-translated").first
    expect(target).to_contain_text("Der US-Imperialismus")
    expect(page.locator(".doc-target h1")).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "preview.png"))
    key = target.get_attribute("data-key")
    target.click()
    page.wait_for_url(re.compile(rf"seg={key}"))
    expect(page.locator("#segment")).to_have_attribute("data-key", key)


def test_paragraph_view_saves_sentence_by_sentence(site, open_page, screenshot_dir):
    app, base = site
    page = open_page("dana")
    page.goto(editor_url(base, "de", mode="paragraphs", filter="untranslated"))
    items = page.locator(".block-item.state-untranslated")
    assert items.count() >= 2
    first = items.nth(0)
    source = first.locator(".bi-source .source-text").inner_text()
    first.locator(".bi-text").click()
    page.keyboard.type("Erster Satz des Absatzes.")
    page.keyboard.press("Control+Enter")
    done = page.locator(".block-item").filter(has_text=source)
    expect(done.locator(".state-badge")).to_have_text("Translated")
    following = done.evaluate("e => e.nextElementSibling.querySelector('.bi-text').id")
    expect(page.locator(f"#{following}")).to_be_focused()
    assert entry(app, "de", source).msgstr == "Erster Satz des Absatzes."
    page.screenshot(path=str(screenshot_dir / "paragraphs.png"))


def test_editor_screenshot(site, open_page, screenshot_dir):
    """The main screen, with memory, glossary, checks, comments and history filled in."""
    app, base = site
    page = open_page("rita")
    page.goto(editor_url(base, "de"))
    key = page.locator(f'.seglist .row:has-text("{DEMAND}")').get_attribute("data-key")
    page.goto(editor_url(base, "de", seg=key))
    expect(page.locator(".suggestion").first).to_contain_text("Wir fordern den Abzug")
    expect(page.locator(".glossary")).to_contain_text("Truppen")
    page.keyboard.type("Wir fordern den sofortigen Abzug aller ausländischen Truppen")
    expect(page.locator("#issues .issue").first).to_be_visible()  # no full stop yet
    page.keyboard.type(".")
    page.locator("#comment-body").fill("Abzug, not Rückzug: see the glossary.")
    page.click("#comment-form button")
    expect(page.locator("#comments li")).to_have_count(1)
    page.locator("#msgstr").click()
    page.keyboard.press("Control+Enter")
    expect(page.locator("#status")).to_contain_text("Saved")
    page.keyboard.press("Alt+ArrowUp")
    expect(page.locator("#segment")).to_have_attribute("data-key", key)
    page.keyboard.press("Alt+m")
    expect(page.locator(".suggestion.machine")).to_have_count(1)
    page.screenshot(path=str(screenshot_dir / "editor.png"))
    assert (screenshot_dir / "editor.png").stat().st_size > 20_000
