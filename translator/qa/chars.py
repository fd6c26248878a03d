"""Character-level checks: whitespace, blank and multi-line targets, and punctuation by language.

Reused from Translate Toolkit (their behaviour is right for us): ``startwhitespace``,
``endwhitespace``, ``doublespacing``, ``newlines`` and ``blank``.

Our own, because TT lacks them or gets our languages wrong:

- ``end_punctuation``: TT's ``endpunc`` relies on per-language data that has no danda for Hindi,
  demands a space before the danda in Nepali, and cannot tell a wrong mark from a foreign one.
  Ours knows, per language, which marks end a statement, exclamation, question, colon,
  semicolon or ellipsis (Arabic/Persian ؟ and ؛, Greek ; as question mark and · as semicolon,
  danda । in Hindi/Bengali/Nepali/Marathi, full-width CJK 。！？, Armenian, Ethiopic).
- ``inverted_marks``: Spanish (and Galician, Asturian) open with ¿ and ¡; TT checks no openers.
- ``punctuation_spacing``: French spaces before ! ? : ; » and after «; elsewhere no space before
  punctuation (TT's ``puncspacing`` only looks at spaces *after* marks).
- ``native_punctuation``: Arabic-script text using Latin , ; ? and CJK text using half-width
  marks mid-sentence (the last mark is ``end_punctuation``'s business).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from translator.model import Issue, Severity
from translator.qa.base import Check, ToolkitCheck
from translator.qa.markup import strip_link_targets

if TYPE_CHECKING:
    import polib


class LeadingWhitespaceCheck(ToolkitCheck):
    check_id = "leading_whitespace"
    name = "Leading whitespace"
    description = "Whitespace at the start differs from the source (Markdown may read it as code)."
    severity = Severity.WARNING
    toolkit_test = "startwhitespace"


class TrailingWhitespaceCheck(ToolkitCheck):
    check_id = "trailing_whitespace"
    name = "Trailing whitespace"
    description = "Whitespace at the end differs (two trailing spaces are a Markdown line break)."
    severity = Severity.WARNING
    toolkit_test = "endwhitespace"


class DoubleSpaceCheck(ToolkitCheck):
    check_id = "double_space"
    name = "Double space"
    description = "The translation uses double spaces where the source does not."
    severity = Severity.INFO
    toolkit_test = "doublespacing"


class NewlinesCheck(ToolkitCheck):
    check_id = "newlines"
    name = "Line breaks"
    description = "The translation has line breaks the source has not: they can split a paragraph."
    severity = Severity.ERROR
    toolkit_test = "newlines"


class BlankCheck(ToolkitCheck):
    check_id = "blank"
    name = "Blank translation"
    description = "The translation is only whitespace: the built document would lose the sentence."
    severity = Severity.ERROR
    toolkit_test = "blank"


# -- ending punctuation ----------------------------------------------------------------------------

STOP, EXCLAIM, QUESTION = "full stop", "exclamation mark", "question mark"
COLON, SEMICOLON, ELLIPSIS = "colon", "semicolon", "ellipsis"


def _marks(stop=".", exclaim="!", question="?", colon=":", semicolon=";", ellipsis="…"):
    """A language's ending marks: mark -> meanings; the first mark given is the preferred one."""
    table: dict[str, set[str]] = {}
    for meaning, chars in (
        (STOP, stop), (EXCLAIM, exclaim), (QUESTION, question),
        (COLON, colon), (SEMICOLON, semicolon), (ELLIPSIS, ellipsis),
    ):  # fmt: skip
        for char in chars:
            table.setdefault(char, set()).add(meaning)
    return table


COMMON_MARKS = _marks()
_ARABIC = _marks(question="؟", semicolon="؛")
_INDIC = _marks(stop="।.॥")
_CJK = _marks(stop="。．.", exclaim="！!", question="？?", colon="：:", semicolon="；;")
_INDIC_LANGS = ("hi", "ne", "mr", "bn", "as", "pa", "sa", "or", "mai", "bho")

#: base language -> the marks that may end its sentences, and what each one means
LANGUAGE_MARKS: dict[str, dict[str, set[str]]] = {
    **dict.fromkeys(("ar", "fa", "ps", "ckb", "sd", "ug"), _ARABIC),
    "ur": _marks(stop="۔.", question="؟", semicolon="؛"),
    "el": _marks(question=";\u037e", semicolon="·\u0387"),
    **dict.fromkeys(_INDIC_LANGS, _INDIC),
    **dict.fromkeys(("zh", "ja", "yue"), _CJK),
    "hy": _marks(stop="։:.", exclaim="՜!", question="՞?"),
    **dict.fromkeys(("am", "ti"), _marks(stop="።.", question="፧?", colon="፥:", semicolon="፤;")),
    "km": _marks(stop="។."),
}
#: languages that may end a statement with no mark at all
NO_FULL_STOP = {"th", "lo"}
_CLOSERS = set(")]}”“’‘»«›‹\"'」』）〕*_`>") | {"\u00a0", "\u202f", " ", "\t"}
_SPACES = {" ", "\u00a0", "\u202f", "\u2009"}


