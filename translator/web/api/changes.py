"""Blueprint ``api``: the JSON endpoints the editor's JavaScript calls.

Every endpoint checks login, the URL's document and language, and the role (403 as JSON);
state-changing ones are POSTs protected by CSRF (the token travels in ``X-CSRFToken``). A save
carries the entry version the client saw: when the entry changed since, the answer is ``409``
with both versions (``yours`` and ``theirs``), and nothing is written.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, jsonify, request
from flask_login import current_user, login_required

from translator.web import actions, assist, db, segments
from translator.web.access import open_workspace, require
from translator.web.editing import EditError
from translator.web.store import Conflict, EntryGone

bp = Blueprint("api", __name__, url_prefix="/api")

MAX_COMMENT = 5000


def _payload() -> dict:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400, "Expected a JSON object.")
    return data


def _text(data: dict, name: str, required: bool = True) -> str | None:
    value = data.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str):
        abort(400, f"Expected {name!r} as a string.")
    return value


def _space(slug: str, lang: str, need: str = "view"):
    space = open_workspace(slug, lang, need)
    if space.broken:
        abort(409, space.error)
    return space


def _number(space, key: str) -> int:
    number = space.view.by_key.get(key)
    if number is None:
        abort(404, "This sentence is not in the catalog (any more).")
    return number


def _entry(space, key: str):
    """The catalog entry behind a segment key (404 when it is gone)."""
    return space.view.entries[_number(space, key)]


def entry_json(space, key: str) -> dict:
    """What the editor needs to redraw one sentence after a change."""
    view = space.view
    number = _number(space, key)
    entry = view.entries[number]
    row = segments.make_row(view, number)
    issues = assist.entry_issues_now(space, entry)
    return {
        "key": key,
        "number": row.number,
        "msgid": entry.msgid,
        "msgstr": entry.msgstr,
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
    last = db.last_changes(db.get_db(), space.slug, space.lang).get(exc.current.msgid)
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


def _run(space, key: str, mine: str | None, operation):
    """Run an action and answer with the entry, a conflict, or the reason it was refused."""
    try:
        operation()
    except Conflict as exc:
        return _conflict(space, key, mine, exc)
    except EntryGone as exc:
        return jsonify(error=str(exc)), 404
    except EditError as exc:
        return jsonify(error=str(exc)), 422
    return jsonify(ok=True, entry=entry_json(space, key))


@bp.get("/translate/<slug>/<lang>/segment/<key>")
@login_required
def get_entry(slug: str, lang: str, key: str):
    space = _space(slug, lang)
    return jsonify(entry_json(space, key))


@bp.post("/translate/<slug>/<lang>/segment/<key>")
@login_required
def save(slug: str, lang: str, key: str):
    """Save (``action``: save | review | approve | unapprove) with the version seen."""
    space = _space(slug, lang, "edit")
    data = _payload()
    action = data.get("action", "save")
    text = _text(data, "msgstr", required=action == "save")
    version = _text(data, "version")
    return _run(space, key, text, lambda: actions.save(space, key, version, text, action))


@bp.post("/translate/<slug>/<lang>/segment/<key>/join")
@login_required
def join(slug: str, lang: str, key: str):
    """Translate this sentence together with the next one."""
    space = _space(slug, lang, "edit")
    data = _payload()
    number = _number(space, key)
    problem = segments.join_problem(space.view, space.doc, number)
    if problem:
        return jsonify(error=problem), 422
    following = segments.next_entry_number(space.view, space.doc, number)
    next_key = space.view.keys[following]
    if data.get("next_key") not in (None, next_key):
        abort(409, "The next sentence changed; reload the page.")
    text, version = _text(data, "msgstr"), _text(data, "version")
    next_version = _text(data, "next_version")
    return _run(
        space,
        key,
        text,
        lambda: actions.join(space, key, version, next_key, next_version, text),
    )


@bp.post("/translate/<slug>/<lang>/segment/<key>/unjoin")
@login_required
def unjoin(slug: str, lang: str, key: str):
    space = _space(slug, lang, "edit")
    data = _payload()
    number = _number(space, key)
    following = segments.next_entry_number(space.view, space.doc, number) if space.doc else None
    next_key = space.view.keys[following] if following is not None else None
    version = _text(data, "version")
    next_version = _text(data, "next_version", required=False) or (
        segments.make_row(space.view, following).version if following is not None else ""
    )
    return _run(
        space,
        key,
        None,
        lambda: actions.unjoin(space, key, version, next_key, next_version),
    )


@bp.post("/translate/<slug>/<lang>/segment/<key>/revert")
@login_required
def revert(slug: str, lang: str, key: str):
    """Bring back the text of an earlier change from the history."""
    space = _space(slug, lang, "edit")
    data = _payload()
    history_id = data.get("history_id")
    if isinstance(history_id, bool) or not isinstance(history_id, int):
        abort(400, "Expected 'history_id' as a number.")
    version = _text(data, "version")
    before = bool(data.get("before", False))
    return _run(
        space, key, None, lambda: actions.revert(space, key, version, history_id, before=before)
    )


@bp.post("/translate/<slug>/<lang>/segment/<key>/dismiss")
@login_required
def dismiss(slug: str, lang: str, key: str):
    """A reviewer dismisses (or restores) one failing check on this sentence."""
    space = _space(slug, lang, "review")
    data = _payload()
    check, version = _text(data, "check"), _text(data, "version")
    dismissed = bool(data.get("dismissed", True))
    return _run(space, key, None, lambda: actions.dismiss(space, key, version, check, dismissed))


@bp.get("/translate/<slug>/<lang>/segment/<key>/history")
@login_required
def history(slug: str, lang: str, key: str):
    space = _space(slug, lang)
    entry = _entry(space, key)
    return jsonify(history=db.segment_history(db.get_db(), space.slug, space.lang, entry.msgid))


@bp.get("/translate/<slug>/<lang>/segment/<key>/comments")
@login_required
def comments(slug: str, lang: str, key: str):
    space = _space(slug, lang)
    entry = _entry(space, key)
    return jsonify(comments=db.segment_comments(db.get_db(), space.slug, space.lang, entry.msgid))


@bp.post("/translate/<slug>/<lang>/segment/<key>/comments")
@login_required
def add_comment(slug: str, lang: str, key: str):
    """Anyone on the language's team may comment on a sentence."""
    space = _space(slug, lang)
    entry = _entry(space, key)
    body = (_text(_payload(), "body") or "").strip()
    if not body:
        return jsonify(error="The comment is empty."), 422
    if len(body) > MAX_COMMENT:
        return jsonify(error=f"Comments are limited to {MAX_COMMENT} characters."), 422
    conn = db.get_db()
    comment_id = db.add_comment(
        conn, current_user.username, space.slug, space.lang, entry.msgid, body
    )
    return jsonify(ok=True, comment=db.get_comment(conn, comment_id)), 201


