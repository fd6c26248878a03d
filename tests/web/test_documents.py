"""Coordinators add a document in the browser: upload or paste, preview, accept or cancel; a
new version of an existing document shows its amendment impact before anything is written."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from tests.hardening.conftest import tree_snapshot
from translator.catalog import read_catalog, write_catalog
from translator.catalog.state import set_human
from translator.web.data import notifications, people
from translator.web.data.database import connect, log_change

PAGE = """Home | News | Contact

Solidarity with the strikers!

1 May 2024

The workers of the port are on strike. We support them.

Share this article
"""


def preview(client, auth, **form):
    auth.login("coord")
    data = {"csrf_token": auth.token, "text": "", "slug": "", "version": "", **form}
    return client.post("/dashboard/documents/new", data=data, content_type="multipart/form-data")


def token_of(html: str) -> str:
    match = re.search(r'name="token" value="([^"]+)"', html)
    assert match, "no import token in the preview"
    return match.group(1)


def project_files(app) -> dict:
    root = Path(app.config["PROJECT_ROOT"])
    return {k: v for k, v in tree_snapshot(root).items() if not k.startswith("instance")}


def test_pasted_text_is_previewed_with_blocks_and_dropped_chrome_and_nothing_written(
    app, client, auth
):
    before = project_files(app)
    response = preview(client, auth, text=PAGE)
    html = response.get_data(as_text=True)
    assert response.status_code == 200, html
    assert "Solidarity with the strikers!" in html
    assert "solidarity-with-the-strikers-2024-05-01" in html
    assert "Home | News | Contact" in html and "Share this article" in html  # dropped
    assert '<span class="tag block-kind">title</span>' in html
    assert '<span class="tag block-kind">dateline</span>' in html
    assert "We support them." in html
    assert "::: dateline" in html  # the canonical source
    assert project_files(app) == before


def test_accept_makes_source_template_and_a_catalog_per_language(app, client, auth):
    html = preview(client, auth, text=PAGE).get_data(as_text=True)
    response = client.post(
        "/dashboard/documents/accept", data={"csrf_token": auth.token, "token": token_of(html)}
    )
    assert response.status_code == 302
    root = Path(app.config["PROJECT_ROOT"])
    slug = "solidarity-with-the-strikers-2024-05-01"
    assert (root / "source" / f"{slug}.md").read_text(encoding="utf-8").startswith("---\nslug:")
    assert (root / "locales" / f"{slug}.pot").is_file()
    for lang in ("de", "fr", "ar"):
        po = read_catalog(root / "locales" / lang / "LC_MESSAGES" / f"{slug}.po")
        assert "We support them." in [entry.msgid for entry in po]
    editor = client.get(f"/translate/{slug}/de/")
    assert editor.status_code == 200


def test_a_new_document_notifies_the_teams_of_its_languages(app, client, auth):
    html = preview(client, auth, text=PAGE).get_data(as_text=True)
    client.post(
        "/dashboard/documents/accept", data={"csrf_token": auth.token, "token": token_of(html)}
    )
    conn = connect(app.config["DATABASE"])
    try:
        dana = people.find_user(conn, "dana").id
        coord = people.find_user(conn, "coord").id
        feed = notifications.feed(conn, dana)
        assert [item["kind"] for item in feed] == ["new-document"]
        assert "Solidarity with the strikers!" in feed[0]["body"] and "(de)" in feed[0]["body"]
        assert notifications.feed(conn, coord) == []  # not told of their own doing
    finally:
        conn.close()


def test_an_altered_or_foreign_token_is_refused_and_writes_nothing(app, client, auth):
    html = preview(client, auth, text=PAGE).get_data(as_text=True)
    before = project_files(app)
    token = token_of(html)
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    response = client.post(
        "/dashboard/documents/accept", data={"csrf_token": auth.token, "token": forged}
    )
    assert response.status_code == 400
    assert project_files(app) == before


def test_an_uploaded_html_file_is_imported(app, client, auth):
    page = (
        "<html><body><nav>Home</nav><article><h1>Free the prisoners!</h1>"
        "<p>3 June 2023</p><p>We call for their release.</p></article></body></html>"
    )
    upload = (io.BytesIO(page.encode()), "appeal.html")
    response = preview(client, auth, file=upload)
    html = response.get_data(as_text=True)
    assert response.status_code == 200, html
    assert "Free the prisoners!" in html and "We call for their release." in html


def test_a_page_source_saved_as_txt_is_html_and_the_preview_says_why_lines_went(app, client, auth):
    page = (
        "#!/usr/bin/php\n<?php include('head.php'); ?>\n<html><body>\n"
        "<h1>(Turkish) Free the prisoners now!</h1>\n<p>Translated from English by Ayşe</p>\n"
        "<p>3 June 2023</p><p>We call for their release.</p>\n<p><a href='/p.pdf'>PDF</a></p>\n"
        "</body></html>"
    )
    before = project_files(app)
    response = preview(client, auth, file=(io.BytesIO(page.encode()), "saved.txt"))
    html = response.get_data(as_text=True)
    assert response.status_code == 200, html
    assert "&lt;h1&gt;" not in html and "&lt;p&gt;" not in html  # no tag escaped into text
    assert "We call for their release." in html
    assert "line 1: <del>#!/usr/bin/php</del>" in html
    assert "(server-side code (PHP))" in html and "(language label on the title)" in html
    assert "<dt>translator_credit</dt><dd>Translated from English by Ayşe</dd>" in html
    assert project_files(app) == before


def test_an_upload_of_an_unknown_kind_is_refused_on_the_form(app, client, auth):
    response = preview(client, auth, file=(io.BytesIO(b"%PDF-1.4"), "appeal.pdf"))
    assert response.status_code == 400
    assert "cannot import this kind of file" in response.get_data(as_text=True)


NEW_VERSION = """Peace now. Stop the war!