def ending_marks(text: str, marks: dict[str, set[str]]) -> list[str]:
    """The run of ending marks after closing quotes/brackets are peeled off, "..." as "…".

    >>> ending_marks('He said: "Stop the war!"', COMMON_MARKS)
    ['!']
    """
    core = text.rstrip()
    while core and core[-1] in _CLOSERS:
        core = core[:-1]
    run: list[str] = []
    index = len(core)
    while index > 0:
        char = core[index - 1]
        if core[:index].endswith("..."):
            run.insert(0, "…")
            index -= 3
        elif char in marks or char in COMMON_MARKS:
            run.insert(0, char)
            index -= 1
        elif char in _SPACES and run:
            index -= 1  # French "guerre !"
        else:
            break
    return [mark for i, mark in enumerate(run) if i == 0 or run[i - 1] != mark]


def _shown(mark: str) -> str:
    return f"'{mark}'"


class EndPunctuationCheck(Check):
    check_id = "end_punctuation"
    name = "Ending punctuation"
    description = (
        "The sentence ends with a different mark than the source, or with a mark the "
        "language does not use (Arabic ؟, Greek ;, Hindi ।, CJK 。！？)."
    )
    severity = Severity.WARNING

    def check_single(self, source: str, target: str, entry: polib.POEntry) -> Issue | None:
        lang = self.context.base_lang
        source_marks = LANGUAGE_MARKS.get(self.context.source_lang.split("_")[0], COMMON_MARKS)
        marks = LANGUAGE_MARKS.get(lang, COMMON_MARKS)
        source_end = ending_marks(source, source_marks)
        wanted = [source_marks.get(mark, COMMON_MARKS[mark]) for mark in source_end]
        found = ending_marks(target, marks)
        foreign = [mark for mark in found if mark not in marks]
        if foreign:
            meaning = next(iter(COMMON_MARKS[foreign[-1]]))
            return self.issue(
                f"ends with {_shown(foreign[-1])}; this language writes the {meaning} as "
                f"{_shown(preferred_mark(lang, meaning))}"
            )
        if not wanted and found:
            return self.issue(f"ends with {_shown(''.join(found))}, the source has no ending mark")
        if not found:
            if not wanted or (wanted == [{STOP}] and lang in NO_FULL_STOP):
                return None
            return self.issue(f"no ending mark; the source ends with {_shown(source_end[-1])}")
        meanings = [marks[mark] for mark in found]
        if len(found) == len(wanted) and all(map(set.intersection, wanted, meanings)):
            return None
        expected = "".join(preferred_mark(lang, _name(meaning)) for meaning in wanted)
        return self.issue(
            f"ends with {_shown(''.join(found))} where the source has "
            f"{_shown(''.join(source_end))} (expected {_shown(expected)})"
        )


def _name(meanings: set[str]) -> str:
    return sorted(meanings)[0]


def preferred_mark(lang: str, meaning: str) -> str:
    """The mark ``lang`` writes for ``meaning``.

    >>> preferred_mark("ar", "question mark"), preferred_mark("hi", "full stop")
    ('؟', '।')
    """
    marks = LANGUAGE_MARKS.get(lang, COMMON_MARKS)
    return next(mark for mark, means in marks.items() if meaning in means)


class InvertedMarksCheck(Check):
    check_id = "inverted_marks"
    name = "Opening ¿ and ¡"
    description = "Spanish questions open with ¿ and exclamations with ¡."
    severity = Severity.WARNING
    languages = frozenset({"es", "gl", "ast"})

    def check_single(self, source: str, target: str, entry: polib.POEntry) -> Issue | None:
        problems = [
            problem
            for opener, closer in (("¿", "?"), ("¡", "!"))
            if (problem := _unpaired(strip_link_targets(target), opener, closer))
        ]
        return self.issue("; ".join(problems)) if problems else None


def _unpaired(text: str, opener: str, closer: str) -> str:
    open_count = missing = 0
    for char in text:
        if char == opener:
            open_count += 1
        elif char == closer:
            if open_count:
                open_count -= 1
            else:
                missing += 1
    if missing:
        return f"{_shown(closer)} without an opening {_shown(opener)}"
    if open_count:
        return f"{_shown(opener)} is never closed with {_shown(closer)}"
    return ""


# -- spacing around marks and the script's own marks ---------------------------------------------

FRENCH = frozenset({"fr", "br"})
_FRENCH_BEFORE = re.compile(r"(?<=[^\s\u00a0\u202f\u2009!?;:«])([!?;:»])")
_FRENCH_AFTER = re.compile(r"(«)(?=[^\s\u00a0\u202f\u2009])")
# after a letter or an Indic vowel sign (not \w): "रोको !" is a space before "!"
_MARKS = ",.;:!?؟،؛"
_SPACE_BEFORE = re.compile(
    rf"(?<=[^\s{_MARKS}…\-–—(\[«\"“„'‘])[ \u00a0\u202f]+([{_MARKS}](?:\s|$))"
)
_URLISH = re.compile(r"\w+://\S+|\b\d+:\d+\b|\S+@\S+")


