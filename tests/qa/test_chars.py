"""Whitespace, blank, line breaks, end punctuation, spacing, script marks, brackets, quotes."""

from __future__ import annotations

import pytest

from translator.qa.chars import ending_marks, preferred_mark, unbalanced

from .cases import assert_covers, fails, issues, passes

F, P = True, False  # the check fires / passes

TABLE = [
    # leading / trailing whitespace (Markdown reads leading spaces as code, two trailing as <br>)
    ("leading_whitespace", "de", "Stop the war!", "Stoppt den Krieg!", P),
    ("leading_whitespace", "de", "Stop the war!", " Stoppt den Krieg!", F),
    ("leading_whitespace", "ru", "Stop the war!", " Остановите войну!", F),
    ("leading_whitespace", "ru", "Stop the war!", "Остановите войну!", P),
    ("leading_whitespace", "ar", "Stop the war!", "  أوقفوا الحرب!", F),
    ("leading_whitespace", "ar", "Stop the war!", "أوقفوا الحرب!", P),
    ("leading_whitespace", "hi", "Stop the war!", "\tयुद्ध रोको!", F),
    ("leading_whitespace", "hi", "Stop the war!", "युद्ध रोको!", P),
    ("leading_whitespace", "bn", "Stop the war!", " যুদ্ধ থামাও!", F),
    ("leading_whitespace", "bn", "Stop the war!", "যুদ্ধ থামাও!", P),
    ("trailing_whitespace", "de", "Stop the war!", "Stoppt den Krieg!  ", F),
    ("trailing_whitespace", "de", "Stop the war! ", "Stoppt den Krieg! ", P),
    ("trailing_whitespace", "uk", "Stop the war!", "Зупиніть війну! ", F),
    ("trailing_whitespace", "uk", "Stop the war!", "Зупиніть війну!", P),
    ("trailing_whitespace", "fa", "Stop the war!", "جنگ را متوقف کنید! ", F),
    ("trailing_whitespace", "fa", "Stop the war!", "جنگ را متوقف کنید!", P),
    ("trailing_whitespace", "ne", "Stop the war!", "युद्ध रोक! ", F),
    ("trailing_whitespace", "ne", "Stop the war!", "युद्ध रोक!", P),
    ("trailing_whitespace", "bn", "Stop the war!", "যুদ্ধ থামাও!\u00a0", F),
    ("trailing_whitespace", "bn", "Stop the war!", "যুদ্ধ থামাও!", P),
    # double spaces
    ("double_space", "tr", "Stop the war!", "Savaşı  durdurun!", F),
    ("double_space", "tr", "Stop the war!", "Savaşı durdurun!", P),
    ("double_space", "bg", "Stop the war!", "Спрете  войната!", F),
    ("double_space", "bg", "Stop the war!", "Спрете войната!", P),
    ("double_space", "ar", "Stop the war!", "أوقفوا  الحرب!", F),
    ("double_space", "ar", "Stop the war!", "أوقفوا الحرب!", P),
    ("double_space", "hi", "Stop the war!", "युद्ध  रोको!", F),
    ("double_space", "hi", "Stop the war!", "युद्ध रोको!", P),
    ("double_space", "bn", "Stop the war!", "যুদ্ধ  থামাও!", F),
    ("double_space", "bn", "Stop the war!", "যুদ্ধ থামাও!", P),
    # line breaks split a paragraph in the built document
    ("newlines", "de", "Stop the war!", "Stoppt\nden Krieg!", F),
    ("newlines", "de", "Stop the war!", "Stoppt den Krieg!", P),
    ("newlines", "ru", "Stop the war!", "Остановите\n\nвойну!", F),
    ("newlines", "ru", "Stop the war!", "Остановите войну!", P),
    ("newlines", "ar", "Stop the war!", "أوقفوا\nالحرب!", F),
    ("newlines", "ar", "Stop the war!", "أوقفوا الحرب!", P),
    ("newlines", "hi", "Stop the war!", "युद्ध\nरोको!", F),
    ("newlines", "hi", "Stop the war!", "युद्ध रोको!", P),
    ("newlines", "bn", "Stop the war!", "যুদ্ধ\nথামাও!", F),
    ("newlines", "bn", "Stop the war!", "যুদ্ধ থামাও!", P),
    # blank: only whitespace counts as translated, and the sentence would vanish
    ("blank", "de", "Stop the war!", "   ", F),
    ("blank", "de", "Stop the war!", "Stoppt den Krieg!", P),
    ("blank", "ru", "Stop the war!", "\u00a0", F),
    ("blank", "ru", "Stop the war!", "Остановите войну!", P),
    ("blank", "ar", "Stop the war!", " ", F),
    ("blank", "ar", "Stop the war!", "أوقفوا الحرب!", P),
    ("blank", "hi", "Stop the war!", "\t", F),
    ("blank", "hi", "Stop the war!", "युद्ध रोको!", P),
    ("blank", "bn", "Stop the war!", "  ", F),
    ("blank", "bn", "Stop the war!", "যুদ্ধ থামাও!", P),
    # ending punctuation, with each language's own marks
    ("end_punctuation", "de", "Stop the war!", "Stoppt den Krieg!", P),
    ("end_punctuation", "de", "Stop the war!", "Stoppt den Krieg", F),
    ("end_punctuation", "de", "Our demands", "Unsere Forderungen.", F),
    ("end_punctuation", "de", "Our demands", "Unsere Forderungen", P),
    ("end_punctuation", "de", 'He said: "Stop the war!"', "Er sagte: „Stoppt den Krieg!“", P),
    ("end_punctuation", "de", "Signatories (as of 16. May)", "Unterzeichner (Stand 16. Mai)", P),
    ("end_punctuation", "de", "It is late...", "Es ist spät …", P),
    ("end_punctuation", "es", "Stop the war!", "¡Alto a la guerra!", P),
    ("end_punctuation", "es", "Why the war?", "¿Por qué la guerra?", P),
    ("end_punctuation", "es", "Stop the war!", "¡Alto a la guerra.", F),
    ("end_punctuation", "fr", "Stop the war!", "Arrêtez la guerre !", P),
    ("end_punctuation", "ru", "Stop the war!", "Остановите войну!", P),
    ("end_punctuation", "ru", "Stop the war!", "Остановите войну.", F),
    ("end_punctuation", "uk", "Why the war?", "Чому війна?", P),
    ("end_punctuation", "ar", "Why the war?", "لماذا الحرب؟", P),
    ("end_punctuation", "ar", "Why the war?", "لماذا الحرب?", F),
    ("end_punctuation", "ar", "Stop the war; now.", "أوقفوا الحرب؛ الآن.", P),
    ("end_punctuation", "fa", "Why the war?", "چرا جنگ؟", P),
    ("end_punctuation", "fa", "Why the war?", "چرا جنگ?", F),
    ("end_punctuation", "fa", "Why the war?", "چرا جنگ", F),
    ("end_punctuation", "hi", "Stop the war.", "युद्ध रोको।", P),
    ("end_punctuation", "hi", "Stop the war.", "युद्ध रोको.", P),
    ("end_punctuation", "hi", "Stop the war.", "युद्ध रोको!", F),
    ("end_punctuation", "ne", "Stop the war.", "युद्ध रोक ।", P),
    ("end_punctuation", "ne", "Why the war?", "युद्ध किन ।", F),
    ("end_punctuation", "bn", "Stop the war.", "যুদ্ধ থামাও।", P),
    ("end_punctuation", "bn", "Stop the war!", "যুদ্ধ থামাও", F),
    ("end_punctuation", "bn", "Why the war?", "যুদ্ধ কেন?", P),
    # Spanish opening marks (only Spanish, Galician, Asturian)
    ("inverted_marks", "es", "Stop the war!", "¡Alto a la guerra!", P),
    ("inverted_marks", "es", "Stop the war!", "Alto a la guerra!", F),
    ("inverted_marks", "es", "Why the war?", "Por qué la guerra?", F),
    ("inverted_marks", "es", "Comrades, forward!", "Compañeros, ¡adelante!", P),
    ("inverted_marks", "es", "Stop the war!", "¡Alto a la guerra", F),
    ("inverted_marks", "es", "Read [it](https://x.org/?a)!", "¡Lee [esto](https://x.org/?a)!", P),
    ("inverted_marks", "ru", "Stop the war!", "Остановите войну!", P),
    ("inverted_marks", "ar", "Stop the war!", "أوقفوا الحرب!", P),
    ("inverted_marks", "hi", "Stop the war!", "युद्ध रोको!", P),
    ("inverted_marks", "bn", "Stop the war!", "যুদ্ধ থামাও!", P),
    # spacing around marks: French spaces, everyone else none
    ("punctuation_spacing", "fr", "Stop the war!", "Arrêtez la guerre\u202f!", P),
    ("punctuation_spacing", "fr", "Stop the war!", "Arrêtez la guerre!", F),
    ("punctuation_spacing", "fr", '"Peace"', "«\u00a0Paix\u00a0»", P),
    ("punctuation_spacing", "fr", '"Peace"', "«Paix »", F),
    ("punctuation_spacing", "fr", "At 10:30: strike", "À 10:30 : grève", P),
    ("punctuation_spacing", "de", "Stop the war!", "Stoppt den Krieg !", F),
    ("punctuation_spacing", "de", "Stop the war, now!", "Stoppt den Krieg, jetzt!", P),
    ("punctuation_spacing", "ru", "Stop the war, now!", "Остановите войну , сейчас!", F),
    ("punctuation_spacing", "ru", "Stop the war, now!", "Остановите войну, сейчас!", P),
    ("punctuation_spacing", "ar", "Stop the war, now!", "أوقفوا الحرب ، الآن!", F),
    ("punctuation_spacing", "ar", "Stop the war, now!", "أوقفوا الحرب، الآن!", P),
    ("punctuation_spacing", "hi", "Stop the war!", "युद्ध रोको !", F),
    ("punctuation_spacing", "hi", "Stop the war!", "युद्ध रोको!", P),
    ("punctuation_spacing", "bn", "Stop the war!", "যুদ্ধ থামাও !", F),
    ("punctuation_spacing", "bn", "Stop the war!", "যুদ্ধ থামাও!", P),
    # the script's own marks mid-sentence (Arabic script, CJK)
    ("native_punctuation", "ar", "Stop the war, now!", "أوقفوا الحرب, الآن!", F),
    ("native_punctuation", "ar", "Stop the war, now!", "أوقفوا الحرب، الآن!", P),
    ("native_punctuation", "ar", "3,5 million", "٣,٥ مليون", P),
    ("native_punctuation", "fa", "War; misery.", "جنگ; فقر.", F),
    ("native_punctuation", "fa", "War; misery.", "جنگ؛ فقر.", P),
    ("native_punctuation", "de", "Stop the war, now!", "Stoppt den Krieg, jetzt!", P),
    ("native_punctuation", "ru", "Stop the war, now!", "Остановите войну, сейчас!", P),
    ("native_punctuation", "hi", "Stop the war, now!", "युद्ध रोको, अभी!", P),
    ("native_punctuation", "bn", "Stop the war, now!", "যুদ্ধ থামাও, এখনই!", P),
    # brackets and quotes must pair up
    ("unbalanced", "de", "CPI (ML) Red Star", "CPI (ML Roter Stern", F),
    ("unbalanced", "de", "CPI (ML) Red Star", "CPI (ML) Roter Stern", P),
    ("unbalanced", "de", 'He said "no".', "Er sagte „nein“.", P),
    ("unbalanced", "de", 'He said "no".', "Er sagte „nein.", F),
    ("unbalanced", "de", "Signatories (as of 16. January", "Unterzeichner (Stand 16. Januar", P),
    ("unbalanced", "ru", '"Peace"', "«Мир»", P),
    ("unbalanced", "ru", '"Peace"', "«Мир", F),
    ("unbalanced", "ru", "Party (Labour)", "Партия Труда)", F),
    ("unbalanced", "ar", "Party (Labour)", "حزب (العمل)", P),
    ("unbalanced", "ar", "Party (Labour)", "حزب (العمل", F),
    ("unbalanced", "hi", "Party (Labour)", "पार्टी (श्रम)", P),
    ("unbalanced", "hi", "Party (Labour)", "पार्टी (श्रम", F),
    ("unbalanced", "bn", "Party (Labour)", "পার্টি [শ্রম)", F),
    ("unbalanced", "bn", "Party (Labour)", "পার্টি (শ্রম)", P),
    # number of brackets (Translate Toolkit's, full-width brackets count as brackets)
    ("bracket_count", "de", "CPI (ML) Red Star", "CPI ML Roter Stern", F),
    ("bracket_count", "de", "CPI (ML) Red Star", "CPI (ML) Roter Stern", P),
    ("bracket_count", "ru", "CPI (ML)", "КПИ (МЛ)", P),
    ("bracket_count", "ru", "CPI (ML)", "КПИ МЛ", F),
    ("bracket_count", "ar", "Party (Labour)", "حزب العمل (العمال) (الجديد)", F),
    ("bracket_count", "ar", "Party (Labour)", "حزب (العمل)", P),
    ("bracket_count", "hi", "Party (Labour)", "पार्टी श्रम", F),
    ("bracket_count", "hi", "Party (Labour)", "पार्टी (श्रम)", P),
    ("bracket_count", "bn", "Party (Labour)", "পার্টি শ্রম", F),
    ("bracket_count", "bn", "Party (Labour)", "পার্টি (শ্রম)", P),
]


