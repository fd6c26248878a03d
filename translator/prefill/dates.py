"""Dates inside sentences: find them with their spans, and write them the target language's way.

A resolution's dates ("17 January 2020", "16. January 2020", "January 17, 2020") are not left to a
machine-translation engine: they are recognised with the source language's month names from
Babel's locale data and rewritten with Babel's long date format for the target language
("17. Januar 2020", "17 de enero de 2020"). Only complete dates (day, month name, year) count.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from babel.dates import format_date, get_month_names

from translator.languages import parse_language

_DAY = r"(?P<d>\d{1,2})(?:\.|st|nd|rd|th)?"
_YEAR = r"(?P<y>\d{4})"
_EDGE_PUNCT = " \t.,;:()[]"


@dataclass(frozen=True)
class DateSpan:
    """A date found in a text: where it is, and which day it means."""

    start: int
    end: int
    date: dt.date


@lru_cache(maxsize=64)
def _grammar(lang: str) -> tuple[dict[str, int], tuple[re.Pattern[str], ...]]:
    locale = parse_language(lang)
    names: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            for number, name in get_month_names(width, context, locale=locale).items():
                names.setdefault(name.casefold().rstrip("."), number)
    month = "(?P<m>" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + ")"
    patterns = (
        # 17 January 2020, 16. January 2020, 17 de enero de 2020, 17th of January 2020
        re.compile(
            rf"(?<!\w){_DAY}\s*(?:de\s+|of\s+)?{month}\.?,?\s+(?:de\s+|del\s+)?{_YEAR}(?!\w)",
            re.IGNORECASE,
        ),
        # January 17, 2020
        re.compile(rf"(?<!\w){month}\.?\s+{_DAY},?\s+{_YEAR}(?!\w)", re.IGNORECASE),
    )
    return names, patterns


def find_dates(text: str, lang: str = "en") -> list[DateSpan]:
    """Every complete date in ``text`` written with ``lang``'s month names, in order.

    >>> [(text[s.start:s.end], s.date.isoformat()) for text in ["Berlin, 16. January 2020."]
    ...  for s in find_dates(text)]
    [('16. January 2020', '2020-01-16')]
    """
    names, patterns = _grammar(lang)
    spans: list[DateSpan] = []
    for pattern in patterns:
        for match in pattern.finditer(text):
            month = names.get(match.group("m").casefold().rstrip("."))
            try:
                day = dt.date(int(match.group("y")), month or 0, int(match.group("d")))
            except ValueError:
                continue
            if not any(s.start < match.end() and match.start() < s.end for s in spans):
                spans.append(DateSpan(match.start(), match.end(), day))
    return sorted(spans, key=lambda span: span.start)


def format_long_date(day: dt.date, lang: str) -> str:
    """The date as ``lang`` writes it in running text (Babel's long format).

    >>> format_long_date(dt.date(2020, 1, 17), "de"), format_long_date(dt.date(2020, 1, 17), "es")
    ('17. Januar 2020', '17 de enero de 2020')
    """
    return format_date(day, format="long", locale=parse_language(lang))


def localized_dates(text: str, source_lang: str, target_lang: str) -> dict[str, str]:
    """Each date written in ``text`` -> the same date in ``target_lang``'s format."""
    return {
        text[span.start : span.end]: format_long_date(span.date, target_lang)
        for span in find_dates(text, source_lang)
    }


def date_only(text: str, source_lang: str, target_lang: str) -> str | None:
    """If ``text`` is nothing but a date (and punctuation), that date in ``target_lang``; else None.

    >>> date_only("17 January 2020", "en", "de")
    '17. Januar 2020'
    >>> date_only("Berlin, 17 January 2020", "en", "de") is None
    True
    """
    core = text.strip(_EDGE_PUNCT)
    spans = find_dates(core, source_lang)
    if len(spans) != 1 or spans[0].start != 0 or spans[0].end != len(core):
        return None
    start = text.index(core)
    return text[:start] + format_long_date(spans[0].date, target_lang) + text[start + len(core) :]


def carry_dates(
    text: str, match_source: str, match_target: str, source_lang: str, target_lang: str
) -> str | None:
    """Reuse a memory match for ``text`` whose dates differ: swap the dates in its translation.

    Returns the translation with each of the match's dates (as ``target_lang`` writes them)
    replaced by the corresponding date of ``text``; None when the dates cannot be carried over
    (a different number of dates, or the translation does not write a date the usual way).

    >>> carry_dates("Berlin, 17 January 2020", "Berlin, 3 May 2018", "Berlin, 3. Mai 2018",
    ...             "en", "de")
    'Berlin, 17. Januar 2020'
    """
    new = [span.date for span in find_dates(text, source_lang)]
    old = [span.date for span in find_dates(match_source, source_lang)]
    if new == old:
        return match_target
    if len(new) != len(old):
        return None
    result = match_target
    for was, now in zip(old, new, strict=True):
        written = format_long_date(was, target_lang)
        if written not in result:
            return None
        result = result.replace(written, format_long_date(now, target_lang), 1)
    return result
