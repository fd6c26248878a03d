"""Hostile bodies to every operation of /api/v1 (Hypothesis), with each role's token: never a
server error, and every answer is one the OpenAPI document lists, with a body that fits it.

Bounded: ``EXAMPLES`` examples; webhook deliveries the examples cause stay queued (a made-up
URL is never contacted).
"""

from __future__ import annotations

import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.web.api_v1.conftest import SPEC

EXAMPLES = 150
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
OPERATIONS = [
    (method.upper(), template)
    for template, item in SPEC["paths"].items()
    for method in item
    if method != "parameters"
]
TEXT = st.text(max_size=40) | st.sampled_from(["de", "fr", "sample", "..", "%2e", "md", "x" * 300])
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)
KEYS = st.sampled_from(
    ["languages", "formats", "documents", "fallback", "min_completion", "url", "events", "secret"]
)
BODY = st.dictionaries(KEYS, JSON, max_size=5)
PO = st.sampled_from(
    [
        b"",
        b'msgid ""\nmsgstr ""\n',
        b'msgid ""\nmsgstr "Language: de\\n"\n\nmsgid "Stop the war!"\nmsgstr "Stopp!"\n',
        b'msgid "x"\nmsgstr "unterminated\n',
        b"<xliff version='1.2'><file></file></xliff>",
        b"\xff\xfe\x00garbage",
    ]
) | st.binary(max_size=200)


@st.composite
def requests(draw):
    method, template = draw(st.sampled_from(OPERATIONS))
    params = {
        "slug": draw(st.sampled_from(["sample", "nope"])),
        "lang": draw(st.sampled_from(["de", "fr", "ar", "xx"])),
        "job_id": draw(st.sampled_from(["0" * 32, "z"])),
        "path": draw(st.sampled_from(["index.html", "sample/de.md", "a/../../b"])),
        "hook_id": draw(st.sampled_from([1, 2, 2**63])),
    }
    kind = draw(st.sampled_from(["json", "raw", "multipart", "none"]))
    extra: dict = {}
    if kind == "json":
        extra["data"] = json.dumps(draw(BODY | JSON))
        extra["content_type"] = "application/json"
    elif kind == "raw":
        extra["data"] = draw(PO)
    elif kind == "multipart":
        form = {key: str(value) for key, value in draw(BODY).items()}
        name = draw(st.sampled_from(["a.txt", "b.html", "c.docx", "d.po", ""]))
        form["file"] = (io.BytesIO(draw(PO)), name)
        form["slug"] = draw(st.sampled_from(["fuzzed", "sample", "../x", ""]))
        extra["data"] = form
        extra["content_type"] = "multipart/form-data"
    return method, template, params, extra, draw(st.sampled_from(["coord", "rita", "dana", "fred"]))


def test_no_body_makes_a_server_error_or_an_undocumented_answer(api, app, monkeypatch):
    monkeypatch.setattr("translator.web.outbox.wake", lambda _app: None)

    @SETTINGS
    @given(requests())
    def fuzz(case):
        method, template, params, extra, who = case
        response = api.call(method, template, who, params=params, **extra)
        assert response.status_code < 500, (method, template, response.get_data(as_text=True))

    fuzz()
