"""The coordinators' matrix: documents x languages with per-cell figures, totals, staleness,
sorting and filtering, and its CSV export. Plain data built from a
:class:`~translator.progress.stats.StatsTable`; the web dashboard and the CLI draw it.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import os
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import yaml

from translator.languages import language_name, native_name
from translator.progress.stats import CatalogStats, sum_stats

if TYPE_CHECKING:
    from pathlib import Path

    from translator.progress.staleness import Staleness
    from translator.progress.stats import StatsTable

UNITS = ("words", "segments")
PARTS = ("approved", "translated", "fuzzy", "untranslated")  # bar order, left to right
PART_LABELS = {
    "approved": "approved",
    "translated": "translated",
    "fuzzy": "needs review",
    "untranslated": "untranslated",
}
ROW_SORTS = ("document", "-document", "completion", "-completion", "left", "-left")
COLUMN_SORTS = ("code", "name", "completion", "-completion", "left", "-left")


def part_counts(stats: CatalogStats, unit: str) -> dict[str, int]:
    """Approved / translated / needs review / untranslated, in words or segments."""
    suffix = "_words" if unit == "words" else ""
    return {part: getattr(stats, part + suffix) for part in PARTS}


def completion(stats: CatalogStats, unit: str) -> float:
    """Percent done (translated + approved), one decimal, as ``translator stats`` reports it."""
    return stats.percent_words if unit == "words" else stats.percent


def left(stats: CatalogStats, unit: str) -> int:
    """What is not done yet (needs review + untranslated), in words or segments."""
    counts = part_counts(stats, unit)
    return counts["fuzzy"] + counts["untranslated"]


@dataclass
class Cell:
    """One catalog of the matrix."""

    document: str
    language: str
    catalog: str
    stats: CatalogStats
    error: str = ""
    stale: Staleness | None = None


@dataclass
class MatrixQuery:
    """What the coordinator asked to see (every field optional)."""

    langs: list[str] = field(default_factory=list)  # only these languages
    doc: str = ""  # documents whose name (or title) contains this
    below: float | None = None  # only rows and columns under this completion
    stale: bool = False  # only documents with a stale or broken catalog
    sort: str = "document"
    lang_sort: str = "code"
    unit: str = "words"

    def __post_init__(self):
        self.unit = self.unit if self.unit in UNITS else "words"
        self.sort = self.sort if self.sort in ROW_SORTS else "document"
        self.lang_sort = self.lang_sort if self.lang_sort in COLUMN_SORTS else "code"


@dataclass
class Language:
    """A column: code, names, and its total over the visible documents."""

    code: str
    name: str
    native: str
    total: CatalogStats


@dataclass
class Row:
    """A document: its title, cells by language, and its total over the visible languages."""

    document: str
    title: str
    cells: dict[str, Cell]
    total: CatalogStats

    @property
    def stale(self) -> int:
        return sum(1 for cell in self.cells.values() if cell.stale)

    @property
    def broken(self) -> int:
        return sum(1 for cell in self.cells.values() if cell.error)


@dataclass
class Matrix:
    """Rows and columns in display order, with totals."""

    rows: list[Row]
    languages: list[Language]
    total: CatalogStats
    unit: str = "words"
    hidden_rows: int = 0
    hidden_languages: int = 0

    @property
    def broken(self) -> int:
        return sum(row.broken for row in self.rows)

    @property
    def stale(self) -> int:
        return sum(row.stale for row in self.rows)


def build_matrix(
    table: StatsTable,
    staleness: dict[tuple[str, str], Staleness] | None = None,
    query: MatrixQuery | None = None,
    titles: dict[str, str] | None = None,
) -> Matrix:
    """Arrange ``table`` as a matrix, filtered and sorted as ``query`` says.

    ``below`` keeps the languages whose overall completion is under it, then the documents
    whose completion over those languages is under it; totals cover what is shown.
    """
    query = query or MatrixQuery()
    staleness, titles = staleness or {}, titles or {}
    cells: dict[str, dict[str, Cell]] = {}
    for row in table.rows:
        if query.langs and row.language not in query.langs:
            continue
        cells.setdefault(row.document, {})[row.language] = Cell(
            row.document, row.language, row.catalog, row.stats, row.error,
            staleness.get((row.document, row.language)),
        )  # fmt: skip
    if query.below is not None:
        _drop_complete_languages(cells, query)
    rows = [
        Row(slug, titles.get(slug, ""), by_lang, _sum(by_lang.values()))
        for slug, by_lang in cells.items()
        if by_lang and _wanted(slug, titles.get(slug, ""), by_lang, query)
    ]
    by_code: dict[str, list[Cell]] = {}
    for row in rows:
        for code, cell in row.cells.items():
            by_code.setdefault(code, []).append(cell)
    languages = [_language(code, by_code[code]) for code in sorted(by_code)]
    return Matrix(
        _sorted_rows(rows, query),
        _sorted_languages(languages, query),
        _sum(row.total for row in rows),
        query.unit,
        hidden_rows=len({row.document for row in table.rows}) - len(rows),
        hidden_languages=len({row.language for row in table.rows}) - len(languages),
    )


def _drop_complete_languages(cells: dict[str, dict[str, Cell]], query: MatrixQuery) -> None:
    totals: dict[str, CatalogStats] = {}
    for by_lang in cells.values():
        for code, cell in by_lang.items():
            totals.setdefault(code, CatalogStats()).add(cell.stats)
    done = {code for code, total in totals.items() if completion(total, query.unit) >= query.below}
    for by_lang in cells.values():
        for code in done & by_lang.keys():
            del by_lang[code]


def _wanted(slug: str, title: str, by_lang: dict[str, Cell], query: MatrixQuery) -> bool:
    needle = query.doc.strip().lower()
    if needle and needle not in slug.lower() and needle not in title.lower():
        return False
    broken = any(cell.error for cell in by_lang.values())
    if query.stale and not (broken or any(cell.stale for cell in by_lang.values())):
        return False
    if query.below is None or broken:
        return True
    return completion(_sum(by_lang.values()), query.unit) < query.below


def _sum(items) -> CatalogStats:
    return sum_stats(item.stats if isinstance(item, Cell) else item for item in items)


def _language(code: str, cells: list[Cell]) -> Language:
    total = _sum(cells)
    return Language(code, language_name(code), native_name(code), total)


def _sorted_rows(rows: list[Row], query: MatrixQuery) -> list[Row]:
    key, reverse = query.sort.lstrip("-"), query.sort.startswith("-")
    if key == "document":
        return sorted(rows, key=lambda row: row.document, reverse=reverse)
    measure = completion if key == "completion" else left
    return sorted(rows, key=lambda row: (measure(row.total, query.unit), row.document),
                  reverse=reverse)  # fmt: skip


def _sorted_languages(languages: list[Language], query: MatrixQuery) -> list[Language]:
    key, reverse = query.lang_sort.lstrip("-"), query.lang_sort.startswith("-")
    if key == "code":
        return sorted(languages, key=lambda lang: lang.code, reverse=reverse)
    if key == "name":
        return sorted(languages, key=lambda lang: lang.name.lower(), reverse=reverse)
    measure = completion if key == "completion" else left
    return sorted(languages, key=lambda lang: (measure(lang.total, query.unit), lang.code),
                  reverse=reverse)  # fmt: skip


# -- export ---------------------------------------------------------------------------------------

CSV_FIELDS = [
    "document", "language", "language_name", "catalog", "total", "approved", "translated",
    "fuzzy", "untranslated", "machine", "total_words", "approved_words", "translated_words",
    "fuzzy_words", "untranslated_words", "percent", "percent_words", "stale", "error",
]  # fmt: skip


def matrix_csv(table: StatsTable, staleness: dict[tuple[str, str], Staleness] | None = None) -> str:
    """One line per catalog with the numbers of ``translator stats --json``, plus staleness."""
    staleness = staleness or {}
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_FIELDS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in table.rows:
        data = row.to_dict()
        mark = staleness.get((row.document, row.language))
        data.update(
            language_name=language_name(row.language),
            stale=";".join(mark.reasons) if mark else "",
            error=row.error,
        )
        writer.writerow({key: _spreadsheet_safe(value) for key, value in data.items()})
    return out.getvalue()


def _spreadsheet_safe(value):
    """Text a spreadsheet would run as a formula gets a leading apostrophe (OWASP CSV injection).

    >>> _spreadsheet_safe("=HYPERLINK(1)"), _spreadsheet_safe("de"), _spreadsheet_safe(-1)
    ("'=HYPERLINK(1)", 'de', -1)
    """
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


# -- titles ---------------------------------------------------------------------------------------

_TITLE = re.compile(r"^title:[ \t]*(.+?)[ \t]*$", re.MULTILINE)
_title_cache: dict[str, tuple[int, str]] = {}


def document_titles(source_dir: Path, slugs) -> dict[str, str]:
    """Each document's front-matter title, read from the top of its file (cached by mtime)."""
    titles = {}
    for slug in slugs:
        path = os.path.join(source_dir, f"{slug}.md")
        try:
            mtime = os.stat(path).st_mtime_ns
        except OSError:
            continue
        cached = _title_cache.get(path)
        if cached is None or cached[0] != mtime:
            cached = _title_cache[path] = (mtime, _read_title(path))
        if cached[1]:
            titles[slug] = cached[1]
    return titles


