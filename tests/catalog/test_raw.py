"""The fast reader against polib and msgfmt: same entries, same figures, same refusals."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.catalog import damage
from translator.catalog import read_catalog
from translator.catalog.raw import read_entries_fast
from translator.catalog.state import entry_state, is_machine, pending_amendment
from translator.config import load_settings
from translator.errors import CatalogError
from translator.progress.index import summarize
from translator.progress.stats import compute_stats
from translator.project import Project

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))  # pysbd ships a "benchmarks" package: import by file

import corpus  # noqa: E402

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
TWO = 'msgid "a"\nmsgstr "b"\n\n#, fuzzy\nmsgid "c"\nmsgstr "d"\n'


@pytest.fixture(scope="module")
def catalogs(tmp_path_factory) -> list[Path]:
    """Every catalog of a small benchmark corpus, the same after an update from edited sources
    (fuzzy entries with previous msgids, obsolete ones), and the repository's own."""
    base = tmp_path_factory.mktemp("raw")
    small = corpus.build_corpus(4, 3, seed=11, base=base)
    updated = base / "updated"
    shutil.copytree(small.root, updated)
    shutil.rmtree(updated / "source")
    shutil.copytree(small.edited, updated / "source")
    assert Project(load_settings(updated)).update().ok
    merged = sorted((updated / "locales").rglob("*.po"))
    assert any("#| " in path.read_text("utf-8") for path in merged)
    own = sorted((REPO / "locales").rglob("*.po"))
    return [*small.po_paths(), *small.pot_paths(), *merged, *own]


def msgfmt_counts(path: Path) -> tuple[int, int, int]:
    result = subprocess.run(
        ["msgfmt", "--statistics", "-o", os.devnull, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    found = {
        kind: int(n) for n, kind in re.findall(r"(\d+) (translated|fuzzy|untr)", result.stderr)
    }
    return found.get("translated", 0), found.get("fuzzy", 0), found.get("untr", 0)


def facts(entry) -> tuple:
    """Everything statistics and the index read of one entry."""
    return (
        entry.msgid_with_context,
        entry.msgid_plural,
        entry.msgstr,
        dict(entry.msgstr_plural),
        [flag for flag in entry.flags if flag],
        entry.tcomment,
        entry.previous_msgid,
        bool(entry.obsolete),
        entry_state(entry),
        is_machine(entry),
        pending_amendment(entry),
    )


def test_same_entries_and_figures_as_polib_on_every_catalog(catalogs):
    assert len(catalogs) >= 4 * 3 + 4
    for path in catalogs:
        slow, fast = read_catalog(path), read_entries_fast(path)
        assert [facts(e) for e in fast] == [facts(e) for e in slow], path
        assert fast.metadata == slow.metadata, path
        assert compute_stats(fast) == compute_stats(slow), path
        assert summarize(fast) == summarize(slow), path


def test_same_counts_as_msgfmt_statistics(catalogs, missing_component):
    if shutil.which("msgfmt") is None:
        missing_component("GNU gettext's msgfmt is not installed")
    for path in catalogs:
        if path.suffix != ".po":
            continue
        stats = compute_stats(read_entries_fast(path))
        assert (stats.done, stats.fuzzy, stats.untranslated) == msgfmt_counts(path), path


@pytest.mark.parametrize("hurt", damage.DAMAGE, ids=lambda hurt: hurt.__name__)
def test_damaged_catalogs_are_refused_with_the_same_message(catalogs, tmp_path, hurt):
    path = tmp_path / "hurt.po"
    path.write_text(hurt(catalogs[0].read_text("utf-8")), encoding="utf-8")
    with pytest.raises(CatalogError) as slow:
        read_catalog(path)
    with pytest.raises(CatalogError) as fast:
        read_entries_fast(path)
    assert str(fast.value) == str(slow.value)
    assert re.match(rf"{re.escape(str(path))}(:\d+)?: ", str(fast.value))


@pytest.mark.parametrize(
    "data",
    [b"\xff\xfe" + HEADER.encode(), HEADER.encode() + b'msgid "a"\nmsgstr "b\n'],
    ids=["not-utf8", "open-string"],
)
def test_unreadable_bytes_are_refused_alike(tmp_path, data):
    path = tmp_path / "x.po"
    path.write_bytes(data)
    messages = []
    for reader in (read_catalog, read_entries_fast):
        with pytest.raises(CatalogError) as caught:
            reader(path)
        messages.append(str(caught.value))
    assert messages[0] == messages[1]
    assert re.match(rf"{re.escape(str(path))}:\d+: ", messages[0])


def test_missing_file_is_named(tmp_path):
    with pytest.raises(CatalogError, match="no such catalog"):
        read_entries_fast(tmp_path / "gone.po")


@pytest.mark.parametrize("ending", ["#.", "#:", "#,", "#. a note", "# a comment", "#~"])
def test_last_entry_kept_when_the_file_ends_in_a_comment(tmp_path, ending, missing_component):
    """polib alone drops "c" after a bare ``#.``/``#:``/``#,`` and refuses a bare ``#~``."""
    path = tmp_path / "end.po"
    path.write_text(HEADER + TWO + ending + "\n", encoding="utf-8")
    if shutil.which("msgfmt"):
        assert msgfmt_counts(path) == (1, 1, 0)
    assert [e.msgid for e in read_catalog(path)] == ["a", "c"]
    assert [e.msgid for e in read_entries_fast(path)] == ["a", "c"]
    assert compute_stats(read_catalog(path)) == compute_stats(read_entries_fast(path))


@pytest.mark.parametrize("tail", ['#| msgid "z"\n', '#~| msgid "z"\n', '#| msgid "z"\n# hi\n'])
def test_a_previous_msgid_with_no_entry_after_it_is_refused_as_msgfmt_does(tmp_path, tail):
    path = tmp_path / "prev.po"
    text = HEADER + TWO + tail
    path.write_text(text, encoding="utf-8")
    if shutil.which("msgfmt"):
        result = subprocess.run(["msgfmt", "-o", os.devnull, str(path)], capture_output=True)
        assert result.returncode != 0
    last = len(text.split("\n"))
    for reader in (read_catalog, read_entries_fast):
        with pytest.raises(CatalogError, match=rf"prev\.po:{last}: invalid PO file: syntax error"):
            reader(path)


def test_a_wrapped_previous_msgid_is_read_whole(tmp_path):
    """``#| msgid ""`` then ``#| "..."`` lines, as gettext wraps a long previous msgid."""
    body = (
        '#, fuzzy\n#| msgctxt "c"\n#| msgid ""\n#| "Stop the "\n#| "war"\n'
        'msgid "Stop the war now"\nmsgstr "Stoppt den Krieg"\n'
    )
    path = tmp_path / "wrapped.po"
    path.write_text(HEADER + body, encoding="utf-8")
    slow, fast = read_catalog(path), read_entries_fast(path)
    assert [e.previous_msgid for e in fast] == [e.previous_msgid for e in slow] == ["Stop the war"]
    assert summarize(fast)["amended"] == summarize(slow)["amended"] == 1
