"""What a save, approval, join, revert or check dismissal does, for forms and JSON alike.

Each action checks the person's role, then runs one read-modify-write through
:meth:`~translator.web.store.Store.modify` (lock, version check, atomic write) and records
every changed entry in the audit log while the catalog is still locked, so the log's order is
the order of the writes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import abort
from flask_login import current_user

from translator.catalog.state import comment_fields, is_approved
from translator.web import db, editing
from translator.web.access import require

if TYPE_CHECKING:
    import polib

    from translator.web.access import Workspace
    from translator.web.store import CatalogView, Change

SAVE_ACTIONS = {
    "save": "save",  # translated
    "review": "needs-review",  # saved as a draft (fuzzy)
    "approve": "approve",
    "unapprove": "unapprove",
}


def _log(space: Workspace, action: str):
    """An after-write hook that logs every entry whose version changed."""

    def record(changes: list[Change]) -> None:
        conn = db.get_db()
        for change in changes:
            if change.before.version == change.after.version:
                continue
            db.log_change(
                conn,
                user=current_user.username,
                doc=space.slug,
                lang=space.lang,
                msgid=change.after.msgid,
                action=action,
                before=change.before.msgstr,
                after=change.after.msgstr,
                before_state=_state(change.before),
                after_state=_state(change.after),
            )
        conn.commit()

    return record


def _state(snapshot) -> str:
    joined = comment_fields_text(snapshot.tcomment).get("joined")
    return "joined" if joined == "previous" else snapshot.state


def comment_fields_text(tcomment: str) -> dict[str, str]:
    import polib

    return comment_fields(polib.POEntry(tcomment=tcomment))


def _guard_approved(entry: polib.POEntry, lang: str) -> None:
    """Only reviewers change an approved translation (Weblate's rule)."""
    if is_approved(entry) and not current_user.can_review(lang):
        abort(403, "This translation is approved; only a reviewer can change it.")


def save(space: Workspace, key: str, version: str, text: str | None, action: str):
    """Save ``text`` as translated, as needing review, approved, or withdraw an approval."""
    if action not in SAVE_ACTIONS:
        abort(400, f"Unknown action {action!r}.")
    require(space.lang, "review" if action in ("approve", "unapprove") else "edit")

    def change(_po, entries):
        entry = entries[key]
        if action == "unapprove":
            editing.withdraw_approval(entry)
            return
        if action == "approve":
            editing.approve_translation(entry, current_user.username, text)
            return
        _guard_approved(entry, space.lang)
        if text is None:
            editing.mark_needs_review(entry)
        else:
            editing.save_translation(entry, text, needs_review=action == "review")

    return _modify(space, {key: version}, change, SAVE_ACTIONS[action], key)


def join(space: Workspace, key: str, version: str, next_key: str, next_version: str, text: str):
    """Translate this sentence and the next one together (the next is marked joined)."""
    require(space.lang, "edit")

    def change(_po, entries):
        _guard_approved(entries[key], space.lang)
        _guard_approved(entries[next_key], space.lang)
        editing.join_entries(entries[key], entries[next_key], text)

    return _modify(space, {key: version, next_key: next_version}, change, "join", key)


def unjoin(space: Workspace, key: str, version: str, next_key: str | None, next_version: str):
    """Separate a joined pair again; the second sentence gets back its pre-join translation."""
    require(space.lang, "edit")
    versions = {key: version}
    restore = ""
    if next_key:
        versions[next_key] = next_version
        restore = _before_join(space, next_key)

    def change(_po, entries):
        _guard_approved(entries[key], space.lang)
        editing.unjoin_entries(entries[key], entries.get(next_key) if next_key else None, restore)

    return _modify(space, versions, change, "unjoin", key)


def _before_join(space: Workspace, key: str) -> str:
    """The second sentence's translation just before it was joined (from the audit log)."""
    entry = space.view.entry(key) if space.view else None
    if entry is None:
        return ""
    for row in db.segment_history(db.get_db(), space.slug, space.lang, entry.msgid):
        if row["action"] == "join":
            return row["before"] if row["before"] != entry.msgid else ""
    return ""


def revert(space: Workspace, key: str, version: str, history_id: int, *, before: bool = False):
    """Bring back the text a logged change produced (``before``: the text it replaced)."""
    require(space.lang, "edit")
    row = db.history_entry(db.get_db(), history_id)
    entry = space.view.entry(key) if space.view else None
    where = (space.slug, space.lang, entry.msgid) if entry is not None else None
    if row is None or (row["doc"], row["lang"], row["msgid"]) != where:
        abort(404, "There is no such change of this sentence.")
    target = row["before"] if before else row["after"]
    draft = (row["before_state"] if before else row["after_state"]) == "draft"

    def change(_po, entries):
        _guard_approved(entries[key], space.lang)
        editing.save_translation(entries[key], target, needs_review=draft)

    return _modify(space, {key: version}, change, "revert", key)


def dismiss(space: Workspace, key: str, version: str, check_id: str, dismissed: bool):
    """A reviewer turns one failing check off (or on again) for one sentence."""
    require(space.lang, "review")
    if not check_id.replace("_", "").replace("-", "").isalnum():
        abort(400, "Invalid check id.")

    def change(_po, entries):
        editing.dismiss_check(entries[key], check_id, dismissed)

    action = "dismiss-check" if dismissed else "restore-check"
    return _modify(space, {key: version}, change, action, key)


def _modify(space: Workspace, versions: dict[str, str], change, action: str, key: str):
    view, changes = space.store.modify(
        space.lang, space.slug, versions, change, after_write=_log(space, action)
    )
    space.view = view
    remember(space, view, key)
    return view, changes


def remember(space: Workspace, view: CatalogView, key: str) -> None:
    """Where this person was working (for "continue where you left off")."""
    entry = view.entry(key)
    if entry is not None and current_user.is_authenticated:
        db.remember_position(db.get_db(), current_user.id, space.slug, space.lang, entry.msgid)
