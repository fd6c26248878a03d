"""The kinds of sentence boundary of issue 15, one table per kind, in the languages they concern.

Each row gives the sentences of one block; the block is them joined by a space (or by nothing
where the script writes no space after a full stop). Where plain pysbd splits differently the
row says so in its id (``-pysbd-differs``): those rows show that ours is right there.
"""

from __future__ import annotations

import pysbd
import pytest

from translator.model import Role
from translator.segment import parse_document
from translator.segment.language import library_language, terminals
from translator.segment.split import split_sentences


def sentences(text: str, lang: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text, lang)]


def check(lang: str, expected: list[str], sep: str = " ") -> None:
    assert sentences(sep.join(expected), lang) == expected


ENUMERATIONS = [
    ("dot-paren-no-stop", ["1.) Higher wages", "2.) Shorter hours"]),
    ("dot-paren-stop", ["1.) Higher wages.", "2.) Shorter hours."]),
    ("paren-no-stop", ["1) Higher wages", "2) Shorter hours", "3) Safe jobs"]),
    ("paren-stop", ["1) Higher wages.", "2) Shorter hours."]),
    ("dot-no-stop", ["1. Higher wages", "2. Shorter hours"]),
    ("letters", ["a. Higher wages", "b. Shorter hours", "c. Safe jobs for all"]),
    ("bullet-number", ["• 9. Higher wages", "• 10. Shorter hours"]),
    ("hyphen-bullet-glued", ["⁃9. Higher wages", "⁃10. Shorter hours"]),
    ("bullets", ["Points:", "• wages", "• hours", "• safety"]),
    ("lead-colon-pysbd", ["We demand:", "1) higher wages", "2) shorter hours"]),
    ("parenthesised-numbers", ["We demand:", "(1) higher wages", "(2) shorter hours"]),
    ("parenthesised-letters-pysbd", ["(a) the first case", "(b) the second case"]),
    ("item-with-two-sentences", ["1. Higher wages.", "Now.", "2. Shorter hours."]),
]


@pytest.mark.parametrize("expected", [c[1] for c in ENUMERATIONS], ids=[c[0] for c in ENUMERATIONS])
def test_inline_enumeration_items_are_sentences_with_their_marker(expected):
    check("en", expected)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Wir kommen am 1. Mai und am 2. Juni wieder."),  # pysbd differs: no list
        ("it", "Ecco la lista: 1.pane, 2.latte, 3.uova."),
        ("ru", "Нужно купить 1)хлеб 2)соль."),
        ("de", "3. Kongress der ICOR"),
        ("en", "J. R. Smith and A. B. Jones signed it."),
    ],
)
def test_numbers_and_letters_that_are_no_list_stay_together(lang, text):
    assert sentences(text, lang) == [text]


@pytest.mark.parametrize("marker", ["1.", "1.)", "1)", "a.", "a)", "•", "• 1."])
def test_a_marker_is_never_split_off_its_item(marker):
    second = marker.replace("1", "2").replace("a", "b")
    text = f"We demand: {marker} Higher wages. {second} Shorter hours."
    assert sentences(text, "de") == [
        "We demand:",
        f"{marker} Higher wages.",
        f"{second} Shorter hours.",
    ]


ENDS = [
    (
        "one-letter-word-pysbd",
        "en",
        ["We stand together, you and I.", "Did the bosses expect that?"],
    ),
    ("initial-after-name", "en", ["Did you meet Charles V. Wilson at the rally?"]),
    ("initial-after-lower-word", "en", ["It was written by V. I. Lenin in 1916."]),
    ("am-name-mid-pysbd-differs", "en", ["At 6 a.m. Mr. Green opened the gates."]),
    ("am-weekday-pysbd-differs", "en", ["Workers gathered at 6 a.m. Monday at the plant."]),
    ("am-zone-pysbd-differs", "en", ["The picket starts at 5 a.m. EST and ends at noon."]),
    ("pm-ends-clause", "en", ["The march ended at 4 p.m.", "Mrs. Patel then spoke."]),
    ("am-imperative", "en", ["We meet at 10 a.m.", "Bring your banners."]),
    ("am-closes-a-clause", "en", ["It was 3 a.m.", "The house was quiet."]),
    ("am-after-tomorrow", "en", ["Tomorrow at 9 a.m. John will call."]),
]


@pytest.mark.parametrize(("lang", "expected"), [c[1:] for c in ENDS], ids=[c[0] for c in ENDS])
def test_abbreviations_and_initials_do_not_swallow_real_ends(lang, expected):
    check(lang, expected)


