"""Which catalogs are behind their source: the marks a coordinator sees on the matrix.

A catalog is stale when

- ``source-changed``: its source document now has other sentences than its template (checked
  only for sources modified after their template, and once per version of the file);
- ``template-changed``: the template holds other sentences, or is newer (POT-Creation-Date), than
  the one the catalog was last updated from, so ``translator update`` has not reached it;
- ``new-untranslated``: an update brought new untranslated sentences after the catalog's last
  translation work (its POT-Creation-Date is later than its PO-Revision-Date);
- ``amended``: sentences changed in the source and their old translations wait, fuzzy, for a
  decision (see :mod:`translator.progress.amend`).

Everything here works on :class:`~translator.progress.index.CatalogRecord` values: no parsing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from translator.progress.index import CatalogRecord

REASONS = {
    "source-changed": "the source document changed after its template was extracted",
    "template-changed": "the template changed after this catalog was last updated",
    "new-untranslated": "new untranslated sentences arrived after the last translation work",
    "amended": "changed source sentences wait for a decision on their translations",
}
SHORT = {
    "source-changed": "source changed",
    "template-changed": "needs update",
    "new-untranslated": "new sentences",
    "amended": "amended",
}
PO_DATE_FORMATS = ("%Y-%m-%d %H:%M%z", "%Y-%m-%d %H:%M:%S%z", "%Y-%m-%d %H:%M")


@dataclass(frozen=True)
class Staleness:
    """Why one catalog is behind (empty ``reasons``: it is current)."""

    reasons: tuple[str, ...] = ()
    untranslated: int = 0
    amended: int = 0
    updated: str = ""  # the catalog's POT-Creation-Date: when it was last updated

    def __bool__(self) -> bool:
        return bool(self.reasons)

    def labels(self) -> list[str]:
        """Short labels for badges: ``source changed``, ``amended (2)``, ..."""
        counts = {"new-untranslated": self.untranslated, "amended": self.amended}
        return [
            f"{SHORT[reason]} ({counts[reason]})" if reason in counts else SHORT[reason]
            for reason in self.reasons
        ]

    def describe(self) -> list[str]:
        """One readable line per reason, with the counts that matter."""
        lines = []
        for reason in self.reasons:
            text = REASONS[reason]
            if reason == "new-untranslated":
                text += f" ({self.untranslated} untranslated)"
            elif reason == "amended":
                text += f" ({self.amended})"
            lines.append(text)
        return lines


def parse_po_date(value: str) -> dt.datetime | None:
    """A gettext header date (``2026-01-02 10:00+0000``) as an aware datetime, or None.

    >>> parse_po_date("2026-01-02 10:00+0100").isoformat()
    '2026-01-02T10:00:00+01:00'
    """
    value = (value or "").strip()
    for fmt in PO_DATE_FORMATS:
        try:
            parsed = dt.datetime.strptime(value, fmt)
        except ValueError:
            continue
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
    return None


def catalog_staleness(
    record: CatalogRecord, template: CatalogRecord | None, source_changed: bool = False
) -> Staleness:
    """Why the catalog of ``record`` is behind its template and source."""
    if record.error:
        return Staleness()
    reasons = []
    if source_changed:
        reasons.append("source-changed")
    if template is not None and not template.error and _template_moved(record, template):
        reasons.append("template-changed")
    if record.stats.untranslated and _later(record.pot_date, record.revision_date):
        reasons.append("new-untranslated")
    if record.amended:
        reasons.append("amended")
    return Staleness(tuple(reasons), record.stats.untranslated, record.amended, record.pot_date)


def _template_moved(record: CatalogRecord, template: CatalogRecord) -> bool:
    return template.keys != record.keys or _later(template.pot_date, record.pot_date)


def _later(first: str, second: str) -> bool:
    """True when header date ``first`` is after ``second`` (unknown dates never are)."""
    if len(first) == len(second) == 21 and first[-5:] == second[-5:] and first[10] == " ":
        return first > second  # same zone, gettext's own format: the text order is the time order
    a, b = _cached_date(first), _cached_date(second)
    return a is not None and b is not None and a > b


_cached_date = functools.lru_cache(maxsize=4096)(parse_po_date)


def settle_with_work(
    marks: dict[tuple[str, str], Staleness], last_work: dict[tuple[str, str], dt.datetime]
) -> dict[tuple[str, str], Staleness]:
    """Drop ``new-untranslated`` where someone worked on the catalog after its last update.

    Editors that leave PO-Revision-Date alone (the web UI) log their work elsewhere; pass the
    time of the latest logged change per (document, language).
    """
    settled = {}
    for key, mark in marks.items():
        updated, worked = parse_po_date(mark.updated), last_work.get(key)
        if "new-untranslated" in mark.reasons and updated and worked and worked > updated:
            reasons = tuple(reason for reason in mark.reasons if reason != "new-untranslated")
            mark = dataclasses.replace(mark, reasons=reasons)
        if mark:
            settled[key] = mark
    return settled


def changed_sources(
    templates: dict[str, CatalogRecord],
    mtimes: dict[str, int],
    source_keys: Callable[[str], str | None],
) -> set[str]:
    """Documents whose source no longer matches its template.

    Only sources modified after their template are read (``source_keys(slug)``: the fingerprint
    of the sentences, None when unreadable), so a checkout that touched every file costs one
    read per document, once.
    """
    changed = set()
    for slug, mtime in mtimes.items():
        template = templates.get(slug)
        behind = template is None or bool(template.error)
        if not behind and mtime > template.mtime_ns:
            behind = source_keys(slug) != template.keys
        if behind:
            changed.add(slug)
    return changed


def source_mtimes(source_dir: Path, slugs) -> dict[str, int]:
    """Modification time (ns) of each ``source/<slug>.md`` that exists."""
    times = {}
    for slug in slugs:
        try:
            times[slug] = os.stat(source_dir / f"{slug}.md").st_mtime_ns
        except OSError:
            continue
    return times


def project_staleness(
    records: dict[tuple[str, str], CatalogRecord],
    templates: dict[str, CatalogRecord],
    changed: set[str],
) -> dict[tuple[str, str], Staleness]:
    """Staleness of every catalog record, by (document, language); current ones left out.

    Records are shared objects that the index replaces when a file changes, so a mark is
    worked out again only for a record (or template) that is not the one of the last call.
    """
    global _LAST_MARKS
    previous, memo, found = _LAST_MARKS, {}, {}
    for key, record in records.items():
        slug, lang = key
        if not lang:
            continue
        template, moved = templates.get(slug), slug in changed
        old = previous.get(key)
        if old is not None and old[0] is record and old[1] is template and old[2] == moved:
            mark = old[3]
        else:
            mark = catalog_staleness(record, template, moved)
        memo[key] = (record, template, moved, mark)
        if mark:
            found[key] = mark
    _LAST_MARKS = memo
    return found


# (record, template, source changed, mark) by (document, language), from the last call
_LAST_MARKS: dict[tuple[str, str], tuple] = {}
