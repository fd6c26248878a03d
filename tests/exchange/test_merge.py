"""The three-way rule, one case per test (the same rule merges uploads and git branches)."""

from __future__ import annotations

import pytest

from translator.exchange import Decision, Proposal, decide

A, B, C = (Proposal(text).digest for text in ("Frieden.", "Friede!", "Ruhe."))


@pytest.mark.parametrize(
    ("base", "current", "incoming", "empty", "expected"),
    [
        (A, A, A, False, Decision.KEEP),  # nobody changed anything
        (A, B, A, False, Decision.KEEP),  # changed online only: the online text stays
        (A, A, B, False, Decision.TAKE),  # changed in the file only
        (A, B, B, False, Decision.KEEP),  # the same change on both sides
        (A, B, C, False, Decision.CONFLICT),  # different changes
        (None, A, B, True, Decision.TAKE),  # no base: an empty entry may be filled
        (None, A, B, False, Decision.CONFLICT),  # no base: never overwrite
        (None, A, A, False, Decision.KEEP),
    ],
)
def test_decide(base, current, incoming, empty, expected):
    assert decide(base, current, incoming, current_empty=empty) is expected


def test_a_draft_and_a_translation_of_the_same_text_differ():
    assert Proposal("x", fuzzy=True).digest != Proposal("x").digest
    assert Proposal("x", approve=True).digest != Proposal("x").digest
    assert Proposal("", fuzzy=True).digest == Proposal("").digest, "no state without text"
    assert Proposal("x", fuzzy=True, approve=True).normalized() == Proposal("x", approve=True)
