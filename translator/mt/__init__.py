"""Machine-translation engines: a small registry of plug-ins over one base class.

``get_engine(name, settings)`` builds an engine with its options (project settings under
``[tool.translator.mt.<name>]``; keys from the environment or a keys file, see
:mod:`translator.mt.keys`) and the project's persistent cache (``instance/mt-cache.sqlite3``).
Engines register themselves (``@register``, :mod:`translator.mt.registry`) in the modules
imported below; outside packages add engines through the ``translator.engines`` entry-point
group, or by calling :func:`register` with an :class:`Engine` subclass.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from translator.errors import ConfigError
from translator.mt import dummy, providers  # noqa: F401  (each module registers its engines)
from translator.mt.apertium import ApertiumEngine
from translator.mt.base import Engine, EngineStats, MTItemError, MTTemporary
from translator.mt.cache import MTCache
from translator.mt.keys import engine_options, env_name
from translator.mt.registry import ENGINES, engine_names, load_plugins, register

if TYPE_CHECKING:
    from translator.config import Settings

__all__ = [
    "ENGINES",
    "Engine",
    "EngineStats",
    "MTCache",
    "MTItemError",
    "MTTemporary",
    "cache_path",
    "engine_names",
    "get_engine",
    "register",
]

MEMORY_ONLY = ("memory", "none")  # engine names that mean "no engine: memory drafts only"
CACHE_FILE = "mt-cache.sqlite3"


def cache_path(settings: Settings) -> Any:
    return settings.instance_dir / CACHE_FILE


def get_engine(
    name: str,
    settings: Settings | None = None,
    *,
    env: dict[str, str] | None = None,
    cache: MTCache | None = None,
    **overrides: Any,
) -> Engine:
    """Build the engine ``name`` with its options and the project's cache."""
    load_plugins()
    cls = ENGINES.get(name)
    if cls is None:
        known = ", ".join(engine_names())
        raise ConfigError(f"unknown engine {name!r} (known: {known}; or 'memory' for none)")
    project = {}
    if settings is not None:
        table = settings.extra.get("mt", {})
        project = table.get(name, {}) if isinstance(table, dict) else {}
    options = engine_options(
        name, cls.fields, project=project, env=env, root=settings.root if settings else None
    )
    options.update(overrides)
    if cache is None and settings is not None:
        cache = MTCache(cache_path(settings))
    return cls(options, cache=cache)


def describe_engines(env: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Name, title, network use and the environment variables of every registered engine."""
    rows = []
    for name in engine_names():
        cls = ENGINES[name]
        row = {
            "name": name,
            "title": cls.title,
            "network": cls.needs_network,
            "options": {field: env_name(name, field) for field in cls.fields},
            "required": list(cls.required),
        }
        if cls is ApertiumEngine:
            row["pairs"] = list(ApertiumEngine().pairs())
        if env is not None:
            options = engine_options(name, cls.fields, env=env)
            row["configured"] = all(options.get(field) for field in cls.required)
            if "pairs" in row:
                row["configured"] = bool(row["pairs"])  # installed, with at least one pair
        rows.append(row)
    return rows
