"""Which translation each segment of a document gets from a catalog, and how complete that is.

Translated and approved entries count; drafts (fuzzy: machine, memory, carried over) count only
for languages the coordinator lists in ``build_allow_drafts``. A pair of sentences a translator
joined (``joined: next`` on the first entry, whose msgstr covers both; ``joined: previous`` on
the second) yields one translation: the second segment contributes nothing.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import polib

from translator.catalog.state import comment_fields, entry_state
from translator.model import Document, EntryState, Role

_SPACE = re.compile(r"\s+")


class Use(enum.StrEnum):
    """What a segment's slot receives."""

    TRANSLATION = "translation"
    JOINED = "joined"  # covered by the previous segment's translation
    MISSING = "missing"  # no usable translation: the source or nothing, per --fallback


@dataclass(frozen=True)
class Choice:
    """The decision for one segment."""

    use: Use
    text: str = ""  # the translation (inline Markdown, one line) when use is TRANSLATION
    state: EntryState = EntryState.UNTRANSLATED
    identity: bool = False  # the translation equals the source sentence

    @property
    def usable(self) -> bool:
        return self.use is not Use.MISSING


@dataclass
class Selection:
    """Choices for every segment of one document in one language, with their totals."""

    choices: list[Choice] = field(default_factory=list)
    sentences: int = 0  # distinct source sentences (catalog entries) in the document
    done: int = 0  # distinct sentences with a usable translation in every occurrence
    drafts: int = 0  # segments filled from drafts (only where drafts are allowed)
    not_in_catalog: int = 0  # segments whose sentence the catalog lacks (run `update`)
    warnings: list[str] = field(default_factory=list)

    @property
    def completion(self) -> float:
        """Share of distinct sentences with a usable translation, in percent, one decimal."""
        return round(100.0 * self.done / self.sentences, 1) if self.sentences else 100.0

    @property
    def missing(self) -> int:
        return sum(not choice.usable for choice in self.choices)

    def count(self, use: Use) -> int:
        return sum(choice.use is use for choice in self.choices)


def catalog_index(po: Iterable[polib.POEntry]) -> dict[str, polib.POEntry]:
    """Live singular entries by msgid (the first one wins, as msgfmt would complain anyway)."""
    index: dict[str, polib.POEntry] = {}
    for entry in po:
        if entry.obsolete or entry.msgid_plural or entry.msgctxt or not entry.msgid:
            continue
        index.setdefault(entry.msgid, entry)
    return index


def clean_translation(msgstr: str) -> str:
    """One line of inline Markdown: line breaks folded, outer whitespace dropped.

    >>> clean_translation("  Frieden\\njetzt. ")
    'Frieden jetzt.'
    """
    return _SPACE.sub(" ", msgstr).strip() if "\n" in msgstr else msgstr.strip()


def choose_translations(doc: Document, po: polib.POFile, *, allow_drafts: bool) -> Selection:
    """Decide, segment by segment, what the localized document shows.

    :param doc: the parsed source document.
    :param po: its catalog in the target language.
    :param allow_drafts: count fuzzy entries (machine or memory drafts) as translations.
    """
    index = catalog_index(po)
    selection = Selection()
    entries = [index.get(segment.text) for segment in doc.segments]
    for number, (segment, entry) in enumerate(zip(doc.segments, entries, strict=True)):
        if entry is None:
            selection.not_in_catalog += 1
            selection.choices.append(Choice(Use.MISSING))
            continue
        joined = comment_fields(entry).get("joined", "")
        if joined == "previous":
            if _pair(doc, entries, number - 1):
                previous = selection.choices[-1]
                use = Use.JOINED if previous.usable else Use.MISSING
                selection.choices.append(Choice(use, state=previous.state))
                continue
            selection.warnings.append(
                f"{segment.position}: 'joined: previous' without a preceding 'joined: next' "
                "in the same block; its own msgstr is used"
            )
        if joined == "next" and not _pair(doc, entries, number):
            selection.warnings.append(
                f"{segment.position}: 'joined: next' but the next sentence of the block is not "
                "marked 'joined: previous'; both are used as they are"
            )
        selection.choices.append(_choose(entry, segment.text, allow_drafts))
    selection.drafts = sum(
        choice.use is Use.TRANSLATION and choice.state is EntryState.DRAFT
        for choice in selection.choices
    )
    _count(doc, selection)
    return selection


def _choose(entry: polib.POEntry, source: str, allow_drafts: bool) -> Choice:
    state = entry_state(entry)
    if state is EntryState.UNTRANSLATED or (state is EntryState.DRAFT and not allow_drafts):
        return Choice(Use.MISSING, state=state)
    text = clean_translation(entry.msgstr)
    if not text:
        return Choice(Use.MISSING, state=EntryState.UNTRANSLATED)
    return Choice(Use.TRANSLATION, text=text, state=state, identity=text == source)


def _pair(doc: Document, entries: list[polib.POEntry | None], first: int) -> bool:
    """True when segments ``first`` and ``first + 1`` share a block and are marked as joined."""
    if first < 0 or first + 1 >= len(entries):
        return False
    if doc.segments[first].block != doc.segments[first + 1].block:
        return False
    head, tail = entries[first], entries[first + 1]
    return (
        head is not None
        and tail is not None
        and comment_fields(head).get("joined") == "next"
        and comment_fields(tail).get("joined") == "previous"
    )


def _count(doc: Document, selection: Selection) -> None:
    usable: dict[str, bool] = {}
    for segment, choice in zip(doc.segments, selection.choices, strict=True):
        usable[segment.text] = usable.get(segment.text, True) and choice.usable
    selection.sentences = len(usable)
    selection.done = sum(usable.values())


def role_choices(doc: Document, selection: Selection, role: Role) -> list[Choice]:
    """The choices of every segment with ``role``, in document order."""
    return [
        choice
        for segment, choice in zip(doc.segments, selection.choices, strict=True)
        if segment.role is role
    ]
