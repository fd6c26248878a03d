"""Machine-translation engines: a small registry of plug-ins over one base class.

``get_engine(name, settings)`` builds an engine with its options (project settings under
``[tool.translator.mt.<name>]``; keys from the environment or a keys file, see
:mod:`translator.mt.keys`) and the project's persistent cache (``instance/mt-cache.sqlite3``).
Outside packages add engines through the ``translator.engines`` entry-point group, or by calling
:func:`register` with an :class:`Engine` subclass.
"""

from __future__ import annotations

from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Any

from translator.errors import ConfigError
from translator.mt.apertium import ApertiumEngine
from translator.mt.base import Engine, EngineStats, MTItemError, MTTemporary
from translator.mt.cache import MTCache
from translator.mt.deep import DEEP_ENGINES
from translator.mt.dummy import DummyEngine
from translator.mt.keys import engine_options, env_name

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

ENGINES: dict[str, type[Engine]] = {}
MEMORY_ONLY = ("memory", "none")  # engine names that mean "no engine: memory drafts only"
CACHE_FILE = "mt-cache.sqlite3"


def register(cls: type[Engine]) -> type[Engine]:
    """Add an engine class to the registry under ``cls.name`` (usable as a decorator)."""
    if not cls.name:
        raise ConfigError(f"{cls.__name__}: an engine needs a name")
    ENGINES[cls.name] = cls
    return cls


for _cls in (*DEEP_ENGINES, ApertiumEngine, DummyEngine):
    register(_cls)

_plugins_loaded = False


def _load_plugins() -> None:
    global _plugins_loaded
    if _plugins_loaded:
        return
    _plugins_loaded = True
    for point in entry_points(group="translator.engines"):
        try:
            register(point.load())
        except Exception:  # a broken plug-in must not break the built-in engines
            continue


def engine_names() -> list[str]:
    _load_plugins()
    return sorted(ENGINES)


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
    _load_plugins()
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
