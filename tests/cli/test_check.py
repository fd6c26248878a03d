"""translator check: what the summary line counts."""

from __future__ import annotations

import json

from translator.cli import cli


def run(runner, project, *args):
    return runner.invoke(cli, ["--project", str(project.root), *args])


def test_drafts_are_counted_as_drafts_not_as_translated(runner, project):
    assert project.init(["de"]).ok
    assert run(runner, project, "prefill", "--engine", "dummy").exit_code == 0  # 14 drafts
    summary = run(runner, project, "check", "--lang", "de").stdout.splitlines()[-1]
    assert "in 1 catalog(s), 0 translated entries and 14 draft(s); 0 gating" in summary
    data = json.loads(run(runner, project, "check", "--lang", "de", "--json").stdout)
    assert (data["summary"]["entries"], data["summary"]["drafts"]) == (0, 14)
    without = run(runner, project, "check", "--lang", "de", "--no-drafts").stdout
    assert "0 translated entries and 0 draft(s)" in without