ICOR Resolution, 8 March 2021

The ICOR condemns the war. Dr. Smith and the U.S. government are responsible for 4 million refugees.

We demand the withdrawal of all troops. A new sentence appears here.
"""


def translate_sample(app, lang: str, author: str) -> None:
    root = Path(app.config["PROJECT_ROOT"])
    path = root / "locales" / lang / "LC_MESSAGES" / "sample.po"
    po = read_catalog(path)
    conn = connect(app.config["DATABASE"])
    for entry in po:
        if entry.msgid and not entry.obsolete:
            set_human(entry, f"[{lang}] {entry.msgid}")
            log_change(
                conn,
                user=author,
                doc="sample",
                lang=lang,
                msgid=entry.msgid,
                action="save",
                before="",
                after=entry.msgstr,
                after_state="translated",
            )
    conn.commit()
    conn.close()
    write_catalog(po, path)


def test_a_new_version_shows_the_amendment_impact_per_language_before_writing(app, client, auth):
    translate_sample(app, "de", "dana")
    before = project_files(app)
    response = preview(client, auth, text=NEW_VERSION, version="sample")
    html = response.get_data(as_text=True)
    assert response.status_code == 200, html
    assert "New version of sample" in html
    row = re.search(r'<tr data-lang="de">(.*?)</tr>', html, re.S).group(1)
    numbers = [int(n) for n in re.findall(r'class="num impact-\w+">(\d+)<', row)]
    kept, fuzzy, new, retired = numbers
    assert fuzzy == 1  # 3.5 million -> 4 million
    assert kept >= 3 and retired >= 5 and new >= 1
    fr = re.search(r'<tr data-lang="fr">(.*?)</tr>', html, re.S).group(1)
    assert re.findall(r'impact-fuzzy">(\d+)<', fr) == ["0"]  # nothing translated in fr
    assert project_files(app) == before


def test_accepting_a_new_version_merges_and_tells_whose_entries_went_fuzzy(app, client, auth):
    translate_sample(app, "de", "dana")
    html = preview(client, auth, text=NEW_VERSION, version="sample").get_data(as_text=True)
    client.post(
        "/dashboard/documents/accept", data={"csrf_token": auth.token, "token": token_of(html)}
    )
    root = Path(app.config["PROJECT_ROOT"])
    po = read_catalog(root / "locales" / "de" / "LC_MESSAGES" / "sample.po")
    fuzzy = [e for e in po if "fuzzy" in e.flags and not e.obsolete]
    assert [e.previous_msgid for e in fuzzy] == [
        "Dr. Smith and the U.S. government are responsible for 3.5 million refugees."
    ]
    conn = connect(app.config["DATABASE"])
    try:
        feed = notifications.feed(conn, people.find_user(conn, "dana").id)
    finally:
        conn.close()
    assert [item["kind"] for item in feed] == ["amended"]
    assert "1 of your de translation went fuzzy" in feed[0]["body"]


@pytest.mark.parametrize("user", ["dana", "rita"])
def test_only_coordinators_add_documents(app, client, auth, user):
    auth.login(user)
    assert client.get("/dashboard/documents/new").status_code == 403
    data = {"csrf_token": auth.token, "text": PAGE}
    assert client.post("/dashboard/documents/new", data=data).status_code == 403
