"""The entry-level merge of a translator's file into the catalog, against the exported base.

For each entry of the file (:func:`decide`):

- unchanged in the file since the export (its content still has the base fingerprint):
  nothing happens, whatever happened online;
- the same content as online now: nothing to do;
- changed in the file, unchanged online since the export: the file's content is taken;
- changed in both: a **conflict**, listed with both texts and left untouched.

A file without a base (not made by an export) may only fill entries that are empty online;
any other difference is a conflict. Only a reviewer's upload approves; a draft in the file
stays a draft. The same three-way rule merges catalogs in git (:mod:`translator.gitstore`).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

import polib

from translator.catalog.state import approve, set_fuzzy, set_human
from translator.exchange.snapshot import (
    Proposal,
    entry_id,
    entry_proposal,
    exchange_entries,
    joined_mark,
)
from translator.exchange.upload import Upload, UploadedEntry


class Decision(enum.StrEnum):
    KEEP = "keep"  # nothing to do
    TAKE = "take"  # the incoming content replaces the current one
    CONFLICT = "conflict"


def decide(base: str | None, current: str, incoming: str, *, current_empty: bool) -> Decision:
    """The three-way rule for one entry, on content fingerprints.

    :param base: the fingerprint both sides started from (None: unknown).
    :param current: the fingerprint of what is there now (online, or ours in git).
    :param incoming: the fingerprint of what arrives (the file, or theirs in git).
    :param current_empty: nothing is there now (an untranslated entry): without a base,
        only then may the incoming content be taken.

    >>> decide("a", "a", "b", current_empty=False), decide("a", "c", "b", current_empty=False)
    (<Decision.TAKE: 'take'>, <Decision.CONFLICT: 'conflict'>)
    """
    if incoming == current:
        return Decision.KEEP
    if base is not None:
        if incoming == base:
            return Decision.KEEP
        if current == base:
            return Decision.TAKE
        return Decision.CONFLICT
    return Decision.TAKE if current_empty else Decision.CONFLICT


def decide_proposal(base: str | None, current: Proposal, incoming: Proposal) -> Decision:
    """:func:`decide` for an uploaded entry against the catalog's."""
    return decide(base, current.digest, incoming.digest, current_empty=not current.text)


@dataclass
class Applied:
    """One entry the merge changed."""

    id: str
    msgid: str
    before: Proposal
    after: Proposal


@dataclass
class EntryConflict:
    """An entry changed both in the file and online: nothing was changed."""

    id: str
    msgid: str
    line: int
    mine: Proposal  # what the file says
    theirs: Proposal  # what the catalog says now
    based: bool  # the file carried the entry's base (else: a file not made by an export)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "msgid": self.msgid,
            "line": self.line,
            "mine": {"text": self.mine.text, "state": self.mine.state},
            "theirs": {"text": self.theirs.text, "state": self.theirs.state},
        }


@dataclass
class MergeReport:
    """What merging one file did."""

    document: str
    language: str
    origin: str  # ``upload:<tool>``: what the audit log records
    merged: list[Applied] = field(default_factory=list)
    conflicts: list[EntryConflict] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (msgid, why)

    @property
    def exit_code(self) -> int:
        """0: everything merged; 3: there were conflicts."""
        return 3 if self.conflicts else 0

    def to_dict(self) -> dict:
        return {
            "document": self.document,
            "language": self.language,
            "origin": self.origin,
            "merged": [
                {"id": a.id, "msgid": a.msgid, "before": a.before.state, "after": a.after.state}
                for a in self.merged
            ],
            "conflicts": [conflict.to_dict() for conflict in self.conflicts],
            "unchanged": self.unchanged,
            "skipped": [{"msgid": msgid, "reason": why} for msgid, why in self.skipped],
        }


def merge_upload(
    po: polib.POFile,
    upload: Upload,
    *,
    user: str,
    day: str,
    may_approve: bool,
    approve_all: bool = False,
) -> MergeReport:
    """Merge a checked upload into ``po`` (changed in place) as ``user`` on ``day``.

    :param may_approve: the person is a reviewer of the language; otherwise approvals in
        the file are taken as plain translations and listed in ``skipped``.
    :param approve_all: take every translated (not draft) entry of the file as approved
        (a reviewer who went through the whole file in a PO editor, which has no such state).
    """
    report = MergeReport(upload.document, upload.language, upload.origin)
    entries = {entry_id(entry): entry for entry in exchange_entries(po)}
    for item in upload.entries:
        entry = entries.get(item.id)
        if entry is None:
            continue  # check_upload refuses such files; a file merged unchecked skips them
        _merge_entry(report, entry, item, user, day, may_approve, approve_all)
    return report


def _merge_entry(report, entry, item: UploadedEntry, user, day, may_approve, approve_all):
    incoming = item.proposal
    if approve_all and incoming.text and not incoming.fuzzy:
        incoming = Proposal(incoming.text, approve=True)
    current = entry_proposal(entry)
    decision = decide_proposal(item.base, current, incoming)
    if decision is Decision.KEEP:
        report.unchanged += 1
        return
    if item.plural or entry.msgid_plural:
        report.skipped.append((entry.msgid, "plural entries are merged in a PO editor"))
        return
    if joined_mark(entry) == "previous":
        report.skipped.append((entry.msgid, "joined to the previous sentence; change that one"))
        return
    if current.approve and not may_approve:
        report.skipped.append((entry.msgid, "approved; only a reviewer can change it"))
        return
    if incoming.approve and not may_approve:
        incoming = Proposal(incoming.text)
        decision = decide_proposal(item.base, current, incoming)
        if decision is Decision.KEEP:
            report.unchanged += 1
            return
        report.skipped.append((entry.msgid, "only reviewers approve; taken as translated"))
    if decision is Decision.CONFLICT:
        report.conflicts.append(
            EntryConflict(item.id, entry.msgid, item.line, incoming, current, item.base is not None)
        )
        return
    apply_proposal(entry, incoming, user=user, day=day)
    report.merged.append(Applied(item.id, entry.msgid, current, entry_proposal(entry)))


def apply_proposal(entry: polib.POEntry, proposal: Proposal, *, user: str, day: str) -> None:
    """Give ``entry`` the content ``proposal`` describes, as a person's work."""
    proposal = proposal.normalized()
    if not proposal.text:
        set_human(entry, "")
        set_fuzzy(entry, False)
        return
    set_human(entry, proposal.text, needs_review=proposal.fuzzy)
    if proposal.approve:
        approve(entry, user, day)
