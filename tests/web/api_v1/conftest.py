"""Fixtures for the REST API: the review UI's app and people, a token per role, and a client
that checks every answer against the OpenAPI document the API serves.

Tokens: ``coord`` (a coordinator's, of its own), ``rita`` (de reviewer), ``dana`` (de
translator) and ``fred`` (fr translator, made by the person fred for himself).
"""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tests.web.conftest import make_app, make_web_project
from translator.web.api_v1.spec import openapi_document
from translator.web.data import database, people, tokens

SPEC = openapi_document()
BASE = "urn:translator-api"
REGISTRY = Registry().with_resource(
    BASE, Resource.from_contents(SPEC, default_specification=DRAFT202012)
)
TOKENS = {
    "coord": ("coordinator", [], None),
    "rita": ("reviewer", ["de"], None),
    "dana": ("translator", ["de"], None),
    "fred": ("translator", ["fr"], "fred"),
}


def pointer(*parts: str) -> str:
    return "/".join(part.replace("~", "~0").replace("/", "~1") for part in parts)


def validate_against(schema_pointer: str, body) -> None:
    """Validate ``body`` against the schema at ``schema_pointer`` of the OpenAPI document."""
    schema = {"$ref": f"{BASE}#/{schema_pointer}"}
    Draft202012Validator(schema, registry=REGISTRY).validate(body)


def check_answer(response, method: str, template: str) -> None:
    """The answer's status is documented for the operation, and its body fits the schema."""
    method = method.lower()
    operation = SPEC["paths"][template][method]
    code = str(response.status_code)
    assert code in operation["responses"], (
        f"{method.upper()} {template} answered {code}, which the OpenAPI document does not list"
    )
    content = operation["responses"][code].get("content", {})
    if not content:
        assert not response.data, response.data[:200]
        return
    if response.mimetype == "application/json":
        assert "application/json" in content, f"{template} {code}: JSON is not documented"
        where = pointer("paths", template, method, "responses", code, "content")
        validate_against(f"{where}/application~1json/schema", response.get_json())
    else:
        assert response.mimetype in content or "*/*" in content, (
            f"{template} {code}: {response.mimetype}"
        )


class Api:
    """Requests to /api/v1 with a role's token, each answer checked against the document."""

    def __init__(self, client, secrets: dict[str, str]):
        self.client = client
        self.secrets = secrets

    def call(self, method: str, template: str, who: str | None = "coord", **kwargs):
        params = kwargs.pop("params", {})
        headers = dict(kwargs.pop("headers", {}))
        if who is not None:
            headers["Authorization"] = f"Bearer {self.secrets.get(who, who)}"
        url = "/api/v1" + template.format(**params)
        response = self.client.open(url, method=method, headers=headers, **kwargs)
        check_answer(response, method, template)
        return response

    def get(self, template: str, who: str | None = "coord", **kwargs):
        return self.call("GET", template, who, **kwargs)

    def post(self, template: str, who: str | None = "coord", **kwargs):
        return self.call("POST", template, who, **kwargs)

    def put(self, template: str, who: str | None = "coord", **kwargs):
        return self.call("PUT", template, who, **kwargs)

    def delete(self, template: str, who: str | None = "coord", **kwargs):
        return self.call("DELETE", template, who, **kwargs)


def make_tokens(app) -> dict[str, str]:
    conn = database.connect(app.config["DATABASE"])
    try:
        made = {}
        for name, (role, langs, owner) in TOKENS.items():
            person = people.find_user(conn, owner) if owner else None
            made[name] = tokens.create_token(conn, f"{name}-ci", role, langs, person)
        return made
    finally:
        conn.close()


def api_app(root, **config):
    """The app over a project with de, fr and ar catalogs, fast webhook retries."""
    settings = {"WEBHOOK_BACKOFF": 0.05, "WEBHOOK_POLL": 0.2, **config}
    return make_app(root, **settings)


def another_process(app, **config):
    """A second app over the same project and database, as a second server process has."""
    from translator.web import create_app

    keys = ("TESTING", "PROJECT_ROOT", "SECRET_KEY", "DATABASE", "WEBHOOK_BACKOFF", "WEBHOOK_POLL")
    return create_app(
        {**{key: app.config[key] for key in keys}, "FIRST_RUN_ADMIN": False, **config}
    )


@pytest.fixture
def app(project):
    make_web_project(project.root)
    app = api_app(project.root)
    yield app
    from translator.web import outbox

    outbox.stop(app)


@pytest.fixture
def api(app):
    return Api(app.test_client(), make_tokens(app))
