"""Logging in and out, one-time passwords, throttling, session cookies, first-run admin."""

from __future__ import annotations

import sqlite3

from werkzeug.security import check_password_hash

from tests.web.conftest import PASSWORD, csrf_from, make_app
from translator.web.data import database, people


def test_login_page_and_redirect_to_login(client):
    assert client.get("/auth/login").status_code == 200
    response = client.get("/translate/sample/de/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login?next=")


def test_login_logout(client, auth):
    response = auth.login()
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert b"Dana" in client.get("/").data
    auth.logout()
    assert client.get("/").headers["Location"].startswith("/auth/login")


def test_wrong_password_is_refused(client, auth):
    response = auth.login(password="not the password")
    assert response.status_code == 401
    assert b"Wrong user name or password" in response.data
    assert client.get("/").status_code == 302


def test_next_parameter_never_leaves_the_site(client):
    token = csrf_from(client.get("/auth/login").get_data(as_text=True))
    data = {"username": "dana", "password": PASSWORD, "csrf_token": token}
    response = client.post("/auth/login?next=//evil.example/x", data=data)
    assert response.headers["Location"] == "/"


def test_next_parameter_inside_the_site(client):
    token = csrf_from(client.get("/auth/login").get_data(as_text=True))
    data = {"username": "dana", "password": PASSWORD, "csrf_token": token}
    response = client.post("/auth/login?next=/translate/sample/de/", data=data)
    assert response.headers["Location"] == "/translate/sample/de/"


def test_logout_needs_post_with_csrf(client, auth):
    auth.login()
    assert client.get("/auth/logout").status_code == 405
    assert client.post("/auth/logout").status_code == 400  # no CSRF token
    assert client.get("/").status_code == 200  # still logged in


def test_login_throttled_after_repeated_failures(app, client, auth):
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        assert auth.login(password="wrong password").status_code == 401
    response = auth.login()  # right password, but too late
    assert response.status_code == 429
    assert b"Too many failed attempts" in response.data
    assert client.get("/").status_code == 302
    other = auth.login(username="rita")  # another account is not locked
    assert other.status_code == 302


def test_throttle_counts_only_recent_failures(app, client, auth):
    for _ in range(app.config["LOGIN_MAX_FAILURES"] - 1):
        auth.login(password="wrong password")
    assert auth.login().status_code == 302  # success resets the count
    auth.logout()
    for _ in range(app.config["LOGIN_MAX_FAILURES"] - 1):
        auth.login(password="wrong password")
    assert auth.login().status_code == 302


def test_session_cookie_flags(client, auth):
    cookies = auth.login().headers.getlist("Set-Cookie")
    session = [c for c in cookies if c.startswith("translator_session=")]
    assert session, cookies
    assert all("HttpOnly" in c and "SameSite=Lax" in c for c in session)


def test_passwords_hashed_with_scrypt_by_default(tmp_path, monkeypatch):
    monkeypatch.setattr(people, "PASSWORD_METHOD", "scrypt")
    conn = database.connect(tmp_path / "t.sqlite3")
    database.init_schema(conn)
    people.create_user(conn, "zoe", "a long password")
    stored = conn.execute("SELECT password_hash FROM users").fetchone()[0]
    assert stored.startswith("scrypt:")
    assert "a long password" not in stored
    assert check_password_hash(stored, "a long password")
    assert people.authenticate(conn, "ZOE", "a long password").username == "zoe"


def test_short_passwords_and_bad_names_are_refused(tmp_path):
    conn = database.connect(tmp_path / "t.sqlite3")
    database.init_schema(conn)
    for name, password in (("ok", "short"), ("../etc", "long enough password"), ("", "x" * 12)):
        try:
            people.create_user(conn, name, password)
        except people.AccountError:
            continue
        raise AssertionError(f"{name!r}/{password!r} accepted")


def test_first_run_creates_admin_once_with_one_time_password(project, capsys):
    from tests.web.conftest import make_web_project
    from translator.web import create_app

    make_web_project(project.root)
    config = {"PROJECT_ROOT": str(project.root), "SECRET_KEY": "k"}
    app = create_app(dict(config))
    printed = capsys.readouterr().err
    assert "one-time password" in printed
    password = printed.split("password")[1].split()[0]
    create_app(dict(config))  # a second start prints nothing
    assert "one-time password" not in capsys.readouterr().err

    client = app.test_client()
    token = csrf_from(client.get("/auth/login").get_data(as_text=True))
    response = client.post(
        "/auth/login", data={"username": "admin", "password": password, "csrf_token": token}
    )
    assert response.headers["Location"] == "/auth/password"
    assert client.get("/").headers["Location"] == "/auth/password"  # nothing else until changed
    assert client.get("/api/translate/sample/de/check?key=x").status_code == 403
    page = client.get("/auth/password")
    token = csrf_from(page.get_data(as_text=True))
    new = "my own good password"
    response = client.post(
        "/auth/password", data={"current": password, "new": new, "repeat": new, "csrf_token": token}
    )
    assert response.headers["Location"] == "/"
    assert client.get("/").status_code == 200
    conn = sqlite3.connect(app.config["DATABASE"])
    assert conn.execute("SELECT must_change_password FROM users").fetchone()[0] == 0


def test_password_change_ends_other_sessions(app, auth):
    other = app.test_client()
    from tests.web.conftest import AuthActions

    AuthActions(other).login()
    assert other.get("/").status_code == 200
    auth.login()
    conn = database.connect(app.config["DATABASE"])
    user = people.find_user(conn, "dana")
    people.set_password(conn, user.id, "a different password")
    assert other.get("/").status_code == 302


def test_removed_user_is_logged_out(app, client, auth):
    auth.login()
    conn = database.connect(app.config["DATABASE"])
    people.delete_user(conn, people.find_user(conn, "dana").id)
    assert client.get("/").status_code == 302


def test_instance_secret_key_is_generated_and_kept(project):
    from tests.web.conftest import make_web_project
    from translator.web import create_app

    make_web_project(project.root)
    first = create_app({"PROJECT_ROOT": str(project.root), "FIRST_RUN_ADMIN": False})
    second = create_app({"PROJECT_ROOT": str(project.root), "FIRST_RUN_ADMIN": False})
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"]
    assert len(first.config["SECRET_KEY"]) == 64
    key_file = project.root / "instance" / "secret_key"
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"


def test_make_app_helper_users(project):
    from tests.web.conftest import make_web_project

    make_web_project(project.root)
    app = make_app(project.root)
    conn = database.connect(app.config["DATABASE"])
    assert [u.username for u in people.list_users(conn)] == [
        "admin",
        "amir",
        "coord",
        "dana",
        "fred",
        "rita",
    ]


def test_client_address_behind_a_trusted_proxy(project):
    from tests.web.conftest import make_web_project

    make_web_project(project.root)
    app = make_app(project.root, TRUSTED_PROXIES=1)
    client = app.test_client()
    token = csrf_from(client.get("/auth/login").get_data(as_text=True))
    client.post(
        "/auth/login",
        data={"username": "dana", "password": "wrong password", "csrf_token": token},
        headers={"X-Forwarded-For": "203.0.113.7"},
    )
    conn = sqlite3.connect(app.config["DATABASE"])
    assert conn.execute("SELECT address FROM login_attempts").fetchone()[0] == "203.0.113.7"
