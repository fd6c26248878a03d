"""Mass actions on a filtered list of one catalog, each one audit-log group that can be undone.

A :class:`Selection` filters entries by state, check, origin and a search (:func:`select`).
A :class:`MassChanges` is one reviewer's (or coordinator's) mass change to one catalog:

- ``approve``: approve the selected translations;
- ``accept``: the machine drafts among them that pass every check become translated (their
  machine origin stays on record);
- ``send_back``: the selected translations go back to draft (fuzzy, approval withdrawn);
- ``replace``: a literal search and replace in the translations, previewed first by
  :func:`replacements`.

Each change carries the versions the person saw. Entries changed since are skipped and named,
never overwritten; the rest are written in one read-modify-write (the store's lock and version
check) and logged in the audit log under one ``mass_groups`` row, with each entry's full state
before the change. :meth:`MassChanges.undo` restores a group: an entry changed after the mass
action (its version is not the one the action left) is skipped and named, so an undo never
clobbers later work.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from translator.catalog.state import comment_fields, is_approved, is_fuzzy, is_machine
from translator.web.data import database, editing
from translator.web.data.catalogs import Conflict, EntryGone, Refused, entry_version
from translator.web.data.entries import FILTERS, matches, provenance, search
from translator.web.data.people import refusal

if TYPE_CHECKING:
    import sqlite3

    import polib

    from translator.web.data.catalogs import CatalogView, Change, Workspace
    from translator.web.data.people import User

ORIGINS = {
    "": "Any origin",
    "machine": "Machine draft",
    "memory": "Memory match",
    "carried": "Carried over",
    "human": "Human",
    "approved": "Approved",
    "none": "Not translated",
}
CHECKS = {"": "Any checks", "failing": "Failing a check", "passing": "Passing every check"}
ACTIONS = {
    "approve": "Approved",
    "accept": "Accepted machine drafts",
    "send-back": "Sent back to draft",
    "replace": "Replaced",
}


@dataclass
class Selection:
    """The filters of the mass-action list (as given in the URL or the form)."""

    state: str = "all"
    check: str = ""  # "", failing, passing, or one check id
    origin: str = ""
    q: str = ""
    scope: str = "both"

    @classmethod
    def from_args(cls, args) -> Selection:
        state = args.get("state", "all")
        check = (args.get("check") or "")[:60]
        origin = args.get("origin", "")
        scope = args.get("scope", "both")
        return cls(
            state=state if state in FILTERS else "all",
            check=check if check.replace("_", "").replace("-", "").isalnum() or not check else "",
            origin=origin if origin in ORIGINS else "",
            q=(args.get("q") or "").strip()[:200],
            scope=scope if scope in ("both", "source", "translation") else "both",
        )

    def args(self) -> dict:
        values = {"state": self.state, "check": self.check, "origin": self.origin, "q": self.q}
        if self.scope != "both":
            values["scope"] = self.scope
        return {k: v for k, v in values.items() if v and v != "all"}


def select(view: CatalogView, selection: Selection, issues: dict) -> list[int]:
    """Entry numbers passing every filter of ``selection``, in order."""
    facts = {"issues": issues}
    found = []
    for number in range(len(view.entries)):
        if not matches(view, number, selection.state, facts):
            continue
        if not search(view, number, selection.q, selection.scope):
            continue
        failing = [issue.check_id for issue in issues.get(view.keys[number], [])]
        if selection.check == "failing" and not failing:
            continue
        if selection.check == "passing" and failing:
            continue
        if selection.check not in ("", "failing", "passing") and selection.check not in failing:
            continue
        if selection.origin and origin_of(view, number) != selection.origin:
            continue
        found.append(number)
    return found


def origin_of(view: CatalogView, number: int) -> str:
    """The provenance kind of entry ``number`` (machine, memory, human, approved, ...)."""
    return provenance(view.entries[number], str(view.states[number])).kind


@dataclass
class Replacement:
    """One translation as a search and replace would change it."""

    key: str
    version: str
    number: int
    msgid: str
    before: str
    after: str


def replacements(view: CatalogView, numbers: list[int], find: str, replace: str) -> list:
    """What replacing ``find`` (literal, case-sensitive) by ``replace`` changes in ``numbers``."""
    if not find:
        return []
    found = []
    for number in numbers:
        entry = view.entries[number]
        if entry.msgid_plural or find not in entry.msgstr:
            continue
        if comment_fields(entry).get("joined") == "previous":
            continue
        found.append(
            Replacement(
                view.keys[number],
                entry_version(entry),
                number + 1,
                entry.msgid,
                entry.msgstr,
                entry.msgstr.replace(find, replace),
            )
        )
    return found


@dataclass
class MassResult:
    """What one mass action (or undo) did."""

    action: str
    group: int | None = None
    changed: list[str] = field(default_factory=list)  # msgids
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (msgid, why)

    def summary(self) -> str:
        text = f"{ACTIONS.get(self.action, self.action)}: {len(self.changed)} changed"
        if self.skipped:
            text += f", {len(self.skipped)} skipped"
        return text


def _state_of(entry: polib.POEntry) -> dict:
    """Everything a mass action may change in an entry, for the undo."""
    return {
        "msgstr": entry.msgstr,
        "plural": {str(k): v for k, v in entry.msgstr_plural.items()},
        "tcomment": entry.tcomment or "",
        "flags": list(entry.flags),
        "previous_msgid": entry.previous_msgid,
    }


def _restore(entry: polib.POEntry, state: dict) -> None:
    entry.msgstr = state["msgstr"]
    if state["plural"]:
        entry.msgstr_plural = {int(k): v for k, v in state["plural"].items()}
    entry.tcomment = state["tcomment"]
    entry.flags = list(state["flags"])
    entry.previous_msgid = state["previous_msgid"]


class MassChanges:
    """One person's mass changes to one catalog (a request's worth)."""

    def __init__(self, space: Workspace, user: User, conn: sqlite3.Connection):
        self.space, self.user, self.conn = space, user, conn
        if not user.may(space.lang, "review"):
            raise Refused(403, refusal(space.lang, "review"))

    # -- the actions ---------------------------------------------------------------------------

    def approve(self, versions: dict[str, str]) -> MassResult:
        def apply(entry):
            if is_approved(entry):
                return "already approved"
            editing.approve_translation(entry, self.user.username)
            return ""

        return self._run("approve", versions, apply)

    def accept(self, versions: dict[str, str], issues: dict) -> MassResult:
        """Machine drafts that pass every check become translated."""

        def apply(entry):
            if not (is_machine(entry) and is_fuzzy(entry) and entry.msgstr):
                return "not a machine draft"
            if issues.get(self._key(entry)):
                return "fails a check"
            editing.accept_draft(entry)
            return ""

        return self._run("accept", versions, apply)

    def send_back(self, versions: dict[str, str]) -> MassResult:
        def apply(entry):
            if is_fuzzy(entry):
                return "already a draft"
            editing.mark_needs_review(entry)
            return ""

        return self._run("send-back", versions, apply)

    def replace(self, versions: dict[str, str], find: str, replace: str) -> MassResult:
        if not find:
            raise Refused(400, "Say what to search for.")
        replace = editing.clean_text(replace)

        def apply(entry):
            if entry.msgid_plural or find not in entry.msgstr:
                return "no match any more"
            draft = is_fuzzy(entry)
            editing.save_translation(entry, entry.msgstr.replace(find, replace), needs_review=draft)
            return ""

        return self._run("replace", versions, apply)

    def undo(self, group_id: int) -> MassResult:
        """Restore every entry of a group that nobody changed since; name the others."""
        group = mass_group(self.conn, group_id)
        space = self.space
        if group is None or (group["doc"], group["lang"]) != (space.slug, space.lang):
            raise Refused(404, "There is no such mass action in this catalog.")
        if group["undone_at"]:
            raise Refused(409, f"This mass action was undone already ({group['undone_at']}).")
        items = {item["key"]: item for item in group_items(self.conn, group_id)}
        versions = {key: item["after_version"] for key, item in items.items()}

        def apply(entry):
            _restore(entry, json.loads(items[self._key(entry)]["before"]))
            return ""

        result = self._run(f"undo-{group['action']}", versions, apply, changed_since=True)
        note = result.summary()
        self.conn.execute(
            "UPDATE mass_groups SET undone_at = ?, undone_by = ?, undo_note = ? WHERE id = ?",
            (database.now(), self.user.username, note, group_id),
        )
        self.conn.commit()
        return result

    # -- the shared steps ----------------------------------------------------------------------

    def _key(self, entry) -> str:
        from translator.web.data.catalogs import entry_key

        return entry_key(entry)

    def _run(self, action: str, versions: dict[str, str], apply, changed_since=False):
        """Skip what changed since, apply to the rest in one locked write, log it as a group."""
        result = MassResult(action)
        store, space = self.space.store, self.space
        why = "changed since the mass action" if changed_since else "changed since you loaded it"
        current = store.catalog(space.lang, space.slug)
        wanted = {}
        for key, version in versions.items():
            entry = current.entry(key)
            if entry is None:
                result.skipped.append((key, "no longer in the catalog"))
            elif entry_version(entry) != version:
                result.skipped.append((entry.msgid, self._changed_by(entry.msgid, why)))
            else:
                wanted[key] = version
        for _attempt in range(len(wanted) + 1):
            try:
                self._write(action, wanted, apply, result)
                return result
            except Conflict as exc:  # saved by someone between our read and the lock
                wanted.pop(exc.current.key, None)
                result.skipped.append((exc.current.msgid, self._changed_by(exc.current.msgid, why)))
            except EntryGone:
                current = store.catalog(space.lang, space.slug)
                gone = [key for key in wanted if current.entry(key) is None]
                for key in gone:
                    wanted.pop(key)
                    result.skipped.append((key, "no longer in the catalog"))
        return result

    def _changed_by(self, msgid: str, why: str) -> str:
        last = database.last_changes(self.conn, self.space.slug, self.space.lang).get(msgid)
        return f"{why} (by {last['username']}, {last['at']})" if last else why

    def _write(self, action: str, versions: dict[str, str], apply, result: MassResult) -> None:
        before: dict[str, dict] = {}
        refused: list[tuple[str, str]] = []

        def change(_po, entries):
            refused.clear()
            for key, entry in entries.items():
                state = _state_of(entry)
                try:
                    reason = apply(entry)
                except editing.EditError as exc:
                    reason = str(exc)
                if reason:
                    _restore(entry, state)
                    refused.append((entry.msgid, reason))
                else:
                    before[key] = state

        def record(changes: list[Change]) -> None:
            done = [c for c in changes if c.before.version != c.after.version]
            if done:
                result.group = self._log_group(action, done, before)
            result.changed = [c.after.msgid for c in done]
            self.conn.commit()

        if not versions:
            return
        view, _ = self.space.store.modify(
            self.space.lang, self.space.slug, versions, change, after_write=record
        )
        self.space.view = view
        result.skipped += refused

    def _log_group(self, action: str, done: list[Change], before: dict[str, dict]) -> int:
        space, user = self.space, self.user.username
        cursor = self.conn.execute(
            "INSERT INTO mass_groups (at, username, doc, lang, action, summary)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (database.now(), user, space.slug, space.lang, action, f"{len(done)} entries"),
        )
        group = int(cursor.lastrowid)
        for change in done:
            log_id = database.log_change(
                self.conn,
                user=user,
                doc=space.slug,
                lang=space.lang,
                msgid=change.after.msgid,
                action=action,
                before=change.before.msgstr,
                after=change.after.msgstr,
                before_state=change.before.state,
                after_state=change.after.state,
            )
            self.conn.execute(
                "INSERT INTO mass_items (group_id, log_id, key, msgid, before, after_version)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    group,
                    log_id,
                    change.after.key,
                    change.after.msgid,
                    json.dumps(before[change.after.key], ensure_ascii=False),
                    change.after.version,
                ),
            )
        return group


def mass_group(conn: sqlite3.Connection, group_id: int) -> dict | None:
    if not database.is_row_id(group_id):
        return None
    row = conn.execute("SELECT * FROM mass_groups WHERE id = ?", (group_id,)).fetchone()
    return dict(row) if row else None


def group_items(conn: sqlite3.Connection, group_id: int) -> list[dict]:
    rows = conn.execute("SELECT * FROM mass_items WHERE group_id = ? ORDER BY rowid", (group_id,))
    return [dict(row) for row in rows]


def recent_groups(conn: sqlite3.Connection, doc: str, lang: str, limit: int = 10) -> list[dict]:
    """The latest mass actions on one catalog, newest first, with their entry counts."""
    rows = conn.execute(
        "SELECT g.*, (SELECT COUNT(*) FROM mass_items i WHERE i.group_id = g.id) AS entries"
        " FROM mass_groups g WHERE doc = ? AND lang = ? ORDER BY id DESC LIMIT ?",
        (doc, lang, limit),
    )
    return [dict(row) for row in rows]


def sent_back_authors(conn: sqlite3.Connection, doc: str, lang: str, result: MassResult) -> dict:
    """msgid -> who last translated each entry a send-back changed (before the send-back)."""
    found = {}
    for msgid in result.changed:
        row = conn.execute(
            "SELECT username FROM audit_log WHERE doc = ? AND lang = ? AND msgid = ?"
            " AND action NOT IN ('send-back', 'approve') AND action NOT LIKE 'amend-%'"
            " ORDER BY id DESC LIMIT 1",
            (doc, lang, msgid),
        ).fetchone()
        if row is not None:
            found[msgid] = row["username"]
    return found
