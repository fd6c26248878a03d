"""The matrix cells as HTML: stacked bars, percentages and tooltips, built in Python.

A 500 x 40 matrix has 20,000 cells; building each with Jinja loops and filters costs a few
seconds, with string formatting here a fraction of that. Bars are ``<i>`` elements with
whole-percent width classes (``w0`` .. ``w100`` in ``dashboard.css``) because the
Content-Security-Policy forbids inline styles.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from translator.progress.matrix import PART_LABELS, PARTS, completion, part_counts

if TYPE_CHECKING:
    from translator.progress.matrix import Language, Row
    from translator.progress.stats import CatalogStats

NO_CATALOG = '<td class="cell none"><span class="muted" title="No catalog yet">—</span></td>'


def bar_parts(stats: CatalogStats, unit: str) -> list[tuple[str, int, int]]:
    """(part, count, width in whole percent) with widths summing to 100 (largest remainder).

    >>> from translator.progress.stats import CatalogStats
    >>> bar_parts(CatalogStats(total=3, approved=1, translated=1, untranslated=1), "segments")
    [('approved', 1, 34), ('translated', 1, 33), ('fuzzy', 0, 0), ('untranslated', 1, 33)]
    """
    counts = part_counts(stats, unit)
    total = sum(counts.values())
    if not total:
        return [(part, 0, 0) for part in PARTS]
    exact = {part: 100 * counts[part] / total for part in PARTS}
    widths = {part: int(exact[part]) for part in PARTS}
    spare = 100 - sum(widths.values())
    for part in sorted(PARTS, key=lambda p: widths[p] - exact[p])[:spare]:
        widths[part] += 1
    return [(part, counts[part], widths[part]) for part in PARTS]


def bar(stats: CatalogStats, unit: str, extra: str = "") -> str:
    """One stacked bar: approved, translated, needs review; the track is what is left."""
    parts = "".join(
        f'<i class="p-{part} w{width}"></i>' for part, _, width in bar_parts(stats, unit) if width
    )
    return f'<span class="bar{extra}">{parts}</span>'


def cell_title(stats: CatalogStats) -> str:
    """The tooltip: both units, every part."""
    lines = []
    for unit in ("words", "segments"):
        counts = part_counts(stats, unit)
        detail = ", ".join(f"{counts[p]} {PART_LABELS[p]}" for p in PARTS)
        lines.append(f"{completion(stats, unit):.1f}% of {unit} done: {detail}")
    return "\n".join(lines)


def row_cells(row: Row, languages: list[Language], unit: str, editor: str, short_error) -> Markup:
    """Every language cell of one document row (``editor``: URL with __SLUG__ and __LANG__)."""
    other = "segments" if unit == "words" else "words"
    link = editor.replace("__SLUG__", str(escape(row.document)))
    out = []
    for lang in languages:
        cell = row.cells.get(lang.code)
        if cell is None:
            out.append(NO_CATALOG)
            continue
        href = link.replace("__LANG__", str(escape(lang.code)))
        if cell.error:
            why = escape(short_error(cell.error))
            out.append(
                f'<td class="cell is-broken"><a href="{href}" title="{why}">'
                '<span class="broken-tag">broken</span></a></td>'
            )
            continue
        title = f"{row.document} · {lang.name}\n{cell_title(cell.stats)}"
        mark = ""
        if cell.stale:
            title += "\nStale: " + "; ".join(cell.stale.describe())
            mark = '<span class="mark-stale">●</span>'
        percent = int(completion(cell.stats, unit) + 0.5)
        out.append(
            f'<td class="cell{" is-stale" if cell.stale else ""}"><a href="{href}" '
            f'title="{escape(title)}">{bar(cell.stats, unit)}{bar(cell.stats, other, " thin")}'
            f'<span class="pct">{percent}%</span>{mark}</a></td>'
        )
    return Markup("".join(out))
