"""The coordinators' matrix: documents x languages, each cell a stacked bar linking to the
editor, sorted, filtered and paged by query parameters."""

from __future__ import annotations

from flask import render_template, request

from translator.progress.matrix import (
    PART_LABELS,
    MatrixQuery,
    completion,
    document_titles,
    left,
)
from translator.web.access import coordinator_required
from translator.web.dashboard.cells import bar, cell_title
from translator.web.dashboard.exports import export_roles
from translator.web.dashboard.figures import editor_pattern, overview, project, short_error
from translator.web.dashboard.memo import matrix_for

DEFAULT_PER_PAGE = 100  # documents per page of the matrix (``?per=all`` shows every one)


@coordinator_required
def index():
    """Documents x languages, every cell a stacked bar linking to the editor."""
    query = _query_from_args()
    proj = project()
    table, staleness = overview()
    titles = document_titles(proj.settings.source_dir, proj.slugs())
    built = matrix_for(table, staleness, query, titles)
    matrix = built.matrix
    pages = Pages(len(matrix.rows), request.args.get("per", ""), request.args.get("page", ""))
    return render_template(
        "dashboard/index.html",
        matrix=matrix,
        rows=matrix.rows[pages.start : pages.end],
        pages=pages,
        query=query,
        all_languages=built.all_languages,
        editor=editor_pattern(),
        row_cells=built.cells,
        short_error=short_error,
        bar=bar,
        cell_title=cell_title,
        completion=completion,
        left=left,
        part_labels=PART_LABELS,
        export_roles=export_roles(),
        amendments=built.amendments,
    )


def _query_from_args() -> MatrixQuery:
    args = request.args
    langs = [code for value in args.getlist("lang") for code in value.split(",") if code]
    try:
        below = float(args["below"]) if args.get("below") else None
    except ValueError:
        below = None
    return MatrixQuery(
        langs=langs,
        doc=args.get("doc", "")[:200],
        below=below,
        stale=args.get("stale") == "1",
        sort=args.get("sort", "document"),
        lang_sort=args.get("lsort", "code"),
        unit=args.get("unit", "words"),
    )


class Pages:
    """Which rows of the matrix one page shows (``per``: a number or ``all``)."""

    def __init__(self, count: int, per: str, page: str):
        self.count = count
        self.all = per == "all"
        self.per = (count or 1) if self.all else _bounded(per, DEFAULT_PER_PAGE, 10, 1000)
        self.pages = max(1, -(-count // self.per))
        self.page = _bounded(page, 1, 1, self.pages)
        self.start = (self.page - 1) * self.per
        self.end = min(self.start + self.per, count)


def _bounded(text: str, default: int, low: int, high: int) -> int:
    try:
        value = int(text)
    except ValueError:
        return default
    return min(max(value, low), high)
