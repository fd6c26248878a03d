"""Shared fixtures: a throw-away copy of a small real project, and a CLI runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from translator.config import load_settings
from translator.project import Project

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parent.parent


def copy_project(target: Path, source_dir: Path, locales_dir: Path | None = None) -> Path:
    shutil.copytree(source_dir, target / "source")
    if locales_dir is not None and locales_dir.is_dir():
        shutil.copytree(locales_dir, target / "locales")
    else:
        (target / "locales").mkdir()
    return target


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """tests/data copied to a temporary directory: source/sample.md and locales/."""
    root = copy_project(tmp_path / "project", DATA / "source", DATA / "locales")
    return Project(load_settings(root))


@pytest.fixture
def seed_project(tmp_path: Path) -> Project:
    """The repository's own bundled resolutions and catalogs, copied."""
    root = copy_project(tmp_path / "seed", REPO / "source", REPO / "locales")
    return Project(load_settings(root))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
