"""The git merge driver for catalogs: three PO files in, one valid catalog out, never a
``<<<<<<<`` line.

Git calls ``translator merge-driver %O %A %B %P`` (base, ours, theirs, the path) for every
``*.po`` both sides changed. Entries are merged with the upload's rule
(:func:`translator.exchange.merge.decide`): a side that left an entry as in the base takes the
other side's content; when both changed it differently, ours is kept and the conflict, with
both texts, is recorded for the editor (:mod:`translator.gitstore.conflicts`). The entry list,
positions and header come from the side that changed the structure (``translator update`` ran
there after a source change), else from ours; entries only the other side added are kept.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import polib

from translator.catalog.io import catalog_text, parse_catalog
from translator.catalog.state import entry_state
from translator.exchange.merge import Decision, decide
from translator.gitstore.commit import entry_content


@dataclass
class DriverConflict:
    """An entry both sides changed differently; ours was kept."""

    msgid: str
    msgctxt: str | None
    ours: str
    ours_state: str
    theirs: str
    theirs_state: str


@dataclass
class DriverResult:
    text: str
    conflicts: list[DriverConflict] = field(default_factory=list)
    taken: int = 0  # entries that took the other side's content


def _content_digest(entry: polib.POEntry | None) -> str:
    if entry is None:
        return "absent"
    data = "\0".join(map(str, entry_content(entry)))
    return hashlib.sha1(data.encode("utf-8")).hexdigest()[:12]


class _Side:
    def __init__(self, po: polib.POFile):
        self.po = po
        self.entries = {e.msgid_with_context: e for e in po if e.msgid}

    def structure(self) -> list[tuple]:
        return [
            (e.msgid_with_context, e.obsolete, tuple(e.occurrences), e.comment)
            for e in self.po
            if e.msgid
        ]


def merge_catalogs(base_text: str, ours_text: str, theirs_text: str, name: str) -> DriverResult:
    """Merge three versions of one catalog (see the module's description)."""
    base = _Side(parse_catalog(base_text, f"{name} (base)")) if base_text.strip() else None
    ours = _Side(parse_catalog(ours_text, f"{name} (ours)"))
    theirs = _Side(parse_catalog(theirs_text, f"{name} (theirs)"))
    theirs_restructured = base is None or theirs.structure() != base.structure()
    ours_restructured = base is None or ours.structure() != base.structure()
    frame = theirs if theirs_restructured and not ours_restructured else ours
    other = ours if frame is theirs else theirs
    result = polib.POFile(wrapwidth=frame.po.wrapwidth, check_for_duplicates=False)
    result.header, result.metadata = frame.po.header, dict(frame.po.metadata)
    result.metadata_is_fuzzy = frame.po.metadata_is_fuzzy
    _newest_revision(result, ours.po, theirs.po)
    outcome = DriverResult("")
    keys = [e.msgid_with_context for e in frame.po if e.msgid]
    keys += [k for k in other.entries if k not in frame.entries and _added(k, base)]
    for key in keys:
        result.append(_merge_entry(key, base, ours, theirs, frame, other, outcome))
    outcome.text = catalog_text(result)
    return outcome


def _added(key: str, base: _Side | None) -> bool:
    """An entry the other side has that the frame lacks: keep it unless the frame removed it."""
    return base is None or key not in base.entries


def _merge_entry(key, base, ours, theirs, frame, other, outcome) -> polib.POEntry:
    shape = frame.entries.get(key) or other.entries[key]
    mine, yours = ours.entries.get(key), theirs.entries.get(key)
    old = base.entries.get(key) if base else None
    entry = _copy(shape)
    here, there = mine or yours, yours or mine
    decision = decide(
        _content_digest(old) if base else None,
        _content_digest(here),
        _content_digest(there),
        current_empty=not here.msgstr,
    )
    if decision is Decision.TAKE:
        outcome.taken += 1
    elif decision is Decision.CONFLICT:
        outcome.conflicts.append(_conflict(here, there))
    _take_content(entry, there if decision is Decision.TAKE else here)
    return entry


def _copy(entry: polib.POEntry) -> polib.POEntry:
    copy = polib.POEntry(
        msgid=entry.msgid,
        msgctxt=entry.msgctxt,
        msgid_plural=entry.msgid_plural,
        occurrences=list(entry.occurrences),
        comment=entry.comment,
        flags=[flag for flag in entry.flags if flag.startswith("role-")],
        obsolete=entry.obsolete,
    )
    return copy


def _take_content(entry: polib.POEntry, source: polib.POEntry) -> None:
    entry.msgstr = source.msgstr
    entry.msgstr_plural = dict(source.msgstr_plural)
    entry.tcomment = source.tcomment
    entry.previous_msgid = source.previous_msgid
    entry.previous_msgctxt = source.previous_msgctxt
    roles = list(entry.flags)
    entry.flags = [f for f in source.flags if not f.startswith("role-")] + roles


def _conflict(mine: polib.POEntry, yours: polib.POEntry) -> DriverConflict:
    return DriverConflict(
        mine.msgid,
        mine.msgctxt,
        mine.msgstr,
        str(entry_state(mine)),
        yours.msgstr,
        str(entry_state(yours)),
    )


def _newest_revision(result: polib.POFile, ours: polib.POFile, theirs: polib.POFile) -> None:
    stamps = [po.metadata.get("PO-Revision-Date", "") for po in (ours, theirs)]
    newest = max(stamps)
    if newest:
        result.metadata["PO-Revision-Date"] = newest