class PunctuationSpacingCheck(Check):
    check_id = "punctuation_spacing"
    name = "Spacing around punctuation"
    description = (
        "French needs a (narrow no-break) space before ! ? : ; » and after «; other languages "
        "put no space before punctuation."
    )
    severity = Severity.INFO

    def check_single(self, source: str, target: str, entry: polib.POEntry) -> Issue | None:
        text = _URLISH.sub(" ", strip_link_targets(target))
        if self.context.base_lang in FRENCH:
            bad = [m.group(1) for m in _FRENCH_BEFORE.finditer(text)]
            if bad:
                return self.issue(f"French puts a no-break space before {_shown(bad[0])}")
            if _FRENCH_AFTER.search(text):
                return self.issue("French puts a no-break space after '«'")
            return None
        spaced = [m.group(1).strip() for m in _SPACE_BEFORE.finditer(text)]
        in_source = len(_SPACE_BEFORE.findall(_URLISH.sub(" ", strip_link_targets(source))))
        if len(spaced) > in_source:
            return self.issue(f"space before {_shown(spaced[0])}")
        return None


_ARABIC_LETTER = "\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff"
_CJK_CHAR = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
NATIVE_MARKS = {
    "arabic": (
        re.compile(rf"(?<=[{_ARABIC_LETTER}])\s?([,;?])(?!\d)"),
        {",": "،", ";": "؛", "?": "؟"},
    ),
    "cjk": (
        re.compile(rf"(?<=[{_CJK_CHAR}])([,.!?:;])"),
        {",": "，", ".": "。", "!": "！", "?": "？", ":": "：", ";": "；"},
    ),
}
NATIVE_SCRIPT = {
    **dict.fromkeys(("ar", "fa", "ur", "ps", "ckb", "sd", "ug"), "arabic"),
    **dict.fromkeys(("zh", "ja", "yue"), "cjk"),
}


class NativePunctuationCheck(Check):
    check_id = "native_punctuation"
    name = "Punctuation of the script"
    description = "Arabic-script text uses ، ؛ ؟ and Chinese/Japanese full-width marks, not , ; ?"
    severity = Severity.INFO
    languages = frozenset(NATIVE_SCRIPT)

    def check_single(self, source: str, target: str, entry: polib.POEntry) -> Issue | None:
        pattern, native = NATIVE_MARKS[NATIVE_SCRIPT[self.context.base_lang]]
        text = _URLISH.sub(" ", strip_link_targets(target)).rstrip()
        for match in pattern.finditer(text):
            if match.end() >= len(text):
                continue  # the last mark is end_punctuation's business
            mark = match.group(1)
            return self.issue(f"{_shown(mark)} where the script writes {_shown(native[mark])}")
        return None


# -- brackets and quotes ---------------------------------------------------------------------------

_FULL_WIDTH = str.maketrans("（）［］｛｝", "()[]{}")
_PAIRS = {")": "(", "]": "[", "}": "{"}
#: quote families: (opening marks, closing marks); a family whose marks serve both ways is even
_QUOTES = (('“”„‟"', ""), ("«", "»"), ("‹", "›"), ("「", "」"), ("『", "』"))


class BracketCountCheck(ToolkitCheck):
    check_id = "bracket_count"
    name = "Number of brackets"
    description = "The translation has more or fewer brackets than the source."
    severity = Severity.INFO
    toolkit_test = "brackets"

    def check_single(self, source: str, target: str, entry: polib.POEntry) -> Issue | None:
        return self.toolkit(source.translate(_FULL_WIDTH), target.translate(_FULL_WIDTH))


def unbalanced(text: str) -> str:
    """What is unbalanced in ``text`` (brackets nest, quotes pair up), or "".

    >>> unbalanced("CPI (ML Red Star"), unbalanced("Er sagte „nein“."), unbalanced("«non»")
    ("'(' is never closed", '', '')
    """
    text = strip_link_targets(text).translate(_FULL_WIDTH)
    stack: list[str] = []
    for char in text:
        if char in "([{":
            stack.append(char)
        elif char in _PAIRS:
            if not stack or stack[-1] != _PAIRS[char]:
                return f"{_shown(char)} without its opening bracket"
            stack.pop()
    if stack:
        return f"{_shown(stack[-1])} is never closed"
    for opening, closing in _QUOTES:
        if not closing and sum(text.count(mark) for mark in opening) % 2:
            return "a double quotation mark is not closed"
        if closing and text.count(opening) != text.count(closing):
            return f"quotation marks {opening}…{closing} do not pair up"
    return ""


class UnbalancedCheck(Check):
    check_id = "unbalanced"
    name = "Unbalanced brackets or quotes"
    description = "A bracket or quotation mark in the translation is not closed (or not opened)."
    severity = Severity.WARNING

    def check_single(self, source: str, target: str, entry: polib.POEntry) -> Issue | None:
        problem = unbalanced(target)
        if not problem or unbalanced(source):
            return None  # a sentence split inside brackets is unbalanced on both sides
        return self.issue(problem)
