"""The segmentation cache: each block is split once; results are those of splitting now."""

from __future__ import annotations

import multiprocessing
import sqlite3

import pytest

from translator.segment import SegmentCache, read_document, split
from translator.segment.cache import CACHE_FILE, segmenter_version


@pytest.fixture
def calls(monkeypatch):
    """The blocks the real splitter is asked to split, in order."""
    seen: list[str] = []
    real = split.split_sentences

    def counting(text, lang):
        seen.append(text)
        return real(text, lang)

    monkeypatch.setattr(split, "split_sentences", counting)
    return seen


def segments(doc):
    return [(s.text, s.raw, s.role, s.block, s.sentence, s.line) for s in doc.segments]


def test_second_extract_splits_no_block(project, calls):
    project.extract()
    first = len(calls)
    assert first > 5
    calls.clear()
    project.extract()
    assert calls == []
    assert (project.settings.instance_dir / CACHE_FILE).is_file()


def test_one_changed_block_is_the_only_one_split(project, calls):
    project.extract()
    source = project.settings.source_dir / "sample.md"
    text = source.read_text("utf-8")
    changed = "We demand the withdrawal of all troops."
    source.write_text(text.replace(changed, "We demand the withdrawal of every army."), "utf-8")
    calls.clear()
    report = project.extract()
    assert report.ok and report.items[0]["changed"]
    assert len(calls) == 1 and calls[0].startswith("We demand the withdrawal of every army.")
    pot = project.template_path("sample").read_text("utf-8")
    assert '"We demand the withdrawal of every army."' in pot


def test_results_are_the_same_with_and_without_the_cache(seed_project, tmp_path):
    cache = SegmentCache(tmp_path / "segments.sqlite3")
    for path in sorted(seed_project.settings.source_dir.glob("*.md")):
        plain = read_document(path, seed_project.root)
        cold = read_document(path, seed_project.root, cache)
        warm = read_document(path, seed_project.root, cache)
        assert segments(plain) == segments(cold) == segments(warm)
        assert plain.template == warm.template


def test_a_new_segmenter_version_splits_again(project, calls, monkeypatch):
    project.extract()
    calls.clear()
    monkeypatch.setattr(split, "SEGMENTER_VERSION", split.SEGMENTER_VERSION + 1)
    segmenter_version.cache_clear()
    try:
        project.extract()
    finally:
        segmenter_version.cache_clear()
    assert len(calls) > 5


def test_an_unusable_cache_file_only_costs_speed(project, tmp_path, calls):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be", "utf-8")
    cache = SegmentCache(blocked / "segments.sqlite3")
    path = project.settings.source_dir / "sample.md"
    assert segments(read_document(path, project.root, cache)) == segments(read_document(path))


def _texts(worker: int) -> list[str]:
    texts = [f"Block {n} of worker {worker}. It has two sentences." for n in range(200)]
    return texts + [f"Shared block {n}. Everyone writes it." for n in range(200)]


def _fill(args):
    path, worker = args
    return SegmentCache(path)(_texts(worker), "en")


def test_several_processes_write_at_once(tmp_path):
    path = tmp_path / "segments.sqlite3"
    with multiprocessing.get_context("fork").Pool(4) as pool:
        results = pool.map(_fill, [(path, worker) for worker in range(8)])
    for worker, spans in enumerate(results):
        assert spans == [split.split_sentences(text, "en") for text in _texts(worker)]
    assert results[0][0] == [(0, 20), (21, 42)]
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM spans").fetchone()[0] == 8 * 200 + 200


def test_a_process_keeps_few_cache_files_open_and_an_evicted_one_still_works(tmp_path, calls):
    """Many projects in one process (a test run, a tool over many projects) do not run out of
    file descriptors: the least recently used cache is closed, and opened again when needed."""
    import os

    from translator.segment import cache as module

    def open_files() -> int:
        return sum(
            os.readlink(f"/proc/self/fd/{fd}").startswith(str(tmp_path))
            for fd in os.listdir("/proc/self/fd")
            if os.path.exists(f"/proc/self/fd/{fd}")
        )

    caches = [SegmentCache(tmp_path / f"p{n}" / CACHE_FILE) for n in range(module.MAX_OPEN + 5)]
    for cache in caches:
        cache(["One sentence. Another one."], "en")
    assert open_files() <= 3 * module.MAX_OPEN  # the file, its WAL and its shared memory
    calls.clear()
    assert caches[0](["One sentence. Another one."], "en") == [[(0, 13), (14, 26)]]
    assert calls == []  # reopened and found, not split again
