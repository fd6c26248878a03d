"""The schemas of the API's OpenAPI document (:mod:`.spec`): every body the API answers with.

They are JSON Schema 2020-12 (OpenAPI 3.1), so any JSON Schema validator checks an answer.
"""

from __future__ import annotations

from translator.build import ALL_FORMATS
from translator.web.data.webhooks import EVENTS


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _obj(required: list[str], properties: dict, **more) -> dict:
    return {"type": "object", "required": required, "properties": properties, **more}


STRING, INTEGER, NUMBER, BOOLEAN = ({"type": t} for t in ("string", "integer", "number", "boolean"))
STRINGS = {"type": "array", "items": STRING}
NULLABLE_STRING = {"type": ["string", "null"]}
COUNTS = [
    "total",
    "translated",
    "approved",
    "fuzzy",
    "untranslated",
    "machine",
    "total_words",
    "translated_words",
    "approved_words",
    "fuzzy_words",
    "untranslated_words",
]

SCHEMAS = {
    "Error": _obj(["error"], {"error": STRING}),
    "Figures": _obj(
        [*COUNTS, "issues", "percent", "percent_words"],
        {
            **dict.fromkeys(COUNTS, INTEGER),
            "issues": {"type": "object", "additionalProperties": INTEGER},
            "percent": NUMBER,
            "percent_words": NUMBER,
        },
    ),
    "CatalogFigures": {
        "allOf": [
            _ref("Figures"),
            _obj(
                ["document", "language", "catalog"],
                {"document": STRING, "language": STRING, "catalog": STRING, "error": STRING},
            ),
        ]
    },
    "Stats": _obj(
        ["catalogs", "languages", "documents", "errors"],
        {
            "catalogs": {"type": "array", "items": _ref("CatalogFigures")},
            "languages": {"type": "object", "additionalProperties": _ref("Figures")},
            "documents": {"type": "object", "additionalProperties": _ref("Figures")},
            "errors": STRINGS,
        },
    ),
    "Document": _obj(
        ["slug", "title", "lang", "languages", "catalogs"],
        {
            "slug": STRING,
            "title": STRING,
            "lang": STRING,
            "languages": STRINGS,
            "catalogs": {"type": "object", "additionalProperties": STRING},
            "error": STRING,
        },
    ),
    "Documents": _obj(["documents"], {"documents": {"type": "array", "items": _ref("Document")}}),
    "Created": _obj(
        ["slug", "title", "source", "template", "catalogs", "languages", "dropped", "warnings"],
        {
            "slug": STRING,
            "title": STRING,
            "source": STRING,
            "template": STRING,
            "catalogs": STRINGS,
            "languages": STRINGS,
            "dropped": STRINGS,
            "warnings": STRINGS,
            "errors": STRINGS,
        },
    ),
    "Text": _obj(["text", "state"], {"text": STRING, "state": STRING}),
    "Conflict": _obj(
        ["id", "msgid", "line", "mine", "theirs"],
        {
            "id": STRING,
            "msgid": STRING,
            "line": INTEGER,
            "mine": _ref("Text"),
            "theirs": _ref("Text"),
        },
    ),
    "MergeReport": _obj(
        ["document", "language", "origin", "merged", "conflicts", "unchanged", "skipped"],
        {
            "document": STRING,
            "language": STRING,
            "origin": {"const": "api"},
            "merged": {
                "type": "array",
                "items": _obj(
                    ["id", "msgid", "before", "after"],
                    {"id": STRING, "msgid": STRING, "before": STRING, "after": STRING},
                ),
            },
            "conflicts": {"type": "array", "items": _ref("Conflict")},
            "unchanged": INTEGER,
            "skipped": {
                "type": "array",
                "items": _obj(["msgid", "reason"], {"msgid": STRING, "reason": STRING}),
            },
        },
    ),
    "MergeConflicts": _obj(
        ["error", "conflicts", "report"],
        {
            "error": STRING,
            "conflicts": {"type": "array", "items": _ref("Conflict")},
            "report": _ref("MergeReport"),
        },
    ),
    "UploadProblems": _obj(["error", "problems"], {"error": STRING, "problems": STRINGS}),
    "BuildRequest": _obj(
        [],
        {
            "languages": STRINGS,
            "formats": {"type": "array", "items": {"enum": list(ALL_FORMATS)}},
            "documents": STRINGS,
            "fallback": {"enum": ["source", "skip"]},
            "min_completion": {"type": ["number", "null"], "minimum": 0, "maximum": 100},
        },
    ),
    "BuildQueued": _obj(
        ["id", "status", "status_url"],
        {"id": STRING, "status": {"const": "queued"}, "status_url": STRING},
    ),
    "BuildJob": _obj(
        ["id", "status", "created", "started", "finished", "request", "error", "report", "files"],
        {
            "id": STRING,
            "status": {"enum": ["queued", "running", "done", "failed"]},
            "created": STRING,
            "started": NULLABLE_STRING,
            "finished": NULLABLE_STRING,
            "request": {"type": "object"},
            "error": STRING,
            "report": {
                "oneOf": [
                    {"type": "null"},
                    _obj(
                        ["formats", "summary", "complete", "results", "errors"],
                        {
                            "formats": STRINGS,
                            "summary": {"type": "object", "additionalProperties": INTEGER},
                            "complete": BOOLEAN,
                            "results": {"type": "array", "items": {"type": "object"}},
                            "errors": STRINGS,
                        },
                    ),
                ]
            },
            "files": {
                "type": "array",
                "items": _obj(["path", "url"], {"path": STRING, "url": STRING}),
            },
        },
    ),
    "WebhookRequest": _obj(
        ["url", "events"],
        {
            "url": {"type": "string", "format": "uri"},
            "events": {"type": "array", "items": {"enum": list(EVENTS)}, "minItems": 1},
            "secret": STRING,
        },
    ),
    "Webhook": _obj(
        ["id", "url", "events", "created", "created_by", "deliveries_url"],
        {
            "id": INTEGER,
            "url": STRING,
            "events": {"type": "array", "items": {"enum": list(EVENTS)}},
            "created": STRING,
            "created_by": STRING,
            "deliveries_url": STRING,
            "secret": {"type": "string", "description": "only in the answer that made it"},
        },
    ),
    "Webhooks": _obj(["webhooks"], {"webhooks": {"type": "array", "items": _ref("Webhook")}}),
    "Deliveries": _obj(
        ["webhook", "deliveries"],
        {
            "webhook": _ref("Webhook"),
            "deliveries": {
                "type": "array",
                "items": _obj(
                    ["id", "event", "created", "status", "attempts", "payload", "attempt_log"],
                    {
                        "id": INTEGER,
                        "event": {"enum": list(EVENTS)},
                        "created": STRING,
                        "status": {"enum": ["pending", "delivered", "failed"]},
                        "attempts": INTEGER,
                        "payload": {"type": "object", "required": ["event", "at"]},
                        "attempt_log": {
                            "type": "array",
                            "items": _obj(
                                ["at", "status_code", "error", "seconds"],
                                {
                                    "at": STRING,
                                    "status_code": {"type": ["integer", "null"]},
                                    "error": STRING,
                                    "seconds": NUMBER,
                                },
                            ),
                        },
                    },
                ),
            },
        },
    ),
}
