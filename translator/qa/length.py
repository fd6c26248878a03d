"""The length check: a translation far longer or shorter than its source lost or gained a part.

Translate Toolkit's ``short``/``long`` fire only at a tenfold difference (they are meant for UI
strings), so the check is our own. Lengths are counted in visible characters (no whitespace,
no Markdown link targets), scaled by the language's usual ratio to English (Chinese and
Japanese need about a third of the characters), and short sentences get a fixed allowance so
"Stop!" -> "Arrêtez la guerre !" is not a failure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from translator.model import Issue, Severity
from translator.qa.base import Check
from translator.qa.markup import strip_link_targets

if TYPE_CHECKING:
    import polib

#: characters of a translation per character of English, where far from 1
EXPANSION = {"zh": 0.35, "yue": 0.35, "ja": 0.45, "ko": 0.5}
LONGER, SHORTER = 2.5, 0.4  # allowed factors around the expected length
LONGER_ALLOWANCE = 20  # characters any translation may add ("Stop!" -> "Arrêtez la guerre !")
SHORTER_ALLOWANCE = 5  # and may drop


def visible_length(text: str) -> int:
    """Characters a reader sees: no whitespace, no link targets, no emphasis markers.

    >>> visible_length("Read [the appeal](https://example.org/x) *now*!")
    17
    """
    text = strip_link_targets(text)
    return sum(1 for char in text if not char.isspace() and char not in "*_`[]")


class LengthCheck(Check):
    check_id = "length"
    name = "Length"
    description = "The translation is much longer or shorter than the source: a part may be lost."
    severity = Severity.WARNING

    def check_single(self, source: str, target: str, entry: polib.POEntry) -> Issue | None:
        source_length, target_length = visible_length(source), visible_length(target)
        if not source_length or not target_length:
            return None
        expected = source_length * EXPANSION.get(self.context.base_lang, 1.0)
        ratio = target_length / expected
        if target_length > expected * LONGER + LONGER_ALLOWANCE:
            return self.issue(f"{ratio:.1f} times as long as expected from the source")
        if target_length < expected * SHORTER - SHORTER_ALLOWANCE:
            return self.issue(f"only {ratio:.0%} of the length expected from the source")
        return None
