"""A security pass over the review UI along the OWASP checklist, route by route.

Every test that is about "each endpoint" enumerates ``app.url_map`` itself, so a route added
later is checked without anyone remembering to: it must need a login, respect language teams,
refuse a POST without CSRF token, send the security headers and escape what it shows.
``tests/web/test_security.py`` and ``test_auth.py`` hold the per-feature checks these extend.
"""

from __future__ import annotations

import ast
import hashlib
import re
import sqlite3
from pathlib import Path
from urllib.parse import quote

import pytest
from werkzeug.security import check_password_hash

from tests.hardening.conftest import (
    PASSWORD,
    REPO,
    SLUG,
    csrf_from,
    tree_snapshot,
)
from tests.web.conftest import make_app
from translator.config import load_settings
from translator.project import Project
from translator.web.data import database, people, tokens

# reachable without logging in (an e-mail's unsubscribe link carries its own token)
# and the REST API's OpenAPI document
PUBLIC = {"static", "auth.login", "auth.logout", "notices.unsubscribe", "api_v1.openapi"}
# logged in, whatever the role
FOR_EVERYONE = PUBLIC | {
    "review.home",
    "auth.password",
    "notices.feed",
    "notices.read",
    "notices.settings",
    "files.profile",
    "auth.tokens",
    "auth.revoke_token",
    "api_v1.documents",  # lists only what the token may see
    "api_v1.create_build",  # builds the token's own languages
}
SKIP_METHODS = {"HEAD", "OPTIONS"}  # answered by Flask from the rule, without running a view
MARKERS = ("<script>alert(", "<img src=x onerror", "<svg onload", "javascript:alert")
XSS = "<script>alert('x')</script><img src=x onerror=alert(1)><svg onload=alert(2)>"


# -- helpers --------------------------------------------------------------------------------------


def rules(app, methods=None):
    """(rule, method) for every route and method a view answers."""
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        for method in sorted(rule.methods - SKIP_METHODS):
            if methods is None or method in methods:
                yield rule, method


def build(rule, **values) -> str:
    """The rule's URL with ``values`` put in as they are (quoted when asked by the caller)."""
    path = rule.rule
    for name in rule.arguments:
        path = re.sub(r"<(?:[a-z]+:)?" + name + ">", str(values[name]), path)
    return path


def first_key(app, lang: str = "de", slug: str = SLUG) -> str:
    from translator.web.data.catalogs import entry_key

    view = app.extensions["translator.store"].catalog(lang, slug)
    return entry_key(view.entries[1])


def user_id(app, name: str) -> int:
    conn = database.connect(app.config["DATABASE"])
    try:
        return people.find_user(conn, name).id
    finally:
        conn.close()


def values_for(app, lang: str = "de", slug: str = SLUG) -> dict:
    return {
        "slug": slug,
        "lang": lang,
        "key": first_key(app, "de", slug),
        "block": 1,
        "comment_id": 1,
        "user_id": user_id(app, "dana"),
        "filename": "style.css",
        "job_id": "0" * 32,
        "path": "index.html",
        "hook_id": 1,
        "name": "ci",
    }


def send(client, rule, method: str, url: str, token: str | None, query=None):
    """A request shaped as the page would send it: JSON for the API, a form otherwise."""
    headers = {"X-CSRFToken": token} if token else {}
    if method == "GET":
        return client.get(url, query_string=query or {}, headers=headers)
    if url.startswith("/api/"):
        body = {"action": "save", "msgstr": "x", "version": "0", "body": "x", "history_id": 1}
        return client.open(url, method=method, json=body, headers=headers)
    form = {"msgstr": "x", "version": "0", "lang": "de", "username": "mallory"}
    if token:
        form["csrf_token"] = token
    return client.post(url, data=form, headers=headers)


USAGE_TABLES = ('INSERT INTO "api_buckets"', 'INSERT INTO "api_tokens"')  # use, not state


