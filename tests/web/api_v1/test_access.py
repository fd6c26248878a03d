"""Who gets in: bearer tokens only (401 without, with a wrong or revoked one, and with a
session cookie alone), the roles of the UI (403), JSON for every error, rate limits (429 with
Retry-After, shared by two server processes), tokens made on the profile page, and the
OpenAPI document itself."""

from __future__ import annotations

import re

import pytest
from openapi_spec_validator import validate

from tests.web.api_v1.conftest import (
    SPEC,
    Api,
    another_process,
    api_app,
    make_tokens,
    validate_against,
)
from tests.web.conftest import PASSWORD, csrf_from
from translator.web.api_v1.spec import openapi_document
from translator.web.data import database, people, tokens


def error_of(response) -> str:
    validate_against("components/schemas/Error", response.get_json())
    return response.get_json()["error"]


def test_the_openapi_document_is_valid_and_served_without_a_token(api):
    validate(SPEC)
    response = api.client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.get_json() == openapi_document("/api/v1")
    assert set(response.get_json()["paths"]) >= {"/stats", "/documents", "/builds", "/webhooks"}


def test_every_api_route_is_in_the_document(app):
    documented = {
        (re.sub(r"\{(\w+)\}", r"<\1>", path), method.upper())
        for path, item in SPEC["paths"].items()
        for method in item
        if method != "parameters"
    }
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/") or rule.endpoint == "api_v1.openapi":
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"<\1>", rule.rule.removeprefix("/api/v1"))
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert (path, method) in documented, f"{method} {rule.rule} is not documented"


