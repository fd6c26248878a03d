"""Amendments: source sentences that changed mid-translation, and the coordinator's decision.

After ``translator update``, a reworded sentence keeps its old translation as a fuzzy entry
whose ``#| msgid`` is the old source. :func:`find_changes` gathers those across a document's
catalogs (one :class:`Change` per old -> new pair, with a word diff and the languages affected);
:func:`decide` applies one decision to every language at once:

- ``minor``: keep the translations, flagged (fuzzy) for a check, with the translator comment
  ``amendment: minor <key> <user> <day>`` so the change no longer waits for a decision;
- ``substantive``: clear them; a ``refill`` callable (pre-fill from memory and MT) runs after.

Sentences no catalog could match (new ones, and old ones now obsolete) are listed too, for
information: there is nothing to decide about them.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polib

from translator.catalog import catalog_lock, read_catalog, write_catalog
from translator.catalog.state import (
    change_key,
    comment_fields,
    pending_amendment,
    set_comment_field,
    set_fuzzy,
)
from translator.errors import TranslatorError
from translator.progress.index import refresh
from translator.text import word_count

DECISIONS = {
    "minor": "minor: keep translations, flag for a check",
    "substantive": "substantive: clear and pre-fill again",
}
_TOKEN = re.compile(r"\s+|\w+(?:[-'’]\w+)*|[^\w\s]")

Refill = Callable[[str, Path, list[str]], int]  # (language, catalog, msgids) -> entries filled


@dataclass
class Change:
    """One changed source sentence and where its old translation waits."""

    key: str
    old: str
    new: str
    pending: list[str] = field(default_factory=list)  # languages waiting for a decision
    decided: dict[str, str] = field(default_factory=dict)  # language -> minor (still fuzzy)

    @property
    def diff(self) -> list[tuple[str, str]]:
        return word_diff(self.old, self.new)

    @property
    def words(self) -> int:
        """Source words of the new sentence (what a translator must re-read)."""
        return word_count(self.new)


@dataclass
class Amendments:
    """Everything that changed in one document, as the catalogs show it."""

    document: str
    changes: list[Change] = field(default_factory=list)
    untranslated_everywhere: list[str] = field(default_factory=list)  # new, or never started
    removed: dict[str, list[str]] = field(default_factory=dict)  # old sentence -> languages
    errors: list[str] = field(default_factory=list)

    def per_language(self) -> dict[str, int]:
        """Translations waiting for a decision, by language."""
        counts: dict[str, int] = {}
        for change in self.changes:
            for lang in change.pending:
                counts[lang] = counts.get(lang, 0) + 1
        return dict(sorted(counts.items()))

    @property
    def pending(self) -> int:
        return sum(len(change.pending) for change in self.changes)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The change as (op, text) pieces, op being ``equal``, ``delete`` or ``insert``.

    >>> word_diff("Stop the war now.", "Stop the wars today.")
    [('equal', 'Stop the '), ('delete', 'war now'), ('insert', 'wars today'), ('equal', '.')]
    """
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    pieces: list[tuple[str, str]] = []
    deleted: list[str] = []
    inserted: list[str] = []
    for number, (op, i1, i2, j1, j2) in enumerate(ops):
        text = "".join(a[i1:i2])
        if op == "equal" and (deleted or inserted) and number + 1 < len(ops) and not text.strip():
            deleted.append(text)  # a lone space between two changes: one change, easier to read
            inserted.append(text)
        elif op == "equal":
            _flush(pieces, deleted, inserted)
            pieces.append(("equal", text))
        else:
            deleted.append(text)
            inserted.append("".join(b[j1:j2]))
    _flush(pieces, deleted, inserted)
    return pieces


def _flush(pieces: list[tuple[str, str]], deleted: list[str], inserted: list[str]) -> None:
    old, new = "".join(deleted), "".join(inserted)
    for op, text, other in (("delete", old, new), ("insert", new, old)):
        if text.strip() or (text and not other.strip()):  # whitespace alone only if all it is
            pieces.append((op, text))
    deleted.clear()
    inserted.clear()


