"""Shared fixtures: a throw-away copy of a small real project, and a CLI runner."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings as hypothesis_settings

from translator.config import load_settings
from translator.project import Project

# CI explores the same examples every run (a red build must be reproducible); locally,
# Hypothesis keeps searching with fresh random examples.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parent.parent


def copy_project(target: Path, source_dir: Path, locales_dir: Path | None = None) -> Path:
    shutil.copytree(source_dir, target / "source")
    if locales_dir is not None and locales_dir.is_dir():
        shutil.copytree(locales_dir, target / "locales")
        glossary = locales_dir.parent / "glossary"
        if glossary.is_dir():
            shutil.copytree(glossary, target / "glossary")
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


def tree_snapshot(root: Path) -> dict[str, tuple]:
    """Every file and folder under ``root``: its bytes and modification time (folders: none)."""
    found: dict[str, tuple] = {}
    for path in sorted(root.rglob("*")):
        stat = path.lstat()
        key = str(path.relative_to(root))
        found[key] = ("dir",) if path.is_dir() else (path.read_bytes(), stat.st_mtime_ns)
    return found


@pytest.fixture
def snapshot():
    """:func:`tree_snapshot`: compare a project before and after a command that must not write."""
    return tree_snapshot


CHROMIUM = Path("/usr/bin/chromium")  # Debian's package; Playwright's own download is not used
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
TEST_OUTPUT = REPO / "test-output"


def missing(what: str) -> None:
    """A real component is absent: skip locally, but fail under CI, whose script installs it."""
    if os.environ.get("CI"):
        pytest.fail(f"{what}; .ci/run should have installed it")
    pytest.skip(what)


@pytest.fixture
def missing_component():
    """:func:`missing` for test modules (they cannot import conftest under importlib mode)."""
    return missing  # screenshots and other artefacts (git-ignored)


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium through Playwright, shared by the session; open pages with new_page()."""
    if not CHROMIUM.is_file():
        missing(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def screenshot_dir() -> Path:
    """Where browser tests save screenshots: test-output/ in the repository."""
    TEST_OUTPUT.mkdir(exist_ok=True)
    return TEST_OUTPUT
