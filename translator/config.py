"""Project settings: where the project is, and what ``[tool.translator]`` (or translator.toml) says.

A project is a directory holding ``source/`` and ``locales/``. Settings live in ``translator.toml``
(table at top level) or in ``pyproject.toml`` under ``[tool.translator]``; environment variables
``TRANSLATOR_<KEY>`` override single values. API keys are never read from project files.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from translator.errors import ConfigError


@dataclass
class Settings:
    """Everything a command needs to know about one translation project."""

    root: Path
    source_language: str = "en"
    languages: list[str] = field(default_factory=list)  # empty: whatever locales/ holds
    project_name: str = "translator"
    team_email: str = ""
    # Per-language MT engine choice: {"de": "google", "es": "apertium", "*": "google"}.
    engines: dict[str, str] = field(default_factory=lambda: {"*": "google"})
    tm_min_score: int = 75
    # Roles never sent to an engine (memory drafts only), e.g. ["slogan", "title"]: some teams
    # want every slogan written by a person. Empty by default: everything gets a draft.
    human_roles: list[str] = field(default_factory=list)
    build_min_completion: float = 80.0
    build_allow_drafts: list[str] = field(default_factory=list)  # languages whose drafts count
    build_rules: dict[str, list[str]] = field(default_factory=dict)  # lang or "*" -> rule ids
    blocking_checks: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def source_dir(self) -> Path:
        return self.root / "source"

    @property
    def locales_dir(self) -> Path:
        return self.root / "locales"

    @property
    def glossary_dir(self) -> Path:
        """Glossary files (``all.tsv``, ``<lang>.tsv``), beside ``locales/`` so gettext tools
        find only catalogs there."""
        return self.root / "glossary"

    @property
    def instance_dir(self) -> Path:
        """Per-installation state (SQLite, caches); git-ignored."""
        return self.root / "instance"


def find_project(start: Path | None = None) -> Path:
    """Return the nearest directory at or above ``start`` holding ``source/`` and ``locales/``."""
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / "source").is_dir() and (candidate / "locales").is_dir():
            return candidate
    raise ConfigError(
        f"no translation project at or above {here} (a directory with source/ and locales/); "
        "use --project DIR or create them"
    )


def _read_table(root: Path) -> dict[str, Any]:
    own = root / "translator.toml"
    if own.is_file():
        return _load_toml(own)
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        return _load_toml(pyproject).get("tool", {}).get("translator", {})
    return {}


def _load_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc


_FIELDS = {name for name in Settings.__dataclass_fields__ if name not in ("root", "extra")}


def load_settings(root: Path | None = None, env: dict[str, str] | None = None) -> Settings:
    """Load settings for the project at ``root`` (found upwards from the cwd when omitted)."""
    root = (root or find_project()).resolve()
    if not (root / "source").is_dir() or not (root / "locales").is_dir():
        raise ConfigError(f"{root}: not a translation project (needs source/ and locales/)")
    table = _read_table(root)
    known = {key.replace("-", "_"): value for key, value in table.items()}
    values = {key: value for key, value in known.items() if key in _FIELDS}
    extra = {key: value for key, value in known.items() if key not in _FIELDS}
    env = os.environ if env is None else env
    if "TRANSLATOR_SOURCE_LANGUAGE" in env:
        values["source_language"] = env["TRANSLATOR_SOURCE_LANGUAGE"]
    settings = Settings(root=root, extra=extra, **values)
    _validate(settings)
    return settings


def _validate(settings: Settings) -> None:
    if not isinstance(settings.engines, dict):
        raise ConfigError("[tool.translator] engines: expected a table of language = engine")
    if not 0 <= float(settings.build_min_completion) <= 100:
        raise ConfigError("[tool.translator] build_min_completion: expected 0 to 100")
    if not 0 <= int(settings.tm_min_score) <= 100:
        raise ConfigError("[tool.translator] tm_min_score: expected 0 to 100")
