"""The editor's JSON calls on one entry: read it, and save, approve, join, unjoin, revert or
dismiss a check, each answered with the entry as it is now.

A change carries the entry version the client saw: when the entry changed since, the answer is
``409`` with both versions (``yours`` and ``theirs``), and nothing is written. A refused change
answers 403 or 404, a change that makes no sense for the entry 422.
"""

from __future__ import annotations

from flask import abort, jsonify
from flask_login import login_required

from translator.web.access import entry_changes
from translator.web.api.arguments import (
    entry_number,
    json_body,
    open_space,
    plural_field,
    string_field,
)
from translator.web.context import get_db
from translator.web.data import assist, database, editing, entries
from translator.web.data.catalogs import Conflict, EntryGone
from translator.web.data.editing import EditError


def entry_json(space, key: str) -> dict:
    """What the editor needs to redraw one sentence after a change."""
    view = space.view
    number = entry_number(space, key)
    entry = view.entries[number]
    row = entries.make_row(view, number)
    issues = assist.entry_issues_now(space, entry)
    return {
        "key": key,
        "number": row.number,
        "msgid": entry.msgid,
        "msgstr": entry.msgstr,
        "msgstr_plural": editing.plural_texts(entry) if entry.msgid_plural else None,
        "version": row.version,
        "state": row.state,
        "state_label": row.state_label,
        "joined": row.joined,
        "provenance": {
            "kind": row.provenance.kind,
            "label": row.provenance.label,
            "detail": row.provenance.detail,
        },
        "issues": assist.issue_dicts(issues, space.store.project.settings),
    }


def _conflict(space, key: str, mine: str | None, exc: Conflict):
    last = database.last_changes(get_db(), space.slug, space.lang).get(exc.current.msgid)
    theirs = exc.current
    body = {
        "error": "conflict",
        "message": "Someone else changed this sentence since you opened it.",
        "key": key,
        "yours": {"msgstr": mine},
        "theirs": {
            "msgstr": theirs.msgstr,
            "state": theirs.state,
            "version": theirs.version,
            "by": last["username"] if last else "",
            "at": last["at"] if last else "",
        },
    }
    return jsonify(body), 409


def _run(space, key: str, mine: str | None, change: str, *args, **kwargs):
    """Make one :class:`~translator.web.data.changes.EntryChanges` change (by name) and answer
    with the entry, a conflict, or the reason it was refused."""
    try:
        getattr(entry_changes(space), change)(*args, **kwargs)
    except Conflict as exc:
        return _conflict(space, key, mine, exc)
    except EntryGone as exc:
        return jsonify(error=str(exc)), 404
    except EditError as exc:
        return jsonify(error=str(exc)), 422
    return jsonify(ok=True, entry=entry_json(space, key))


@login_required
def get_entry(slug: str, lang: str, key: str):
    space = open_space(slug, lang)
    return jsonify(entry_json(space, key))


@login_required
def save(slug: str, lang: str, key: str):
    """Save (``action``: save | review | approve | unapprove) with the version seen."""
    space = open_space(slug, lang, "edit")
    data = json_body()
    action = data.get("action", "save")
    forms = plural_field(data)
    text = string_field(data, "msgstr", required=action == "save" and forms is None)
    version = string_field(data, "version")
    return _run(space, key, text, "save", key, version, text, action, forms)


@login_required
def join(slug: str, lang: str, key: str):
    """Translate this sentence together with the next one."""
    space = open_space(slug, lang, "edit")
    data = json_body()
    number = entry_number(space, key)
    problem = entries.join_problem(space.view, space.doc, number)
    if problem:
        return jsonify(error=problem), 422
    following = entries.next_entry_number(space.view, space.doc, number)
    next_key = space.view.keys[following]
    if data.get("next_key") not in (None, next_key):
        abort(409, "The next sentence changed; reload the page.")
    text, version = string_field(data, "msgstr"), string_field(data, "version")
    next_version = string_field(data, "next_version")
    return _run(space, key, text, "join", key, version, next_key, next_version, text)


@login_required
def unjoin(slug: str, lang: str, key: str):
    space = open_space(slug, lang, "edit")
    data = json_body()
    number = entry_number(space, key)
    following = entries.next_entry_number(space.view, space.doc, number) if space.doc else None
    next_key = space.view.keys[following] if following is not None else None
    version = string_field(data, "version")
    next_version = string_field(data, "next_version", required=False) or (
        entries.make_row(space.view, following).version if following is not None else ""
    )
    return _run(space, key, None, "unjoin", key, version, next_key, next_version)


@login_required
def revert(slug: str, lang: str, key: str):
    """Bring back the text of an earlier change from the history."""
    space = open_space(slug, lang, "edit")
    data = json_body()
    history_id = data.get("history_id")
    if isinstance(history_id, bool) or not isinstance(history_id, int):
        abort(400, "Expected 'history_id' as a number.")
    version = string_field(data, "version")
    before = bool(data.get("before", False))
    return _run(space, key, None, "revert", key, version, history_id, before=before)


@login_required
def dismiss(slug: str, lang: str, key: str):
    """A reviewer dismisses (or restores) one failing check on this sentence."""
    space = open_space(slug, lang, "review")
    data = json_body()
    check, version = string_field(data, "check"), string_field(data, "version")
    dismissed = bool(data.get("dismissed", True))
    return _run(space, key, None, "dismiss", key, version, check, dismissed)
