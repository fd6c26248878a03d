"""Settings: where they are read from, and a wrong value named by its key before anything runs."""

from __future__ import annotations

import pytest

from translator.config import load_settings
from translator.errors import ConfigError


def write_settings(root, text: str, *, pyproject: bool = False) -> None:
    if pyproject:
        (root / "pyproject.toml").write_text(f"[tool.translator]\n{text}\n", encoding="utf-8")
    else:
        (root / "translator.toml").write_text(text + "\n", encoding="utf-8")


def test_values_from_pyproject_and_the_environment(project):
    write_settings(project.root, 'tm_min_score = 80\nengines = {"*" = "dummy"}', pyproject=True)
    settings = load_settings(project.root, env={"TRANSLATOR_SOURCE_LANGUAGE": "de"})
    assert settings.tm_min_score == 80 and settings.engines == {"*": "dummy"}
    assert settings.source_language == "de"


def test_translator_toml_wins_and_unknown_keys_are_kept_as_extra(project):
    write_settings(project.root, "tm_min_score = 80", pyproject=True)
    write_settings(project.root, "tm-min-score = 60\ntranslate_glosses = true\nnew_key = 1")
    settings = load_settings(project.root, env={})
    assert settings.tm_min_score == 60
    assert settings.extra == {"translate_glosses": True, "new_key": 1}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('tm_min_score = "abc"', "tm_min_score: expected a whole number from 0 to 100, got 'abc'"),
        ("tm_min_score = 101", "tm_min_score: expected a whole number from 0 to 100, got 101"),
        ("tm_min_score = 7.5", "tm_min_score: expected a whole number from 0 to 100, got 7.5"),
        ("tm_min_score = true", "tm_min_score: expected a whole number"),
        ("build_min_completion = -1", "build_min_completion: expected a number from 0 to 100"),
        ('source_language = "xx"', "source_language: unknown language code 'xx'"),
        ('languages = ["de", "klingon"]', "languages: unknown language code 'klingon'"),
        ('languages = "de"', "languages: expected a list of language codes, got 'de'"),
        ('build_allow_drafts = ["de", 1]', "build_allow_drafts: expected a language code such"),
        ('engines = "google"', "engines: expected a table of language = engine name"),
        ("engines = {de = 3}", "engines.de: expected a string, got 3"),
        ('engines = {qq = "google"}', "engines.qq: unknown language code 'qq'"),
        ('build_rules = {"*" = "no-errors"}', "build_rules.*: expected a list of rule ids"),
        ('human_roles = ["slogans"]', "human_roles: unknown role 'slogans' (known: title,"),
        ('blocking_checks = "links"', "blocking_checks: expected a list of check ids"),
        ('project_name = ["a"]', "project_name: expected a string, got ['a']"),
        ('translate_glosses = "yes"', "translate_glosses: expected true or false, got 'yes'"),
        ("mt = {deepl = 1}", "mt.deepl: expected a table of options, got 1"),
    ],
)
def test_a_wrong_value_names_its_key(project, text, message):
    write_settings(project.root, text)
    with pytest.raises(ConfigError) as caught:
        load_settings(project.root, env={})
    assert str(caught.value).startswith(f"[tool.translator] {message}")
    assert "\n" not in str(caught.value)


def test_a_wrong_environment_value_names_the_variable(project):
    with pytest.raises(ConfigError, match="^TRANSLATOR_SOURCE_LANGUAGE: unknown language code"):
        load_settings(project.root, env={"TRANSLATOR_SOURCE_LANGUAGE": "klingon"})


def test_broken_toml_names_the_file(project):
    write_settings(project.root, "tm_min_score = ")
    with pytest.raises(ConfigError, match=r"translator\.toml: "):
        load_settings(project.root, env={})


def test_not_a_project(tmp_path):
    with pytest.raises(ConfigError, match="not a translation project"):
        load_settings(tmp_path, env={})
