"""Fixtures for the review UI, flaskr style: ``app``, ``client``, ``auth`` and ``review``.

The app runs over a copy of tests/data (``project``) with catalogs for de, fr and ar, the
dummy MT engine, and one person per role. Passwords are hashed with a cheap method here only
(scrypt costs ~70 ms a hash); ``test_auth`` checks the real default separately.
"""

from __future__ import annotations

import contextlib
import re
import threading
from pathlib import Path

import pytest
import waitress

from translator.web import create_app
from translator.web.data import database, people

PASSWORD = "correct horse battery"
PEOPLE = {
    "admin": {"global_role": "admin"},
    "coord": {"global_role": "coordinator"},
    "dana": {"languages": {"de": "translator"}},
    "rita": {"languages": {"de": "reviewer"}},
    "fred": {"languages": {"fr": "translator"}},
    "amir": {"languages": {"ar": "reviewer"}},
}


@pytest.fixture(autouse=True)
def fast_hashes(monkeypatch):
    monkeypatch.setattr(people, "PASSWORD_METHOD", "pbkdf2:sha256:1000")


def make_web_project(root: Path, langs=("de", "fr", "ar")) -> None:
    """Catalogs for ``langs`` and the dummy engine for every language."""
    from translator.config import load_settings
    from translator.project import Project

    (root / "translator.toml").write_text('engines = { "*" = "dummy" }\n', encoding="utf-8")
    report = Project(load_settings(root)).init(list(langs))
    assert report.ok, report.errors


def make_app(root: Path, **config):
    app = create_app(
        {
            "TESTING": True,
            "PROJECT_ROOT": str(root),
            "SECRET_KEY": "test secret",
            "DATABASE": str(root / "instance" / "test.sqlite3"),
            "FIRST_RUN_ADMIN": False,
            **config,
        }
    )
    conn = database.connect(app.config["DATABASE"])
    for name, roles in PEOPLE.items():
        people.create_user(conn, name, PASSWORD, display_name=name.title(), **roles)
    conn.close()
    return app


@pytest.fixture
def app(project):
    make_web_project(project.root)
    return make_app(project.root)


@contextlib.contextmanager
def live_server(app, threads: int = 8):
    """The app behind a real waitress server on 127.0.0.1 (a free port); yields its base URL."""
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=threads)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.close()
        thread.join(timeout=10)


@pytest.fixture
def client(app):
    return app.test_client()


def csrf_from(html: str) -> str:
    match = re.search(r'name="csrf-token" content="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)


class AuthActions:
    """Log in and out through the real forms (with their CSRF tokens)."""

    def __init__(self, client):
        self._client = client
        self.token = ""

    def login(self, username="dana", password=PASSWORD):
        page = self._client.get("/auth/login")
        token = csrf_from(page.get_data(as_text=True))
        response = self._client.post(
            "/auth/login", data={"username": username, "password": password, "csrf_token": token}
        )
        home = self._client.get("/")
        if home.status_code == 200:
            self.token = csrf_from(home.get_data(as_text=True))
        return response

    def logout(self):
        return self._client.post("/auth/logout", data={"csrf_token": self.token})


@pytest.fixture
def auth(client):
    return AuthActions(client)


class ReviewActions:
    """Editor operations through the JSON API, as the page's JavaScript makes them."""

    def __init__(self, client, auth: AuthActions | None = None, slug="sample"):
        self._client = client
        self._auth = auth
        self.slug = slug

    @property
    def token(self) -> str:
        """The CSRF token: the one AuthActions saw, else read from the home page."""
        if self._auth is not None and self._auth.token:
            return self._auth.token
        return csrf_from(self._client.get("/").get_data(as_text=True))

    def url(self, lang: str, key: str = "", suffix: str = "") -> str:
        base = f"/api/translate/{self.slug}/{lang}"
        return f"{base}/segment/{key}{suffix}" if key else base

    def entries(self, lang: str) -> list[dict]:
        """Every entry of the catalog, through the editor page's keys and the entry API."""
        page = self._client.get(f"/translate/{self.slug}/{lang}/?filter=all")
        keys = list(dict.fromkeys(re.findall(r'data-key="([0-9a-f]{16})"', page.get_data(True))))
        return [self.entry(lang, key) for key in keys]

    def entry(self, lang: str, key: str) -> dict:
        response = self._client.get(self.url(lang, key))
        assert response.status_code == 200, response.get_data(True)
        return response.get_json()

    def find(self, lang: str, msgid: str) -> dict:
        for entry in self.entries(lang):
            if entry["msgid"] == msgid:
                return entry
        raise AssertionError(f"{msgid!r} not in the {lang} catalog")

    def post(self, url: str, payload: dict, token: str | None = None):
        headers = {"X-CSRFToken": self.token if token is None else token}
        return self._client.post(url, json=payload, headers=headers)

    def save(self, lang, entry, text, action="save", version=None):
        payload = {"action": action, "msgstr": text, "version": version or entry["version"]}
        return self.post(self.url(lang, entry["key"]), payload)


@pytest.fixture
def review(client, auth):
    return ReviewActions(client, auth)
