"""Length: much longer or shorter than the source, scaled per language, with an allowance."""

from __future__ import annotations

import pytest

from translator.qa.length import visible_length

from .cases import assert_covers, fails, issues, passes

F, P = True, False
LONG = "We demand the immediate withdrawal of all foreign troops from the Middle East."

TABLE = [
    ("length", "de", LONG, "Wir fordern den sofortigen Abzug aller ausländischen Truppen.", P),
    ("length", "de", LONG, "Abzug!", F),
    ("length", "de", LONG, "Wir fordern den sofortigen Abzug aller Truppen. " * 6, F),
    ("length", "de", "Stop!", "Stoppt den Krieg sofort!", P),  # short: the allowance
    ("length", "ru", LONG, "Мы требуем немедленно вывести чужие войска с Ближнего Востока.", P),
    ("length", "ru", LONG, "Вывод войск.", F),
    ("length", "ar", LONG, "نطالب بالانسحاب الفوري لجميع القوات الأجنبية من الشرق الأوسط.", P),
    ("length", "ar", LONG, "انسحاب!", F),
    ("length", "hi", LONG, "हम मध्य पूर्व से सभी विदेशी सैनिकों की तत्काल वापसी मांगते हैं।", P),
    ("length", "hi", LONG, "वापसी!", F),
    ("length", "bn", LONG, "আমরা মধ্যপ্রাচ্য থেকে সব বিদেশী সৈন্যের অবিলম্বে প্রত্যাহার চাই।", P),
    ("length", "bn", LONG, "প্রত্যাহার!", F),
    ("length", "zh", LONG, "我们要求所有外国军队立即撤出中东。", P),  # Chinese needs a third
]  # fmt: skip


@pytest.mark.parametrize("row", TABLE, ids=lambda row: f"{row[1]}-{row[3][:20]!r}")
def test_case(row):
    check_id, lang, source, target, fires = row
    assert (fails if fires else passes)(check_id, source, target, lang)


def test_table_covers_five_scripts():
    assert_covers(TABLE)


def test_messages_say_which_way():
    assert "times as long" in issues("length", LONG, LONG * 4)[0].message
    assert "of the length" in issues("length", LONG, "Nein.")[0].message


def test_visible_length_ignores_link_targets_and_emphasis():
    assert visible_length("[a](https://example.org/very/long/path) *b*") == 2
