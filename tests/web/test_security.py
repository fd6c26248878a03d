"""CSRF, security headers, escaping of hostile text, and 404s for anything not in the project."""

from __future__ import annotations

import re

import pytest

from translator.config import load_settings
from translator.project import Project

XSS_SOURCE = """---
slug: xss
title: "Hostile <script>alert('title')</script>"
date: 2021-03-08
lang: en
---

# Hostile <script>alert('title')</script>

Click <img src=x onerror=alert('src')> now. Then "quote" & 'apostrophe'.
"""
PAYLOAD = "<script>alert('translation')</script><img src=x onerror=alert(1)>"


def _no_inline_code(html: str) -> None:
    """No inline scripts, event handlers or style attributes (the CSP would block them)."""
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline <script>"
    assert not re.search(r"<[^>]+\son[a-z]+\s*=", html), "inline event handler"
    assert not re.search(r"<[^>]+\sstyle\s*=", html), "inline style"


@pytest.fixture
def hostile(app):
    """A source document full of markup, with German and Arabic catalogs."""
    root = app.config["PROJECT_ROOT"]
    from pathlib import Path

    (Path(root) / "source" / "xss.md").write_text(XSS_SOURCE, encoding="utf-8")
    report = Project(load_settings(Path(root))).init(["de", "ar"], ["xss"])
    assert report.ok, report.errors
    return "xss"


def test_security_headers(client, auth):
    auth.login()
    for url in ("/", "/translate/sample/de/", "/auth/password", "/preview/sample/de/"):
        response = client.get(url)
        csp = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "default-src 'self'" in csp and "object-src 'none'" in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"
        _no_inline_code(response.get_data(as_text=True))


def test_login_page_has_no_inline_code(client):
    _no_inline_code(client.get("/auth/login").get_data(as_text=True))


def test_json_save_without_csrf_token_is_refused(client, auth, review):
    auth.login()
    entry = review.find("de", "Peace now.")
    url = review.url("de", entry["key"])
    payload = {"action": "save", "msgstr": "Frieden jetzt.", "version": entry["version"]}
    assert client.post(url, json=payload).status_code == 400
    assert review.post(url, payload, token="forged").status_code == 400
    assert review.entry("de", entry["key"])["msgstr"] == ""
    assert review.post(url, payload).status_code == 200


def test_form_save_without_csrf_token_is_refused(client, auth, review):
    auth.login()
    entry = review.find("de", "Peace now.")
    url = f"/translate/sample/de/segment/{entry['key']}"
    data = {"msgstr": "Frieden jetzt.", "version": entry["version"], "action": "save"}
    response = client.post(url, data=data)
    assert response.status_code == 400
    assert b"CSRF" in response.data
    assert review.entry("de", entry["key"])["msgstr"] == ""


def test_form_save_with_token_works_without_javascript(client, auth, review):
    auth.login()
    entry = review.find("de", "Peace now.")
    url = f"/translate/sample/de/segment/{entry['key']}"
    data = {
        "msgstr": "Frieden jetzt.",
        "version": entry["version"],
        "action": "save",
        "csrf_token": auth.token,
    }
    response = client.post(url, data=data)
    assert response.status_code == 302
    assert "/translate/sample/de/?seg=" in response.headers["Location"]
    assert review.entry("de", entry["key"])["msgstr"] == "Frieden jetzt."


def test_comment_and_admin_forms_need_csrf(client, auth, review):
    auth.login("coord")
    entry = review.find("de", "Peace now.")
    assert (
        client.post(review.url("de", entry["key"], "/comments"), json={"body": "x"}).status_code
        == 400
    )
    response = client.post("/admin/people/new", data={"username": "eve"})
    assert response.status_code == 400
    response = client.post("/admin/languages", data={"lang": "es"})
    assert response.status_code == 400


