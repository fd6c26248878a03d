"""Where no sentence may end inside a block, and the inline enumerations it holds.

``protected`` lists the ranges a boundary may not fall inside: inline Markdown (code, links,
emphasis), URLs and e-mail addresses, and balanced pairs of quotes and brackets, CJK ones
(``「」`` ``《》``) included. ``enumeration`` finds a list written inside one paragraph
(``1.) wages 2.) hours``, ``(1) … (2) …``, ``a. … b. …``, ``• … • …``): each item becomes one
sentence that starts with its marker, also when the item before it has no final stop.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_INLINE_CODE = re.compile(r"(`+).+?\1", re.DOTALL)
_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\](?:\([^()\s]*(?:\s+\"[^\"]*\")?\)|\[[^\]]*\])")
_AUTOLINK = re.compile(r"<[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>]*>")
_NOT_URL = "\\s<>\u3000-\u303f\u3040-\u30ff\u4e00-\u9fff\uff00-\uffef"  # nor CJK text and marks
_URL = re.compile(rf"(?:https?://|www\.)[^{_NOT_URL}]*[^{_NOT_URL}.,;:!?'\"”’»)\]]")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", re.DOTALL)
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=[^\s*])(?:[^*]|\*\*[^*]+\*\*)+?(?<=\S)\*(?!\*)", re.DOTALL)
_UNDERSCORE_EM = re.compile(r"(?<!\w)_(?=\S)(?:[^_])+?(?<=\S)_(?!\w)", re.DOTALL)
_PATTERNS = (_INLINE_CODE, _LINK, _AUTOLINK, _URL, _EMAIL, _STRONG, _EMPHASIS, _UNDERSCORE_EM)

QUOTE_PAIRS = {
    "(": ")",
    "[": "]",
    "{": "}",
    "«": "»",
    "„": "“”",
    "“": "”",
    '"': '"',
    "「": "」",
    "『": "』",
    "《": "》",
    "〈": "〉",
    "（": "）",
    "【": "】",
}
_CLOSING = "".join(dict.fromkeys(")]}»”」』》〉）】"))

# An enumeration marker: "1.", "1.)", "1)", "(1)", "a.", "a)", "(a)", "•", "⁃", a bullet before
# a number.
_MARKER = re.compile(
    r"(?<!\S)(?P<bullet>[•⁃‣◦▪]\s?)?(?P<open>\()?(?:(?P<number>\d{1,3})|(?P<letter>[a-zA-Z]))"
    r"(?P<close>\.\)|\.|\))(?=\s+\S)"
    r"|(?<!\S)(?P<lone>[•⁃‣◦▪])(?=\s*\S)"
)


@dataclass
class Enumeration:
    """The items of an inline list: where each marker starts, and where its item's text starts
    (after the marker and its space: no sentence may start there)."""

    starts: set[int] = field(default_factory=set)
    ends: set[int] = field(default_factory=set)


def protected(text: str) -> list[tuple[int, int]]:
    """Ranges no sentence boundary may fall inside: inline Markdown, URLs, quotations."""
    ranges = []
    for pattern in _PATTERNS:
        ranges.extend(m.span() for m in pattern.finditer(text))
    ranges.extend(quotations(text))
    return ranges


def quotations(text: str) -> list[tuple[int, int]]:
    """Balanced pairs of quotes and brackets, outermost first; unbalanced marks are ignored."""
    stack: list[tuple[str, int]] = []
    pairs = []
    for i, ch in enumerate(text):
        if stack and ch in QUOTE_PAIRS[stack[-1][0]]:
            _, start = stack.pop()
            pairs.append((start, i + 1))
        elif ch in QUOTE_PAIRS:
            if ch == '"' and 0 < i < len(text) - 1 and text[i - 1].isalnum():
                continue  # inch mark or a quote closing nothing we opened
            stack.append((ch, i))
        elif ch in _CLOSING and stack and any(ch in QUOTE_PAIRS[o] for o, _ in stack):
            while stack and ch not in QUOTE_PAIRS[stack[-1][0]]:
                stack.pop()  # drop openers left unclosed inside this pair
            _, start = stack.pop()
            pairs.append((start, i + 1))
    return pairs


def enumeration(text: str, lead_ends: str) -> Enumeration:
    """The inline list of a block, if it has one.

    Markers of one style count as a list when at least two follow each other (``1.``, ``2.``;
    ``a)``, ``b)``; two bullets) and the first opens the block or follows a sentence end or a
    colon (one of ``lead_ends``): "am 1. Mai und am 2. Juni" is no list, "Wir fordern: 1. Lohn
    2. Zeit" is one. Capital letters open a list only at the block's start or after a colon
    ("I met Prof. J. K. Rowling" holds initials).
    """
    found = Enumeration()
    chains: dict[str, list[re.Match]] = {}
    for match in _MARKER.finditer(text):
        chains.setdefault(_style(match), []).append(match)
    for style, markers in chains.items():
        # "J. K. Rowling", "Dr. A. Smith and B. Jones": capital letters after a stop are initials
        ends = "" if style.startswith("capital") else lead_ends
        for run in _runs(markers, bulleted=style.startswith("•")):
            if _opens_list(text, run[0].start(), ends):
                found.starts.update(m.start() for m in run)
                found.ends.update(_skip_space(text, m.end()) for m in run)
    return found


def _style(match: re.Match) -> str:
    if match.group("lone") or match.group("bullet"):
        return "•"
    letter = match.group("letter")
    kind = "number" if match.group("number") else "capital" if letter.isupper() else "letter"
    return f"{match.group('open') or ''}{kind}{match.group('close')}"


def _value(match: re.Match) -> int:
    number, letter = match.group("number"), match.group("letter")
    return int(number) if number else ord(letter.lower())


def _runs(markers: list[re.Match], bulleted: bool) -> list[list[re.Match]]:
    """Stretches of at least two markers that count up by one (any two bullets)."""
    if bulleted:
        return [markers] if len(markers) > 1 else []
    runs, run = [], markers[:1]
    for marker in markers[1:]:
        if _value(marker) == _value(run[-1]) + 1:
            run.append(marker)
            continue
        if len(run) > 1:
            runs.append(run)
        run = [marker]
    if len(run) > 1:
        runs.append(run)
    return runs


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _opens_list(text: str, start: int, lead_ends: str) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in lead_ends + ":："
