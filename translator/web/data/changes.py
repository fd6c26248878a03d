"""What a save, approval, join, revert or check dismissal does, for forms and JSON alike.

An :class:`EntryChanges` is one person's changes to one catalog. Each change checks the
person's role, then runs one read-modify-write through
:meth:`~translator.web.data.catalogs.Store.modify` (lock, version check, atomic write) and
records every changed entry in the audit log while the catalog is still locked, so the log's
order is the order of the writes. What the person may not do raises
:class:`~translator.web.data.catalogs.Refused`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from translator.catalog.state import comment_fields, is_approved
from translator.web.data import database, editing
from translator.web.data.catalogs import Refused
from translator.web.data.people import refusal

if TYPE_CHECKING:
    import sqlite3

    import polib

    from translator.web.data.catalogs import CatalogView, Change, Workspace
    from translator.web.data.people import User

SAVE_ACTIONS = {
    "save": "save",  # translated
    "review": "needs-review",  # saved as a draft (fuzzy)
    "approve": "approve",
    "unapprove": "unapprove",
}


class EntryChanges:
    """One person's changes to the catalog of one workspace (a request's worth).

    :param space: the opened workspace; its ``view`` is replaced by the catalog as written.
    :param user: who makes the changes (roles, the name in the log, the position kept).
    :param conn: the review database, for the audit log and the position.
    """

    def __init__(self, space: Workspace, user: User, conn: sqlite3.Connection):
        self.space, self.user, self.conn = space, user, conn

    def save(
        self, key: str, version: str, text: str | None, action: str, forms: list | None = None
    ):
        """Save ``text`` as translated, as needing review, approved, or withdraw an approval.

        :param forms: for a plural entry, one text per plural form instead of ``text``.
        """
        if action not in SAVE_ACTIONS:
            raise Refused(400, f"Unknown action {action!r}.")
        self._require("review" if action in ("approve", "unapprove") else "edit")

        def change(_po, entries):
            entry = entries[key]
            if action == "unapprove":
                editing.withdraw_approval(entry)
                return
            if action == "approve":
                if forms is not None and forms != editing.plural_texts(entry):
                    editing.save_plural(entry, forms)
                plain = None if forms is not None else text
                editing.approve_translation(entry, self.user.username, plain)
                return
            self._guard_approved(entry)
            if forms is not None:
                editing.save_plural(entry, forms, needs_review=action == "review")
            elif text is None:
                editing.mark_needs_review(entry)
            else:
                editing.save_translation(entry, text, needs_review=action == "review")

        return self._modify({key: version}, change, SAVE_ACTIONS[action], key)

    def join(self, key: str, version: str, next_key: str, next_version: str, text: str):
        """Translate this sentence and the next one together (the next is marked joined)."""
        self._require("edit")

        def change(_po, entries):
            self._guard_approved(entries[key])
            self._guard_approved(entries[next_key])
            editing.join_entries(entries[key], entries[next_key], text)

        return self._modify({key: version, next_key: next_version}, change, "join", key)

    def unjoin(self, key: str, version: str, next_key: str | None, next_version: str):
        """Separate a joined pair again; the second sentence gets back its pre-join text."""
        self._require("edit")
        versions = {key: version}
        restore = ""
        if next_key:
            versions[next_key] = next_version
            restore = self._before_join(next_key)

        def change(_po, entries):
            self._guard_approved(entries[key])
            second = entries.get(next_key) if next_key else None
            editing.unjoin_entries(entries[key], second, restore)

        return self._modify(versions, change, "unjoin", key)

    def revert(self, key: str, version: str, history_id: int, *, before: bool = False):
        """Bring back the text a logged change produced (``before``: the text it replaced)."""
        self._require("edit")
        space = self.space
        row = database.history_entry(self.conn, history_id)
        entry = space.view.entry(key) if space.view else None
        where = (space.slug, space.lang, entry.msgid) if entry is not None else None
        if row is None or (row["doc"], row["lang"], row["msgid"]) != where:
            raise Refused(404, "There is no such change of this sentence.")
        target = row["before"] if before else row["after"]
        draft = (row["before_state"] if before else row["after_state"]) == "draft"

        def change(_po, entries):
            self._guard_approved(entries[key])
            editing.save_translation(entries[key], target, needs_review=draft)

        return self._modify({key: version}, change, "revert", key)

    def dismiss(self, key: str, version: str, check_id: str, dismissed: bool):
        """A reviewer turns one failing check off (or on again) for one sentence."""
        self._require("review")
        if not check_id.replace("_", "").replace("-", "").isalnum():
            raise Refused(400, "Invalid check id.")

        def change(_po, entries):
            editing.dismiss_check(entries[key], check_id, dismissed)

        action = "dismiss-check" if dismissed else "restore-check"
        return self._modify({key: version}, change, action, key)

    def remember(self, view: CatalogView, key: str) -> None:
        """Where this person was working (for "continue where you left off")."""
        entry = view.entry(key)
        if entry is not None and self.user.is_authenticated:
            database.remember_position(
                self.conn, self.user.id, self.space.slug, self.space.lang, entry.msgid
            )

    # -- the shared steps -----------------------------------------------------------------------

    def _require(self, need: str) -> None:
        if not self.user.may(self.space.lang, need):
            raise Refused(403, refusal(self.space.lang, need))

    def _guard_approved(self, entry: polib.POEntry) -> None:
        """Only reviewers change an approved translation (Weblate's rule)."""
        if is_approved(entry) and not self.user.can_review(self.space.lang):
            raise Refused(403, "This translation is approved; only a reviewer can change it.")

    def _before_join(self, key: str) -> str:
        """The second sentence's translation just before it was joined (from the audit log)."""
        space = self.space
        entry = space.view.entry(key) if space.view else None
        if entry is None:
            return ""
        for row in database.segment_history(self.conn, space.slug, space.lang, entry.msgid):
            if row["action"] == "join":
                return row["before"] if row["before"] != entry.msgid else ""
        return ""

    def _modify(self, versions: dict[str, str], change, action: str, key: str):
        space = self.space
        view, changes = space.store.modify(
            space.lang, space.slug, versions, change, after_write=self._log(action)
        )
        space.view = view
        self.remember(view, key)
        return view, changes

    def _log(self, action: str):
        """An after-write hook that logs every entry whose version changed."""

        def record(changes: list[Change]) -> None:
            for change in changes:
                if change.before.version == change.after.version:
                    continue
                database.log_change(
                    self.conn,
                    user=self.user.username,
                    doc=self.space.slug,
                    lang=self.space.lang,
                    msgid=change.after.msgid,
                    action=action,
                    before=change.before.msgstr,
                    after=change.after.msgstr,
                    before_state=_state(change.before),
                    after_state=_state(change.after),
                )
            self.conn.commit()

        return record


def _state(snapshot) -> str:
    """The state the log records: ``joined`` for the second sentence of a joined pair."""
    import polib

    joined = comment_fields(polib.POEntry(tcomment=snapshot.tcomment)).get("joined")
    return "joined" if joined == "previous" else snapshot.state