def database_dump(app) -> str:
    conn = sqlite3.connect(app.config["DATABASE"])
    try:
        text = "\n".join(line for line in conn.iterdump() if not line.startswith(USAGE_TABLES))
    finally:
        conn.close()
    return hashlib.sha1(text.encode()).hexdigest()


def project_state(app) -> tuple[dict, str]:
    """Every file of the project but the database's scratch files, and the database's content."""
    root = Path(app.config["PROJECT_ROOT"])
    files = {
        path: digest
        for path, digest in tree_snapshot(root).items()
        if not path.startswith("instance")
    }
    return files, database_dump(app)


def login(client, username: str) -> str:
    """Log in through the form, and give the client an API token of the same person (the
    REST API under /api/v1 knows tokens only), sent with every request it makes."""
    token = csrf_from(client.get("/auth/login").get_data(as_text=True))
    response = client.post(
        "/auth/login", data={"username": username, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {api_token(client.application, username)}"
    return csrf_from(client.get("/").get_data(as_text=True))


def api_token(app, username: str) -> str:
    """A token with the person's role and languages, made for them."""
    conn = database.connect(app.config["DATABASE"])
    try:
        person = people.find_user(conn, username)
        roles = set(person.languages.values())
        role = "reviewer" if roles == {"reviewer"} else "translator"
        role = "coordinator" if person.is_coordinator else role
        langs = [] if person.is_coordinator else sorted(person.languages)
        name = f"{username}-{len(tokens.list_tokens(conn))}"
        return tokens.create_token(conn, name, role, langs, person)
    finally:
        conn.close()


# -- access control -------------------------------------------------------------------------------


def test_every_endpoint_but_login_and_static_needs_a_login(seed_app, client):
    """Logged out, with a valid CSRF token (so the login check is what refuses)."""
    token = csrf_from(client.get("/auth/login").get_data(as_text=True))
    endpoints = {rule.endpoint for rule in seed_app.url_map.iter_rules()}
    assert endpoints >= PUBLIC
    before = project_state(seed_app)
    checked = 0
    for rule, method in rules(seed_app):
        if rule.endpoint in PUBLIC:
            continue
        url = build(rule, **values_for(seed_app))
        response = send(client, rule, method, url, token)
        where = f"{method} {url} -> {response.status_code}"
        if url.startswith("/api/v1/"):
            assert response.status_code == 401, where
            assert "API token is required" in response.get_json()["error"], where
        elif url.startswith("/api/"):
            assert response.status_code == 401, where
            assert response.get_json() == {"error": "login required"}, where
        else:
            assert response.status_code == 302, where
            assert response.headers["Location"].startswith("/auth/login"), where
        checked += 1
    assert checked >= 30
    assert project_state(seed_app) == before


def test_a_translator_of_de_is_refused_in_fa_and_on_coordinator_pages(seed_app, client):
    token = login(client, "dana")
    fa = values_for(seed_app, "fa")
    fa["key"] = first_key(seed_app, "fa")
    before = project_state(seed_app)
    refused = 0
    for rule, method in rules(seed_app):
        if rule.endpoint in FOR_EVERYONE:
            continue
        values = fa if "lang" in rule.arguments else values_for(seed_app)
        url = build(rule, **values)
        response = send(client, rule, method, url, token, query={"key": fa["key"], "lang": "fa"})
        assert response.status_code in (403, 404), f"{method} {url} -> {response.status_code}"
        refused += 1
    assert refused >= 30
    assert project_state(seed_app) == before


def test_the_same_pages_open_for_the_translators_own_language(seed_app, client):
    """The control for the test above: in ``de`` the editor's pages and API answer."""
    login(client, "dana")
    key = first_key(seed_app, "de")
    opened = []
    for rule, _method in rules(seed_app, {"GET"}):
        if "lang" not in rule.arguments or rule.endpoint.startswith("dashboard."):
            continue
        url = build(rule, **values_for(seed_app, "de"))
        response = client.get(url, query_string={"key": key, "text": "Hallo"})
        assert response.status_code == 200, f"GET {url} -> {response.status_code}"
        opened.append(rule.endpoint)
    assert {"review.editor", "api.get_entry", "review.preview"} <= set(opened)


TRAVERSAL = [
    "..",
    "%2e%2e",
    "..%2F..%2Finstance%2Fsecret_key",
    "..%2F..%2F..%2Fetc%2Fpasswd",
    "de%2F..%2Ffa",
    "de%00",
    quote("../instance", safe=""),
    "%252e%252e%252f",
    "..%5C..%5Cinstance",
]


@pytest.mark.parametrize("payload", TRAVERSAL)
def test_traversal_in_documents_and_languages_finds_nothing(seed_app, client, payload):
    """Every route with a document or language in its URL, as a coordinator: 404, never a file."""
    token = login(client, "coord")
    secret = "canary-4f1d9c"  # in files a traversal would aim at: instance/ and beside the project
    root = Path(seed_app.config["PROJECT_ROOT"])
    for canary in (root / "instance" / "secret_key", root.parent / "secret_key"):
        canary.write_text(secret, encoding="utf-8")
    for rule, method in rules(seed_app):
        for part in ("slug", "lang"):
            if part not in rule.arguments:
                continue
            url = build(rule, **{**values_for(seed_app), part: payload})
            response = send(client, rule, method, url, token)
            assert response.status_code == 404, f"{method} {url} -> {response.status_code}"
            assert secret not in response.get_data(as_text=True)
            assert "root:" not in response.get_data(as_text=True)
    for name in ("..%2Finstance%2Fsecret_key", "..%2F__init__.py", "%2e%2e/%2e%2e/pyproject.toml"):
        assert client.get(f"/static/{name}").status_code == 404


# -- injection ------------------------------------------------------------------------------------

# Names that may be interpolated into SQL text, each reviewed: none carries user input.
REVIEWED_SQL_NAMES = {
    "marks": "only '?' placeholders, one per value (checked below)",
    "column": "people.login_wait: 'username' or 'address' from a fixed tuple",
    "sql": "database.changes_since: constant text plus the 'marks' placeholders; "
    "tm.index.MemoryIndex.query: the constant texts of tm.index and tm.search",
    "statement": "qa.stored._open: each of the constant statements of _SCHEMA",
}


def _sql_calls():
    """(file, function, call, SQL argument) of every ``execute`` in the package."""
    for path in sorted((REPO / "translator").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("execute", "executemany", "executescript")
                    and node.args
                ):
                    yield path, function, node, node.args[0]


def _interpolated(arg: ast.expr) -> list[str]:
    """The names put into the SQL text; raises on anything but constants and plain names."""
    if isinstance(arg, ast.Constant):
        return []
    if isinstance(arg, ast.Name):
        return [arg.id]
    if isinstance(arg, ast.JoinedStr):
        names = []
        for part in arg.values:
            if isinstance(part, ast.FormattedValue):
                if not isinstance(part.value, ast.Name):
                    raise AssertionError(ast.unparse(part.value))
                names.append(part.value.id)
        return names
    raise AssertionError(ast.unparse(arg))


def _placeholders_only(function: ast.AST, path: Path) -> None:
    """Every ``marks = ...`` in ``function`` is a row of '?' (and '' for none)."""
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "marks" for target in node.targets
        ):
            text = ast.unparse(node.value)
            assert re.fullmatch(r"','\.join\('\?' \* len\(\w+\)\)( or \"''\")?", text), (
                f"{path}:{node.lineno}: marks = {text}"
            )


def test_sql_is_never_built_from_values():
    """Every ``execute`` takes constant SQL with ``?`` placeholders; the few interpolated names
    are constants (UPPER_CASE) or reviewed above."""
    found = 0
    for path, function, node, arg in _sql_calls():
        found += 1
        where = f"{path.relative_to(REPO)}:{node.lineno}"
        try:
            names = _interpolated(arg)
        except AssertionError as exc:
            pytest.fail(f"{where}: SQL built from an expression: {exc}")
        for name in names:
            constant = name.lstrip("_").isupper()
            assert constant or name in REVIEWED_SQL_NAMES, f"{where}: SQL built with {name!r}"
        if "marks" in names or "sql" in names:
            _placeholders_only(function, path)
    assert found >= 20


def test_sql_metacharacters_are_data(seed_app, client):
    """A comment and a login name full of SQL are stored and matched literally."""
    token = login(client, "dana")
    key = first_key(seed_app)
    body = "'); DROP TABLE comments; -- \" OR 1=1"
    url = f"/api/translate/{SLUG}/de/segment/{key}/comments"
    assert client.post(url, json={"body": body}, headers={"X-CSRFToken": token}).status_code == 201
    assert client.get(url).get_json()["comments"][-1]["body"] == body
    other = seed_app.test_client()
    login_token = csrf_from(other.get("/auth/login").get_data(as_text=True))
    response = other.post(
        "/auth/login",
        data={"username": "dana' OR '1'='1", "password": "' OR '1'='1", "csrf_token": login_token},
    )
    assert response.status_code == 401


# -- authentication and session -------------------------------------------------------------------


def session_cookie(client) -> str | None:
    cookie = client.get_cookie("translator_session")
    return cookie.value if cookie else None


def test_login_starts_a_new_session(seed_app, client):
    """Session fixation: nothing from before login is valid after it."""
    before_token = csrf_from(client.get("/auth/login").get_data(as_text=True))
    before = session_cookie(client)
    assert before
    response = client.post(
        "/auth/login", data={"username": "dana", "password": PASSWORD, "csrf_token": before_token}
    )
    assert response.status_code == 302
    assert session_cookie(client) != before
    key = first_key(seed_app)
    url = f"/api/translate/{SLUG}/de/segment/{key}/comments"
    stale = client.post(url, json={"body": "x"}, headers={"X-CSRFToken": before_token})
    assert stale.status_code == 400  # the pre-login CSRF token is gone with the old session
    planted = seed_app.test_client()  # whoever held the pre-login cookie is still anonymous
    planted.set_cookie("translator_session", before)
    assert planted.get("/").status_code == 302


def test_logout_invalidates_copies_of_the_session_and_remember_cookies(seed_app, client):
    token = csrf_from(client.get("/auth/login").get_data(as_text=True))
    client.post(
        "/auth/login",
        data={"username": "dana", "password": PASSWORD, "csrf_token": token, "remember": "1"},
    )
    token = csrf_from(client.get("/").get_data(as_text=True))
    copied = session_cookie(client)
    remember = client.get_cookie("remember_token")
    assert remember is not None
    thief = seed_app.test_client()
    thief.set_cookie("translator_session", copied)
    assert thief.get("/").status_code == 200  # a copy works while the session lives
    assert client.post("/auth/logout", data={"csrf_token": token}).status_code == 302
    for cookies in ({"translator_session": copied}, {"remember_token": remember.value}):
        replay = seed_app.test_client()
        for name, value in cookies.items():
            replay.set_cookie(name, value)
        assert replay.get("/").status_code == 302, cookies
    assert login(seed_app.test_client(), "dana")  # and logging in again works


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/x",
        "/\\evil.example",
        "/\\/evil.example",
        "https:evil.example",
        "/ok\r\nSet-Cookie: stolen=1",
        "/\t/evil.example",
        "javascript:alert(1)",
    ],
)
def test_login_redirect_stays_on_the_site(client, target):
    """Open redirect and header injection through ``?next=``: back home instead."""
    token = csrf_from(client.get("/auth/login").get_data(as_text=True))
    data = {"username": "dana", "password": PASSWORD, "csrf_token": token}
    response = client.post("/auth/login", query_string={"next": target}, data=data)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert "stolen" not in str(response.headers)


