"""Which catalogs are behind their source: the marks a coordinator sees on the matrix.

A catalog is stale when

- ``source-changed``: its source document was edited after the template was last extracted;
- ``template-changed``: the template holds other sentences, or is newer (POT-Creation-Date), than
  the one the catalog was last updated from, so ``translator update`` has not reached it;
- ``new-untranslated``: an update brought new untranslated sentences after the catalog's last
  translation work (its POT-Creation-Date is later than its PO-Revision-Date);
- ``amended``: sentences changed in the source and their old translations wait, fuzzy, for a
  decision (see :mod:`translator.amend`).

Everything here works on :class:`~translator.stats_index.CatalogRecord` values: no parsing.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from translator.stats_index import CatalogRecord

REASONS = {
    "source-changed": "the source document changed after its template was extracted",
    "template-changed": "the template changed after this catalog was last updated",
    "new-untranslated": "new untranslated sentences arrived after the last translation work",
    "amended": "changed source sentences wait for a decision on their translations",
}
PO_DATE_FORMATS = ("%Y-%m-%d %H:%M%z", "%Y-%m-%d %H:%M:%S%z", "%Y-%m-%d %H:%M")


@dataclass(frozen=True)
class Staleness:
    """Why one catalog is behind (empty ``reasons``: it is current)."""

    reasons: tuple[str, ...] = ()
    untranslated: int = 0
    amended: int = 0

    def __bool__(self) -> bool:
        return bool(self.reasons)

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
    record: CatalogRecord, template: CatalogRecord | None, source_mtime_ns: int | None
) -> Staleness:
    """Why the catalog of ``record`` is behind its template and source."""
    if record.error:
        return Staleness()
    reasons = []
    if source_mtime_ns is not None and (template is None or source_mtime_ns > template.mtime_ns):
        reasons.append("source-changed")
    if template is not None and not template.error and _template_moved(record, template):
        reasons.append("template-changed")
    if record.stats.untranslated and _later(record.pot_date, record.revision_date):
        reasons.append("new-untranslated")
    if record.amended:
        reasons.append("amended")
    return Staleness(tuple(reasons), record.stats.untranslated, record.amended)


def _template_moved(record: CatalogRecord, template: CatalogRecord) -> bool:
    return template.keys != record.keys or _later(template.pot_date, record.pot_date)


def _later(first: str, second: str) -> bool:
    """True when header date ``first`` is after ``second`` (unknown dates never are)."""
    if len(first) == len(second) == 21 and first[-5:] == second[-5:] and first[10] == " ":
        return first > second  # same zone, gettext's own format: the text order is the time order
    a, b = _cached_date(first), _cached_date(second)
    return a is not None and b is not None and a > b


_cached_date = functools.lru_cache(maxsize=4096)(parse_po_date)


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
    sources: dict[str, int],
) -> dict[tuple[str, str], Staleness]:
    """Staleness of every catalog record, by (document, language); current ones left out."""
    found = {}
    for (slug, lang), record in records.items():
        if not lang:
            continue
        mark = catalog_staleness(record, templates.get(slug), sources.get(slug))
        if mark:
            found[(slug, lang)] = mark
    return found
