"""Engine options and API keys: project settings for plain options, secrets only from outside.

Plain options (a server URL, a region, a timeout) may sit in the project settings under
``[tool.translator.mt.<engine>]``. Secrets never do; they come, in this order of precedence, from

1. the environment: ``TRANSLATOR_<ENGINE>_<FIELD>``, e.g. ``TRANSLATOR_DEEPL_API_KEY``,
   ``TRANSLATOR_MICROSOFT_API_KEY``, ``TRANSLATOR_MICROSOFT_REGION``, ``TRANSLATOR_LIBRE_URL``,
   ``TRANSLATOR_LIBRE_API_KEY``, ``TRANSLATOR_YANDEX_API_KEY``, ``TRANSLATOR_BAIDU_APPID``,
   ``TRANSLATOR_BAIDU_APPKEY``, ``TRANSLATOR_QCRI_API_KEY``, ``TRANSLATOR_MYMEMORY_EMAIL``;
2. a keys file outside the project: ``$TRANSLATOR_KEYS_FILE``, else
   ``$XDG_CONFIG_HOME/translator/keys.toml`` (``~/.config/translator/keys.toml``)::

       [deepl]
       api_key = "..."

       [libre]
       url = "https://translate.example.org/"
       api_key = "..."

A keys file inside the project directory is refused (it would end up in git), and so is a secret
in the project settings. Values are returned to the engine only; nothing here logs them.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from translator.errors import ConfigError

SECRET_FIELDS = {"api_key", "appid", "appkey", "secret", "secret_key", "client_id", "password"}


def env_name(engine: str, field: str) -> str:
    """The environment variable for one engine field.

    >>> env_name("deepl", "api_key")
    'TRANSLATOR_DEEPL_API_KEY'
    """
    return f"TRANSLATOR_{engine}_{field}".upper().replace("-", "_")


def keys_file(env: Mapping[str, str]) -> Path:
    """Where the keys file is looked for."""
    if env.get("TRANSLATOR_KEYS_FILE"):
        return Path(env["TRANSLATOR_KEYS_FILE"]).expanduser()
    config_home = env.get("XDG_CONFIG_HOME") or str(Path("~/.config").expanduser())
    return Path(config_home) / "translator" / "keys.toml"


def _read_keys_file(path: Path, root: Path | None) -> dict[str, Any]:
    if not path.is_file():
        return {}
    if root is not None and path.resolve().is_relative_to(root.resolve()):
        raise ConfigError(
            f"{path}: keys file inside the project {root}; move it outside (it would be committed)"
        )
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read keys file ({type(exc).__name__})") from None


def engine_options(
    engine: str,
    fields: tuple[str, ...],
    *,
    project: Mapping[str, Any] | None = None,
    env: Mapping[str, str] | None = None,
    root: Path | None = None,
) -> dict[str, Any]:
    """Options for ``engine``: project settings, then the keys file, then the environment."""
    env = os.environ if env is None else env
    project = dict(project or {})
    secrets_in_project = sorted(SECRET_FIELDS & set(project))
    if secrets_in_project:
        raise ConfigError(
            f"[tool.translator.mt.{engine}] {secrets_in_project[0]}: API keys are never read from "
            f"project files; set {env_name(engine, secrets_in_project[0])} or use {keys_file(env)}"
        )
    options = dict(project)
    section = _read_keys_file(keys_file(env), root).get(engine, {})
    if not isinstance(section, dict):
        raise ConfigError(f"{keys_file(env)}: [{engine}] must be a table")
    options.update(section)
    for field in fields:
        value = env.get(env_name(engine, field))
        if value:
            options[field] = value
    return options