def test_cookie_flags(seed_app, client, seed_project):
    token = csrf_from(client.get("/auth/login").get_data(as_text=True))
    response = client.post(
        "/auth/login",
        data={"username": "dana", "password": PASSWORD, "csrf_token": token, "remember": "1"},
    )
    cookies = response.headers.getlist("Set-Cookie")
    for name in ("translator_session=", "remember_token="):
        found = [c for c in cookies if c.startswith(name)]
        assert found, (name, cookies)
        assert all("HttpOnly" in c and "SameSite=Lax" in c for c in found), found
    secure_app = make_app(
        Path(seed_app.config["PROJECT_ROOT"]),
        SESSION_COOKIE_SECURE=True,
        REMEMBER_COOKIE_SECURE=True,
        DATABASE=str(Path(seed_app.config["PROJECT_ROOT"]) / "instance" / "secure.sqlite3"),
    )
    secure = secure_app.test_client()
    token = csrf_from(secure.get("/auth/login").get_data(as_text=True))
    cookies = secure.post(
        "/auth/login",
        data={"username": "dana", "password": PASSWORD, "csrf_token": token, "remember": "1"},
    ).headers.getlist("Set-Cookie")
    assert cookies and all("Secure" in c for c in cookies), cookies


def test_failures_are_throttled_per_address_across_user_names(seed_app, client):
    seed_app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"] = 4
    for name in ("dana", "rita", "fred", "nobody"):
        token = csrf_from(client.get("/auth/login").get_data(as_text=True))
        data = {"username": name, "password": "wrong password!", "csrf_token": token}
        assert client.post("/auth/login", data=data).status_code == 401
    token = csrf_from(client.get("/auth/login").get_data(as_text=True))
    data = {"username": "amir", "password": PASSWORD, "csrf_token": token}
    response = client.post("/auth/login", data=data)
    assert response.status_code == 429  # right password, fresh name, same address
    assert client.get("/").status_code == 302


