"""check_context's language index: built once per version of the catalogs, patched after a
change, never stale."""

from __future__ import annotations

import os

import polib

from translator.catalog import write_catalog
from translator.config import load_settings
from translator.qa import TranslationIndex, check_context
from translator.qa.context import language_catalogs


def write(path, msgstr: str, stamp: int) -> None:
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Stop the war!", msgstr=msgstr))
    write_catalog(po, path)
    os.utime(path, ns=(stamp, stamp))  # a distinct identity even within one clock tick


def test_language_index_is_shared_while_catalogs_are_unchanged(project):
    other = project.settings.locales_dir / "de" / "LC_MESSAGES" / "other.po"
    write(other, "Beendet den Krieg!", 1_000_000_000)
    settings = load_settings(project.root)
    first = check_context("de", settings, slug="sample")
    second = check_context("de", settings, slug="another")
    assert first.translations is second.translations
    assert second.slug == "another"


def test_language_index_follows_a_changed_catalog(project):
    other = project.settings.locales_dir / "de" / "LC_MESSAGES" / "other.po"
    write(other, "Beendet den Krieg!", 1_000_000_000)
    settings = load_settings(project.root)
    before = check_context("de", settings, slug="sample").translations
    write(other, "Stoppt den Krieg sofort!", 2_000_000_000)
    after = check_context("de", settings, slug="sample").translations
    assert after.others("Stop the war!", "sample") == [("other", "Stoppt den Krieg sofort!")]
    assert before.others("Stop the war!", "sample") == [("other", "Beendet den Krieg!")]


def test_language_index_sees_a_new_catalog(project):
    lc = project.settings.locales_dir / "de" / "LC_MESSAGES"
    write(lc / "one.po", "Beendet den Krieg!", 1_000_000_000)
    settings = load_settings(project.root)
    assert len(check_context("de", settings).translations.others("Stop the war!", "x")) == 1
    write(lc / "two.po", "Beendet den Krieg!", 1_000_000_000)
    assert len(check_context("de", settings).translations.others("Stop the war!", "x")) == 2


def catalog_of(*pairs: tuple[str, str]) -> list[polib.POEntry]:
    return [polib.POEntry(msgid=msgid, msgstr=msgstr) for msgid, msgstr in pairs]


def test_replaced_index_equals_a_fresh_one_and_leaves_the_old_alone():
    a = catalog_of(("Peace!", "Frieden!"), ("Stop the war!", "Krieg beenden!"))
    b = catalog_of(("Peace!", "Friede!"), ("Bread!", "Brot!"))
    c = catalog_of(("Peace!", "Frieden jetzt!"))
    old = TranslationIndex.from_catalogs({"a": a, "b": b, "c": c})
    before = {key: list(pairs) for key, pairs in old.by_source.items()}
    new_b = catalog_of(("Peace!", "Frieden!"), ("Work!", "Arbeit!"))
    patched = old.replaced(["b", "gone"], {"b": new_b})
    fresh = TranslationIndex.from_catalogs({"a": a, "b": new_b, "c": c})
    assert patched.by_source == fresh.by_source
    assert patched.keys == fresh.keys
    assert old.by_source == before  # readers of the old index see no change
    assert old.replaced(["c"], {}).others("Peace!", "x") == [("a", "Frieden!"), ("b", "Friede!")]


def test_language_index_after_saves_equals_a_fresh_build(project):
    lc = project.settings.locales_dir / "de" / "LC_MESSAGES"
    for number, name in enumerate(("a", "b", "c")):
        write(lc / f"{name}.po", f"Krieg {name}!", 1_000_000_000 + number)
    settings = load_settings(project.root)
    check_context("de", settings)
    write(lc / "b.po", "Beendet den Krieg!", 3_000_000_000)
    (lc / "c.po").unlink()
    patched = check_context("de", settings).translations
    fresh = TranslationIndex.from_catalogs(language_catalogs(settings.locales_dir, "de"))
    assert patched.by_source == fresh.by_source
    assert patched.others("Stop the war!", "x") == [("a", "Krieg a!"), ("b", "Beendet den Krieg!")]


def test_parsed_catalogs_kept_are_bounded(project, monkeypatch):
    from translator.qa import context

    monkeypatch.setattr(context, "CACHED_CATALOGS", 2)
    monkeypatch.setattr(context, "_cache", context.OrderedDict())
    folder = project.settings.locales_dir / "de" / "LC_MESSAGES"
    for number, name in enumerate(("a", "b", "c")):
        write(folder / f"{name}.po", f"Krieg {name}", 1_000_000_000 + number)
    catalogs = language_catalogs(project.settings.locales_dir, "de")
    assert {"a", "b", "c"} <= set(catalogs) and len(context._cache) == 2
    index = context.language_index(project.settings.locales_dir, "de")
    assert ("a", "Krieg a") in index.others("Stop the war!", "sample")  # built from all


def test_threads_asking_at_once_wait_for_one_build(project, monkeypatch):
    import threading
    import time

    from translator.qa import context

    monkeypatch.setattr(context, "_indexes", {})
    real, builds = context.language_catalogs, []

    def slow_catalogs(*args, **kwargs):
        builds.append(1)
        time.sleep(0.2)  # long enough for every thread to be waiting
        return real(*args, **kwargs)

    monkeypatch.setattr(context, "language_catalogs", slow_catalogs)
    found = []
    ask = lambda: found.append(context.language_index(project.settings.locales_dir, "de"))  # noqa: E731
    threads = [threading.Thread(target=ask) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert len(builds) == 1 and len(found) == 4 and all(i is found[0] for i in found)
