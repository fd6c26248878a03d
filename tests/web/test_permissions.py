"""Who may do what: every role, pages and JSON endpoints alike."""

from __future__ import annotations

import pytest

from translator.web.data import database, people

PAGES = ["/translate/sample/{lang}/", "/preview/sample/{lang}/"]


@pytest.mark.parametrize(
    ("user", "allowed", "refused"),
    [
        ("dana", ["de"], ["fr", "ar"]),
        ("rita", ["de"], ["fr", "ar"]),
        ("fred", ["fr"], ["de", "ar"]),
        ("amir", ["ar"], ["de", "fr"]),
        ("coord", ["de", "fr", "ar"], []),
        ("admin", ["de", "fr", "ar"], []),
    ],
)
def test_pages_per_role(client, auth, user, allowed, refused):
    auth.login(user)
    for lang in allowed:
        for page in PAGES:
            assert client.get(page.format(lang=lang)).status_code == 200, (user, lang, page)
    for lang in refused:
        for page in PAGES:
            assert client.get(page.format(lang=lang)).status_code == 403, (user, lang, page)


def _first(review, lang):
    return review.find(lang, "Peace now.")


def test_json_endpoints_refuse_other_languages(client, auth, review):
    auth.login("coord")
    entry = _first(review, "fr")
    auth.logout()
    auth.login("dana")
    key = entry["key"]
    refused = [
        ("get", review.url("fr", key), None),
        ("get", review.url("fr", key, "/history"), None),
        ("get", review.url("fr", key, "/comments"), None),
        ("get", f"/translate/sample/fr/segment/{key}", None),
        ("get", f"/api/translate/sample/fr/check?key={key}&text=x", None),
        ("post", review.url("fr", key), {"msgstr": "x", "version": entry["version"]}),
        ("post", review.url("fr", key, "/comments"), {"body": "hello"}),
        ("post", review.url("fr", key, "/machine"), {}),
        ("post", review.url("fr", key, "/join"), {"msgstr": "x", "version": "v"}),
        ("post", review.url("fr", key, "/unjoin"), {"version": "v"}),
        ("post", review.url("fr", key, "/revert"), {"version": "v", "history_id": 1}),
        ("post", review.url("fr", key, "/dismiss"), {"version": "v", "check": "blank"}),
    ]
    for method, url, payload in refused:
        response = client.get(url) if method == "get" else review.post(url, payload)
        assert response.status_code == 403, (method, url, response.get_data(True))
        if url.startswith("/api/"):
            assert "error" in response.get_json()


def test_translator_saves_but_cannot_approve(auth, review):
    auth.login("dana")
    entry = _first(review, "de")
    assert review.save("de", entry, "Frieden jetzt.").status_code == 200
    entry = review.entry("de", entry["key"])
    assert entry["state"] == "translated"
    response = review.save("de", entry, "Frieden jetzt.", action="approve")
    assert response.status_code == 403
    assert review.entry("de", entry["key"])["state"] == "translated"


def test_reviewer_approves_and_translator_cannot_change_approved(auth, review):
    auth.login("dana")
    entry = _first(review, "de")
    review.save("de", entry, "Frieden jetzt.")
    auth.logout()
    auth.login("rita")
    entry = review.entry("de", entry["key"])
    response = review.save("de", entry, "Frieden jetzt.", action="approve")
    assert response.status_code == 200
    assert response.get_json()["entry"]["state"] == "approved"
    auth.logout()
    auth.login("dana")
    entry = review.entry("de", entry["key"])
    response = review.save("de", entry, "Frieden sofort.")
    assert response.status_code == 403
    assert "approved" in response.get_json()["error"]
    assert review.entry("de", entry["key"])["msgstr"] == "Frieden jetzt."


def test_coordinator_approves_anywhere(auth, review):
    auth.login("coord")
    for lang in ("de", "fr", "ar"):
        entry = _first(review, lang)
        assert review.save("de" if lang == "de" else lang, entry, "x", "approve").status_code == 200


