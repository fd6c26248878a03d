"""The persistent MT cache, and its read-only form for dry runs."""

from __future__ import annotations

import sqlite3

import pytest

from translator.errors import ConfigError
from translator.mt import MTCache


def test_answers_survive_the_process(tmp_path):
    path = tmp_path / "instance" / "mt-cache.sqlite3"
    MTCache(path).put_many("dummy", "en", "de", {"Hello": "Hallo"})
    assert MTCache(path).get_many("dummy", "en", "de", ["Hello", "Bye"]) == {"Hello": "Hallo"}


def test_read_only_creates_no_file_and_writes_nothing(tmp_path):
    path = tmp_path / "instance" / "mt-cache.sqlite3"
    empty = MTCache(path, read_only=True)
    empty.put_many("dummy", "en", "de", {"Hello": "Hallo"})
    assert not path.parent.exists() and empty.get_many("dummy", "en", "de", ["Hello"]) == {}
    MTCache(path).put_many("dummy", "en", "de", {"Hello": "Hallo"})
    before = path.read_bytes()
    cache = MTCache(path, read_only=True)
    cache.put_many("dummy", "en", "de", {"Bye": "Tschüss"})
    assert cache.get_many("dummy", "en", "de", ["Hello", "Bye"]) == {"Hello": "Hallo"}
    assert path.read_bytes() == before


def test_read_only_refuses_a_file_that_is_not_a_cache(tmp_path):
    path = tmp_path / "mt-cache.sqlite3"
    sqlite3.connect(path).execute("CREATE TABLE other (x)").connection.commit()
    with pytest.raises(ConfigError, match="cannot open the translation cache"):
        MTCache(path, read_only=True)
