"""Where engine options and API keys come from, and where they may not."""

from __future__ import annotations

import pytest

from translator.errors import ConfigError
from translator.mt.keys import engine_options, env_name, keys_file


def test_environment_variable_names():
    assert env_name("deepl", "api_key") == "TRANSLATOR_DEEPL_API_KEY"
    assert env_name("libre", "url") == "TRANSLATOR_LIBRE_URL"


def test_keys_file_location_follows_xdg(tmp_path):
    assert keys_file({"XDG_CONFIG_HOME": str(tmp_path)}) == tmp_path / "translator" / "keys.toml"
    assert keys_file({"TRANSLATOR_KEYS_FILE": "/etc/k.toml"}).as_posix() == "/etc/k.toml"


def test_environment_beats_keys_file_beats_project(tmp_path):
    keys = tmp_path / "keys.toml"
    keys.write_text('[libre]\nurl = "https://file.example/"\napi_key = "from-file"\n')
    env = {"TRANSLATOR_KEYS_FILE": str(keys), "TRANSLATOR_LIBRE_API_KEY": "from-env"}
    options = engine_options(
        "libre",
        ("url", "api_key"),
        project={"url": "https://project.example/", "timeout": 5},
        env=env,
    )
    assert options == {"url": "https://file.example/", "api_key": "from-env", "timeout": 5}


def test_key_in_project_settings_is_refused(tmp_path):
    env = {"TRANSLATOR_KEYS_FILE": str(tmp_path / "none.toml")}
    with pytest.raises(
        ConfigError, match="never read from project files.*TRANSLATOR_DEEPL_API_KEY"
    ):
        engine_options("deepl", ("api_key",), project={"api_key": "oops"}, env=env)


def test_keys_file_inside_the_project_is_refused(tmp_path):
    keys = tmp_path / "project" / "keys.toml"
    keys.parent.mkdir()
    keys.write_text('[deepl]\napi_key = "x"\n')
    with pytest.raises(ConfigError, match="inside the project"):
        engine_options(
            "deepl",
            ("api_key",),
            env={"TRANSLATOR_KEYS_FILE": str(keys)},
            root=tmp_path / "project",
        )


def test_broken_keys_file_message_quotes_no_content(tmp_path):
    keys = tmp_path / "keys.toml"
    keys.write_text('[deepl]\napi_key = "secret-value\n')
    with pytest.raises(ConfigError) as caught:
        engine_options("deepl", ("api_key",), env={"TRANSLATOR_KEYS_FILE": str(keys)})
    assert "secret-value" not in str(caught.value)
