"""Hostile requests to every route of the review UI (Hypothesis, through Flask's test client).

Each example picks a rule from ``app.url_map`` and fills its URL parts with real values
(document, language, sentence key, comment and user ids) or hostile ones (traversal, encoded
slashes, NUL, unicode digits, huge numbers, markup, SQL), then sends a random method, query
string, headers and body: a form, JSON of any shape (wrong types, nulls, huge strings and
numbers) or raw bytes under a random content type, with the CSRF token or without it.

Properties, for a visitor who is logged out, a translator of ``de`` and a coordinator:

- no answer is a server error (every status < 500; the app runs with TESTING, so an
  exception inside a view fails the example with its traceback);
- nothing is created, changed or removed outside ``source/``, ``locales/`` and ``instance/``
  of the project, nor beside the project;
- afterwards every catalog passes ``msgfmt --check`` and the existing ones keep their entries.

Bounded: ``EXAMPLES`` examples per visitor, no deadline per example.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote

import polib
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.hardening.conftest import (
    PASSWORD,
    SLUG,
    assert_catalogs_sound,
    catalog_files,
    changes_outside,
    csrf_from,
    entry_counts,
    msgfmt_check,
    tree_snapshot,
)
from translator.web.data import database, people, tokens
from translator.web.data.catalogs import entry_key, entry_version
from translator.web.data.editing import clean_text, fit_line_breaks

EXAMPLES = 200
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

HOSTILE_TEXT = [
    "",
    ".",
    "..",
    "../..",
    "..%2F..%2Fetc%2Fpasswd",
    "%2e%2e",
    "%252e%252e%252f",
    "/etc/passwd",
    "..\\..\\windows",
    "de/../fa",
    "de%00",
    "\x00",
    "de\x00.po",
    "DE",
    "de_DE",
    "de-DE",
    "ＤＥ",
    "²",
    "٣",
    "-1",
    "0",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    '"; DROP TABLE users; --',
    "\u2028",
    "\ud7ff\ue000",
    "a" * 5000,
    "%",
    "%%",
    "/ok\r\nX-Injected: 1",
    "/\\evil.example",
    "{}",
    "[]",
    "null",
    "true",
]
QUERY_KEYS = [
    "filter", "q", "scope", "seg", "n", "block", "mode", "page", "per", "key", "text", "sort",
    "lsort", "unit", "doc", "below", "stale", "lang", "days", "next", "format",
]  # fmt: skip
BODY_KEYS = [
    "action", "msgstr", "version", "next_key", "next_version", "history_id", "before", "check",
    "dismissed", "body", "username", "password", "display_name", "global_role", "lang", "key",
    "decision", "export_roles", "current", "new", "repeat", "role-de", "role-fa", "remember",
    "csrf_token", "filter", "q", "scope",
]  # fmt: skip
ACTIONS = ["save", "review", "approve", "unapprove", "delete", "", "SAVE"]
PLAUSIBLE = ("action", "version", "msgstr")
METHODS = ["GET", "POST", "HEAD", "OPTIONS", "PUT", "DELETE", "PATCH"]

texts = st.one_of(st.sampled_from(HOSTILE_TEXT), st.text(max_size=40))
big_ints = st.one_of(
    st.integers(-(2**70), 2**70), st.sampled_from([0, 1, -1, 2**63, 2**63 - 1, -(2**63) - 1])
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    big_ints,
    st.floats(allow_nan=True, allow_infinity=True),
    texts,
    st.sampled_from(ACTIONS),
)
json_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.one_of(st.sampled_from(BODY_KEYS), st.text(max_size=8)), children, max_size=5
        ),
    ),
    max_leaves=12,
)


def _real_values(app) -> dict[str, list]:
    """Values that reach deep into the views: real documents, languages, keys and ids."""
    store = app.extensions["translator.store"]
    keys, versions = [], []
    for lang in ("de", "fa"):
        view = store.catalog(lang, SLUG)
        keys += [entry_key(entry) for entry in view.entries[:6]]
        versions += [entry_version(entry) for entry in view.entries[:6]]
    conn = database.connect(app.config["DATABASE"])
    user_ids = [row[0] for row in conn.execute("SELECT id FROM users")]
    conn.close()
    return {
        "slug": [SLUG],
        "lang": ["de", "fa", "ar", "fr"],
        "key": keys,
        "block": [0, 1, 2, 5, 40],
        "comment_id": [1, 2, 3],
        "user_id": user_ids,
        "filename": ["style.css", "review.js", "../../pyproject.toml", "%2e%2e/secret_key"],
        "version": versions,
    }


def mostly(real: list, other: st.SearchStrategy) -> st.SearchStrategy:
    """A real value three times in four (so examples get past the 404s), else ``other``."""
    coins = st.tuples(st.booleans(), st.booleans())  # the simplest draw is a real value
    return coins.flatmap(lambda c: other if all(c) else st.sampled_from(real))


def url_part(real: list) -> st.SearchStrategy[str]:
    value = mostly([str(v) for v in real], texts)
    raw = value.map(lambda v: v.replace("?", "%3F").replace("#", "%23"))  # keep it in the path
    return st.one_of(value.map(lambda v: quote(v, safe="")), raw)


def json_body(real: dict[str, list]) -> st.SearchStrategy:
    """Mostly an editor-shaped object (action, version, msgstr, more), else any JSON value."""
    plausible = st.fixed_dictionaries(
        {
            "action": st.sampled_from(ACTIONS),
            "version": mostly(real["version"], scalars),
            "msgstr": mostly(["Frieden.", ""], st.one_of(texts, scalars)),
        },
        optional={key: st.one_of(texts, scalars) for key in BODY_KEYS if key not in PLAUSIBLE},
    )
    return mostly([None], json_values).flatmap(lambda v: plausible if v is None else st.just(v))


RAW_TYPES = [
    "application/json",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "text/plain",
    "application/json; charset=latin-1",
]


@st.composite
def requests_for(draw, app, real: dict[str, list]):
    """(path, keyword arguments for ``client.open``, whether to send the CSRF token)."""
    rule = draw(st.sampled_from(list(app.url_map.iter_rules())))
    path = rule.rule
    for name in rule.arguments:
        value = draw(url_part(real.get(name, [""])))
        path = re.sub(r"<(?:[a-z]+:)?" + name + ">", lambda _m, v=value: v, path)
    allowed = sorted(rule.methods - {"OPTIONS", "HEAD"})
    method = draw(mostly(allowed, st.sampled_from(METHODS)))
    query = draw(st.dictionaries(st.one_of(st.sampled_from(QUERY_KEYS), texts), texts, max_size=4))
    request = {"method": method, "query_string": query, "headers": {}}
    usual = "json" if path.startswith("/api/") else "form"
    kind = draw(mostly([usual], st.sampled_from(["none", "form", "json", "raw"])))
    if kind == "form":
        request["data"] = draw(st.dictionaries(st.sampled_from(BODY_KEYS), texts, max_size=6))
    elif kind == "json":
        request["data"] = json.dumps(draw(json_body(real)))
        request["content_type"] = "application/json"
    elif kind == "raw":
        request["data"] = draw(st.binary(max_size=300))
        request["content_type"] = draw(st.sampled_from(RAW_TYPES))
    accept = ["text/html", "application/json", "*/*", "x/\x7f"]
    request["headers"]["Accept"] = draw(st.sampled_from(accept))
    return path, request, draw(mostly([True], st.just(False)))


class Visitor:
    """One client, logged in as ``username`` before every example (None: logged out)."""

    def __init__(self, app, username: str | None):
        self.app = app
        self.username = username
        self.client = app.test_client()
        self.token = ""
        self.secret = ""  # the person's REST API token (/api/v1 takes no session)

    def ready(self) -> None:
        """Log in again when an example logged out, removed or reset this person."""
        if self.username is None:
            with self.client.session_transaction() as session:
                session.clear()
            self.token = csrf_from(self.client.get("/auth/login").get_data(as_text=True))
            return
        conn = database.connect(self.app.config["DATABASE"])
        try:
            user = people.find_user(conn, self.username)
            if user is None:
                roles = {"global_role": "coordinator"} if self.username == "coord" else {}
                if self.username == "dana":
                    roles = {"languages": {"de": "translator"}}
                user = people.create_user(conn, self.username, PASSWORD, **roles)
            with self.client.session_transaction() as session:
                current = session.get("_user_id")
            if current == user.get_id() and not user.must_change_password and self.token:
                return
            people.set_password(conn, user.id, PASSWORD)
        finally:
            conn.close()
        self.client = self.app.test_client()
        token = csrf_from(self.client.get("/auth/login").get_data(as_text=True))
        self.client.post(
            "/auth/login",
            data={"username": self.username, "password": PASSWORD, "csrf_token": token},
        )
        self.token = csrf_from(self.client.get("/").get_data(as_text=True))
        self.client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {self.api_token()}"

    def api_token(self) -> str:
        """A REST API token of this person (made again when an example removed them)."""
        conn = database.connect(self.app.config["DATABASE"])
        try:
            if self.secret and tokens.find_token(conn, self.secret) is not None:
                return self.secret
            person = people.find_user(conn, self.username)
            name = f"fuzz-{self.username}-{len(tokens.list_tokens(conn))}"
            if person.is_coordinator:
                self.secret = tokens.create_token(conn, name, "coordinator", [], person)
            else:
                langs = sorted(person.languages) or ["de"]
                self.secret = tokens.create_token(conn, name, "translator", langs)
            return self.secret
        finally:
            conn.close()

    def send(self, path: str, request: dict, with_token: bool):
        request = dict(request, headers=dict(request["headers"]))
        if with_token:
            request["headers"]["X-CSRFToken"] = self.token
            if isinstance(request.get("data"), dict):
                request["data"] = dict(request["data"], csrf_token=self.token)
        return self.client.open(path, **request)


def run_fuzz(app, username: str | None) -> int:
    root = Path(app.config["PROJECT_ROOT"])
    outside = root.parent
    before = tree_snapshot(outside)
    counts = entry_counts(root)
    visitor = Visitor(app, username)
    real = _real_values(app)
    seen = {"requests": 0}

    @SETTINGS
    @given(requests_for(app, real))
    @example(
        (
            f"/translate/{SLUG}/de/",
            {"method": "GET", "query_string": {"n": "²"}, "headers": {}},
            True,
        )
    )
    @example(
        (
            f"/api/translate/{SLUG}/de/segment/{real['key'][0]}/revert",
            {"method": "POST", "data": json.dumps({"history_id": 2**70, "version": "x"}),
             "content_type": "application/json", "headers": {}},
            True,
        )
    )  # fmt: skip
    def fuzz(case):
        path, request, with_token = case
        visitor.ready()
        response = visitor.send(path, request, with_token)
        seen["requests"] += 1
        assert response.status_code < 500, (path, request, response.get_data(as_text=True)[:500])

    fuzz()
    assert changes_outside(before, tree_snapshot(outside), root.name) == []
    new_catalogs = set(catalog_files(root)) - set(counts)
    assert_catalogs_sound(root, {**counts, **entry_counts_of(new_catalogs)})
    return seen["requests"]


def entry_counts_of(paths) -> dict:
    return {path: len(polib.pofile(str(path))) for path in paths}


@pytest.mark.parametrize(
    "username", [None, "dana", "coord"], ids=["logged-out", "translator", "coordinator"]
)
def test_no_request_makes_a_server_error_or_writes_elsewhere(seed_app, username, monkeypatch):
    # webhooks the fuzzer sets may name any host: their deliveries stay queued, never sent
    monkeypatch.setattr("translator.web.outbox.wake", lambda _app: None)
    assert run_fuzz(seed_app, username) >= EXAMPLES


def test_any_text_saved_through_the_api_reads_back_exactly(seed_app):
    """Whatever a translator types is refused with a reason (422) or stored and read back."""
    visitor = Visitor(seed_app, "dana")
    path = Path(seed_app.config["PROJECT_ROOT"]) / "locales" / "de" / "LC_MESSAGES" / f"{SLUG}.po"
    first = next(e for e in polib.pofile(str(path)) if e.msgid and not e.msgid_plural)
    url = f"/api/translate/{SLUG}/de/segment/{entry_key(first)}"

    @SETTINGS
    @given(
        text=st.one_of(st.text(max_size=300), st.sampled_from(HOSTILE_TEXT)),
        action=st.sampled_from(["save", "review"]),
    )
    def save(text, action):
        visitor.ready()
        entry = next(e for e in polib.pofile(str(path)) if e.msgid == first.msgid)
        payload = {"action": action, "msgstr": text, "version": entry_version(entry)}
        request = {"method": "POST", "data": json.dumps(payload), "headers": {}}
        response = visitor.send(url, dict(request, content_type="application/json"), True)
        assert response.status_code in (200, 422), response.get_data(as_text=True)
        saved = next(e for e in polib.pofile(str(path)) if e.msgid == first.msgid)
        if response.status_code == 422:
            assert saved.msgstr == entry.msgstr
            return
        fitted = fit_line_breaks(first.msgid, clean_text(text))
        expected = fitted if fitted.strip() else ""
        assert saved.msgstr == expected == response.get_json()["entry"]["msgstr"]
        assert ("fuzzy" in saved.flags) == (action == "review" and bool(expected))

    save()
    assert not msgfmt_check(path)


DISK_EXAMPLES = 60


def test_broken_files_on_disk_never_make_a_server_error(seed_app):
    """Catalogs and sources as people break them (truncated, garbage, half-edited PO text):
    every page a coordinator or a translator opens, and a save, still answers below 500."""
    from tests.catalog.test_fuzz import MD_PIECES, PO_PIECES

    root = Path(seed_app.config["PROJECT_ROOT"])
    po_path = root / "locales" / "de" / "LC_MESSAGES" / f"{SLUG}.po"
    md_path = root / "source" / f"{SLUG}.md"
    po_original, md_original = po_path.read_bytes(), md_path.read_bytes()
    key = _real_values(seed_app)["key"][0]
    pages = [
        "/",
        f"/translate/{SLUG}/de/",
        f"/translate/{SLUG}/de/?mode=paragraphs",
        f"/translate/{SLUG}/de/segment/{key}",
        f"/translate/{SLUG}/de/block/1",
        f"/preview/{SLUG}/de/",
        f"/api/translate/{SLUG}/de/segment/{key}",
        f"/api/translate/{SLUG}/de/check?key={key}&text=x",
        "/dashboard/",
        "/dashboard/language/de",
        "/dashboard/amendments",
        f"/dashboard/amendments/{SLUG}",
        "/dashboard/export.csv",
    ]
    people = [Visitor(seed_app, "coord"), Visitor(seed_app, "dana")]
    po_texts = st.one_of(
        st.integers(0, len(po_original)).map(lambda n: po_original[:n]),
        st.lists(PO_PIECES, max_size=25).map(lambda pieces: "".join(pieces).encode()),
        st.binary(max_size=300),
    )
    md_texts = st.one_of(
        st.just(md_original),
        st.integers(0, len(md_original)).map(lambda n: md_original[:n]),
        st.lists(MD_PIECES, max_size=20).map(
            lambda pieces: ("---\nslug: x\ntitle: X\n---\n" + "".join(pieces)).encode()
        ),
        st.binary(max_size=300),
    )

    @settings(SETTINGS, max_examples=DISK_EXAMPLES)
    @given(po=po_texts, md=md_texts)
    def open_pages(po, md):
        po_path.write_bytes(po)
        md_path.write_bytes(md)
        for visitor in people:
            visitor.ready()
            for url in pages:
                response = visitor.client.get(url)
                assert response.status_code < 500, (url, response.get_data(as_text=True)[:300])
            payload = {"action": "save", "msgstr": "Neu.", "version": "0"}
            response = visitor.send(
                f"/api/translate/{SLUG}/de/segment/{key}",
                {"method": "POST", "data": json.dumps(payload), "headers": {},
                 "content_type": "application/json"},
                True,
            )  # fmt: skip
            assert response.status_code < 500, response.get_data(as_text=True)[:300]

    try:
        open_pages()
    finally:
        po_path.write_bytes(po_original)
        md_path.write_bytes(md_original)


HUGE = 10**20  # beyond SQLite's 64-bit integers


@pytest.mark.parametrize(
    ("username", "method", "path", "body", "status"),
    [
        ("dana", "GET", f"/translate/{SLUG}/de/?n=²", None, 200),
        ("dana", "GET", f"/translate/{SLUG}/de/?n=٣", None, 200),
        ("dana", "POST", "/revert", {"history_id": HUGE, "version": "x"}, 404),
        ("dana", "POST", "/revert", {"history_id": True, "version": "x"}, 400),
        ("dana", "POST", f"/api/translate/{SLUG}/de/comments/{HUGE}/delete", {}, 404),
        ("coord", "GET", f"/admin/people/{HUGE}", None, 404),
        ("coord", "POST", f"/admin/people/{HUGE}/password", {}, 404),
        ("coord", "POST", f"/admin/people/{HUGE}/delete", {}, 404),
    ],
)
def test_inputs_that_made_server_errors(seed_app, username, method, path, body, status):
    """Regressions found by the fuzzing above (each was a 500)."""
    visitor = Visitor(seed_app, username)
    visitor.ready()
    if path == "/revert":
        key = _real_values(seed_app)["key"][0]
        path = f"/api/translate/{SLUG}/de/segment/{key}/revert"
    request = {"method": method, "headers": {}}
    if body is not None:
        request.update(data=json.dumps(body), content_type="application/json")
    assert visitor.send(path, request, True).status_code == status
