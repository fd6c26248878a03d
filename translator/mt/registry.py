"""The registry of engines: name -> class, filled by ``@register`` and by plug-in packages.

Built-in engines register themselves where they are defined (``@register`` on the class); outside
packages add theirs through the ``translator.engines`` entry-point group.
"""

from __future__ import annotations

from importlib.metadata import entry_points
from typing import TYPE_CHECKING

from translator.errors import ConfigError

if TYPE_CHECKING:
    from translator.mt.base import Engine

ENGINES: dict[str, type[Engine]] = {}
_plugins_loaded = False


def register(cls: type[Engine]) -> type[Engine]:
    """Add an engine class to the registry under ``cls.name`` (usable as a decorator)."""
    if not cls.name:
        raise ConfigError(f"{cls.__name__}: an engine needs a name")
    ENGINES[cls.name] = cls
    return cls


def load_plugins() -> None:
    """Register the engines of installed plug-in packages (once per process)."""
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
    load_plugins()
    return sorted(ENGINES)