def _read_title(path: str) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            head = handle.read(4096)
    except OSError:
        return ""
    if not head.startswith("---"):
        return ""
    front = head.split("\n---", 1)[0]
    match = _TITLE.search(front)
    if not match:
        return ""
    value = match.group(1)
    if value[:1] in "\"'":
        try:
            value = str(yaml.safe_load(value))
        except yaml.YAMLError:
            value = value.strip("\"'")
    return value


# -- plain text (the CLI) -------------------------------------------------------------------------


def text_report(
    table: StatsTable, by: str, staleness: dict[tuple[str, str], Staleness] | None = None
) -> list[str]:
    """Lines of a table: totals per ``language`` or ``document``, or catalogs with staleness."""
    staleness = staleness or {}
    if by in ("language", "document"):
        head = f"{by:<34} {'catalogs':>8} {'approved':>9} {'transl':>8} {'review':>8} "
        lines = [head + f"{'untransl':>8} {'words left':>10} {'%':>6}"]
        counts: dict[str, int] = {}
        for row in table.rows:
            counts[getattr(row, by)] = counts.get(getattr(row, by), 0) + 1
        for name, total in table.totals(by).items():
            label = f"{name} {language_name(name)}" if by == "language" else name
            w = part_counts(total, "words")
            lines.append(
                f"{label[:34]:<34} {counts[name]:>8} {w['approved']:>9} {w['translated']:>8} "
                f"{w['fuzzy']:>8} {w['untranslated']:>8} {left(total, 'words'):>10} "
                f"{total.percent_words:>5.1f}%"
            )
        return lines
    lines = [f"{'document':<34} {'lang':<6} {'%':>6}  stale because"]
    for row in table.rows:
        mark = staleness.get((row.document, row.language))
        why = "; ".join(mark.describe()) if mark else ("broken: " + row.error if row.error else "")
        lines.append(f"{row.document[:34]:<34} {row.language:<6} {row.stats.percent:>5.1f}%  {why}")
    return lines