def test_hostile_source_is_escaped(client, auth, hostile):
    auth.login()
    for url in (f"/translate/{hostile}/de/", f"/preview/{hostile}/de/", "/"):
        html = client.get(url).get_data(as_text=True)
        assert "<img src=x onerror" not in html
        assert "<script>alert(" not in html
        _no_inline_code(html)
    editor = client.get(f"/translate/{hostile}/de/").get_data(as_text=True)
    assert "&lt;img src=x onerror=alert(&#39;src&#39;)&gt;" in editor


def test_hostile_translation_and_comment_are_escaped(client, auth, review, hostile):
    auth.login()
    review.slug = hostile
    entry = review.entries("de")[-1]
    assert review.save("de", entry, PAYLOAD).status_code == 200
    comment = "<img src=x onerror=alert('comment')> & <b>bold</b>"
    url = review.url("de", entry["key"], "/comments")
    assert review.post(url, {"body": comment}).status_code == 201
    pages = [
        f"/translate/{hostile}/de/?seg={entry['key']}",
        f"/translate/{hostile}/de/segment/{entry['key']}",
        f"/preview/{hostile}/de/",
        "/",
    ]
    for url in pages:
        html = client.get(url).get_data(as_text=True)
        assert "<script>alert('translation')" not in html, url
        assert "<img src=x onerror=alert(" not in html, url
        assert "<b>bold</b>" not in html, url
    panel = client.get(pages[1]).get_data(as_text=True)
    assert "&lt;script&gt;alert(&#39;translation&#39;)&lt;/script&gt;" in panel
    assert "&lt;b&gt;bold&lt;/b&gt;" in panel
    # JSON carries the text as data, with a JSON content type (never rendered as HTML)
    response = client.get(review.url("de", entry["key"], "/comments"))
    assert response.mimetype == "application/json"
    assert response.get_json()["comments"][0]["body"] == comment


def test_hostile_display_name_is_escaped(app, client, auth):
    from translator.web.data import database, people

    conn = database.connect(app.config["DATABASE"])
    user = people.find_user(conn, "dana")
    people.set_display_name(conn, user.id, "<script>alert('name')</script>")
    auth.login()
    html = client.get("/").get_data(as_text=True)
    assert "<script>alert('name')" not in html
    assert "&lt;script&gt;" in html
    auth.logout()
    auth.login("coord")
    assert "<script>alert('name')" not in client.get("/admin/people").get_data(as_text=True)


@pytest.mark.parametrize(
    "url",
    [
        "/translate/nosuch/de/",
        "/translate/sample/xx/",
        "/translate/sample/de_XX/",
        "/translate/..%2F..%2Fetc/de/",
        "/translate/sample/..%2Fde/",
        "/translate/sample/de/segment/0123456789abcdef",
        "/translate/sample/de/block/999",
        "/preview/nosuch/de/",
        "/preview/sample/zz/",
    ],
)
def test_unknown_document_language_or_segment_is_404(client, auth, url):
    auth.login("coord")
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/api/translate/nosuch/de/segment/0123456789abcdef",
        "/api/translate/sample/xx/segment/0123456789abcdef",
        "/api/translate/sample/de/segment/0123456789abcdef",
        "/api/translate/sample/de/segment/0123456789abcdef/history",
    ],
)
def test_unknown_things_in_the_api_are_json_404(client, auth, url):
    auth.login("coord")
    response = client.get(url)
    assert response.status_code == 404
    assert response.is_json and "error" in response.get_json()


def test_language_without_catalog_is_404(app, client, auth):
    from pathlib import Path

    (Path(app.config["PROJECT_ROOT"]) / "locales" / "es" / "LC_MESSAGES").mkdir(parents=True)
    auth.login("coord")
    assert client.get("/translate/sample/es/").status_code == 404
    assert client.get("/translate/sample/de/").status_code == 200


def test_api_needs_login_and_answers_json(client, review):
    response = client.get("/api/translate/sample/de/segment/0123456789abcdef")
    assert response.status_code == 401
    assert response.get_json() == {"error": "login required"}