SCRIPTS = [
    ("hy-full-stop", "hy", ["Մենք պայքարում ենք։", "Նրանք վախենում են։"], " "),
    ("hy-colon", "hy", ["Ի՞նչ ես անում:", "Ոչինչ:"], " "),
    ("hy-dot-is-no-end", "hy", ["Պատասխանը հետևյալն է. միասնություն և պայքար:"], " "),
    ("hy-ellipsis-is-no-end", "hy", ["Գործադուլը սկսվեց...Բոլորը եկան:"], " "),
    ("am-glued", "am", ["ሰላም ነህ፧", "ደህና ነኝ።", "ዛሬ ስብሰባ አለ።"], ""),
    ("am-spaced", "am", ["ሠራተኞቹ ሥራ አቆሙ።", "ደሞዝ ጠየቁ።"], " "),
    ("my-glued", "my", ["အလုပ်သမားများ သပိတ်မှောက်ကြသည်။", "အစိုးရက ငြိမ်နေသည်။"], ""),
    ("el-question", "el", ["Πού είναι η απεργία;", "Στο λιμάνι."], " "),
    ("el-ano-teleia-is-no-end", "el", ["Με συγχωρείτε· πού είναι ο σταθμός;", "Δεν ξέρω."], " "),
    ("el-lower-start-pysbd", "el", ["Οι εργάτες ήρθαν νωρίς.", "η αστυνομία περίμενε."], " "),
    ("hi-danda", "hi", ["यह पहला वाक्य है।", "यह दूसरा है।"], ""),
    ("ja-no-space", "ja", ["これはペンです。", "それは本です。"], ""),
    ("ja-quote-particle", "ja", ["彼は「行こう。今すぐ。」と言った。", "皆が来た。"], ""),
    ("zh-book-title", "zh", ["我们明天去看《战斗吧！工人》好吗？", "好！"], ""),
    ("zh-book-title-mid", "zh", ["我们推荐阅读《团结就是力量！》一书。", "谁买单？"], ""),
    ("zh-quote-closes-pysbd-differs", "zh", ["他说：“我们要和平。”", "大家鼓掌。"], ""),
    ("zh-hant-corner-quote", "zh-Hant", ["他說：「我們不會退讓。絕不。」", "大家鼓掌。"], ""),
    ("kk-lower-after-question", "kk", ["Дәрігерлер – кім?", "не?"], " "),
    ("kk-dash-after-question", "kk", ["Бірақ бұл не үшін керек? — деді ол."], " "),
    ("ur-full-stop", "ur", ["آپ کیسے ہیں؟", "میرا نام علی ہے۔"], " "),
]


@pytest.mark.parametrize(
    ("lang", "expected", "sep"), [c[1:] for c in SCRIPTS], ids=[c[0] for c in SCRIPTS]
)
def test_marks_of_each_script(lang, expected, sep):
    check(lang, expected, sep)


GLUED = [
    ("kk-cyrillic", "kk", ["Ресейдің әлеуметтік жағдайы.", "XIX ғасырда көп нәрсе өзгерді."]),
    ("ru-cyrillic", "ru", ["Положение рабочих ухудшилось.", "XX век принёс новые битвы."]),
    ("en-latin-pysbd-differs", "en", ["The situation was tense.", "The next morning we struck."]),
    ("da-lone-capital-pysbd-differs", "da", ["Hej verden.", "I dag er det tirsdag."]),
]


@pytest.mark.parametrize(("lang", "expected"), [c[1:] for c in GLUED], ids=[c[0] for c in GLUED])
def test_a_full_stop_glued_to_the_next_capital_ends_a_sentence(lang, expected):
    check(lang, expected, "")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Write to anna.Berg@example.org today."),
        ("en", "See www.example.org/News.html today."),
        ("it", "Buongiorno Sig.ra Rossi."),
        ("ru", "Это написал Л.Н.Толстой."),
        ("de", "Sie kommt am 5.März wieder."),
    ],
)
def test_glued_stops_inside_addresses_names_and_abbreviations_stay(lang, text):
    assert sentences(text, lang) == [text]


ARABIC = [
    ("ar-question", "ar", ["لماذا نضرب؟", "لأن الأجور منخفضة."]),
    ("ar-comma-pysbd", "ar", ["وصل العمال إلى الساحة،", "ورفعوا اللافتات،", "وهتفوا ضد الحرب"]),
    ("ar-comma-list-pysbd", "ar", ["جاء العمال، الطلاب،", "ثم بدأ الإضراب."]),
    ("ar-semicolon-pysbd-differs", "ar", ["طالب العمال بزيادة الأجور؛", "ورفضت الإدارة ذلك."]),
    ("ar-colon-lead", "ar", ["سؤال وجواب:", "ماذا يريد العمال؟", "أجوراً عادلة."]),
    ("ar-colon-quote-pysbd-differs", "ar", ["قالت العاملة: «لن نتراجع أبداً.»", "ثم صفق الجميع."]),
    ("ar-doctor-pysbd-differs", "ar", ["ألقى د. محمود كلمة التضامن.", "ثم تحدث العمال."]),
    ("fa-colon-lead", "fa", ["خبر فوری:", "کارگران اعتصاب کردند."]),
    ("fa-comma-is-no-end", "fa", ["کارگران، دانشجویان و زنان آمدند."]),
    ("fa-clock", "fa", ["ساعت 10:30 جلسه شروع شد.", "همه آمدند."]),
]


