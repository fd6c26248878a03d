"""What the editor shows about each catalog entry: state, provenance, context, and list filters.

Pure functions over a cached :class:`~translator.web.data.catalogs.CatalogView` and (when the source
document can be read) its :class:`~translator.web.data.catalogs.DocumentView`; no Flask here.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from translator.catalog.state import comment_fields, entry_role
from translator.model import EntryState
from translator.web.data.catalogs import entry_key, entry_version, plural_display

if TYPE_CHECKING:
    import polib

    from translator.model import Issue, Segment
    from translator.web.data.catalogs import CatalogView, DocumentView

FILTERS = {
    "all": "All",
    "todo": "To do",
    "untranslated": "Untranslated",
    "review": "Needs review",
    "translated": "Translated",
    "approved": "Approved",
    "checks": "Failing checks",
    "comments": "Commented",
}
STATE_LABELS = {
    "untranslated": "Untranslated",
    "draft": "Needs review",
    "translated": "Translated",
    "approved": "Approved",
}
_TOKEN = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


@dataclass
class Provenance:
    """Where the current translation came from, for a badge and its explanation."""

    kind: str  # machine | memory | carried | copy | auto | human | approved | joined | none
    label: str
    detail: str = ""
    diff: list[tuple[str, str]] = field(default_factory=list)  # carried over: old -> new source


@dataclass
class Context:
    """Where a sentence stands in its document."""

    segment: Segment | None = None
    previous: Segment | None = None
    following: Segment | None = None
    occurrences: int = 1
    block_segments: list[int] = field(default_factory=list)


@dataclass
class Row:
    """One catalog entry as the editor shows it."""

    number: int  # 1-based, in catalog (= document) order
    key: str
    msgid: str
    msgstr: str
    state: str
    version: str
    role: str
    position: str
    joined: str  # "", "next" or "previous"
    provenance: Provenance
    plural: bool = False
    msgid_plural: str = ""
    issues: list[Issue] = field(default_factory=list)
    comments: int = 0
    last_change: dict | None = None

    @property
    def state_label(self) -> str:
        if self.joined == "previous":
            return "Joined"
        return STATE_LABELS.get(self.state, self.state)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level difference: ("equal" | "delete" | "insert", text) runs.

    >>> word_diff("Stop the war", "Stop all wars")
    [('equal', 'Stop '), ('delete', 'the war'), ('insert', 'all wars')]
    """
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    runs: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("equal", "delete", "replace") and i2 > i1:
            runs.append(("equal" if tag == "equal" else "delete", "".join(a[i1:i2])))
        if tag in ("insert", "replace") and j2 > j1:
            runs.append(("insert", "".join(b[j1:j2])))
    return runs


def provenance(entry: polib.POEntry, state: str, last_change: dict | None = None) -> Provenance:
    """Machine draft (engine), memory match (score), carried over (diff), human, approved."""
    fields = comment_fields(entry)
    source = fields.get("origin", "")
    if fields.get("joined") == "previous":
        return Provenance("joined", "Joined", "Translated together with the previous sentence.")
    if state == EntryState.APPROVED:
        who, _, rest = fields.get("approved", "").partition(" ")
        day = rest.split(" ")[0] if rest else ""
        return Provenance("approved", "Approved", f"Approved by {who} on {day}.")
    if not entry.msgstr:
        return Provenance("none", "Not translated yet")
    if entry.previous_msgid and "fuzzy" in entry.flags:
        return Provenance(
            "carried",
            "Carried over",
            "Translation of an earlier version of this sentence; check what changed.",
            word_diff(entry.previous_msgid, entry.msgid),
        )
    if source.startswith("mt:"):
        return Provenance("machine", f"Machine ({source[3:]})", f"Drafted by {source[3:]}.")
    if source.startswith("tm:"):
        score, _, where = source[3:].partition(" ")
        where = f"TMX: {where[4:]}" if where.startswith("tmx:") else where
        detail = f"{score}% memory match" + (f" from {where}" if where else "")
        return Provenance("memory", f"Memory {score}%", detail + ".")
    if source == "copy":
        return Provenance("copy", "Source copy", "The source text copied unchanged.")
    if source and source != "human":
        return Provenance("auto", source.capitalize(), f"Filled in automatically ({source}).")
    return Provenance("human", "Human", f"Translated{_by_whom(last_change)}.")


def _by_whom(change: dict | None) -> str:
    """`` by ana`` and, for a file sent back from a CAT tool, `` (uploaded from poedit)``."""
    if not change:
        return ""
    action = change.get("action") or ""
    tool = action.partition(":")[2] if action.startswith("upload") else ""
    via = f" (uploaded from {tool})" if tool else " (uploaded file)" if action == "upload" else ""
    return f" by {change['username']}{via}"


def kind_label(segment: Segment) -> str:
    """What the sentence is part of: its role when special (slogan, signatory, ...), else the
    block kind (paragraph, list item, heading)."""
    role = segment.role.value
    if role in ("title", "dateline", "slogan", "signatory"):
        return role
    return segment.block_kind


def position_of(entry: polib.POEntry) -> str:
    """The first ``#.`` position comment (``paragraph 3, sentence 2 of 5``)."""
    return (entry.comment or "").splitlines()[0] if entry.comment else ""