@pytest.mark.parametrize(
    "header",
    [None, "", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer tr_not-a-real-token", "Bearer x"],
)
def test_missing_or_invalid_tokens_get_401(api, header):
    headers = {"Authorization": header} if header is not None else {}
    response = api.get("/stats", who=None, headers=headers)
    assert response.status_code == 401
    assert "token" in error_of(response)
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_token_gets_401(api, app):
    assert api.get("/stats", "dana").status_code == 200
    conn = database.connect(app.config["DATABASE"])
    tokens.revoke_token(conn, "dana-ci")
    conn.close()
    response = api.get("/stats", "dana")
    assert response.status_code == 401 and "revoked" in error_of(response)


def test_a_session_cookie_without_a_token_gets_401_and_no_csrf_is_asked(api):
    client = api.client
    token = csrf_from(client.get("/auth/login").get_data(as_text=True))
    login = {"username": "coord", "password": PASSWORD, "csrf_token": token}
    assert client.post("/auth/login", data=login).status_code == 302
    assert client.get("/dashboard/").status_code == 200  # the session works for pages
    for method, template in [("GET", "/stats"), ("POST", "/builds"), ("GET", "/webhooks")]:
        response = api.call(method, template, who=None, json={})
        assert response.status_code == 401, (method, template)
        assert "Set-Cookie" not in response.headers
    # with the token (and the cookie, and no CSRF token) a POST goes through
    response = api.post("/builds", "coord", json={"languages": ["de"], "formats": ["md"]})
    assert response.status_code == 202


def test_stats_403_for_languages_not_the_tokens(api):
    response = api.get("/stats", "dana", query_string={"lang": "fr"})
    assert response.status_code == 403
    assert error_of(response)


def test_errors_under_the_api_are_json(api, app):
    headers = {"Authorization": f"Bearer {api.secrets['coord']}"}
    missing = api.client.get("/api/v1/nowhere", headers=headers)
    assert missing.status_code == 404 and error_of(missing)
    wrong = api.client.patch("/api/v1/stats", headers=headers)
    assert wrong.status_code == 405 and error_of(wrong)
    huge = api.client.put(
        "/api/v1/documents/sample/languages/de/catalog.po",
        data=b"x" * (app.config["MAX_CONTENT_LENGTH"] + 10),
        headers=headers,
    )
    assert huge.status_code == 413 and error_of(huge)
    unknown = api.get(
        "/documents/{slug}/languages/{lang}/catalog.po", params={"slug": "no", "lang": "de"}
    )
    assert unknown.status_code == 404 and error_of(unknown)


def test_a_server_error_is_json_without_details(api, app, monkeypatch):
    app.testing = False
    app.config["PROPAGATE_EXCEPTIONS"] = False
    from translator.web.api_v1 import documents

    def broken(*_args, **_kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(documents, "get_store", broken)
    response = api.client.get(
        "/api/v1/documents", headers={"Authorization": f"Bearer {api.secrets['coord']}"}
    )
    assert response.status_code == 500
    assert "secret internals" not in response.get_data(as_text=True) and error_of(response)


def test_rate_limit_per_token_answers_429_with_retry_after(project):
    from tests.web.conftest import make_web_project

    make_web_project(project.root)
    first = api_app(project.root, API_RATE_LIMIT=(3, 60))
    api = Api(first.test_client(), make_tokens(first))
    assert [api.get("/documents", "dana").status_code for _ in range(3)] == [200] * 3
    refused = api.get("/documents", "dana")
    assert refused.status_code == 429 and error_of(refused)
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert api.get("/documents", "rita").status_code == 200  # another token has its own bucket
    # a second server process over the same database shares the bucket
    other = another_process(first, API_RATE_LIMIT=(3, 60))
    other_api = Api(other.test_client(), api.secrets)
    assert other_api.get("/documents", "dana").status_code == 429


def test_an_owned_token_never_has_more_than_its_owner_now(api, app):
    assert api.get("/documents", "fred").get_json()["documents"][0]["languages"] == ["fr"]
    conn = database.connect(app.config["DATABASE"])
    fred = people.find_user(conn, "fred")
    people.set_language_role(conn, fred.id, "fr", None)
    conn.close()
    assert api.get("/documents", "fred").get_json()["documents"][0]["languages"] == []
    assert api.get("/stats", "fred").status_code == 403


def login(client, username: str) -> str:
    token = csrf_from(client.get("/auth/login").get_data(as_text=True))
    data = {"username": username, "password": PASSWORD, "csrf_token": token}
    assert client.post("/auth/login", data=data).status_code == 302
    return csrf_from(client.get("/auth/tokens").get_data(as_text=True))


def test_a_person_makes_uses_and_revokes_a_token_on_the_profile_page(app):
    client = app.test_client()
    csrf = login(client, "dana")
    page = client.post(
        "/auth/tokens",
        data={"csrf_token": csrf, "name": "my-ci", "role": "translator", "lang": "de"},
    )
    html = page.get_data(as_text=True)
    assert page.status_code == 200, html
    secret = re.search(r'id="new-token">(tr_[A-Za-z0-9_-]+)<', html).group(1)
    again = client.get("/auth/tokens").get_data(as_text=True)
    assert "my-ci" in again and secret not in again  # shown once only
    api = Api(app.test_client(), {"mine": secret})
    assert api.get("/documents", "mine").get_json()["documents"][0]["languages"] == ["de"]
    revoked = client.post("/auth/tokens/my-ci/revoke", data={"csrf_token": csrf})
    assert revoked.status_code == 302
    assert 'id="tokens"' not in client.get("/auth/tokens").get_data(as_text=True)
    assert api.get("/documents", "mine").status_code == 401


@pytest.mark.parametrize(
    ("role", "langs", "why"),
    [
        ("coordinator", [], "coordinator"),
        ("reviewer", ["de"], "reviewer of de"),
        ("translator", ["fr"], "fr"),
    ],
)
def test_a_token_made_on_the_profile_has_at_most_the_persons_rights(app, role, langs, why):
    client = app.test_client()
    csrf = login(client, "dana")
    page = client.post(
        "/auth/tokens", data={"csrf_token": csrf, "name": "too-much", "role": role, "lang": langs}
    )
    assert page.status_code == 400
    assert why in page.get_data(as_text=True)
    conn = database.connect(app.config["DATABASE"])
    assert tokens.list_tokens(conn) == []
    conn.close()


def operations():
    for template, item in SPEC["paths"].items():
        for method in item:
            if method != "parameters":
                yield method.upper(), template


PARAMS = {"slug": "sample", "lang": "de", "job_id": "0" * 32, "path": "x.md", "hook_id": 1}


@pytest.mark.parametrize(("method", "template"), list(operations()))
def test_every_operation_needs_a_token(api, method, template):
    response = api.call(method, template, who=None, params=PARAMS, json={})
    assert response.status_code == 401, response.get_json()
    revoked = api.call(method, template, who="tr_" + "x" * 43, params=PARAMS, json={})
    assert revoked.status_code == 401


DE_CATALOG = "/documents/{slug}/languages/{lang}/catalog.po"
ROLES = ["coord", "rita", "dana", "fred"]
MATRIX = [
    ("GET", "/stats", {}, [200, 200, 200, 200]),
    ("GET", "/documents", {}, [200, 200, 200, 200]),
    ("GET", DE_CATALOG, {}, [200, 200, 200, 403]),
    ("PUT", DE_CATALOG, {"data": b""}, [400, 400, 400, 403]),
    ("POST", "/documents", {"data": {}}, [400, 403, 403, 403]),
    ("POST", "/builds", {"json": {"languages": ["de"], "formats": ["md"]}}, [202, 202, 202, 403]),
    ("GET", "/webhooks", {}, [200, 403, 403, 403]),
    ("POST", "/webhooks", {"json": {}}, [400, 403, 403, 403]),
    ("DELETE", "/webhooks/{hook_id}", {}, [404, 403, 403, 403]),
    ("GET", "/webhooks/{hook_id}/deliveries", {}, [404, 403, 403, 403]),
    ("GET", "/builds/{job_id}", {}, [404, 404, 404, 404]),
]


@pytest.mark.parametrize(("method", "template", "body", "codes"), MATRIX)
def test_each_roles_token_gets_the_uis_answer(api, method, template, body, codes):
    got = [api.call(method, template, who, params=PARAMS, **body).status_code for who in ROLES]
    assert got == codes
