"""Pre-fill takes its memory from the index: TMX units imported with ``translator tm import``
become drafts naming their file, a translation saved a moment ago counts, and a dry run
writes nothing."""

from __future__ import annotations

from translator.catalog import read_catalog, write_catalog
from translator.catalog.state import comment_fields, is_fuzzy, set_human
from translator.cli import cli

OMEGAT = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="OmegaT" segtype="sentence" adminlang="en"
  srclang="en" datatype="plaintext" o-tmf="OmegaT TMX"/>
<body>
  <tu><tuv xml:lang="en"><seg>Stop the war!</seg></tuv>
      <tuv xml:lang="de"><seg>Stoppt den Krieg!</seg></tuv></tu>
  <tu><tuv xml:lang="en"><seg>Strengthen the ICOR now!</seg></tuv>
      <tuv xml:lang="de"><seg>Stärkt die ICOR jetzt!</seg></tuv></tu>
</body></tmx>
"""


def run(runner, project, *args):
    return runner.invoke(cli, ["--project", str(project.root), *args])


def imported(project, runner, tmp_path):
    assert project.init(["de"]).ok
    path = tmp_path / "omegat.tmx"
    path.write_text(OMEGAT, encoding="utf-8")
    result = run(runner, project, "tm", "import", str(path), "--lang", "de")
    assert result.exit_code == 0, result.output


def test_tmx_units_become_drafts_that_name_the_file(project, runner, tmp_path):
    imported(project, runner, tmp_path)
    result = run(runner, project, "prefill", "--lang", "de", "--engine", "dummy")
    assert result.exit_code == 0, result.output
    po = read_catalog(project.catalog_path("de", "sample"))
    exact, fuzzy = po.find("Stop the war!"), po.find("Strengthen the ICOR!")
    assert exact.msgstr == "Stoppt den Krieg!" and is_fuzzy(exact)
    assert comment_fields(exact)["origin"] == "tm:100 tmx:omegat.tmx"
    assert fuzzy.msgstr == "Stärkt die ICOR jetzt!"
    score, where = comment_fields(fuzzy)["origin"][3:].split(" ", 1)
    assert 75 <= int(score) < 100 and where == "tmx:omegat.tmx"


def test_a_dry_run_counts_tmx_drafts_and_writes_nothing(project, runner, tmp_path, snapshot):
    imported(project, runner, tmp_path)
    before = snapshot(project.root)
    result = run(runner, project, "prefill", "--lang", "de", "--engine", "dummy", "--dry-run")
    assert result.exit_code == 0, result.output
    assert snapshot(project.root) == before
    assert not read_catalog(project.catalog_path("de", "sample")).find("Stop the war!").msgstr


def test_a_translation_saved_just_before_is_used(project, runner, tmp_path):
    imported(project, runner, tmp_path)
    run(runner, project, "prefill", "--lang", "de", "--engine", "dummy")  # the index is built
    other = project.catalog_path("de", "other")
    po = read_catalog(project.catalog_path("de", "sample"))
    for entry in po:
        entry.msgstr, entry.flags, entry.tcomment = "", [], ""
    set_human(po.find("Stop the war!"), "Schluss mit dem Krieg!")
    write_catalog(po, other)  # a second document, saved through the tool: patched in
    sample = read_catalog(project.catalog_path("de", "sample"))
    sample.find("Stop the war!").msgstr = ""
    sample.find("Stop the war!").flags = []
    write_catalog(sample, project.catalog_path("de", "sample"))
    result = run(runner, project, "prefill", "--lang", "de", "--doc", "sample", "--engine", "dummy")
    assert result.exit_code == 0, result.output
    entry = read_catalog(project.catalog_path("de", "sample")).find("Stop the war!")
    assert entry.msgstr == "Schluss mit dem Krieg!"  # the catalog's human text beats the TMX
    assert comment_fields(entry)["origin"] == "tm:100 other"