def test_login_does_not_tell_whether_a_name_exists(client):
    answers = []
    for name in ("dana", "no-such-person"):
        token = csrf_from(client.get("/auth/login").get_data(as_text=True))
        data = {"username": name, "password": "wrong password!", "csrf_token": token}
        response = client.post("/auth/login", data=data)
        page = response.get_data(as_text=True)
        page = re.sub(r'name="csrf[-_]token"[^>]*>', "", page).replace(name, "NAME")
        answers.append((response.status_code, page))
    assert answers[0] == answers[1]


def test_passwords_are_salted_hashes(seed_app):
    conn = database.connect(seed_app.config["DATABASE"])
    rows = conn.execute("SELECT username, password_hash FROM users").fetchall()
    conn.close()
    hashes = [row["password_hash"] for row in rows]
    assert len(set(hashes)) == len(hashes)  # same password, different salts
    for row in rows:
        assert PASSWORD not in row["password_hash"]
        assert check_password_hash(row["password_hash"], PASSWORD)
    assert people.PASSWORD_METHOD != "plain"


def test_the_app_never_runs_with_the_debugger(seed_project):
    from translator.web import create_app

    app = create_app(project_root=seed_project.root)
    assert not app.debug and not app.testing
    assert app.config["SECRET_KEY"] and len(app.config["SECRET_KEY"]) >= 32


