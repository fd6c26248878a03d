"""Keep what an engine must not touch out of its reach, and put it back afterwards.

Before a text goes to an engine its outer whitespace is split off, and inline Markdown (code,
link targets, emphasis markers, HTML tags, URLs), placeholders (``%s``, ``{name}``) and glossary
terms (including dates, given as terms with their localized form) are replaced by numbered tokens
``[X0X]``, ``[X1X]``, ... that engines pass through unchanged. After translation each token is
replaced by its piece (a term by its target form). A token the engine dropped, doubled or invented
is reported as a problem, so the draft is flagged instead of silently written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from translator.text import markup_spans, split_outer_whitespace

TOKEN = "[X{}X]"
_TOKEN = re.compile(r"\[\s*[xX]\s*(\d+)\s*[xX]\s*\]")
_LETTER = re.compile(r"[^\W\d_]")
# Markup that binds to the word next to it: engines tend to add spaces around tokens.
_DELIMITER = re.compile(r"!?\[|\](?:\(.*\)|\[.*\])|[*_]{1,3}|</?[a-zA-Z][^>]*>")


@dataclass
class Protected:
    """A text prepared for an engine, and what is needed to rebuild the translation."""

    text: str  # the original
    lead: str
    trail: str
    masked: str  # what the engine sees (core with tokens)
    pieces: list[str] = field(default_factory=list)  # token number -> restored text
    originals: list[str] = field(default_factory=list)  # token number -> source text
    glue: list[tuple[bool, bool]] = field(default_factory=list)  # no space before/after token

    @property
    def needs_engine(self) -> bool:
        """False when nothing but tokens, digits and punctuation is left to translate."""
        return bool(_LETTER.search(_TOKEN.sub("", self.masked)))


@lru_cache(maxsize=64)
def _term_pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    if not terms:
        return None
    ordered = sorted(terms, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in ordered) + r")(?!\w)")


def protect(text: str, terms: Mapping[str, str] | None = None) -> Protected:
    """Replace markup, placeholders and ``terms`` (term -> target form) by tokens.

    >>> p = protect(" Read [the appeal](https://x.org) and *act*, ICOR! ", {"ICOR": "ICOR"})
    >>> p.masked
    'Read [X0X]the appeal[X1X] and [X2X]act[X3X], [X4X]!'
    """
    lead, core, trail = split_outer_whitespace(text)
    spans = [(start, end, None) for start, end in markup_spans(core)]
    spans += [(m.start(), m.end(), None) for m in _TOKEN.finditer(core)]  # a literal "[X1X]"
    pattern = _term_pattern(tuple(sorted(terms))) if terms else None
    if pattern is not None:
        spans += [(m.start(), m.end(), terms[m.group()]) for m in pattern.finditer(core)]
    result = Protected(text=text, lead=lead, trail=trail, masked="")
    out, position = [], 0
    for start, end, target in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < position:
            continue  # overlaps a piece already taken (a term inside a link target, ...)
        piece = core[start:end]
        out.append(core[position:start])
        out.append(TOKEN.format(len(result.pieces)))
        result.pieces.append(piece if target is None else target)
        result.originals.append(piece)
        delimiter = target is None and _DELIMITER.fullmatch(piece) is not None
        opener = start == 0 or core[start - 1].isspace() or core[start - 1] in "([{\"'“‘«"
        closes = delimiter and not opener  # "*act*": the second "*" sticks to "act"
        opens = delimiter and opener and end < len(core) and not core[end].isspace()
        result.glue.append((closes, opens))
        position = end
    out.append(core[position:])
    result.masked = "".join(out)
    return result


def restore(translation: str, protected: Protected) -> tuple[str, str]:
    """Put the pieces back into an engine's output; returns (text, problem or "")."""
    seen: set[int] = set()
    problems: list[str] = []

    def replace(match: re.Match[str]) -> str:
        number = int(match.group(1))
        if number >= len(protected.pieces):
            problems.append(f"unknown token {match.group()}")
            return ""
        if number in seen:
            problems.append(f"repeated {protected.originals[number]}")
            return ""
        seen.add(number)
        return f"\x00{number}\x00"

    text = _TOKEN.sub(replace, translation.strip())
    for number, (before, after) in enumerate(protected.glue):
        mark = f"\x00{number}\x00"
        if before:
            text = re.sub(rf"\s+{re.escape(mark)}", mark, text)
        if after:
            text = re.sub(rf"{re.escape(mark)}\s+", mark, text)
    for number, piece in enumerate(protected.pieces):
        text = text.replace(f"\x00{number}\x00", piece)
    lost = [protected.originals[n] for n in range(len(protected.pieces)) if n not in seen]
    if lost:
        problems.insert(0, "lost " + ", ".join(lost))
    if "  " not in protected.masked:
        text = re.sub(r"(?<=\S) {2,}(?=\S)", " ", text)
    return protected.lead + text.strip() + protected.trail, "; ".join(problems)
