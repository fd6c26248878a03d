"""Every command treats a catalog GNU gettext would reject as broken: exit 1, file and line
named, and the file left exactly as it was."""

from __future__ import annotations

import re

import pytest

from tests.catalog.damage import DAMAGE
from translator.cli import cli

CATALOG = "locales/de/LC_MESSAGES/sample.po"


COMMANDS = [
    ["stats"],
    ["stats", "--json"],
    ["check", "--lang", "de"],
    ["build", "--lang", "de", "--format", "md,mo"],
    ["update"],
    ["prefill", "--lang", "de", "--engine", "dummy"],
]


@pytest.fixture
def damaged_project(project):
    assert project.init(["de", "fr"]).ok
    return project


@pytest.mark.parametrize("damage", DAMAGE, ids=lambda f: f.__name__)
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_damaged_catalog_fails_every_command_and_is_not_rewritten(
    runner, damaged_project, damage, command
):
    path = damaged_project.root / CATALOG
    damaged = damage(path.read_text(encoding="utf-8"))
    path.write_text(damaged, encoding="utf-8")
    result = runner.invoke(cli, ["--project", str(damaged_project.root), *command])
    assert result.exit_code == 1, result.output
    assert re.search(rf"{re.escape(CATALOG)}(:\d+)?: invalid PO file: ", result.stderr)
    assert "Traceback" not in result.output
    assert path.read_text(encoding="utf-8") == damaged


def test_a_stray_folder_in_locales_is_a_warning(runner, damaged_project):
    (damaged_project.root / "locales" / "old-backup").mkdir()
    result = runner.invoke(cli, ["--project", str(damaged_project.root), "stats", "--json"])
    assert result.exit_code == 0
    assert "warning: locales/old-backup: not a language code, ignored" in result.stderr
    assert "old-backup" not in result.stdout
