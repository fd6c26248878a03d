"""translator stats: the catalog table, JSON."""

from __future__ import annotations

import json

from translator.cli import cli


def run(runner, project, *args, **kwargs):
    return runner.invoke(cli, ["--project", str(project.root), *args], **kwargs)


def test_init_update_stats_json(runner, project):
    assert run(runner, project, "init", "de", "fa").exit_code == 0
    result = run(runner, project, "update", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {item["language"] for item in data["catalogs"]} == {"de", "fa"}
    result = run(runner, project, "stats", "--json")
    stats = json.loads(result.output)
    assert stats["languages"]["fa"]["total"] == 14
    assert stats["catalogs"][0]["percent"] == 0.0


def test_stats_table_is_readable(runner, project):
    run(runner, project, "init", "de")
    result = run(runner, project, "stats")
    assert result.exit_code == 0
    assert "sample" in result.output and "de" in result.output and "0.0%" in result.output
