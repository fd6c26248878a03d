"""Update a language catalog from a new template without losing any translation (Babel's rules).

Exact msgid first; then, for sentences that changed, the closest old *translated* entry whose
stripped, lower-cased msgid is at least 60% similar (difflib ratio, autojunk off): its
translation is kept, marked fuzzy, with the old source as ``#| msgid``. Old entries nobody
matched become obsolete (kept for reuse, restored if the sentence comes back).
"""

from __future__ import annotations

import difflib
import functools
from dataclasses import dataclass

import polib

from translator.catalog.state import FUZZY, set_fuzzy

FUZZY_CUTOFF = 0.6


@dataclass
class MergeResult:
    """What an update did to one catalog."""

    kept: int = 0  # same sentence, translation kept
    fuzzy: int = 0  # changed sentence, close old translation kept and marked fuzzy
    new: int = 0  # sentence not seen before
    obsolete: int = 0  # translated sentence no longer in the source

    @property
    def changed(self) -> bool:
        return bool(self.fuzzy or self.new or self.obsolete)


def update_catalog(po: polib.POFile, pot: polib.POFile) -> MergeResult:
    """Merge ``pot`` into ``po`` in place; entries follow the template's order."""
    result = MergeResult()
    old = {entry.msgid_with_context: entry for entry in po}
    candidates = _fuzzy_candidates(po)
    used: set[str] = set()
    merged: list[polib.POEntry] = []
    for template_entry in pot:
        key = template_entry.msgid_with_context
        entry = old.get(key)
        if entry is not None:
            was_obsolete = entry.obsolete
            entry.obsolete = False
            result.kept += bool(entry.msgstr) and not was_obsolete
            result.fuzzy += bool(entry.msgstr) and was_obsolete
            if was_obsolete and entry.msgstr:
                set_fuzzy(entry, True)  # restored from an obsolete entry: check it again
        else:
            entry = _fuzzy_match(template_entry, candidates)
            result.fuzzy += entry is not None
            result.new += entry is None
            if entry is not None:
                used.add(entry.previous_msgid)  # Babel: a reused entry is not also obsolete
            entry = entry or polib.POEntry(msgid=template_entry.msgid, msgstr="")
        used.add(key)
        _take_template_fields(entry, template_entry)
        merged.append(entry)
    result.obsolete = _retire(po, used, merged)
    po[:] = merged
    po.metadata["POT-Creation-Date"] = pot.metadata.get("POT-Creation-Date", "")
    return result


def _fuzzy_candidates(po: polib.POFile) -> dict[str, polib.POEntry]:
    return {
        _fold(entry.msgid): entry for entry in po if entry.msgstr and not _is_joined_copy(entry)
    }


def _is_joined_copy(entry: polib.POEntry) -> bool:
    return "joined: previous" in (entry.tcomment or "")


def _fold(text: str) -> str:
    return text.strip().lower()


def _fuzzy_match(template_entry: polib.POEntry, candidates: dict[str, polib.POEntry]):
    """A new fuzzy entry carrying the closest old translation, or None."""
    best = _closest(_fold(template_entry.msgid), candidates)
    if best is None:
        return None
    entry = polib.POEntry(
        msgid=template_entry.msgid,
        msgstr=best.msgstr,
        tcomment=best.tcomment,
        previous_msgid=best.msgid,
    )
    entry.flags.append(FUZZY)
    return entry


def _closest(key: str, candidates: dict[str, polib.POEntry]) -> polib.POEntry | None:
    best_ratio, best = FUZZY_CUTOFF, None
    for text, entry in candidates.items():
        # Cheap upper bound first (difflib's real_quick_ratio): most candidates are far off.
        if 2.0 * min(len(text), len(key)) < best_ratio * (len(text) + len(key)):
            continue
        ratio = similarity(text, key)
        if ratio >= best_ratio and (best is None or ratio > best_ratio):
            best_ratio, best = ratio, entry
    return best


@functools.lru_cache(maxsize=65536)
def similarity(old: str, new: str) -> float:
    """difflib's ratio of two folded msgids, or 0.0 when its quick bound is below the cutoff.

    Cached: ``update`` merges one template into every language's catalog, so the same pairs
    of changed and old sentences come back once per language (20 languages: 20 times).

    >>> round(similarity("we demand peace.", "we demand peace now."), 2)
    0.89
    """
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    if matcher.quick_ratio() < FUZZY_CUTOFF:
        return 0.0
    return matcher.ratio()


def _take_template_fields(entry: polib.POEntry, template_entry: polib.POEntry) -> None:
    """Locations, positions and roles come from the new template; state flags stay."""
    entry.occurrences = list(template_entry.occurrences)
    entry.comment = template_entry.comment
    own = [flag for flag in entry.flags if not flag.startswith("role-")]
    entry.flags = own + [flag for flag in template_entry.flags if flag not in own]


def _retire(po: polib.POFile, used: set[str], merged: list[polib.POEntry]) -> int:
    """Move unmatched translated entries to the end as obsolete; count the newly retired."""
    retired = 0
    for entry in po:
        if entry.msgid_with_context in used or not entry.msgstr:
            continue
        retired += not entry.obsolete
        entry.obsolete = True
        entry.occurrences = []
        merged.append(entry)
    return retired
