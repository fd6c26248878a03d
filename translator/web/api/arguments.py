"""What an API call reads from its request: the JSON body and its strings, and the workspace
and entry its URL names, each refused with the right status (400, 404, 409) as JSON."""

from __future__ import annotations

from flask import abort, request

from translator.web.access import open_workspace

MAX_PLURAL_FORMS = 6  # the most any language has (Arabic)


def json_body() -> dict:
    """The JSON object in the body (400 for anything else)."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400, "Expected a JSON object.")
    return data


def string_field(data: dict, name: str, required: bool = True) -> str | None:
    """The string ``data[name]`` (None when missing and not ``required``; else 400)."""
    value = data.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str):
        abort(400, f"Expected {name!r} as a string.")
    return value


def plural_field(data: dict) -> list[str] | None:
    """``msgstr_plural``: one string per plural form (None when missing; else 400)."""
    value = data.get("msgstr_plural")
    if value is None:
        return None
    if not isinstance(value, list) or not 0 < len(value) <= MAX_PLURAL_FORMS:
        abort(400, f"Expected 'msgstr_plural' as a list of 1 to {MAX_PLURAL_FORMS} strings.")
    if not all(isinstance(text, str) for text in value):
        abort(400, "Expected 'msgstr_plural' as a list of strings.")
    return value


def open_space(slug: str, lang: str, need: str = "view"):
    """The document in the language, when this person may ``need`` it (409 when broken)."""
    space = open_workspace(slug, lang, need)
    if space.broken:
        abort(409, space.error)
    return space


def entry_number(space, key: str) -> int:
    """The catalog number of the entry behind a segment key (404 when it is gone)."""
    found = space.view.by_key.get(key)
    if found is None:
        abort(404, "This sentence is not in the catalog (any more).")
    return found


def find_entry(space, key: str):
    """The catalog entry behind a segment key (404 when it is gone)."""
    return space.view.entries[entry_number(space, key)]
