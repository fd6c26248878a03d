"""The editor's side panel as JSON: an entry's history and comment thread, machine translation
on demand, and the checks of a text being typed."""

from __future__ import annotations

from flask import abort, current_app, jsonify, request
from flask_login import current_user, login_required

from translator.web.access import require
from translator.web.api.arguments import (
    entry_number,
    find_entry,
    json_body,
    open_space,
    string_field,
)
from translator.web.context import get_db
from translator.web.data import assist, database, notifications
from translator.web.notices import deliver

MAX_COMMENT = 5000


@login_required
def history(slug: str, lang: str, key: str):
    space = open_space(slug, lang)
    entry = find_entry(space, key)
    found = database.segment_history(get_db(), space.slug, space.lang, entry.msgid)
    return jsonify(history=found)


@login_required
def comments(slug: str, lang: str, key: str):
    space = open_space(slug, lang)
    entry = find_entry(space, key)
    return jsonify(
        comments=database.segment_comments(get_db(), space.slug, space.lang, entry.msgid)
    )


@login_required
def add_comment(slug: str, lang: str, key: str):
    """Anyone on the language's team may comment on a sentence."""
    space = open_space(slug, lang)
    entry = find_entry(space, key)
    body = (string_field(json_body(), "body") or "").strip()
    if not body:
        return jsonify(error="The comment is empty."), 422
    if len(body) > MAX_COMMENT:
        return jsonify(error=f"Comments are limited to {MAX_COMMENT} characters."), 422
    conn = get_db()
    notified = notifications.notify_comment(
        conn, space.slug, space.lang, entry.msgid, current_user.username, body
    )  # before adding it: earlier commenters are who it answers
    comment_id = database.add_comment(
        conn, current_user.username, space.slug, space.lang, entry.msgid, body
    )
    if notified:
        deliver()
    return jsonify(ok=True, comment=database.get_comment(conn, comment_id)), 201


@login_required
def delete_comment(slug: str, lang: str, comment_id: int):
    """Authors delete their own comments; coordinators any."""
    space = open_space(slug, lang)
    conn = get_db()
    comment = database.get_comment(conn, comment_id)
    if comment is None or (comment["doc"], comment["lang"]) != (space.slug, space.lang):
        abort(404, "There is no such comment.")
    if comment["username"] != current_user.username and not current_user.is_coordinator:
        abort(403, "You can only delete your own comments.")
    database.delete_comment(conn, comment_id)
    return jsonify(ok=True)


@login_required
def machine(slug: str, lang: str, key: str):
    """Ask the configured engine for this sentence (POST: it may cost the project money)."""
    space = open_space(slug, lang, "edit")
    entry = find_entry(space, key)
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


@login_required
def check_text(slug: str, lang: str):
    """Checks for a text being typed (not saved): ``?key=...&text=...``."""
    space = open_space(slug, lang)
    require(space.lang, "view")
    entry = space.view.entries[entry_number(space, request.args.get("key", ""))]
    text = request.args.get("text", "")[:20000]
    try:
        from translator.qa import check_entry
        from translator.qa.context import check_context
    except ImportError:
        return jsonify(issues=[])
    context = check_context(space.lang, space.store.project.settings, slug=space.slug)
    issues = check_entry(entry.msgid, text, entry, space.lang, context) if text else []
    return jsonify(issues=assist.issue_dicts(issues, space.store.project.settings))
