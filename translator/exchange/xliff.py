"""XLIFF 1.2 and 2.0 files for CAT tools (OmegaT, Trados, memoQ, Virtaal), written and read
through Translate Toolkit's storage classes.

Each entry is one unit whose id carries the entry id and its base fingerprint
(:func:`~translator.exchange.snapshot.unit_id`); the unit has the source, the translation,
the position and role as a developer note, the translator comment (origin, approval, join)
as a translator note, the source location as context, and a state:

============  ====================================  ==================
entry         XLIFF 1.2 (``target/@state``)          XLIFF 2.0
============  ====================================  ==================
untranslated  no target                              ``initial``
draft         ``needs-review-translation``           ``initial`` + target
translated    ``translated``                         ``translated``
approved      ``final`` (``approved="yes"``)         ``final``
============  ====================================  ==================

Coming back, ``reviewed``/``final``/``signed-off`` ask for approval (granted to reviewers
only), any other target without a translated state is a draft, an empty target untranslated.
Translate Toolkit writes XLIFF 1.1; the two classes below only switch its namespace to 1.2.
Its 2.0 writer puts ``<notes>`` inside ``<segment>``; they are moved up to the ``<unit>``,
where the 2.0 schema has them.
"""

from __future__ import annotations

import polib
from lxml import etree
from translate.storage import xliff, xliff2

from translator.exchange.snapshot import (
    Proposal,
    entry_proposal,
    exchange_entries,
    joined_mark,
    parse_unit_id,
    unit_id,
)
from translator.exchange.upload import Upload, UploadedEntry, UploadError, tool_name

NS_12 = "urn:oasis:names:tc:xliff:document:1.2"
JOIN_NOTES = {
    "next": "Joined: this translation covers this sentence and the next one.",
    "previous": "Joined: translated together with the previous sentence; leave it as it is.",
}
APPROVING_STATES = {"signed-off", "final", "reviewed"}


class Xliff12Unit(xliff.xliffunit):
    namespace = NS_12


class Xliff12File(xliff.xlifffile):
    """Translate Toolkit's XLIFF 1.x store, in the 1.2 namespace."""

    UnitClass = Xliff12Unit
    namespace = NS_12
    XMLskeleton = xliff.xlifffile.XMLskeleton.replace("1.1", "1.2")


def export_xliff(
    po: polib.POFile, document: str, language: str, source_language: str, version: str = "1.2"
) -> bytes:
    """The XLIFF file of one catalog (``version`` "1.2" or "2.0")."""
    if version == "2.0":
        store = xliff2.Xliff2File(sourcelanguage=source_language, targetlanguage=language)
        store.setfilename(store.body, document)
    else:
        store = Xliff12File(sourcelanguage=source_language, targetlanguage=language)
        store.setfilename(store.getfilenode("NoName"), document)
    for entry in exchange_entries(po):
        if version == "2.0":
            unit = store.addsourceunit(entry.msgid)
        else:
            unit = store.addsourceunit(entry.msgid, filename=document)
        unit.setid(unit_id(entry))
        _fill_unit(unit, entry, version)
    return bytes(store)


def _fill_unit(unit, entry: polib.POEntry, version: str) -> None:
    proposal = entry_proposal(entry)
    if proposal.text:
        unit.target = proposal.text
    for text, origin in _notes(entry, version):
        unit.addnote(text, origin=origin)
    if version == "2.0":
        _set_state_2(unit, proposal)
        notes = unit.xmlelement.find(unit.namespaced("notes"))
        if notes is not None:
            unit.getunitelement().insert(0, notes)
        return
    for path, line in entry.occurrences:
        unit.createcontextgroup(
            "location", [("sourcefile", path), ("linenumber", line)], "location"
        )
    if entry.msgctxt:
        unit.createcontextgroup("po-entry", [("x-po-context", entry.msgctxt)], "information")
    _set_state_12(unit, proposal)


def _notes(entry: polib.POEntry, version: str) -> list[tuple[str, str]]:
    notes = []
    roles = [flag[5:] for flag in entry.flags if flag.startswith("role-")]
    developer = "\n".join(filter(None, [entry.comment, *(f"role: {role}" for role in roles)]))
    if developer:
        notes.append((developer, "developer"))
    if version == "2.0":
        places = [f"{path}:{line}" for path, line in entry.occurrences]
        if entry.msgctxt:
            places.append(f"context: {entry.msgctxt}")
        if places:
            notes.append(("\n".join(places), "location"))
    comment = entry.tcomment or ""
    joined = joined_mark(entry)
    if joined in JOIN_NOTES:
        comment = f"{comment}\n{JOIN_NOTES[joined]}".strip()
    if comment:
        notes.append((comment, "translator"))
    return notes