def catalog_lines(table: StatsTable) -> list[str]:
    """Lines of a table: one per catalog with entries, words and failing checks by severity."""
    header = (
        f"{'document':<34} {'lang':<6} {'done':>5} {'fuzzy':>5} {'untr':>5} {'words':>11} {'%':>6}"
    )
    lines = [header + "  checks (error/warning/info)"]
    for row in table.rows:
        s = row.stats
        lines.append(
            f"{row.document[:34]:<34} {row.language:<6} {s.done:>5} {s.fuzzy:>5} "
            f"{s.untranslated:>5} {s.done_words:>5}/{s.total_words:<5} {s.percent:>5.1f}%"
            f"  {_issue_counts(s.issues)}"
        )
    return lines


def _issue_counts(issues: dict[str, int]) -> str:
    """``2/5/0`` failing checks by severity, or ``-`` when none were counted."""
    if not issues:
        return "-"
    return "/".join(str(issues.get(severity, 0)) for severity in ("error", "warning", "info"))


def stale_rows(table: StatsTable, staleness: dict[tuple[str, str], Staleness]) -> StatsTable:
    """Only the rows of catalogs behind their template or source."""
    rows = [row for row in table.rows if (row.document, row.language) in staleness]
    return dataclasses.replace(table, rows=rows)


def stats_json(
    table: StatsTable, staleness: dict[tuple[str, str], Staleness] | None = None
) -> dict:
    """``translator stats --json``: the table, plus why each catalog is stale when asked."""
    data = table.to_dict()
    if staleness is not None:
        data["stale"] = [
            {"document": doc, "language": lang, "reasons": list(mark.reasons)}
            for (doc, lang), mark in sorted(staleness.items())
        ]
    return data