# -- CSRF -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("forged", [None, "forged-token", "other-session"])
def test_every_post_without_a_valid_csrf_token_is_refused(seed_app, client, forged):
    login(client, "coord")
    if forged == "other-session":
        forged = login(seed_app.test_client(), "rita")
    before = project_state(seed_app)
    posts = 0
    for rule, method in rules(seed_app, {"POST"}):
        url = build(rule, **values_for(seed_app))
        if url.startswith("/api/v1/"):
            continue  # below: no cookie counts there, so there is nothing to forge
        response = send(client, rule, method, url, forged)
        assert response.status_code == 400, f"POST {url} -> {response.status_code}"
        assert "CSRF" in response.get_data(as_text=True)
        posts += 1
    # what a forged request can send (the session cookie, no Authorization) gets 401 there
    del client.environ_base["HTTP_AUTHORIZATION"]
    for rule, method in rules(seed_app, {"POST", "PUT", "DELETE"}):
        url = build(rule, **values_for(seed_app))
        if url.startswith("/api/v1/"):
            response = send(client, rule, method, url, forged)
            assert response.status_code == 401, f"{method} {url} -> {response.status_code}"
    assert posts >= 15
    assert project_state(seed_app) == before


# -- XSS ------------------------------------------------------------------------------------------

HOSTILE_DOC = f"""---
slug: xss
title: "Hostile {XSS}"
date: 2021-03-08
lang: en
---

# Hostile {XSS}

Click {XSS} now. Then "quote" & 'apostrophe'.

:::signatories
- {XSS} Party
:::
"""