@bp.post("/translate/<slug>/<lang>/comments/<int:comment_id>/delete")
@login_required
def delete_comment(slug: str, lang: str, comment_id: int):
    """Authors delete their own comments; coordinators any."""
    space = _space(slug, lang)
    conn = db.get_db()
    comment = db.get_comment(conn, comment_id)
    if comment is None or (comment["doc"], comment["lang"]) != (space.slug, space.lang):
        abort(404, "There is no such comment.")
    if comment["username"] != current_user.username and not current_user.is_coordinator:
        abort(403, "You can only delete your own comments.")
    db.delete_comment(conn, comment_id)
    return jsonify(ok=True)


@bp.post("/translate/<slug>/<lang>/segment/<key>/machine")
@login_required
def machine(slug: str, lang: str, key: str):
    """Ask the configured engine for this sentence (POST: it may cost the project money)."""
    space = _space(slug, lang, "edit")
    entry = _entry(space, key)
    settings = space.store.project.settings
    name = assist.engine_name(settings, space.lang, current_app.config.get("MT_ENGINES"))
    terms, _ = assist.glossary_terms(settings, space.lang, entry.msgid)
    protect = {item["term"]: item["targets"][0] for item in terms}
    found, error = assist.machine_suggestion(settings, space.lang, entry.msgid, name, protect)
    return jsonify(
        engine=name,
        error=error,
        suggestions=[
            {
                "text": s.text,
                "origin": s.origin,
                "score": s.score,
                "problem": getattr(s, "problem", ""),
            }
            for s in found
        ],
    )


@bp.get("/translate/<slug>/<lang>/check")
@login_required
def check_text(slug: str, lang: str):
    """Checks for a text being typed (not saved): ``?key=...&text=...``."""
    space = _space(slug, lang)
    require(space.lang, "view")
    entry = space.view.entries[_number(space, request.args.get("key", ""))]
    text = request.args.get("text", "")[:20000]
    try:
        from translator.qa import check_entry
        from translator.qa.context import check_context
    except ImportError:
        return jsonify(issues=[])
    context = check_context(space.lang, space.store.project.settings, slug=space.slug)
    issues = check_entry(entry.msgid, text, entry, space.lang, context) if text else []
    return jsonify(issues=assist.issue_dicts(issues, space.store.project.settings))
