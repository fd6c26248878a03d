"""Dates in sentences: recognised in the source language, written the target language's way."""

from __future__ import annotations

import datetime as dt

import pytest

from translator.prefill.dates import date_only, find_dates, localized_dates


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("ICOR Resolution, 17 January 2020", "2020-01-17"),
        ("as of 16. January 2020, up-to-date", "2020-01-16"),
        ("on January 17, 2020 in Berlin", "2020-01-17"),
        ("the 3rd of May 2019", "2019-05-03"),
        ("17 Jan. 2020", "2020-01-17"),
    ],
)
def test_english_dates_are_found(text, iso):
    [span] = find_dates(text)
    assert span.date == dt.date.fromisoformat(iso)
    assert text[span.start : span.end][:2] in ("17", "16", "Ja", "3r")


@pytest.mark.parametrize("text", ["March 2020", "32 January 2020", "17 Januar 2020", "2020-01-17"])
def test_incomplete_impossible_or_foreign_dates_are_not(text):
    assert find_dates(text) == []


def test_source_language_month_names():
    [span] = find_dates("Resolution vom 17. Januar 2020", "de")
    assert span.date == dt.date(2020, 1, 17)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("de", "17. Januar 2020"),
        ("es", "17 de enero de 2020"),
        ("fr", "17 janvier 2020"),
        ("hu", "2020. január 17."),
    ],
)
def test_date_only_sentence_in_target_format(lang, expected):
    assert date_only("17 January 2020", "en", lang) == expected


def test_date_only_keeps_surrounding_punctuation():
    assert date_only("(17 January 2020)", "en", "de") == "(17. Januar 2020)"
    assert date_only("Berlin, 17 January 2020", "en", "de") is None


def test_localized_dates_of_a_sentence():
    text = "Signatories (as of 16. January 2020, list of 3 March 2020)"
    assert localized_dates(text, "en", "es") == {
        "16. January 2020": "16 de enero de 2020",
        "3 March 2020": "3 de marzo de 2020",
    }


def test_carry_dates_swaps_the_date_in_a_memory_translation():
    from translator.prefill.dates import carry_dates

    assert (
        carry_dates(
            "ICOR Resolution, 17 January 2020",
            "ICOR Resolution, 8 March 2021",
            "Resolución de la ICOR, 8 de marzo de 2021",
            "en",
            "es",
        )
        == "Resolución de la ICOR, 17 de enero de 2020"
    )


def test_carry_dates_gives_up_when_it_cannot_be_sure():
    from translator.prefill.dates import carry_dates

    assert (
        carry_dates("On 17 January 2020.", "On 8 March 2021.", "Am 8.3.2021.", "en", "de") is None
    )
    assert carry_dates("On 17 January 2020.", "On that day.", "An dem Tag.", "en", "de") is None
    assert carry_dates("Same text.", "Same text!", "Gleich!", "en", "de") == "Gleich!"
