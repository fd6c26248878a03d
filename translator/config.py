"""Project settings: where the project is, and what ``[tool.translator]`` (or translator.toml) says.

A project is a directory holding ``source/`` and ``locales/``. Settings live in ``translator.toml``
(table at top level) or in ``pyproject.toml`` under ``[tool.translator]``;
``TRANSLATOR_SOURCE_LANGUAGE`` in the environment overrides ``source_language``. Every known key
is checked on load (:func:`validate_settings`), so a wrong value is one error naming its key
before any step runs. API keys are never read from project files.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from translator.errors import ConfigError, LanguageError
from translator.languages import parse_language
from translator.model import Role


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
SOURCE_LANGUAGE_ENV = "TRANSLATOR_SOURCE_LANGUAGE"


def load_settings(root: Path | None = None, env: dict[str, str] | None = None) -> Settings:
    """Load settings for the project at ``root`` (found upwards from the cwd when omitted).

    Every value is checked first: a wrong one is a :class:`ConfigError` naming its key.
    """
    root = (root or find_project()).resolve()
    if not (root / "source").is_dir() or not (root / "locales").is_dir():
        raise ConfigError(f"{root}: not a translation project (needs source/ and locales/)")
    table = _read_table(root)
    known = {key.replace("-", "_"): value for key, value in table.items()}
    validate_settings(known)
    values = {key: value for key, value in known.items() if key in _FIELDS}
    extra = {key: value for key, value in known.items() if key not in _FIELDS}
    env = os.environ if env is None else env
    if SOURCE_LANGUAGE_ENV in env:
        _check(SOURCE_LANGUAGE_ENV, env[SOURCE_LANGUAGE_ENV], _language)
        values["source_language"] = env[SOURCE_LANGUAGE_ENV]
    return Settings(root=root, extra=extra, **values)


# -- validation ----------------------------------------------------------------------------------

Check = Callable[[Any], "str | None"]  # the problem with a value, or None when it is fine


def validate_settings(table: dict[str, Any]) -> None:
    """Check the known keys of a ``[tool.translator]`` table; unknown keys are left alone.

    A wrong value raises :class:`ConfigError` naming the key and what it should be:
    ``[tool.translator] tm_min_score: expected a whole number from 0 to 100, got 'abc'``.
    """
    for key, value in table.items():
        if key in CHECKS:
            _check(f"[tool.translator] {key}", value, CHECKS[key])


def _check(where: str, value: Any, check: Check) -> None:
    problem = check(value)
    if problem:
        raise ConfigError(f"{where}{problem}")


def _text(value: Any) -> str | None:
    return None if isinstance(value, str) else f": expected a string, got {value!r}"


def _flag(value: Any) -> str | None:
    return None if isinstance(value, bool) else f": expected true or false, got {value!r}"


def _language(value: Any) -> str | None:
    if not isinstance(value, str):
        return f': expected a language code such as "de", got {value!r}'
    try:
        parse_language(value)
    except LanguageError as exc:
        return f": {exc}"
    return None


def _role(value: Any) -> str | None:
    if value in {role.value for role in Role}:
        return None
    return f": unknown role {value!r} (known: {', '.join(role.value for role in Role)})"


def _number(low: float, high: float, *, whole: bool) -> Check:
    kinds = (int,) if whole else (int, float)

    def check(value: Any) -> str | None:
        if isinstance(value, kinds) and not isinstance(value, bool) and low <= value <= high:
            return None
        kind = "a whole number" if whole else "a number"
        return f": expected {kind} from {low} to {high}, got {value!r}"

    return check


def _list_of(item: Check, what: str = "strings") -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, list):
            return f": expected a list of {what}, got {value!r}"
        return next((problem for entry in value if (problem := item(entry))), None)

    return check


def _table_of(item: Check, what: str) -> Check:
    """A table keyed by language code (or ``*``) whose values pass ``item``."""

    def check(value: Any) -> str | None:
        if not isinstance(value, dict):
            return f": expected a table of language = {what}, got {value!r}"
        for key, entry in value.items():
            problem = None if key == "*" else _language(key)
            problem = problem or item(entry)
            if problem:
                return f".{key}{problem}"
        return None

    return check


def _mt_tables(value: Any) -> str | None:
    """``[tool.translator.mt.<engine>]``: one table of plain options per engine."""
    if not isinstance(value, dict):
        return f": expected a table of engine tables, got {value!r}"
    for name, options in value.items():
        if not isinstance(options, dict):
            return f".{name}: expected a table of options, got {options!r}"
    return None


CHECKS: dict[str, Check] = {
    "source_language": _language,
    "languages": _list_of(_language, "language codes"),
    "project_name": _text,
    "team_email": _text,
    "engines": _table_of(_text, "engine name"),
    "tm_min_score": _number(0, 100, whole=True),
    "human_roles": _list_of(_role, "roles"),
    "build_min_completion": _number(0, 100, whole=False),
    "build_allow_drafts": _list_of(_language, "language codes"),
    "build_rules": _table_of(_list_of(_text, "rule ids"), "list of rule ids"),
    "blocking_checks": _list_of(_text, "check ids"),
    # read by single steps from Settings.extra
    "mt": _mt_tables,
    "translate_glosses": _flag,
    "dashboard_export_roles": _list_of(_text),
}
