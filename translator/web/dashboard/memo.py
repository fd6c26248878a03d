"""The dashboard matrix and its drawn rows, kept between requests while the figures hold.

Building the matrix walks every catalog's figures (20,000 at 1,000 documents x 20 languages)
and drawing a page of rows formats thousands of cells; both are pure functions of the figures,
the staleness marks, the titles and the query. :meth:`Project.overview` hands out the same row
objects while no catalog changed, so comparing the lists (identity first, element by element)
tells in about a millisecond whether the last answer still holds; a saved catalog brings a new
row object and the next request builds the matrix again, drawing only the rows whose cells
changed.
"""

from __future__ import annotations

import dataclasses
import threading
from collections import OrderedDict
from typing import TYPE_CHECKING

from markupsafe import Markup

from translator.progress.matrix import build_matrix
from translator.web.dashboard.cells import row_cells

if TYPE_CHECKING:
    from translator.progress.matrix import Matrix, MatrixQuery, Row
    from translator.progress.stats import StatsTable

KEPT = 16  # matrices kept (one per query asked: sort orders, filters)


@dataclasses.dataclass
class Built:
    """One query's matrix, the figures it came from, and rows already drawn."""

    inputs: tuple
    matrix: Matrix
    all_languages: list[str]
    amendments: int
    drawn: dict[tuple, tuple[dict, Markup]] = dataclasses.field(default_factory=dict)

    def cells(self, row: Row, editor: str, short_error) -> Markup:
        """The row's cells as HTML, drawn again only when one of its cells changed.

        ``drawn`` starts as the previous matrix's (same query): after one save, the other rows
        of the page are taken as they were.
        """
        languages = self.matrix.languages
        key = (row.document, editor, self.matrix.unit, tuple(lang.code for lang in languages))
        kept = self.drawn.get(key)
        if kept is not None and kept[0] == row.cells:
            return kept[1]
        html = row_cells(row, languages, self.matrix.unit, editor, short_error)
        self.drawn[key] = (row.cells, html)
        return html


_BUILT: OrderedDict[tuple, Built] = OrderedDict()
_LOCK = threading.Lock()


def matrix_for(table: StatsTable, staleness: dict, query: MatrixQuery, titles: dict) -> Built:
    """The matrix ``query`` asks for, built again only when its inputs changed."""
    key = repr(query)  # a dataclass of plain values (a list among them)
    inputs = (table.rows, table.errors, staleness, titles)
    with _LOCK:
        built = _BUILT.get(key)
        if built is not None and _same(built.inputs, inputs):
            _BUILT.move_to_end(key)
            return built
    drawn = dict(built.drawn) if built is not None else {}
    built = _build(table, staleness, query, titles, inputs)
    built.drawn = drawn
    with _LOCK:
        _BUILT[key] = built
        _BUILT.move_to_end(key)
        while len(_BUILT) > KEPT:
            _BUILT.popitem(last=False)
    return built


def _build(table, staleness, query, titles, inputs) -> Built:
    return Built(
        inputs,
        build_matrix(table, staleness, query, titles),
        sorted({row.language for row in table.rows}),
        sum(1 for mark in staleness.values() if mark.amended),
    )


def _same(old: tuple, new: tuple) -> bool:
    """Equal inputs; rows compare by identity first, so an unchanged list costs one pass."""
    return all(a is b or a == b for a, b in zip(old, new, strict=True))


def forget() -> None:
    """Drop every kept matrix (tests, or after the project was replaced)."""
    with _LOCK:
        _BUILT.clear()
