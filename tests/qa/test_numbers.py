"""Numbers: digits of any script, the locale's separators, dates written with month names."""

from __future__ import annotations

import pytest

from translator.qa.numbers import ascii_digits, number_symbols, read_numbers

from .cases import assert_covers, fails, issues, passes

F, P = True, False
FACT = "In 2021, 3.5 million people fled."

TABLE = [
    ("numbers", "de", FACT, "2021 flohen 3,5 Millionen Menschen.", P),
    ("numbers", "de", FACT, "2021 flohen 3.5 Millionen Menschen.", P),  # English style, same value
    ("numbers", "de", FACT, "2020 flohen 3,5 Millionen Menschen.", F),
    ("numbers", "de", FACT, "2021 flohen 3 Millionen Menschen.", F),
    ("numbers", "de", "10,000 workers", "10.000 Arbeiter", P),
    ("numbers", "de", "10,000 workers", "10 Arbeiter", F),
    ("numbers", "fr", "10,000 workers", "10\u202f000 travailleurs", P),
    ("numbers", "fr", "10,000 workers", "10 000 travailleurs", P),
    ("numbers", "es", "1,500 delegates", "1.500 delegados", P),
    ("numbers", "es", "1,500 delegates", "1,500 delegados", F),  # 1,5 in Spanish
    ("numbers", "de", "ICOR Resolution, 17 January 2020", "ICOR-Resolution, 17.01.2020", P),
    ("numbers", "de", "Resolution of 17.01.2020", "Resolution vom 17. Januar 2020", P),
    ("numbers", "de", "Resolution of 17.01.2020", "Resolution vom 17. Februar 2020", F),
    ("numbers", "ru", FACT, "В 2021 году бежали 3,5 миллиона человек.", P),
    ("numbers", "ru", FACT, "В 2012 году бежали 3,5 миллиона человек.", F),
    ("numbers", "ru", "10,000 workers", "10\u00a0000 рабочих", P),
    ("numbers", "bg", "17 January 2020", "17 януари 2020 г.", P),
    ("numbers", "bg", "17 January 2020", "7 януари 2020 г.", F),
    ("numbers", "ar", FACT, "في عام ٢٠٢١ فرّ ٣٫٥ مليون شخص.", P),
    ("numbers", "ar", FACT, "في عام 2021 فرّ 3.5 مليون شخص.", P),
    ("numbers", "ar", FACT, "في عام ٢٠٢٠ فرّ ٣٫٥ مليون شخص.", F),
    ("numbers", "fa", FACT, "در سال ۲۰۲۱، ۳٫۵ میلیون نفر گریختند.", P),
    ("numbers", "fa", "10,000 workers", "۱۰٬۰۰۰ کارگر", P),
    ("numbers", "fa", FACT, "در سال ۲۰۲۱، ۳ میلیون نفر گریختند.", F),
    ("numbers", "hi", FACT, "२०२१ में ३.५ मिलियन लोग भाग गए।", P),
    ("numbers", "hi", "100,000 workers", "१,००,००० मज़दूर", P),
    ("numbers", "hi", FACT, "२०२२ में ३.५ मिलियन लोग भाग गए।", F),
    ("numbers", "ne", FACT, "सन् २०२१ मा ३.५ मिलियन मानिस भागे।", P),
    ("numbers", "ne", FACT, "सन् २०२१ मा मानिस भागे।", F),
    ("numbers", "bn", FACT, "২০২১ সালে ৩.৫ মিলিয়ন মানুষ পালিয়েছে।", P),
    ("numbers", "bn", FACT, "2021 সালে 3.5 মিলিয়ন মানুষ পালিয়েছে।", P),
    ("numbers", "bn", FACT, "২০১২ সালে ৩.৫ মিলিয়ন মানুষ পালিয়েছে।", F),
]


@pytest.mark.parametrize("row", TABLE, ids=lambda row: f"{row[1]}-{row[3]!r}")
def test_case(row):
    check_id, lang, source, target, fires = row
    assert (fails if fires else passes)(check_id, source, target, lang)


def test_table_covers_five_scripts():
    assert_covers(TABLE)


def test_message_lists_missing_and_extra_as_written():
    (issue,) = issues("numbers", FACT, "В 2012 году бежали 3,5 миллиона человек.", "ru")
    assert issue.message == "numbers differ: missing 2021; not in the source 2012"


def test_link_targets_do_not_count():
    source = "Read [the appeal](https://example.org/2020/appeal.html)."
    assert passes("numbers", source, "Lies [den Aufruf](https://example.org/x.html).")


def test_all_digit_scripts_read_alike():
    assert ascii_digits("٢٠٢١ ۲۰۲۱ २०२१ ২০২১ ２０２１") == "2021 2021 2021 2021 2021"


@pytest.mark.parametrize(
    "text, lang, values",
    [
        ("3,5 und 10.000", "de", ["3.5", "10000"]),
        ("3.5 and 10,000", "en", ["3.5", "10000"]),
        ("1,00,000", "hi", ["100000"]),
        ("۱۰٬۰۰۰ و ۳٫۵", "fa", ["10000", "3.5"]),
        ("17.01.2020", "de", ["17", "1", "2020"]),
        ("10:30", "en", ["10", "30"]),
        ("in 2020 100 delegates", "en", ["2020", "100"]),
        ("007", "en", ["7"]),
    ],
)
def test_read_numbers(text, lang, values):
    assert [value for _, value in read_numbers(text, lang)] == values


def test_number_symbols_from_cldr():
    decimals, groups = number_symbols("ru")
    assert "," in decimals and "\u00a0" in groups and " " in groups
