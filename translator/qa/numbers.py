"""The numbers check: the same numbers in source and translation, in any script and locale format.

Translate Toolkit's ``numbers`` compares digit strings after a per-language digit mapping that
exists for a few languages only (it wants Bengali digits in every Bengali text, fails on Persian
and Devanagari digits and on a German "3,5" for "3.5"), so this check is our own: a number is
read with the locale's decimal and grouping symbols (from Babel's CLDR data), its digits may be
of any script (Arabic-Indic ٠-٩, Persian ۰-۹, Devanagari ०-९, Bengali ০-৯, full-width ０-９), and
the two sides are compared as multisets of values, so order and formatting may change.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from translator.model import Issue, Severity
from translator.qa.base import Check, base_language
from translator.qa.markup import strip_link_targets

if TYPE_CHECKING:
    import polib

_SPACES = "\u00a0\u202f\u2009 "
_SEPARATORS = ".,'’\u066b\u066c" + _SPACES
_NUMBER = re.compile(r"\d+(?:(?:[.,'’\u066b\u066c\u00a0\u202f\u2009]| (?=\d{3}(?!\d)))\d+)*")
_URL = re.compile(r"\w+://\S+|www\.\S+|\S+@\S+\.\w+")
_ARABIC_DECIMAL, _ARABIC_GROUP = "\u066b", "\u066c"


@functools.lru_cache(maxsize=128)
def number_symbols(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """(decimal marks, group separators) for ``lang``: CLDR's Latin and native ones, plus Arabic's.

    >>> sorted(number_symbols("de")[0])
    [',', '٫']
    """
    from babel import Locale, UnknownLocaleError

    decimals, groups = {_ARABIC_DECIMAL}, {_ARABIC_GROUP}
    try:
        locale = Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        locale = Locale.parse("en")
    for system in {"latn", getattr(locale, "default_numbering_system", "latn")}:
        symbols = locale.number_symbols.get(system, {})
        decimals.add(symbols.get("decimal", "."))
        groups.add(symbols.get("group", ","))
    if groups & set(_SPACES):
        groups |= set(_SPACES)
    if "’" in groups or "'" in groups:
        groups |= {"’", "'"}
    return frozenset(decimals), frozenset(groups - decimals)


_ENGLISH = (frozenset({"."}), frozenset({","}))


def ascii_digits(text: str) -> str:
    """Digits of any script as 0-9.

    >>> ascii_digits("٢٠٢١ ۱۴۰۰ २०२१ ২০২১")
    '2021 1400 2021 2021'
    """
    return "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in text)


def read_numbers(text: str, lang: str) -> list[tuple[str, str]]:
    """The numbers in ``text`` as (as written, value), read the way ``lang`` writes them.

    >>> [value for _, value in read_numbers("3,5 Millionen, 10.000 Menschen", "de")]
    ['3.5', '10000']
    """
    text = _URL.sub(" ", strip_link_targets(text))
    symbols = number_symbols(base_language(lang) if "_" not in lang else lang)
    numbers = []
    for match in _NUMBER.finditer(text):
        written = match.group(0)
        plain = ascii_digits(written)
        values = _value(plain, *symbols) or _value(plain, *_ENGLISH) or _pieces(plain)
        numbers.extend((written, value) for value in values)
    return numbers


def _value(plain: str, decimals: frozenset[str], groups: frozenset[str]) -> list[str]:
    """One number if ``plain`` is well formed with these symbols, else []."""
    parts = re.split(f"([{re.escape(_SEPARATORS)}])", plain)
    digits, seps = parts[0::2], parts[1::2]
    fraction = ""
    if seps and seps[-1] in decimals:
        fraction = digits.pop()
        seps.pop()
    if seps:
        if len(set(seps)) > 1 or seps[0] not in groups or not 1 <= len(digits[0]) <= 3:
            return []
        middle, last = digits[1:-1], digits[-1]
        if len(last) != 3 or any(len(part) not in (2, 3) for part in middle):
            return []  # 1,000,000 and the Indian 10,00,000 only
    try:
        return [_canonical(Decimal("".join(digits) + ("." + fraction if fraction else "")))]
    except InvalidOperation:
        return []


def _canonical(value: Decimal) -> str:
    """``Decimal("010.50")`` -> ``"10.5"``: one spelling per value."""
    return format(value.normalize(), "f")


def _pieces(plain: str) -> list[str]:
    """Separate integers, for dates and codes like 17.01.2020 or 10:30."""
    return [_canonical(Decimal(piece)) for piece in re.split(r"\D+", plain) if piece]


class NumbersCheck(Check):
    check_id = "numbers"
    name = "Numbers"
    description = (
        "The translation must have the same numbers as the source; digits of any script and "
        "the language's decimal and thousands separators count as the same number."
    )
    severity = Severity.WARNING

    def check_single(self, source: str, target: str, entry: polib.POEntry) -> Issue | None:
        wanted = read_numbers(source, self.context.source_lang)
        found = read_numbers(target, self.context.lang)
        wanted_values = Counter(value for _, value in wanted)
        found_values = Counter(value for _, value in found)
        if wanted_values == found_values:
            return None
        # "17 January 2020" may become "17.01.2020" and back: a month name stands for its number
        missing = wanted_values - found_values - _months(target, self.context.lang)
        extra = found_values - wanted_values - _months(source, self.context.source_lang)
        parts = []
        if missing:
            parts.append("missing " + _listed(missing, wanted))
        if extra:
            parts.append("not in the source " + _listed(extra, found))
        return self.issue("numbers differ: " + "; ".join(parts)) if parts else None


def _listed(values: Counter, numbers: list[tuple[str, str]]) -> str:
    shown = {value: written for written, value in reversed(numbers)}
    return ", ".join(shown[value] for value in values.elements())


def _months(text: str, lang: str) -> Counter:
    """Month numbers named in ``text`` (``"8 March 2021"`` -> {"3": 1})."""
    return Counter(str(number) for number, pattern in month_patterns(lang) if pattern.search(text))


@functools.lru_cache(maxsize=128)
def month_patterns(lang: str) -> list[tuple[int, re.Pattern]]:
    """One regex per month matching its CLDR names in ``lang`` (inflected endings allowed)."""
    from babel import Locale, UnknownLocaleError

    try:
        months = Locale.parse(lang.replace("-", "_")).months
    except (UnknownLocaleError, ValueError):
        return []
    patterns = []
    for number in range(1, 13):
        names = {
            months[context][width][number].rstrip(".")
            for context in ("format", "stand-alone")
            for width in ("wide", "abbreviated")
        }
        alternatives = [
            re.escape(name) + ("" if len(name) >= 4 else r"(?!\w)")
            for name in sorted(names, key=len, reverse=True)
            if name and not name.isdigit()
        ]
        if alternatives:
            flags = 0 if all(name[:1].isupper() for name in names) else re.IGNORECASE
            patterns.append((number, re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})", flags)))
    return patterns