def make_row(view: CatalogView, number: int, extras: dict | None = None) -> Row:
    """The row for entry ``number`` (0-based) of ``view``; extras: issues, comments, changes."""
    entry = view.entries[number]
    extras = extras or {}
    key = view.keys[number]
    last = extras.get("changes", {}).get(entry.msgid)
    state = str(view.states[number])
    return Row(
        number=number + 1,
        key=key,
        msgid=entry.msgid,
        msgstr=plural_display(entry) if entry.msgid_plural else entry.msgstr,
        state=state,
        version=entry_version(entry),
        role=str(entry_role(entry)),
        position=position_of(entry),
        joined=comment_fields(entry).get("joined", ""),
        provenance=provenance(entry, state, last),
        plural=bool(entry.msgid_plural),
        msgid_plural=entry.msgid_plural or "",
        issues=extras.get("issues", {}).get(key, []),
        comments=extras.get("comments", {}).get(entry.msgid, 0),
        last_change=last,
    )


def matches(view: CatalogView, number: int, name: str, extras: dict) -> bool:
    """True when entry ``number`` belongs in filter ``name``."""
    state = view.states[number]
    if name == "untranslated":
        return state is EntryState.UNTRANSLATED
    if name == "review":
        return state is EntryState.DRAFT
    if name == "todo":
        return state in (EntryState.UNTRANSLATED, EntryState.DRAFT)
    if name == "translated":
        return state is EntryState.TRANSLATED
    if name == "approved":
        return state is EntryState.APPROVED
    if name == "checks":
        return bool(extras.get("issues", {}).get(view.keys[number]))
    if name == "comments":
        return bool(extras.get("comments", {}).get(view.entries[number].msgid))
    return True


def search(view: CatalogView, number: int, query: str, scope: str) -> bool:
    """Case-insensitive substring search in the source, the translation, or both."""
    if not query:
        return True
    entry, needle = view.entries[number], query.casefold()
    if scope in ("source", "both") and needle in entry.msgid.casefold():
        return True
    return scope in ("translation", "both") and needle in entry.msgstr.casefold()


def select(view: CatalogView, name: str, query: str, scope: str, extras: dict) -> list[int]:
    """Entry numbers (0-based) passing the filter and the search, in order."""
    return [
        number
        for number in range(len(view.entries))
        if matches(view, number, name, extras) and search(view, number, query, scope)
    ]


def filter_counts(view: CatalogView, extras: dict) -> dict[str, int]:
    return {
        name: sum(matches(view, n, name, extras) for n in range(len(view.entries)))
        for name in FILTERS
    }


def neighbours(selected: list[int], number: int) -> tuple[int | None, int | None]:
    """The previous and next entry in ``selected`` around ``number`` (which may have left it)."""
    previous = following = None
    for candidate in selected:
        if candidate < number:
            previous = candidate
        elif candidate > number:
            following = candidate
            break
    return previous, following


def context_of(doc: DocumentView | None, msgid: str) -> Context:
    """The sentence's first occurrence in the document, with its neighbours."""
    if doc is None or msgid not in doc.by_text:
        return Context(occurrences=0)
    indexes = doc.by_text[msgid]
    first = indexes[0]
    segments = doc.doc.segments
    segment = segments[first]
    return Context(
        segment=segment,
        previous=segments[first - 1] if first > 0 else None,
        following=segments[first + 1] if first + 1 < len(segments) else None,
        occurrences=len(indexes),
        block_segments=doc.blocks.get(segment.block, []),
    )


def join_problem(view: CatalogView, doc: DocumentView | None, number: int) -> str:
    """Why entry ``number`` cannot be joined with the next sentence ("" when it can)."""
    if doc is None:
        return "The source document cannot be read."
    entry = view.entries[number]
    places = doc.by_text.get(entry.msgid, [])
    if len(places) != 1:
        return "This sentence occurs more than once in the document."
    following = places[0] + 1
    segments = doc.doc.segments
    if following >= len(segments) or segments[following].block != segments[places[0]].block:
        return "This is the last sentence of its block."
    if len(doc.by_text.get(segments[following].text, [])) != 1:
        return "The next sentence also occurs elsewhere; joining would change both places."
    if comment_fields(entry).get("joined") == "previous":
        return "This sentence is already joined to the one before."
    if next_entry_number(view, doc, number) is None:
        return "The next sentence is not in the catalog; run `translator update`."
    return ""


def next_entry_number(view: CatalogView, doc: DocumentView, number: int) -> int | None:
    """The catalog number of the sentence after entry ``number`` in the same block."""
    places = doc.by_text.get(view.entries[number].msgid, [])
    if not places or places[0] + 1 >= len(doc.doc.segments):
        return None
    return key_number(view, doc.doc.segments[places[0] + 1].text)


def key_number(view: CatalogView, msgid: str) -> int | None:
    """The catalog number of the (context-free) entry for ``msgid``."""
    import polib

    return view.by_key.get(entry_key(polib.POEntry(msgid=msgid)))


def blocks(view: CatalogView, doc: DocumentView) -> list[tuple[int, list[int]]]:
    """Document blocks as (block number, catalog numbers of its sentences), in order."""
    result = []
    for block, indexes in doc.blocks.items():
        numbers = [key_number(view, doc.doc.segments[i].text) for i in indexes]
        result.append((block, [n for n in numbers if n is not None]))
    return result
