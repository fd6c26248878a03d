"""The editor's work flows through the Flask test client: saving, states, joins, history,
comments, suggestions, checks, preview, paragraph view, broken catalogs and conflicts."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest

from translator.catalog import read_catalog, write_catalog
from translator.catalog.state import comment_fields, entry_state, set_draft
from translator.model import EntryState
from translator.web.data import database
from translator.web.data.entries import provenance


def catalog(app, lang="de", slug="sample") -> polib.POFile:
    return read_catalog(
        Path(app.config["PROJECT_ROOT"]) / "locales" / lang / "LC_MESSAGES" / f"{slug}.po"
    )


def po_entry(app, msgid, lang="de") -> polib.POEntry:
    return next(e for e in catalog(app, lang) if e.msgid == msgid)


def audit(app) -> list[dict]:
    conn = database.connect(app.config["DATABASE"])
    return [dict(row) for row in conn.execute("SELECT * FROM audit_log ORDER BY id")]


def edit_catalog(app, lang, change):
    path = Path(app.config["PROJECT_ROOT"]) / "locales" / lang / "LC_MESSAGES" / "sample.po"
    po = read_catalog(path)
    change(po)
    write_catalog(po, path)


# -- home and editor ------------------------------------------------------------------------


def test_home_lists_my_languages_and_documents(client, auth):
    auth.login("dana")
    html = client.get("/").get_data(as_text=True)
    assert "Deutsch" in html and "German" in html
    assert "Peace now. Stop the war!" in html  # the document's title
    assert "Français" not in html  # not dana's language
    assert "/translate/sample/de/" in html


def test_home_continue_where_i_left_off(client, auth, review):
    auth.login("dana")
    entry = review.find("de", "We demand the withdrawal of all troops.")
    client.get(f"/translate/sample/de/segment/{entry['key']}")
    html = client.get("/").get_data(as_text=True)
    assert "Continue where you left off" in html
    assert f"seg={entry['key']}" in html


def test_editor_shows_source_context_and_block(client, auth, review):
    auth.login("dana")
    entry = review.find("de", "We demand the withdrawal of all troops.")
    html = client.get(f"/translate/sample/de/?seg={entry['key']}").get_data(as_text=True)
    assert "paragraph 2, sentence 1 of 2" in html
    assert "Dr. Smith and the U.S. government" in html  # the sentence before
    assert "Read [the appeal]" in html  # the one after
    assert 'id="msgstr"' in html and 'lang="de" dir="ltr"' in html


def test_filters_and_counts(client, auth, review):
    auth.login("dana")
    entry = review.find("de", "Peace now.")
    review.save("de", entry, "Frieden jetzt.")
    other = review.find("de", "Stop the war!")
    review.save("de", other, "Stoppt den Krieg!", action="review")
    html = client.get("/translate/sample/de/?filter=translated").get_data(as_text=True)
    rows = re.findall(r'<a class="row state-(\w+)', html)
    assert rows == ["translated"]
    html = client.get("/translate/sample/de/?filter=review").get_data(as_text=True)
    assert re.findall(r'<a class="row state-(\w+)', html) == ["draft"]
    html = client.get("/translate/sample/de/?filter=untranslated").get_data(as_text=True)
    assert len(re.findall(r'<a class="row state-untranslated', html)) == 12
    assert re.search(r'filter-todo"[^>]*>To do <span class="count">13<', html)


def test_search_in_source_and_translation(client, auth, review):
    auth.login("dana")
    review.save("de", review.find("de", "Peace now."), "Frieden jetzt.")
    html = client.get("/translate/sample/de/?q=refugees").get_data(as_text=True)
    assert len(re.findall(r'<a class="row ', html)) == 1
    html = client.get("/translate/sample/de/?q=frieden&scope=translation").get_data(as_text=True)
    assert len(re.findall(r'<a class="row ', html)) == 1
    html = client.get("/translate/sample/de/?q=frieden&scope=source").get_data(as_text=True)
    assert len(re.findall(r'<a class="row ', html)) == 0
    assert "No sentence matches" in html


def test_jump_to_a_number(client, auth):
    auth.login("dana")
    html = client.get("/translate/sample/de/?n=5&filter=approved").get_data(as_text=True)
    assert re.search(r'<span class="seg-num">#5</span>', html)
    html = client.get("/translate/sample/de/?n=99").get_data(as_text=True)
    assert "There is no sentence 99" in html


def test_pages_of_a_long_list(project):
    from tests.web.conftest import AuthActions, make_app, make_web_project

    make_web_project(project.root)
    app = make_app(project.root, PAGE_SIZE=5)
    client = app.test_client()
    AuthActions(client).login()
    html = client.get("/translate/sample/de/").get_data(as_text=True)
    assert len(re.findall(r'<a class="row ', html)) == 5
    assert "page 1 of 3" in html
    html = client.get("/translate/sample/de/?n=12").get_data(as_text=True)
    assert "page 3 of 3" in html and '<span class="num">12</span>' in html


# -- saving and states ----------------------------------------------------------------------


def test_save_writes_the_catalog_and_the_audit_log(app, auth, review):
    auth.login("dana")
    entry = review.find("de", "Peace now.")
    response = review.save("de", entry, "Frieden jetzt.")
    assert response.status_code == 200
    body = response.get_json()["entry"]
    assert body["state"] == "translated" and body["version"] != entry["version"]
    saved = po_entry(app, "Peace now.")
    assert saved.msgstr == "Frieden jetzt." and "fuzzy" not in saved.flags
    (row,) = audit(app)
    assert (row["username"], row["doc"], row["lang"], row["msgid"]) == (
        "dana",
        "sample",
        "de",
        "Peace now.",
    )
    assert (row["action"], row["before"], row["after"]) == ("save", "", "Frieden jetzt.")
    assert (row["before_state"], row["after_state"]) == ("untranslated", "translated")


def test_needs_review_marks_fuzzy(app, auth, review):
    auth.login("dana")
    entry = review.find("de", "Peace now.")
    review.save("de", entry, "Frieden jetzt?", action="review")
    saved = po_entry(app, "Peace now.")
    assert saved.msgstr == "Frieden jetzt?" and "fuzzy" in saved.flags
    assert entry_state(saved) is EntryState.DRAFT


def test_empty_text_makes_it_untranslated(app, auth, review):
    auth.login("dana")
    entry = review.find("de", "Peace now.")
    review.save("de", entry, "Frieden jetzt.")
    entry = review.entry("de", entry["key"])
    assert review.save("de", entry, "   ").get_json()["entry"]["state"] == "untranslated"
    assert po_entry(app, "Peace now.").msgstr == ""


def test_approval_is_stored_in_the_catalog_and_survives_update(app, auth, review):
    auth.login("rita")
    entry = review.find("de", "Peace now.")
    response = review.save("de", entry, "Frieden jetzt.", action="approve")
    assert response.get_json()["entry"]["state"] == "approved"
    saved = po_entry(app, "Peace now.")
    user, day, digest = comment_fields(saved)["approved"].split()
    assert user == "rita" and re.fullmatch(r"\d{4}-\d\d-\d\d", day) and digest
    assert "#  approved:" not in str(saved) and "# approved: rita" in str(saved)
    from translator.config import load_settings
    from translator.project import Project

    Project(load_settings(Path(app.config["PROJECT_ROOT"]))).update()
    assert entry_state(po_entry(app, "Peace now.")) is EntryState.APPROVED
    # withdrawing goes back to translated
    entry = review.entry("de", entry["key"])
    response = review.post(
        review.url("de", entry["key"]), {"action": "unapprove", "version": entry["version"]}
    )
    assert response.get_json()["entry"]["state"] == "translated"


def test_control_characters_and_huge_texts_are_refused(auth, review):
    auth.login("dana")
    entry = review.find("de", "Peace now.")
    assert review.save("de", entry, "bad\x00byte").status_code == 422
    assert review.save("de", entry, "x" * 30000).status_code in (413, 422)


def test_bad_json_is_a_400(client, auth, review):
    auth.login("dana")
    entry = review.find("de", "Peace now.")
    url = review.url("de", entry["key"])
    headers = {"X-CSRFToken": auth.token}
    assert (
        client.post(
            url, data="not json", headers=headers, content_type="application/json"
        ).status_code
        == 400
    )
    assert review.post(url, {"msgstr": 5, "version": entry["version"]}).status_code == 400
    assert review.post(url, {"action": "delete", "msgstr": "x", "version": "v"}).status_code == 400


# -- conflicts ------------------------------------------------------------------------------


def test_second_save_of_the_same_segment_is_a_conflict(app, auth, review):
    auth.login("dana")
    entry = review.find("de", "Peace now.")  # both people loaded this version
    assert review.save("de", entry, "Frieden jetzt.").status_code == 200
    response = review.save("de", entry, "Jetzt Frieden.")
    assert response.status_code == 409
    body = response.get_json()
    assert body["error"] == "conflict"
    assert body["yours"]["msgstr"] == "Jetzt Frieden."
    assert body["theirs"]["msgstr"] == "Frieden jetzt."
    assert body["theirs"]["by"] == "dana" and body["theirs"]["state"] == "translated"
    assert po_entry(app, "Peace now.").msgstr == "Frieden jetzt."  # no silent overwrite
    assert len(audit(app)) == 1
    # saving again on top of "theirs" is a deliberate choice, and works
    response = review.save("de", entry, "Jetzt Frieden.", version=body["theirs"]["version"])
    assert response.status_code == 200


def test_conflict_with_an_edit_made_outside_the_web(app, auth, review):
    auth.login("dana")
    entry = review.find("de", "Peace now.")
    edit_catalog(app, "de", lambda po: setattr(po.find("Peace now."), "msgstr", "Poedit-Text."))
    response = review.save("de", entry, "Frieden jetzt.")
    assert response.status_code == 409
    assert response.get_json()["theirs"]["msgstr"] == "Poedit-Text."


def test_form_conflict_page_shows_both_versions(client, auth, review):
    auth.login("dana")
    entry = review.find("de", "Peace now.")
    review.save("de", entry, "Frieden jetzt.")
    data = {
        "msgstr": "Meine Fassung.",
        "version": entry["version"],
        "action": "save",
        "csrf_token": auth.token,
    }
    response = client.post(f"/translate/sample/de/segment/{entry['key']}", data=data)
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "Frieden jetzt." in html and "Meine Fassung." in html
    assert "Someone else saved this sentence" in html


def test_edits_of_different_segments_from_stale_pages_both_stay(app, auth, review):
    auth.login("dana")
    first = review.find("de", "Peace now.")
    second = review.find("de", "We demand the withdrawal of all troops.")
    assert review.save("de", first, "Frieden jetzt.").status_code == 200
    assert review.save("de", second, "Wir fordern den Abzug aller Truppen.").status_code == 200
    assert po_entry(app, "Peace now.").msgstr == "Frieden jetzt."
    assert po_entry(app, "We demand the withdrawal of all troops.").msgstr.startswith("Wir")


# -- joins ----------------------------------------------------------------------------------

FIRST = "The ICOR condemns the war."
SECOND = "Dr. Smith and the U.S. government are responsible for 3.5 million refugees."


def join(review, text="Die ICOR verurteilt den Krieg, für den Dr. Smith verantwortlich ist."):
    first, second = review.find("de", FIRST), review.find("de", SECOND)
    payload = {
        "version": first["version"],
        "next_key": second["key"],
        "next_version": second["version"],
        "msgstr": text,
    }
    return review.post(review.url("de", first["key"], "/join"), payload), first, second


def test_join_with_next_and_undo(app, auth, review):
    auth.login("dana")
    response, first, second = join(review)
    assert response.status_code == 200
    one, two = po_entry(app, FIRST), po_entry(app, SECOND)
    assert one.msgstr.startswith("Die ICOR") and comment_fields(one)["joined"] == "next"
    assert two.msgstr == SECOND and comment_fields(two)["joined"] == "previous"
    assert entry_state(two) is EntryState.TRANSLATED  # counts as done
    from translator.build.translations import Use, choose_translations
    from translator.config import load_settings
    from translator.project import Project

    project = Project(load_settings(Path(app.config["PROJECT_ROOT"])))
    doc = project.documents(["sample"]).documents[0]
    uses = [c.use for c in choose_translations(doc, catalog(app), allow_drafts=False).choices]
    assert uses[3:5] == [Use.TRANSLATION, Use.JOINED]
    # the joined sentence cannot be edited on its own
    second = review.entry("de", second["key"])
    assert second["joined"] == "previous"
    assert review.save("de", second, "x").status_code == 422
    # undo
    first = review.entry("de", first["key"])
    response = review.post(review.url("de", first["key"], "/unjoin"), {"version": first["version"]})
    assert response.status_code == 200
    one, two = po_entry(app, FIRST), po_entry(app, SECOND)
    assert "joined" not in comment_fields(one) and "joined" not in comment_fields(two)
    assert two.msgstr == "" and one.msgstr.startswith("Die ICOR")
    actions = [row["action"] for row in audit(app)]
    assert actions == ["join", "join", "unjoin", "unjoin"]


def test_undo_join_restores_the_second_translation(app, auth, review):
    auth.login("dana")
    review.save("de", review.find("de", SECOND), "Dr. Smith ist verantwortlich.")
    response, first, _ = join(review)
    assert response.status_code == 200
    first = review.entry("de", first["key"])
    review.post(review.url("de", first["key"], "/unjoin"), {"version": first["version"]})
    assert po_entry(app, SECOND).msgstr == "Dr. Smith ist verantwortlich."


def test_join_refused_where_it_would_be_wrong(auth, review):
    auth.login("dana")
    peace = review.find("de", "Peace now.")  # the next sentence also is a slogan
    payload = {"version": peace["version"], "msgstr": "x"}
    response = review.post(review.url("de", peace["key"], "/join"), payload)
    assert response.status_code == 422
    assert "elsewhere" in response.get_json()["error"]
    last = review.find("de", SECOND)  # last sentence of its paragraph
    response = review.post(
        review.url("de", last["key"], "/join"), {"version": last["version"], "msgstr": "x"}
    )
    assert response.status_code == 422
    assert "last sentence" in response.get_json()["error"]


def test_join_with_a_stale_next_version_is_a_conflict(app, auth, review):
    auth.login("dana")
    first, second = review.find("de", FIRST), review.find("de", SECOND)
    review.save("de", second, "Schon übersetzt.")
    payload = {
        "version": first["version"],
        "next_key": second["key"],
        "next_version": second["version"],
        "msgstr": "Beides.",
    }
    response = review.post(review.url("de", first["key"], "/join"), payload)
    assert response.status_code == 409
    assert po_entry(app, SECOND).msgstr == "Schon übersetzt."


# -- history, revert, comments ---------------------------------------------------------------


def test_history_and_revert(client, auth, review):
    auth.login("dana")
    entry = review.find("de", "Peace now.")
    review.save("de", entry, "Frieden jetzt.")
    entry = review.entry("de", entry["key"])
    review.save("de", entry, "Frieden sofort.")
    history = client.get(review.url("de", entry["key"], "/history")).get_json()["history"]
    assert [h["after"] for h in history] == ["Frieden sofort.", "Frieden jetzt."]
    entry = review.entry("de", entry["key"])
    payload = {"version": entry["version"], "history_id": history[1]["id"]}
    response = review.post(review.url("de", entry["key"], "/revert"), payload)
    assert response.get_json()["entry"]["msgstr"] == "Frieden jetzt."
    entry = review.entry("de", entry["key"])
    payload = {"version": entry["version"], "history_id": history[1]["id"], "before": True}
    response = review.post(review.url("de", entry["key"], "/revert"), payload)
    assert response.get_json()["entry"]["state"] == "untranslated"
    panel = client.get(f"/translate/sample/de/segment/{entry['key']}").get_data(as_text=True)
    assert "revert" in panel and "Frieden sofort." in panel


def test_revert_of_another_segments_change_is_404(auth, review):
    auth.login("dana")
    peace = review.find("de", "Peace now.")
    review.save("de", peace, "Frieden jetzt.")
    other = review.find("de", FIRST)
    payload = {"version": other["version"], "history_id": 1}
    assert review.post(review.url("de", other["key"], "/revert"), payload).status_code == 404


def test_comment_thread(client, auth, review):
    auth.login("dana")
    entry = review.find("de", "Peace now.")
    url = review.url("de", entry["key"], "/comments")
    assert review.post(url, {"body": "   "}).status_code == 422
    response = review.post(url, {"body": "Is “now” urgent here?"})
    assert response.status_code == 201
    comment_id = response.get_json()["comment"]["id"]
    panel = client.get(f"/translate/sample/de/segment/{entry['key']}").get_data(as_text=True)
    assert "Is “now” urgent here?" in panel
    list_page = client.get("/translate/sample/de/?filter=comments").get_data(as_text=True)
    assert len(re.findall(r'<a class="row ', list_page)) == 1
    auth.logout()
    auth.login("rita")
    delete = f"/api/translate/sample/de/comments/{comment_id}/delete"
    assert review.post(delete, {}).status_code == 403  # not rita's
    auth.logout()
    auth.login("coord")
    assert review.post(delete, {}).status_code == 200
    assert client.get(url).get_json()["comments"] == []


# -- help: machine translation, memory, glossary, checks, provenance ---------------------------


def test_machine_translation_on_demand(auth, review):
    auth.login("dana")
    entry = review.find("de", "Peace now.")
    response = review.post(review.url("de", entry["key"], "/machine"), {})
    body = response.get_json()
    assert body["engine"] == "dummy" and body["error"] == ""
    assert body["suggestions"][0]["text"] == "[de] Peace now."
    assert body["suggestions"][0]["origin"].startswith("mt:dummy")


def test_no_engine_configured(project):
    from tests.web.conftest import AuthActions, ReviewActions, make_app, make_web_project

    make_web_project(project.root)
    app = make_app(project.root, MT_ENGINES={"*": "none"})
    client = app.test_client()
    auth = AuthActions(client)
    auth.login()
    review = ReviewActions(client, auth)
    entry = review.find("de", "Peace now.")
    body = review.post(review.url("de", entry["key"], "/machine"), {}).get_json()
    assert body["suggestions"] == [] and "No machine translation engine" in body["error"]


def test_memory_suggestion_with_score(app, client, auth, review):
    other = Path(app.config["PROJECT_ROOT"]) / "locales" / "de" / "LC_MESSAGES" / "other.po"
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "de"}
    po.append(polib.POEntry(msgid="Stop the wars!", msgstr="Stoppt die Kriege!"))
    write_catalog(po, other)
    auth.login("dana")
    entry = review.find("de", "Stop the war!")
    panel = client.get(f"/translate/sample/de/segment/{entry['key']}").get_data(as_text=True)
    assert "Stoppt die Kriege!" in panel
    assert re.search(r'class="score"[^>]*>9\d%<', panel)
    # once translated, the sentence's own text is not offered back; the other match stays
    review.save("de", entry, "Schluss mit dem Krieg!")
    panel = client.get(f"/translate/sample/de/segment/{entry['key']}").get_data(as_text=True)
    assert "Stoppt die Kriege!" in panel
    assert 'data-text="Schluss mit dem Krieg!"' not in panel


def test_glossary_hits(app, client, auth, review):
    glossary = Path(app.config["PROJECT_ROOT"]) / "glossary" / "de.tsv"
    glossary.parent.mkdir(exist_ok=True)
    glossary.write_text("war\tKrieg\tthe noun\nICOR\tICOR\n", encoding="utf-8")
    auth.login("dana")
    entry = review.find("de", FIRST)
    panel = client.get(f"/translate/sample/de/segment/{entry['key']}").get_data(as_text=True)
    assert "Glossary" in panel and "Krieg" in panel and "keep as is" in panel


def test_failing_checks_are_shown_filtered_and_dismissed(client, auth, review):
    auth.login("rita")
    entry = review.find("de", "Peace now.")
    body = review.save("de", entry, "Frieden jetzt").get_json()["entry"]
    assert "end_punctuation" in [issue["check"] for issue in body["issues"]]
    html = client.get("/translate/sample/de/?filter=checks").get_data(as_text=True)
    assert len(re.findall(r'<a class="row ', html)) == 1 and "⚠" in html
    live = client.get(f"/api/translate/sample/de/check?key={entry['key']}&text=Frieden+jetzt.")
    assert "end_punctuation" not in [i["check"] for i in live.get_json()["issues"]]
    payload = {"version": body["version"], "check": "end_punctuation"}
    response = review.post(review.url("de", entry["key"], "/dismiss"), payload)
    assert "end_punctuation" not in [i["check"] for i in response.get_json()["entry"]["issues"]]
    html = client.get("/translate/sample/de/?filter=checks").get_data(as_text=True)
    assert len(re.findall(r'<a class="row ', html)) == 0


def test_provenance_machine_memory_and_carried_over(app, client, auth, review):
    def drafts(po):
        set_draft(po.find("Peace now."), "[de] Peace now.", "mt:dummy")
        set_draft(po.find("Stop the war!"), "Stoppt den Krieg!", "tm:87 other")
        entry = po.find(FIRST)
        entry.msgstr, entry.previous_msgid = (
            "Die ICOR verurteilt den Krieg.",
            "The ICOR condemns wars.",
        )
        entry.flags.insert(0, "fuzzy")

    edit_catalog(app, "de", drafts)
    auth.login("dana")
    panels = {
        text: client.get(f"/translate/sample/de/segment/{review.find('de', text)['key']}").get_data(
            as_text=True
        )
        for text in ("Peace now.", "Stop the war!", FIRST)
    }
    assert "Machine (dummy)" in panels["Peace now."]
    assert "Memory 87%" in panels["Stop the war!"]
    carried = panels[FIRST]
    assert "Carried over" in carried
    assert "<del>wars</del>" in carried and "<ins>the war</ins>" in carried


# -- preview, paragraphs, RTL, broken catalogs ---------------------------------------------------


def test_preview_shows_translation_beside_source(client, auth, review):
    auth.login("dana")
    entry = review.find("de", "We demand the withdrawal of all troops.")
    review.save("de", entry, "Wir fordern den Abzug aller Truppen.")
    html = client.get("/preview/sample/de/").get_data(as_text=True)
    assert re.search(
        rf'<span class="seg state-translated" data-key="{entry["key"]}"[^>]*>Wir fordern', html
    )
    assert re.search(r'class="seg state-untranslated"[^>]*>The ICOR condemns', html)
    assert "<h1>" in html  # Markdown rendered
    assert '<a href="https://example.org/appeal.html">' in html


def test_paragraph_view(client, auth, review):
    auth.login("dana")
    html = client.get("/translate/sample/de/?mode=paragraphs").get_data(as_text=True)
    assert 'class="block-panel"' in html
    entry = review.find("de", FIRST)
    html = client.get(f"/translate/sample/de/?mode=paragraphs&seg={entry['key']}").get_data(True)
    assert FIRST in html and SECOND in html
    assert html.count('class="bi-text"') == 2
    block = re.search(r'id="block" data-block="(\d+)"', html).group(1)
    fragment = client.get(f"/translate/sample/de/block/{block}").get_data(as_text=True)
    assert fragment.count('class="block-item state-') == 2 and "<html" not in fragment


def test_rtl_language_text_is_right_to_left(client, auth, review):
    auth.login("amir")
    entry = review.find("ar", "Peace now.")
    review.save("ar", entry, "السلام الآن.")
    html = client.get(f"/translate/sample/ar/?seg={entry['key']}").get_data(as_text=True)
    assert '<html lang="en">' in html  # the page chrome stays left-to-right
    assert re.search(r'<textarea id="msgstr"[^>]*lang="ar" dir="rtl"', html)
    assert re.search(r'<span class="tgt" lang="ar" dir="rtl">السلام الآن.</span>', html)
    preview = client.get("/preview/sample/ar/").get_data(as_text=True)
    assert 'class="doc doc-target" lang="ar" dir="rtl"' in preview


def test_broken_catalog_is_shown_and_the_rest_works(app, client, auth):
    path = Path(app.config["PROJECT_ROOT"]) / "locales" / "fr" / "LC_MESSAGES" / "sample.po"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(20, "this line is not PO syntax")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    auth.login("coord")
    page = client.get("/translate/sample/fr/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "cannot be opened" in html
    assert re.search(r"locales/fr/LC_MESSAGES/sample.po:\d+: invalid PO file", html)
    home = client.get("/")
    assert home.status_code == 200 and "Broken catalog" in home.get_data(as_text=True)
    assert client.get("/translate/sample/de/").status_code == 200
    response = client.get("/api/translate/sample/fr/segment/0123456789abcdef")
    assert response.status_code == 409 and "invalid PO file" in response.get_json()["error"]


def test_unreadable_source_still_lets_people_translate(app, client, auth):
    (Path(app.config["PROJECT_ROOT"]) / "source" / "sample.md").write_bytes(b"\xff\xfe broken")
    auth.login("dana")
    assert client.get("/translate/sample/de/").status_code == 200
    assert client.get("/preview/sample/de/").status_code == 200
    assert client.get("/translate/sample/de/?mode=paragraphs").status_code == 200


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_segment_fragment_is_a_fragment(client, auth, review, lang):
    auth.login("coord")
    entry = review.find(lang, "Peace now.")
    html = client.get(f"/translate/sample/{lang}/segment/{entry['key']}").get_data(as_text=True)
    assert html.lstrip().startswith("<article") and "<html" not in html


def test_coordinator_prefills_empty_sentences(app, client, auth):
    auth.login("dana")
    response = client.post("/translate/sample/de/prefill", data={"csrf_token": auth.token})
    assert response.status_code == 403
    auth.logout()
    auth.login("coord")
    assert b"Pre-fill 14" in client.get("/translate/sample/de/").data
    response = client.post("/translate/sample/de/prefill", data={"csrf_token": auth.token})
    assert response.status_code == 302 and "filter=review" in response.headers["Location"]
    peace = po_entry(app, "Peace now.")
    assert peace.msgstr == "[de] Peace now." and "fuzzy" in peace.flags
    assert comment_fields(peace)["origin"] == "mt:dummy"
    rows = audit(app)
    assert rows and {row["action"] for row in rows} == {"prefill"}
    assert {row["username"] for row in rows} == {"coord"}
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Pre-filled" in page and "Machine (dummy)" in page


def test_requests_do_not_reparse_unchanged_catalogs(app, client, auth, review):
    auth.login("dana")
    store = app.extensions["translator.store"]
    entry = review.find("de", "Peace now.")
    before = store.parses
    for url in ("/translate/sample/de/", "/", "/preview/sample/de/", "/translate/sample/de/?q=war"):
        assert client.get(url).status_code == 200
    review.save("de", entry, "Frieden jetzt.")
    client.get(f"/translate/sample/de/segment/{entry['key']}")
    assert store.parses == before  # the own save put the written catalog in the cache
    edit_catalog(app, "de", lambda po: setattr(po.find("Stop the war!"), "msgstr", "Halt!"))
    client.get("/translate/sample/de/")
    assert store.parses == before + 1  # someone else's change is read once


def test_a_2000_sentence_document_is_paged(project):
    from tests.web.conftest import AuthActions, ReviewActions, make_app, make_web_project

    paragraphs = "\n\n".join(
        f"Point {n} of the resolution matters. Country {n} will act." for n in range(1, 1001)
    )
    text = (
        f"---\nslug: long\ntitle: Long\ndate: 2024-05-01\nlang: en\n---\n\n# Long\n\n{paragraphs}\n"
    )
    (project.root / "source" / "long.md").write_text(text, encoding="utf-8")
    make_web_project(project.root, ("de",))
    app = make_app(project.root)
    client = app.test_client()
    auth = AuthActions(client)
    auth.login()
    html = client.get("/translate/long/de/").get_data(as_text=True)
    assert len(re.findall(r'<a class="row ', html)) == 50 and "page 1 of 41" in html
    html = client.get("/translate/long/de/?n=2001").get_data(as_text=True)
    assert "page 41 of 41" in html and "Country 1000 will act." in html
    key = re.search(r'id="segment"[^>]*data-key="([0-9a-f]{16})"', html).group(1)
    review = ReviewActions(client, slug="long")  # reads the CSRF token from the page
    response = review.save("de", review.entry("de", key), "Land 1000 wird handeln.")
    assert response.status_code == 200
    assert len(catalog(app, "de", "long")) == 2001


def test_a_save_records_the_revision_date(app, auth, review):
    """Staleness (`translator stats --stale`) compares PO-Revision-Date with the template."""
    edit_catalog(app, "de", lambda po: po.metadata.update({"PO-Revision-Date": "2000-01-01"}))
    auth.login()
    entry = review.find("de", "The ICOR condemns the war.")
    response = review.save("de", entry, "Die ICOR verurteilt den Krieg.")
    assert response.status_code == 200, response.get_data(True)
    assert catalog(app).metadata["PO-Revision-Date"] > "2026"


@pytest.mark.parametrize(
    ("action", "detail"),
    [
        ("edit", "Translated by ana."),
        ("upload", "Translated by ana (uploaded file)."),
        ("upload:poedit", "Translated by ana (uploaded from poedit)."),
    ],
)
def test_human_provenance_names_the_tool_a_file_came_from(action, detail):
    entry = polib.POEntry(msgid="Peace.", msgstr="Frieden.")
    change = {"username": "ana", "action": action}
    assert provenance(entry, "translated", change).detail == detail
