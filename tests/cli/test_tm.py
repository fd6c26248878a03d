"""``translator tm import``: TMX units into the memory index, named by file; ``--check`` only
reads; a bad file is named with its line and unit."""

from __future__ import annotations

import json

import pytest

from translator.catalog import read_catalog, write_catalog
from translator.catalog.state import set_human
from translator.cli import cli
from translator.tm import open_memory

OMEGAT = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
<header creationtool="OmegaT" segtype="sentence" adminlang="en" srclang="en"
  datatype="plaintext" o-tmf="OmegaT TMX"/>
<body>
  <tu><tuv xml:lang="en"><seg>Stop the war!</seg></tuv>
      <tuv xml:lang="de" creationid="anna" creationdate="20240101T090000Z">
      <seg>Stoppt den Krieg!</seg></tuv></tu>
  <tu><tuv xml:lang="en"><seg>Only in French.</seg></tuv>
      <tuv xml:lang="fr"><seg>Seulement en français.</seg></tuv></tu>
</body></tmx>
"""


@pytest.fixture
def started(project, tmp_path):
    assert project.init(["de"]).ok
    (tmp_path / "omegat.tmx").write_text(OMEGAT, encoding="utf-8")
    return project


def run(runner, project, *args):
    return runner.invoke(cli, ["--project", str(project.root), *args])


def memory(project):
    found = open_memory(project.settings.locales_dir, project.settings.instance_dir, "de")
    found.refresh()
    return found


def test_import_adds_the_units_under_the_files_name(runner, started, tmp_path):
    result = run(runner, started, "tm", "import", str(tmp_path / "omegat.tmx"), "--lang", "de")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "omegat.tmx: 1 units added to the de memory (OmegaT)"
    assert "left out: omegat.tmx:9: unit 2: no de text (has en, fr)" in result.stderr
    hit = memory(started).lookup("Stop the war!")
    assert (hit.text, hit.origin) == ("Stoppt den Krieg!", "tm:100 tmx:omegat.tmx")
    rows = memory(started).index.query("SELECT author, created FROM units WHERE kind = 1")
    assert rows == [("anna", "2024-01-01 09:00:00")]


def test_importing_the_same_file_again_replaces_its_units(runner, started, tmp_path):
    path = tmp_path / "omegat.tmx"
    assert run(runner, started, "tm", "import", str(path), "--lang", "de").exit_code == 0
    path.write_text(OMEGAT.replace("Stoppt den Krieg!", "Schluss mit dem Krieg!"), "utf-8")
    result = run(runner, started, "tm", "import", str(path), "--lang", "de", "--json")
    assert json.loads(result.stdout)["added"] == 1
    assert memory(started).lookup("Stop the war!").text == "Schluss mit dem Krieg!"
    assert memory(started).index.imports() == [("omegat.tmx", "OmegaT", 1)]


def test_check_reads_the_file_and_writes_nothing(runner, started, tmp_path, snapshot):
    before = snapshot(started.root)
    result = run(
        runner, started, "tm", "import", str(tmp_path / "omegat.tmx"), "--lang", "de", "--check"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "omegat.tmx: 1 units for de (OmegaT)"
    assert snapshot(started.root) == before


def test_a_malformed_file_is_named_with_its_line_and_nothing_is_written(
    runner, started, tmp_path, snapshot
):
    bad = tmp_path / "broken.tmx"
    bad.write_text(OMEGAT.replace("</tu>\n  <tu>", "</tuv>\n  <tu>", 1), encoding="utf-8")
    before = snapshot(started.root)
    result = run(runner, started, "tm", "import", str(bad), "--lang", "de")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith("error: broken.tmx:8: not well-formed XML")
    assert snapshot(started.root) == before


def test_a_file_without_the_language_is_an_error_naming_the_unit(runner, started, tmp_path):
    result = run(runner, started, "tm", "import", str(tmp_path / "omegat.tmx"), "--lang", "es")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "error: omegat.tmx: no unit has both es and the source; "
        "omegat.tmx:6: unit 1: no es text (has de, en)"
    )


def test_an_unknown_language_is_refused_before_reading(runner, started, tmp_path):
    result = run(runner, started, "tm", "import", str(tmp_path / "omegat.tmx"), "--lang", "xx-nope")
    assert result.exit_code != 0 and result.stderr.startswith("error:")
    assert not (started.settings.instance_dir / "tm").exists()


def test_index_fills_each_language_once(runner, project):
    assert project.init(["de", "fr"]).ok
    path = project.catalog_path("de", "sample")
    po = read_catalog(path)
    set_human(po.find("Stop the war!"), "Stoppt den Krieg!")
    write_catalog(po, path)
    first = run(runner, project, "tm", "index")
    assert first.exit_code == 0, first.output
    assert first.stdout.splitlines() == [
        "de: 1 catalogs read, 1 source texts, 0 TMX files",
        "fr: 1 catalogs read, 0 source texts, 0 TMX files",
    ]
    assert (project.settings.instance_dir / "tm" / "fr.sqlite3").is_file()
    again = run(runner, project, "tm", "index", "--lang", "de", "--json")
    assert json.loads(again.stdout)["languages"] == {"de": {"read": 0, "texts": 1, "imports": 0}}
