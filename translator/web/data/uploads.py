"""Uploads and conflict decisions in the editor: the library's merge, through the store.

An uploaded file is merged by :func:`translator.exchange.merge_upload` inside
:meth:`~translator.web.data.catalogs.Store.modify` (lock, fresh read, atomic write, the cache
updated) and every merged entry is logged as the uploader's edit with origin
``upload:<tool>``. A conflict the uploader decides for their own text, and a sync conflict
decided for the other instance's, is saved with a version check like any editor save: when
the entry changed again meanwhile, it is a conflict again.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from translator.catalog.state import is_approved
from translator.exchange import Proposal, apply_proposal, check_upload, merge_upload
from translator.exchange.snapshot import joined_mark
from translator.exchange.upload import Upload, UploadedEntry, UploadError
from translator.web.data import database
from translator.web.data.authorship import log_merge
from translator.web.data.catalogs import Conflict, EntryGone, Refused, StorageError, entry_version
from translator.web.data.people import refusal

if TYPE_CHECKING:
    import sqlite3

    from translator.exchange import MergeReport
    from translator.web.data.catalogs import Change, Workspace
    from translator.web.data.people import User

ATTEMPTS = 3
_ORIGIN = re.compile(r"upload(:[a-z0-9._-]{1,30})?")


@dataclass
class Choice:
    """The uploader's decision for one conflict: their text, against the version they saw."""

    key: str
    version: str
    proposal: Proposal


@dataclass
class Decided:
    """What deciding conflicts did."""

    saved: list[str] = field(default_factory=list)  # msgids
    again: list[dict] = field(default_factory=list)  # still conflicting: key, msgid, mine, now
    skipped: list[tuple[str, str]] = field(default_factory=list)


def merge_file(
    space: Workspace,
    user: User,
    conn: sqlite3.Connection,
    upload: Upload,
    approve_all: bool,
    origin: str = "",
) -> tuple[MergeReport, dict[str, str]]:
    """Check and merge an upload; the report and the current version of each conflict's entry.

    :param origin: what the audit log records (default: the upload's ``upload:<tool>``).

    :raises UploadError: the file does not fit this catalog (nothing was written).
    :raises Refused: the person may not edit, or asked to approve without being a reviewer.
    """
    _require(user, space.lang, "edit")
    if approve_all and not user.can_review(space.lang):
        raise Refused(403, refusal(space.lang, "review"))
    check_upload(upload, space.view.po, space.slug, space.lang)
    for _attempt in range(ATTEMPTS):
        try:
            report = _merge_once(space, user, conn, upload, approve_all, origin)
        except Conflict:
            continue  # a save came between our read and the lock: read again
        current = {c.id: entry_version(space.view.entry(c.id)) for c in report.conflicts}
        return report, current
    raise StorageError("The catalog kept changing while the file was merged; nothing was saved.")


def _merge_once(space, user, conn, upload: Upload, approve_all: bool, origin: str) -> MergeReport:
    """One read-modify-write: versions from the cached view, the merge on the fresh file."""
    view = space.store.catalog(space.lang, space.slug)
    versions = {
        item.id: entry_version(view.entry(item.id))
        for item in upload.entries
        if view.entry(item.id) is not None
    }
    box: dict[str, MergeReport] = {}

    def change(po, _entries):
        check_upload(upload, po, space.slug, space.lang)
        report = merge_upload(
            po,
            upload,
            user=user.username,
            day=dt.date.today().isoformat(),
            may_approve=user.can_review(space.lang),
            approve_all=approve_all,
        )
        report.document, report.language = space.slug, space.lang
        report.origin = origin or report.origin
        box["report"] = report

    def record(_changes):
        log_merge(conn, box["report"], user.username)

    space.view, _ = space.store.modify(space.lang, space.slug, versions, change, record)
    return box["report"]


def keep_mine(
    space: Workspace, user: User, conn: sqlite3.Connection, choices: list[Choice], origin: str
) -> Decided:
    """Save the uploader's text for each chosen conflict (each with its version check)."""
    _require(user, space.lang, "edit")
    action = origin if _ORIGIN.fullmatch(origin or "") else "upload"
    decided = Decided()
    for choice in choices:
        entry = space.view.entry(choice.key) if space.view else None
        if entry is None:
            decided.skipped.append((choice.key, "no longer in the catalog"))
            continue
        proposal = choice.proposal
        if proposal.approve and not user.can_review(space.lang):
            proposal = Proposal(proposal.text)
        _save(space, user, conn, choice.key, choice.version, proposal, action, decided)
    return decided


def take_theirs(
    space: Workspace, user: User, conn: sqlite3.Connection, row: dict, version: str
) -> Decided:
    """Save the other instance's text of a sync conflict (``row`` of the conflict store)."""
    _require(user, space.lang, "edit")
    decided = Decided()
    pairs = zip(space.view.keys, space.view.entries, strict=True)
    key = next((k for k, e in pairs if e.msgid == row["msgid"]), "")
    if not key:
        decided.skipped.append((row["msgid"], "no longer in the catalog"))
        return decided
    state = row["theirs_state"]
    proposal = Proposal(
        row["theirs"],
        fuzzy=state == "draft",
        approve=state == "approved" and user.can_review(space.lang),
    )
    _save(space, user, conn, key, version, proposal, "sync-resolve", decided)
    return decided


def _save(space, user, conn, key: str, version: str, proposal: Proposal, action, decided) -> None:
    def change(po, entries):
        entry = entries[key]
        if is_approved(entry) and not user.can_review(space.lang):
            raise Refused(403, "This translation is approved; only a reviewer can change it.")
        if joined_mark(entry) == "previous":
            raise Refused(400, "This sentence is joined to the previous one; change that one.")
        _check_text(space, po, entry, proposal)
        apply_proposal(entry, proposal, user=user.username, day=dt.date.today().isoformat())

    try:
        space.view, _ = space.store.modify(
            space.lang, space.slug, {key: version}, change, _logger(space, user, conn, action)
        )
    except Conflict as exc:
        now = exc.current
        decided.again.append(
            {
                "key": key,
                "msgid": now.msgid,
                "mine": proposal,
                "now": now.msgstr,
                "version": now.version,
            }
        )
        return
    except EntryGone:
        decided.skipped.append((key, "no longer in the catalog"))
        return
    decided.saved.append(space.view.entry(key).msgid if space.view.entry(key) else key)


def _check_text(space, po, entry, proposal: Proposal) -> None:
    """The upload's own checks (length, control characters, line breaks) for one text."""
    item = UploadedEntry(msgid=entry.msgid, msgctxt=entry.msgctxt, proposal=proposal)
    form = Upload("the form", "form", language=space.lang, document=space.slug, entries=[item])
    try:
        check_upload(form, po, space.slug, space.lang)
    except UploadError as exc:
        raise Refused(400, exc.problems[0].removeprefix("the form: ")) from None


def _logger(space, user, conn, action: str):
    def record(changes: list[Change]) -> None:
        for change in changes:
            if change.before.version == change.after.version:
                continue
            database.log_change(
                conn,
                user=user.username,
                doc=space.slug,
                lang=space.lang,
                msgid=change.after.msgid,
                action=action,
                before=change.before.msgstr,
                after=change.after.msgstr,
                before_state=change.before.state,
                after_state=change.after.state,
            )
        conn.commit()

    return record


def _require(user: User, lang: str, need: str) -> None:
    if not user.may(lang, need):
        raise Refused(403, refusal(lang, need))
