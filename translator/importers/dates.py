"""Dates written out in resolutions: "17 January 2020", "17. Januar 2020", "17/01/2020", ...

Month names come from Babel's locale data for the document language, plus English (sites often
date pages in English whatever the language). Text is folded first (:func:`chrome.fold`), so
Persian digits, accents and case do not matter. Persian sites date pages in the Solar Hijri
calendar ("۷ خرداد ۱۳۹۳", "1393/03/07"): jdatetime knows its month names and turns such a date
into the Gregorian one.
"""

from __future__ import annotations

import datetime
import re
from functools import lru_cache
from typing import NamedTuple

import jdatetime
from babel import Locale
from babel.dates import get_month_names

from translator.importers.chrome import fold
from translator.languages import parse_language

_DAY = r"(?P<d>\d{1,2})(?:\.|st|nd|rd|th|er|º)?"
_YEAR = r"(?P<y>\d{4})"
MIN_YEAR = 1500  # an earlier Gregorian year dates no resolution
_JALALI_YEAR = r"(?P<jy>1[34]\d\d)"  # Solar Hijri years of our era: 1300-1499
_JALALI_MONTHS = {fold(name): n for n, name in enumerate(jdatetime.date.j_months_fa, start=1)}
_JALALI_MONTH = "(?P<jm>" + "|".join(map(re.escape, _JALALI_MONTHS)) + ")"


def _month_names(lang: str) -> dict[str, int]:
    names: dict[str, int] = {}
    for locale in (parse_language(lang), Locale("en")):  # the document language wins on clashes
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale=locale).items():
                    names.setdefault(fold(name).rstrip("."), number)
    return names


class _Grammar(NamedTuple):
    names: dict[str, int]  # folded month name -> month number
    patterns: list[re.Pattern[str]]
    day_month: re.Pattern[str]  # a text that starts with "1. Mai", "17 January"


@lru_cache(maxsize=32)
def _grammar(lang: str) -> _Grammar:
    names = _month_names(lang)
    month = "(?P<m>" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + ")"
    patterns = [
        # 17 January 2020 / 16. January 2020 / 17 de enero de 2020 / 1er mai 2020
        re.compile(rf"\b{_DAY}\s*(?:de\s+)?{month}\.?,?\s+(?:de\s+|del\s+)?{_YEAR}\b"),
        # January 17, 2020
        re.compile(rf"\b{month}\.?\s+{_DAY},?\s+{_YEAR}\b"),
        # 2020-01-17
        re.compile(r"\b(?P<y>\d{4})-(?P<mm>\d{1,2})-(?P<d>\d{1,2})(?:\b|(?=t\d))"),
        # 17/01/2020, 17.01.2020, 17-01-2020
        re.compile(r"\b(?P<d>\d{1,2})([./-])(?P<mm>\d{1,2})\2(?P<y>\d{4})\b"),
        # Solar Hijri: 7 خرداد 1393, 1393/03/07
        re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})\s*{_JALALI_MONTH}\s+{_JALALI_YEAR}(?!\d)"),
        re.compile(rf"(?<!\d){_JALALI_YEAR}([/.-])(?P<jmm>\d{{1,2}})\2(?P<d>\d{{1,2}})(?!\d)"),
    ]
    day_month = re.compile(rf"{_DAY}\s*(?:de\s+)?{month}\b")
    return _Grammar(names, patterns, day_month)


def _us_order(lang: str) -> bool:
    # Only US English writes month before day in numeric dates.
    return parse_language(lang).territory == "US"


def _jalali_iso(groups: dict[str, str]) -> str:
    month = _JALALI_MONTHS[groups["jm"]] if groups.get("jm") else int(groups["jmm"])
    try:
        return jdatetime.date(int(groups["jy"]), month, int(groups["d"])).togregorian().isoformat()
    except ValueError:
        return ""


def _to_iso(match: re.Match[str], names: dict[str, int], lang: str) -> str:
    groups = match.groupdict()
    if groups.get("jy"):
        return _jalali_iso(groups)
    day, year = int(groups["d"]), int(groups["y"])
    if year < MIN_YEAR:
        return ""  # "1393-03-07" is a Solar Hijri date (matched by its own pattern)
    if groups.get("m"):
        month = names[groups["m"]]
    else:
        month = int(groups["mm"])
        if "/" in match.group(0) and _us_order(lang) and day <= 12:
            day, month = month, day
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return ""


def find_date(text: str, lang: str = "en") -> str:
    """Return the first date in ``text`` as ISO ``yyyy-mm-dd``, or "" if there is none.

    >>> find_date("ICOR Resolution, 17 January 2020")
    '2020-01-17'
    >>> find_date("Resolution der ICOR, 17. Januar 2020", "de")
    '2020-01-17'
    >>> find_date("تاریخ انتشار: ۷ خرداد ۱۳۹۳", "fa")
    '2014-05-28'
    """
    folded = fold(text)
    grammar = _grammar(lang)
    matches = [m for pattern in grammar.patterns for m in pattern.finditer(folded)]
    for match in sorted(matches, key=lambda m: m.start()):
        iso = _to_iso(match, grammar.names, lang)
        if iso:
            return iso
    return ""


def starts_with_date(text: str, lang: str = "en") -> bool:
    """True if ``text`` begins with a day and a month name ("1. Mai 2020: ...")."""
    return bool(_grammar(lang).day_month.match(fold(text)))


def is_date_only(text: str, lang: str = "en") -> bool:
    """True if ``text`` is nothing but a date (and punctuation)."""
    folded = fold(text).strip(" .,:;()[]")
    return any(p.fullmatch(folded) for p in _grammar(lang).patterns)


def ends_with_date(text: str, lang: str = "en") -> bool:
    """True if ``text`` ends with a date, give or take closing punctuation."""
    folded = fold(text).rstrip(" .,:;)]»”\"'")
    return any(m.end() == len(folded) for p in _grammar(lang).patterns for m in p.finditer(folded))