def test_only_reviewers_dismiss_checks(auth, review):
    auth.login("dana")
    entry = _first(review, "de")
    review.save("de", entry, "Frieden jetzt")
    entry = review.entry("de", entry["key"])
    payload = {"version": entry["version"], "check": "end_punctuation"}
    assert review.post(review.url("de", entry["key"], "/dismiss"), payload).status_code == 403
    auth.logout()
    auth.login("rita")
    assert review.post(review.url("de", entry["key"], "/dismiss"), payload).status_code == 200


def test_admin_pages_for_coordinators_only(client, auth):
    for user in ("dana", "rita"):
        auth.login(user)
        for url in ("/admin/people", "/admin/people/new", "/admin/languages", "/admin/people/1"):
            assert client.get(url).status_code == 403, (user, url)
        auth.logout()
    auth.login("coord")
    for url in ("/admin/people", "/admin/people/new", "/admin/languages"):
        assert client.get(url).status_code == 200


def _user_id(app, name):
    return people.find_user(database.connect(app.config["DATABASE"]), name).id


def test_coordinator_manages_people_but_not_admins(app, client, auth):
    auth.login("coord")
    admin_id = _user_id(app, "admin")
    assert client.get(f"/admin/people/{admin_id}").status_code == 403
    response = client.post(
        "/admin/people/new",
        data={"username": "eve", "global_role": "admin", "csrf_token": auth.token},
    )
    assert response.status_code == 403
    response = client.post(
        "/admin/people/new",
        data={"username": "eve", "role-fr": "reviewer", "csrf_token": auth.token},
    )
    assert response.status_code == 200
    assert b"one-time password" in response.data
    eve = people.find_user(database.connect(app.config["DATABASE"]), "eve")
    assert eve.languages == {"fr": "reviewer"} and eve.must_change_password


def test_coordinator_changes_roles(app, client, auth):
    auth.login("coord")
    dana = _user_id(app, "dana")
    response = client.post(
        f"/admin/people/{dana}",
        data={
            "display_name": "Dana D.",
            "role-de": "reviewer",
            "role-fr": "translator",
            "csrf_token": auth.token,
        },
    )
    assert response.status_code == 302
    user = people.get_user(database.connect(app.config["DATABASE"]), dana)
    assert user.languages == {"de": "reviewer", "fr": "translator"}
    assert user.display_name == "Dana D."


def test_admin_resets_password_and_removes_people(app, client, auth):
    auth.login("admin")
    fred = _user_id(app, "fred")
    response = client.post(f"/admin/people/{fred}/password", data={"csrf_token": auth.token})
    assert response.status_code == 200
    assert b"one-time password" in response.data
    response = client.post(f"/admin/people/{fred}/delete", data={"csrf_token": auth.token})
    assert response.status_code == 302
    assert people.find_user(database.connect(app.config["DATABASE"]), "fred") is None


def test_last_admin_cannot_be_removed(app):
    conn = database.connect(app.config["DATABASE"])
    with pytest.raises(people.AccountError):
        people.delete_user(conn, people.find_user(conn, "admin").id)
    with pytest.raises(people.AccountError):
        people.set_global_role(conn, people.find_user(conn, "admin").id, None)


def test_people_without_languages_see_an_empty_home(app, client, auth):
    conn = database.connect(app.config["DATABASE"])
    people.create_user(conn, "newbie", "a long password")
    auth.login("newbie", "a long password")
    page = client.get("/")
    assert page.status_code == 200
    assert b"not on any language team" in page.data
    assert client.get("/translate/sample/de/").status_code == 403


def test_coordinator_starts_a_language(app, client, auth):
    auth.login("coord")
    response = client.post("/admin/languages", data={"lang": "es", "csrf_token": auth.token})
    assert response.status_code == 302
    assert client.get("/translate/sample/es/").status_code == 200
    response = client.post("/admin/languages", data={"lang": "../x", "csrf_token": auth.token})
    assert response.status_code == 302
    assert b"unknown language" in client.get("/admin/languages").data