@pytest.fixture
def hostile(seed_app):
    """Markup everywhere a person can put text: source, translation, comment, display name."""
    root = Path(seed_app.config["PROJECT_ROOT"])
    (root / "source" / "xss.md").write_text(HOSTILE_DOC, encoding="utf-8")
    report = Project(load_settings(root)).init(["de"], ["xss"])
    assert report.ok, report.errors
    conn = database.connect(seed_app.config["DATABASE"])
    people.set_display_name(conn, user_id(seed_app, "dana"), XSS)
    conn.close()
    client = seed_app.test_client()
    token = login(client, "dana")
    from translator.web.data.catalogs import entry_key, entry_version

    view = seed_app.extensions["translator.store"].catalog("de", "xss")
    for entry in view.entries[:3]:
        url = f"/api/translate/xss/de/segment/{entry_key(entry)}"
        payload = {"action": "save", "msgstr": XSS, "version": entry_version(entry)}
        assert client.post(url, json=payload, headers={"X-CSRFToken": token}).status_code == 200
        comment = client.post(url + "/comments", json={"body": XSS}, headers={"X-CSRFToken": token})
        assert comment.status_code == 201
    return "xss"


def test_hostile_text_comes_back_escaped_on_every_page(seed_app, client, hostile):
    login(client, "coord")
    values = values_for(seed_app, slug=hostile)
    values["key"] = first_key(seed_app, "de", hostile)
    query = {"q": XSS, "filter": XSS, "doc": XSS, "sort": XSS, "key": values["key"], "text": XSS}
    pages = 0
    for rule, _method in rules(seed_app, {"GET"}):
        url = build(rule, **values)
        for args in ({}, query):
            response = client.get(url, query_string=args)
            assert response.status_code < 500, url
            if response.mimetype == "application/zip":
                continue  # a download (its files are the PO and XLIFF ones checked below)
            body = response.get_data(as_text=True)
            if response.mimetype in ("text/html", "image/svg+xml"):
                pages += 1
                for marker in MARKERS:
                    assert marker not in body, f"{url} {args}: {marker}"
            else:
                assert response.mimetype in (
                    "application/json", "text/csv", "text/css", "text/javascript",
                    "image/svg+xml", "text/x-gettext-translation", "application/xliff+xml",
                ), (url, response.mimetype)  # fmt: skip
    assert pages >= 20
    editor = client.get(f"/translate/{hostile}/de/").get_data(as_text=True)
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in editor


# -- headers --------------------------------------------------------------------------------------


def _assert_headers(response, where: str) -> None:
    headers = response.headers
    csp = headers.get("Content-Security-Policy", "")
    for part in (
        "default-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ):
        assert part in csp, f"{where}: {part} missing from {csp!r}"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, where
    assert headers.get("X-Content-Type-Options") == "nosniff", where
    assert headers.get("X-Frame-Options") == "DENY", where
    assert headers.get("Referrer-Policy") == "same-origin", where


def test_security_headers_on_every_answer(seed_app, client):
    """Pages, fragments, JSON, downloads, static files and error pages alike."""
    for url in ("/auth/login", "/nowhere", "/api/nowhere"):
        _assert_headers(client.get(url), url)
    _assert_headers(client.get("/api/translate/x/de/segment/0"), "401")
    login(client, "coord")
    _assert_headers(client.put("/"), "405")
    values = values_for(seed_app)
    for rule, _method in rules(seed_app, {"GET"}):
        url = build(rule, **values)
        response = client.get(url, query_string={"key": values["key"]})
        _assert_headers(response, url)
        if rule.endpoint != "static":
            assert "no-store" in response.headers.get("Cache-Control", ""), url