def _set_state_12(unit, proposal: Proposal) -> None:
    if not proposal.text:
        return
    if proposal.approve:
        unit.set_state_n(unit.statemap["final"])
    elif proposal.fuzzy:
        unit.set_state_n(unit.S_NEEDS_REVIEW)
    else:
        unit.set_state_n(unit.S_TRANSLATED)


def _set_state_2(unit, proposal: Proposal) -> None:
    if not proposal.text or proposal.fuzzy:
        unit.markfuzzy(True)  # "initial"
    elif proposal.approve:
        unit.xmlelement.set("state", "final")  # Translate Toolkit has no call for it
    else:
        unit.marktranslated()


# -- reading ---------------------------------------------------------------------------------


def read_xliff(data: bytes, name: str) -> Upload:
    """An uploaded XLIFF 1.x or 2.0 file (one ``<file>``: one document).

    :raises UploadError: not well-formed XML (with the line), not XLIFF, or several files.
    """
    try:
        store, version = _parse(data)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or (exc.position[0] if exc.position else 0)
        raise UploadError([f"{name}:{line}: not well-formed XML ({exc.msg})"]) from exc
    except (ValueError, AssertionError, StopIteration, AttributeError) as exc:
        raise UploadError([f"{name}: not an XLIFF file ({exc or 'no file element'})"]) from exc
    files = list(store.getfilenames()) if version == "1.2" else [store.body.get("id", "")]
    if len(files) > 1:
        raise UploadError([f"{name}: holds {len(files)} documents; upload one file per document"])
    upload = Upload(
        name=name,
        format=f"xliff-{version}",
        language=(store.gettargetlanguage() or "").strip(),
        document=_document(files[0] if files else ""),
        tool=_tool(store, version),
    )
    for unit in store.units:
        if unit.isheader() or not unit.source:
            continue
        upload.entries.append(_uploaded(unit, version))
    return upload


def _parse(data: bytes):
    try:
        return Xliff12File.parsestring(data), "1.2"
    except ValueError as exc:
        if "2.x" not in str(exc):
            raise
    return xliff2.Xliff2File.parsestring(data), "2.0"


def _document(original: str) -> str:
    """The slug from ``original`` (ours is the slug; other tools may add ``.po``/a path)."""
    stem = original.replace("\\", "/").rsplit("/", 1)[-1]
    for suffix in (".po", ".pot", ".md", ".xlf", ".xliff"):
        stem = stem.removesuffix(suffix)
    return stem if stem != "NoName" else ""


def _tool(store, version: str) -> str:
    if version != "1.2":
        return ""
    filenode = next(iter(store.document.getroot().iterchildren(store.namespaced("file"))), None)
    if filenode is None:
        return ""
    tool = filenode.find(f"{store.namespaced('header')}/{store.namespaced('tool')}")
    named = tool.get("tool-name") or tool.get("tool-id") if tool is not None else ""
    return tool_name(named or filenode.get("tool-id") or filenode.get("tool") or "")


def _uploaded(unit, version: str) -> UploadedEntry:
    target = unit.target or ""
    raw_id = unit.getid().split("\x04")[-1]
    ids = parse_unit_id(raw_id)
    item = UploadedEntry(
        msgid=str(unit.source),
        msgctxt=_context(unit, version),
        proposal=_proposal(unit, str(target), version),
        line=unit.xmlelement.sourceline or 0,
    )
    if ids is not None:
        item.id, item.base = ids
    return item


def _context(unit, version: str) -> str | None:
    if version != "1.2":
        return None
    for group in unit.getcontextgroups("po-entry"):
        for kind, value in group:
            if kind == "x-po-context":
                return value
    return None


def _proposal(unit, target: str, version: str) -> Proposal:
    if not target:
        return Proposal("")
    if version == "2.0":
        state = unit.xmlelement.get("state") or "initial"
        approved = state in APPROVING_STATES
        fuzzy = state == "initial"
    else:
        node = unit.getlanguageNode(lang=None, index=1)
        state = node.get("state", "") if node is not None else ""
        approved = state in APPROVING_STATES
        # approved="yes" without a state is Translate Toolkit's "translated, not fuzzy"
        fuzzy = not approved and state != "translated" and not unit.isapproved()
    return Proposal(target, fuzzy=fuzzy, approve=approved).normalized()