@pytest.mark.parametrize("row", TABLE, ids=lambda row: f"{row[0]}-{row[1]}-{row[3]!r}")
def test_case(row):
    check_id, lang, source, target, fires = row
    assert (fails if fires else passes)(check_id, source, target, lang)


def test_table_covers_five_scripts():
    assert_covers(TABLE)


def test_messages_name_the_language_mark():
    (issue,) = issues("end_punctuation", "Why the war?", "لماذا الحرب?", "ar")
    assert "؟" in issue.message
    (issue,) = issues("end_punctuation", "Stop the war.", "युद्ध रोको!", "hi")
    assert "।" in issue.message
    (issue,) = issues("end_punctuation", "Why?", "Γιατί?", "el")
    assert "';'" in issue.message


def test_greek_question_mark_and_semicolon():
    assert passes("end_punctuation", "Why the war?", "Γιατί ο πόλεμος;", "el")
    assert fails("end_punctuation", "War; misery;", "Πόλεμος· δυστυχία;", "el")
    assert passes("end_punctuation", "War; misery;", "Πόλεμος· δυστυχία·", "el")


def test_cjk_full_width_marks():
    assert passes("end_punctuation", "Stop the war!", "停止战争！", "zh")
    assert passes("end_punctuation", "Stop.", "止めて。", "ja")
    assert fails("native_punctuation", "Stop the war, now!", "停止战争,现在！", "zh")
    assert passes("native_punctuation", "Stop the war, now!", "停止战争，现在！", "zh")
    assert passes("bracket_count", "CPI (ML)", "印度共产党（马列）", "zh")


