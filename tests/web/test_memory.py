"""The editor's memory is the index: a save in one document is suggested in another at once
(patched, not re-read), an outside edit is picked up, and TMX units say where they came from."""

from __future__ import annotations

import re

import pytest

from tests.web.conftest import AuthActions, ReviewActions, make_app, make_web_project
from translator.catalog import read_catalog
from translator.catalog.io import catalog_text
from translator.cli import cli
from translator.tm import open_memory
from translator.tm.index import file_identity

APPEAL = """---
slug: appeal
title: "An appeal"
date: 2021-03-09
lang: en
---

# An appeal

Stop the war now! Bread and peace for everyone.
"""

OMEGAT = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="OmegaT" segtype="sentence" adminlang="en"
  srclang="en" datatype="plaintext" o-tmf="OmegaT TMX"/>
<body>
  <tu><tuv xml:lang="en"><seg>Strengthen the ICOR now!</seg></tuv>
      <tuv xml:lang="de" creationid="anna"><seg>Stärkt die ICOR jetzt!</seg></tuv></tu>
</body></tmx>
"""


@pytest.fixture
def app(project):
    (project.root / "source" / "appeal.md").write_text(APPEAL, encoding="utf-8")
    make_web_project(project.root, langs=("de",))
    return make_app(project.root)


def panel(client, review, slug: str, text: str) -> str:
    key = ReviewActions(client, review._auth, slug).find("de", text)["key"]
    return client.get(f"/translate/{slug}/de/segment/{key}").get_data(as_text=True)


def test_a_save_is_suggested_in_another_document_without_rereading(project, app, client, auth):
    auth.login("dana")
    sample, appeal = ReviewActions(client, auth), ReviewActions(client, auth, "appeal")
    assert "Stoppt den Krieg jetzt!" not in panel(client, sample, "sample", "Stop the war!")
    memory = open_memory(project.settings.locales_dir, project.settings.instance_dir, "de")
    entry = appeal.find("de", "Stop the war now!")
    assert appeal.save("de", entry, "Stoppt den Krieg jetzt!").status_code == 200
    path = project.catalog_path("de", "appeal")
    assert memory.index.known()["appeal"] == file_identity(path)  # patched as it was written
    parsed = memory.index.parsed
    html = panel(client, sample, "sample", "Stop the war!")
    assert memory.index.parsed == parsed  # the lookups had no catalog to read again
    suggestion = re.search(r'data-text="Stoppt den Krieg jetzt!".*?</li>', html, re.S)
    assert suggestion and re.search(r'class="score"[^>]*>\d\d%<', suggestion.group(0))
    assert "Memory · appeal" in suggestion.group(0)


def test_an_edit_behind_the_servers_back_is_suggested_after_one_reread(project, app, client):
    auth = AuthActions(client)
    auth.login("dana")
    sample = ReviewActions(client, auth)
    panel(client, sample, "sample", "Stop the war!")  # the index is built
    memory = open_memory(project.settings.locales_dir, project.settings.instance_dir, "de")
    parsed = memory.index.parsed
    path = project.catalog_path("de", "appeal")
    po = read_catalog(path)
    po.find("Stop the war now!").msgstr = "Schluss mit dem Krieg jetzt!"
    path.write_text(catalog_text(po), encoding="utf-8")  # git pull, a text editor
    html = panel(client, sample, "sample", "Stop the war!")
    assert 'data-text="Schluss mit dem Krieg jetzt!"' in html
    assert memory.index.parsed == parsed + 1  # appeal.po only, once


def test_an_imported_tmx_unit_says_it_comes_from_the_file(project, app, client, runner, tmp_path):
    tmx = tmp_path / "omegat.tmx"
    tmx.write_text(OMEGAT, encoding="utf-8")
    result = runner.invoke(
        cli, ["--project", str(project.root), "tm", "import", str(tmx), "--lang", "de"]
    )
    assert result.exit_code == 0, result.output
    auth = AuthActions(client)
    auth.login("dana")
    html = panel(client, ReviewActions(client, auth), "sample", "Strengthen the ICOR!")
    suggestion = re.search(r'data-text="Stärkt die ICOR jetzt!".*?</li>', html, re.S)
    assert suggestion and "from TMX: omegat.tmx" in suggestion.group(0)
