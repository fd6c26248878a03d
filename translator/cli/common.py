"""What every command shares: the context object, options spelled once, and output helpers."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from translator.catalog.layout import stray_entries
from translator.config import find_project, load_settings
from translator.project import Project, StepReport


class ProjectContext:
    """Carries the ``--project`` choice; the project is loaded only by commands that need it."""

    def __init__(self, root: Path | None):
        self._root = root
        self._project: Project | None = None

    @property
    def project(self) -> Project:
        if self._project is None:
            root = self._root.resolve() if self._root else find_project()
            self._project = Project(load_settings(root))
            for warning in stray_entries(self._project.settings):
                click.echo(f"warning: {warning}", err=True)
        return self._project


pass_project = click.make_pass_decorator(ProjectContext)


def _split_list(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]):
    """``--lang de,fr --lang es`` -> ``("de", "fr", "es")``."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


doc_option = click.option("--doc", "slugs", multiple=True, help="Only this document (repeatable).")
lang_option = click.option(
    "--lang",
    "langs",
    multiple=True,
    callback=_split_list,
    help="Only this language (repeatable, or a,b).",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")


def _default_jobs(ctx: click.Context, param: click.Parameter, value: int | None) -> int:
    from translator.parallel import default_jobs

    return default_jobs() if value is None else value


jobs_option = click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    callback=_default_jobs,
    help="Processes to work on (default: the CPU count); the output does not depend on it.",
)


def emit_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False))


def report_errors(errors: list[str]) -> None:
    """One ``error: ...`` line on stderr per failure."""
    for line in errors:
        click.echo(f"error: {line}", err=True)


def finish(report: StepReport) -> None:
    """Exit non-zero when any part of a step failed (other parts were still done)."""
    report_errors(report.errors)
    if not report.ok:
        sys.exit(1)