def test_thai_may_end_without_full_stop():
    assert passes("end_punctuation", "Stop the war.", "หยุดสงคราม", "th")


def test_skipped_entries():
    assert passes("blank", "Stop the war!", "", "de")  # untranslated: nothing to check
    assert passes("blank", "Stop!", "  ", "de", flags=("ignore-blank",))  # dismissed
    assert passes("blank", "Stop!", " ", "de", tcomment="joined: previous")


@pytest.mark.parametrize(
    "text, marks",
    [
        ("Stop the war!", ["!"]),
        ("Stop the war?!", ["?", "!"]),
        ("Stop the war!!!", ["!"]),
        ("Wait...", ["…"]),
        ("*Act now!*", ["!"]),
        ("(see below)", []),
        ("Arrêtez la guerre !", ["!"]),
    ],
)
def test_ending_marks(text, marks):
    from translator.qa.chars import COMMON_MARKS

    assert ending_marks(text, COMMON_MARKS) == marks


def test_preferred_marks():
    assert [preferred_mark(lang, "question mark") for lang in ("de", "ar", "el", "zh")] == [
        "?",
        "؟",
        ";",
        "？",
    ]
    assert preferred_mark("bn", "full stop") == "।"


def test_unbalanced_reasons():
    assert unbalanced("a (b [c) d]") == "')' without its opening bracket"
    assert unbalanced("«a» ‹b") == "quotation marks ‹…› do not pair up"
    assert unbalanced("[x](https://e.org/a_(b)) ok") == ""