@pytest.mark.parametrize(("lang", "expected"), [c[1:] for c in ARABIC], ids=[c[0] for c in ARABIC])
def test_arabic_script_punctuation_and_colon_leads(lang, expected):
    check(lang, expected)


def test_a_colon_after_a_long_lead_ends_no_sentence():
    lead = "قال رئيس النقابة في كلمته أمام آلاف العمال المضربين في الساحة الكبرى يوم الأحد الماضي:"
    text = f"{lead} الإضراب مستمر."
    assert sentences(text, "ar") == [text]


@pytest.mark.parametrize(
    ("lang", "code"),
    [
        ("pt-BR", "es"),
        ("pt", "es"),
        ("zh-Hans", "zh"),
        ("zh-Hant", "zh"),
        ("zh_TW", "zh"),
        ("fa", "fa"),
        ("fa-IR", "fa"),
        ("hy", "hy"),
        ("my", "my"),
        ("am", "am"),
        ("kk", "kk"),
        ("ur", "ur"),
        ("ur-PK", "ur"),
        ("uk", "ru"),
        ("be", "ru"),
        ("sr", "bg"),
        ("sr-Latn", "de"),
        ("mk", "bg"),
        ("ky", "kk"),
        ("mn", "ru"),
        ("ti", "am"),
        ("ps", "fa"),
        ("ckb", "fa"),
        ("sd", "ur"),
        ("bn", "hi"),
        ("ne", "hi"),
        ("pa", "hi"),
        ("ta", "mr"),
        ("tr", "de"),
        ("sv", "da"),
    ],
)
def test_language_codes_reach_pysbd_rules_for_their_language_or_script(lang, code):
    assert library_language(lang) == code


@pytest.mark.parametrize("code", sorted(pysbd.languages.LANGUAGE_CODES))
def test_every_pysbd_language_reaches_itself_with_any_subtag(code):
    assert library_language(code) == code
    assert library_language(f"{code}-XX") == code
    assert library_language(f"{code.upper()}_YY") == code


@pytest.mark.parametrize(
    ("text", "code"),
    [("Привет всем. Как дела?", "ru"), ("ሰላም ነው።", "am"), ("Hello there.", "en")],
)
def test_an_unknown_code_takes_the_language_of_the_texts_script(text, code):
    assert library_language("xx", text) == code


def test_an_unknown_code_splits_cyrillic_by_russian_rules():
    assert sentences("В. И. Петров пришёл. Все встали.", "xx") == [
        "В. И. Петров пришёл.",
        "Все встали.",
    ]


def test_terminals_follow_pysbd_for_the_language():
    assert ";" in terminals("el") and ";" not in terminals("en")
    assert ":" in terminals("hy") and "." not in terminals("hy")
    assert "،" in terminals("ar") and "؛" in terminals("ar") and "،" not in terminals("fa")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("es", ["La empresa ofrece un 2.5%, p. ej. para la noche.", "¡Basta ya!"]),
        ("tr", ["Sendika, vb. örgütler de imzaladı.", "Çağrı güçlü."]),
        ("bs", ["Dana 17. januara 2020. godine održan je protest.", "Bilo je hladno."]),
        ("pl", ["Związek, m.in. w Katowicach, wspiera protest."]),
    ],
)
def test_no_sentence_starts_lower_case_after_an_abbreviation(lang, expected):
    check(lang, expected)


def test_a_blank_line_ends_a_sentence():
    text = "Fit in four weeks\n\nYour guide to a healthy life\n\nLEGAL NOTES"
    assert sentences(text, "en") == [
        "Fit in four weeks",
        "Your guide to a healthy life",
        "LEGAL NOTES",
    ]


def test_signatory_items_with_numbers_are_never_split():
    source = (
        "---\nslug: x\ntitle: X\nlang: en\n---\n\n# X\n\n::: signatories\n"
        "1. Party A. 2. Section. The Left\n2. Movement B. a. b. Unit\n:::\n"
    )
    doc = parse_document(source, "source/x.md")
    items = [s.text for s in doc.segments if s.role is Role.SIGNATORY]
    assert items == ["Party A. 2. Section. The Left", "Movement B. a. b. Unit"]


def test_indented_list_items_are_split_on_their_own():
    source = (
        "---\nslug: x\ntitle: X\nlang: en\n---\n\n# X\n\n"
        "We demand:\n\n   - Higher wages. Now.\n   - Shorter hours\n"
    )
    doc = parse_document(source, "source/x.md")
    items = [s.text for s in doc.segments if s.role is Role.LIST_ITEM]
    assert items == ["Higher wages.", "Now.", "Shorter hours"]
