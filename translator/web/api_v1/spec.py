"""The OpenAPI 3.1 description of ``/api/v1``, as data (served at ``/api/v1/openapi.json``).

Keep it in step with the views: the tests validate this document with
``openapi-spec-validator`` and every answer they get against its schemas.
"""

from __future__ import annotations

from translator.web.api_v1.schemas import SCHEMAS

VERSION = "1.0.0"
PO_MEDIA = "text/x-gettext-translation"


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(name: str, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": _ref(name)}}}


ERRORS = {
    "401": _json("Error", "No token, or an unknown or revoked one."),
    "403": _json("Error", "The token has no right to this."),
    "429": {
        **_json("Error", "Too many requests with this token."),
        "headers": {
            "Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}
        },
    },
}
NOT_FOUND = {"404": _json("Error", "No such document, language, job or hook.")}


def _operation(summary: str, responses: dict, **more) -> dict:
    return {"summary": summary, "responses": {**responses, **ERRORS}, **more}


def _path_parameter(name: str, kind: str = "string") -> dict:
    return {"name": name, "in": "path", "required": True, "schema": {"type": kind}}


def _query_list(name: str, description: str) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": {"type": "string"},
    }


CATALOG_PARAMETERS = [_path_parameter("slug"), _path_parameter("lang")]
PO_BODY = {
    "required": True,
    "content": {
        PO_MEDIA: {"schema": {"type": "string"}},
        "application/octet-stream": {"schema": {"type": "string"}},
        "multipart/form-data": {
            "schema": {"type": "object", "properties": {"file": {"type": "string"}}}
        },
    },
}

PATHS = {
    "/stats": {
        "get": _operation(
            "Completion per document and language (as `translator stats --json`).",
            {
                "200": _json("Stats", "The figures of the languages this token may see."),
                **NOT_FOUND,
            },
            parameters=[
                _query_list("lang", "Only these languages (comma list or repeated)."),
                _query_list("doc", "Only these documents (comma list or repeated)."),
            ],
        )
    },
    "/documents": {
        "get": _operation(
            "The documents and the catalogs this token may open.",
            {"200": _json("Documents", "Every document.")},
        ),
        "post": _operation(
            "Import a new source document (coordinators).",
            {
                "201": _json("Created", "The source, its template and catalogs were made."),
                "400": _json("Error", "A field is missing."),
                "409": _json("Error", "A document with this slug exists."),
                "422": _json("Error", "The file could not be imported."),
            },
            requestBody={
                "required": True,
                "content": {
                    "multipart/form-data": {
                        "schema": {
                            "type": "object",
                            "required": ["file", "slug"],
                            "properties": {
                                "file": {"type": "string", "description": ".txt, .html, .docx"},
                                "slug": {"type": "string"},
                                "lang": {"type": "string", "description": "the source language"},
                            },
                        }
                    }
                },
            },
        ),
    },
    "/documents/{slug}/languages/{lang}/catalog.po": {
        "parameters": CATALOG_PARAMETERS,
        "get": _operation(
            "The catalog as a PO export carrying its base (for a three-way merge back).",
            {
                "200": {
                    "description": "The PO file.",
                    "content": {PO_MEDIA: {"schema": {"type": "string"}}},
                },
                "409": _json("Error", "The catalog on disk is broken."),
                **NOT_FOUND,
            },
        ),
        "put": _operation(
            "Merge a translated PO (or XLIFF) file with the offline round trip's rules.",
            {
                "200": _json("MergeReport", "Merged; nothing conflicted."),
                "400": _json("Error", "No file was sent."),
                "409": _json("MergeConflicts", "Entries changed both in the file and online."),
                "422": _json("UploadProblems", "The file does not fit this catalog."),
                **NOT_FOUND,
            },
            parameters=[
                {
                    "name": "approve",
                    "in": "query",
                    "required": False,
                    "description": "1: take every translated entry as approved (reviewers).",
                    "schema": {"type": "string", "enum": ["0", "1"]},
                }
            ],
            requestBody=PO_BODY,
        ),
    },
    "/builds": {
        "post": _operation(
            "Build languages and formats in the background.",
            {
                "202": _json("BuildQueued", "The job was queued; poll its status URL."),
                "400": _json("Error", "The request is not valid."),
                **NOT_FOUND,
            },
            requestBody={
                "required": True,
                "content": {"application/json": {"schema": _ref("BuildRequest")}},
            },
        )
    },
    "/builds/{job_id}": {
        "parameters": [_path_parameter("job_id")],
        "get": _operation(
            "A build job: its state, the build report, and a URL per file.",
            {"200": _json("BuildJob", "The job."), **NOT_FOUND},
        ),
    },
    "/builds/{job_id}/files/{path}": {
        "parameters": [_path_parameter("job_id"), _path_parameter("path")],
        "get": _operation(
            "One file a finished build wrote.",
            {
                "200": {
                    "description": "The file (HTML, Markdown, text, MO, Word, OpenDocument).",
                    "content": {"*/*": {"schema": {"type": "string"}}},
                },
                **NOT_FOUND,
            },
        ),
    },
    "/webhooks": {
        "get": _operation("The webhooks (coordinators).", {"200": _json("Webhooks", "All.")}),
        "post": _operation(
            "Add a webhook (coordinators); the answer carries its secret, once.",
            {"201": _json("Webhook", "Added."), "400": _json("Error", "Bad URL or event.")},
            requestBody={
                "required": True,
                "content": {"application/json": {"schema": _ref("WebhookRequest")}},
            },
        ),
    },
    "/webhooks/{hook_id}": {
        "parameters": [_path_parameter("hook_id", "integer")],
        "delete": _operation(
            "Remove a webhook (coordinators).",
            {"204": {"description": "Removed."}, **NOT_FOUND},
        ),
    },
    "/webhooks/{hook_id}/deliveries": {
        "parameters": [_path_parameter("hook_id", "integer")],
        "get": _operation(
            "A webhook's deliveries with every attempt (coordinators).",
            {"200": _json("Deliveries", "Newest first."), **NOT_FOUND},
        ),
    },
}

DESCRIPTION = """\
For build pipelines. Send `Authorization: Bearer <token>` (`translator tokens add`, or your
profile page); the token's role and languages decide what it may do, as in the review UI.
Every error is `{"error": "..."}`. Requests are limited per token (429 with `Retry-After`).
Webhooks are POSTed as JSON with `X-Translator-Signature: sha256=<HMAC-SHA256 of the body>`.
"""


def openapi_document(server_url: str = "/api/v1") -> dict:
    """The whole description, with ``server_url`` as the base of every path."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "translator API", "version": VERSION, "description": DESCRIPTION},
        "servers": [{"url": server_url}],
        "security": [{"token": []}],
        "paths": PATHS,
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer"}},
        },
    }