def find_changes(document: str, catalogs: dict[str, Path]) -> Amendments:
    """Read each language's catalog of ``document`` and collect its changed sentences."""
    found = Amendments(document)
    changes: dict[str, Change] = {}
    untranslated: dict[str, int] = {}
    readable = 0
    for lang, path in sorted(catalogs.items()):
        try:
            po = read_catalog(path)
        except TranslatorError as exc:
            found.errors.append(str(exc))
            continue
        readable += 1
        for entry in po:
            _collect(entry, lang, changes, untranslated, found.removed)
    found.changes = [c for c in changes.values() if c.pending or c.decided]
    found.untranslated_everywhere = [
        msgid for msgid, count in untranslated.items() if readable and count == readable
    ]
    return found


def _collect(entry: polib.POEntry, lang: str, changes, untranslated, removed) -> None:
    if entry.obsolete:
        if entry.msgstr:
            removed.setdefault(entry.msgid, []).append(lang)
        return
    if not entry.msgid:
        return
    if not entry.msgstr:
        untranslated[entry.msgid] = untranslated.get(entry.msgid, 0) + 1
    if not (entry.previous_msgid and entry.msgstr and "fuzzy" in entry.flags):
        return
    key = change_key(entry.previous_msgid, entry.msgid)
    change = changes.setdefault(key, Change(key, entry.previous_msgid, entry.msgid))
    if pending_amendment(entry):
        change.pending.append(lang)
    else:
        decided = comment_fields(entry).get("amendment", "").split()
        change.decided[lang] = decided[0] if decided else "?"


@dataclass
class DecisionReport:
    """What one decision did, per language."""

    decision: str
    changed: dict[str, int] = field(default_factory=dict)  # language -> entries changed
    refilled: dict[str, int] = field(default_factory=dict)  # language -> entries pre-filled
    errors: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)


def decide(
    catalogs: dict[str, Path],
    key: str,
    decision: str,
    *,
    user: str,
    day: str,
    refill: Refill | None = None,
) -> DecisionReport:
    """Apply ``decision`` to change ``key`` in every catalog given (language -> path)."""
    if decision not in DECISIONS:
        raise TranslatorError(f"decision: expected one of {', '.join(DECISIONS)}, not {decision!r}")
    report = DecisionReport(decision)
    for lang, path in sorted(catalogs.items()):
        try:
            cleared = _decide_one(path, key, decision, f"{decision} {key} {user} {day}")
        except TranslatorError as exc:
            report.errors.append(str(exc))
            continue
        if cleared is None:
            continue
        report.changed[lang] = len(cleared)
        report.written.append(path)
        if decision == "substantive" and refill is not None:
            try:
                report.refilled[lang] = refill(lang, path, cleared)
            except TranslatorError as exc:
                report.errors.append(f"{path}: pre-fill failed: {exc}")
    return report


def _decide_one(path: Path, key: str, decision: str, note: str) -> list[str] | None:
    """Apply the decision in one catalog; the msgids touched (None: the change is not there)."""
    with catalog_lock(path):
        po = read_catalog(path)
        touched = []
        for entry in po:
            if not pending_amendment(entry) or change_key(entry.previous_msgid, entry.msgid) != key:
                continue
            touched.append(entry.msgid)
            if decision == "minor":
                set_comment_field(entry, "amendment", note)
            else:
                _clear(entry)
        if not touched:
            return None
        write_catalog(po, path)
        refresh(path, po)
        return touched


def _clear(entry: polib.POEntry) -> None:
    """Forget a translation whose source changed too much to keep it."""
    entry.msgstr = ""
    if entry.msgstr_plural:
        entry.msgstr_plural = {index: "" for index in entry.msgstr_plural}
    set_fuzzy(entry, False)
    for name in ("origin", "approved", "amendment"):
        set_comment_field(entry, name, None)


def prefill_refill(settings, engine: str | None = None) -> Refill | None:
    """A ``refill`` running the project's pre-fill (memory, then MT) on one catalog.

    Pre-fill fills every empty entry of the catalog, the cleared ones among them; None when
    :mod:`translator.prefill` is not installed.
    """
    try:
        from translator.prefill import CatalogRef, prefill
    except ImportError:
        return None

    def refill(lang: str, path: Path, msgids: list[str]) -> int:
        report = prefill(settings, [CatalogRef(lang, path.stem, path)], engine=engine)
        if report.errors:
            raise TranslatorError("; ".join(report.errors))
        counts = report.languages.get(lang)
        return counts.filled if counts else 0

    return refill
