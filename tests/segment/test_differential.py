"""Every place where our splitter and plain pysbd disagree on the corpus is vouched for.

The corpus and the verdicts live in benchmarks/ (see benchmarks/differential.py): a verdict
gives the right sentences of one block and why pysbd is wrong there.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_PATH = Path(__file__).parents[2] / "benchmarks" / "differential.py"
_SPEC = importlib.util.spec_from_file_location("differential", _PATH)
differential = importlib.util.module_from_spec(_SPEC)
sys.modules.setdefault("differential", differential)  # its dataclasses look themselves up there
_SPEC.loader.exec_module(differential)


@pytest.fixture(scope="module")
def found():
    blocks = differential.corpus()
    return blocks, differential.differences(blocks), differential.load_verdicts()


def test_the_corpus_covers_many_languages_and_the_bundled_sources(found):
    blocks, _, _ = found
    assert len({block.lang for block in blocks}) >= 25
    assert any(block.where.startswith("source/") for block in blocks)


def test_every_difference_has_a_verdict_with_a_reason(found):
    _, differences, verdicts = found
    missing = [d.block.where for d in differences if differential.key(d.block) not in verdicts]
    assert not missing, f"differences from pysbd without a verdict: {missing}"
    assert all(verdicts[differential.key(d.block)]["why"] for d in differences)


def test_ours_gives_the_sentences_of_every_verdict(found):
    _, differences, verdicts = found
    for d in differences:
        assert d.ours == verdicts[differential.key(d.block)]["sentences"], d.block.where


def test_no_verdict_is_stale(found):
    _, differences, verdicts = found
    differing = {differential.key(d.block) for d in differences}
    assert set(verdicts) <= differing, "a verdict names a block that no longer differs"
