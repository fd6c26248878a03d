"""The matrix model (sorting, filtering, totals), its CSV export, and the CLI views over it."""

from __future__ import annotations

import csv
import io
import json

import pytest

from translator.catalog import read_catalog, write_catalog
from translator.catalog.state import approve, set_draft, set_human
from translator.cli import cli
from translator.progress.matrix import (
    MatrixQuery,
    build_matrix,
    document_titles,
    matrix_csv,
    part_counts,
)
from translator.progress.stats import CatalogStats, StatsRow, StatsTable


def stats(done: int, fuzzy: int, untranslated: int, words: int = 10) -> CatalogStats:
    total = done + fuzzy + untranslated
    return CatalogStats(
        total=total, translated=done, fuzzy=fuzzy, untranslated=untranslated,
        total_words=total * words, translated_words=done * words, fuzzy_words=fuzzy * words,
        untranslated_words=untranslated * words,
    )  # fmt: skip


@pytest.fixture
def table() -> StatsTable:
    rows = [
        StatsRow("alpha", "de", "locales/de/LC_MESSAGES/alpha.po", stats(10, 0, 0)),
        StatsRow("alpha", "fa", "locales/fa/LC_MESSAGES/alpha.po", stats(2, 3, 5)),
        StatsRow("beta", "de", "locales/de/LC_MESSAGES/beta.po", stats(5, 0, 5)),
        StatsRow("beta", "fa", "locales/fa/LC_MESSAGES/beta.po", CatalogStats(), "beta.po:3: bad"),
        StatsRow("gamma", "fa", "locales/fa/LC_MESSAGES/gamma.po", stats(0, 0, 4)),
    ]
    return StatsTable(rows=rows, errors=["beta.po:3: bad"])


def test_rows_and_columns_with_totals(table):
    matrix = build_matrix(table)
    assert [row.document for row in matrix.rows] == ["alpha", "beta", "gamma"]
    assert [lang.code for lang in matrix.languages] == ["de", "fa"]
    assert matrix.languages[0].name == "German" and matrix.languages[1].native == "فارسی"
    assert matrix.total.total == 10 + 10 + 10 + 4
    assert matrix.rows[0].total.percent == 60.0
    assert matrix.broken == 1 and matrix.rows[1].cells["fa"].error


def test_sort_by_completion_both_ways(table):
    ascending = build_matrix(table, query=MatrixQuery(sort="completion"))
    assert [row.document for row in ascending.rows] == ["gamma", "beta", "alpha"]
    descending = build_matrix(table, query=MatrixQuery(sort="-completion", lang_sort="completion"))
    assert [row.document for row in descending.rows] == ["alpha", "beta", "gamma"]
    assert [lang.code for lang in descending.languages] == ["fa", "de"]


def test_filters(table):
    only_fa = build_matrix(table, query=MatrixQuery(langs=["fa"]))
    assert [lang.code for lang in only_fa.languages] == ["fa"] and only_fa.hidden_languages == 1
    by_name = build_matrix(table, query=MatrixQuery(doc="AMM"), titles={"beta": "Gamma rays"})
    assert [row.document for row in by_name.rows] == ["beta", "gamma"]
    below = build_matrix(table, query=MatrixQuery(below=50))
    assert [lang.code for lang in below.languages] == ["fa"]  # German is 75% done overall
    assert [row.document for row in below.rows] == ["alpha", "beta", "gamma"]  # beta: broken
    stale = build_matrix(table, query=MatrixQuery(stale=True))
    assert [row.document for row in stale.rows] == ["beta"]  # broken counts as needing care


def test_bad_query_values_fall_back():
    query = MatrixQuery(sort="drop table", lang_sort="?", unit="pages")
    assert (query.sort, query.lang_sort, query.unit) == ("document", "code", "words")


def test_part_counts_by_unit():
    figures = stats(2, 3, 5, words=7)
    assert part_counts(figures, "segments") == {
        "approved": 0, "translated": 2, "fuzzy": 3, "untranslated": 5,
    }  # fmt: skip
    assert part_counts(figures, "words")["fuzzy"] == 21


def test_csv_has_the_json_numbers(table):
    lines = list(csv.DictReader(io.StringIO(matrix_csv(table))))
    assert len(lines) == len(table.rows)
    for line, row in zip(lines, table.to_dict()["catalogs"], strict=True):
        for key in ("total", "translated", "fuzzy", "untranslated", "total_words", "percent"):
            assert line[key] == str(row[key])
    assert lines[3]["error"] == "beta.po:3: bad" and lines[1]["language_name"] == "Persian"


def test_titles_come_from_front_matter(project, tmp_path):
    (project.settings.source_dir / "quoted.md").write_text(
        '---\nslug: quoted\ntitle: "Peace: now"\n---\n\nText.\n', encoding="utf-8"
    )
    titles = document_titles(project.settings.source_dir, ["sample", "quoted", "missing"])
    assert titles == {"sample": "Peace now. Stop the war!", "quoted": "Peace: now"}


@pytest.fixture
def worked(project):
    project.init(["de", "fa"])
    path = project.catalog_path("de", "sample")
    po = read_catalog(path)
    entries = [entry for entry in po if entry.msgid]
    set_human(entries[0], "Frieden jetzt.")
    approve(entries[0], "rita", "2026-01-02")
    set_draft(entries[1], "Stoppt den Krieg!", "mt:google")
    write_catalog(po, path)
    return project


def run(runner, project, *args):
    return runner.invoke(cli, ["--project", str(project.root), *args])


def test_cli_totals_by_language(worked, runner):
    result = run(runner, worked, "stats", "--by", "language")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:3] == ["language", "catalogs", "approved"]
    german = next(line for line in lines if line.startswith("de German"))
    figures = worked.stats().totals("language")["de"]
    assert german.split()[2:5] == ["1", str(figures.approved_words), str(figures.translated_words)]


def test_cli_csv_equals_the_library(worked, runner):
    result = run(runner, worked, "stats", "--csv")
    assert result.exit_code == 0
    assert result.output == matrix_csv(worked.stats(), worked.staleness())


def test_cli_stale_lists_reasons(worked, runner):
    source = worked.settings.source_dir / "sample.md"
    source.write_text(source.read_text("utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    worked.extract()
    result = run(runner, worked, "stats", "--stale")
    assert result.exit_code == 0
    assert "template changed after this catalog was last updated" in result.output
    data = json.loads(run(runner, worked, "stats", "--stale", "--json").output)
    assert {item["language"] for item in data["stale"]} == {"de", "fa"}
    assert data["stale"][0]["reasons"] == ["template-changed"]


def test_csv_cells_never_start_a_spreadsheet_formula():
    from translator.progress.matrix import matrix_csv
    from translator.progress.stats import CatalogStats, StatsRow, StatsTable

    row = StatsRow("doc", "de", "locales/de/LC_MESSAGES/doc.po", CatalogStats(), error="=1+2")
    csv_text = matrix_csv(StatsTable(rows=[row]))
    assert ",'=1+2" in csv_text and ",=1+2" not in csv_text
