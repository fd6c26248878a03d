"""Sentence splitting of one block: one table row per rule, and round-trip properties."""

from __future__ import annotations

from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from translator.segment import split
from translator.segment.split import split_sentences


def sentences(text: str, lang: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text, lang)]


CASES = [
    # (id, lang, sentences joined by a space unless a row gives its own text)
    ("empty", "en", []),
    ("heading-single", "en", ["Solidarity with the miners of Bolivia"]),
    ("heading-roman", "en", ["II. Party Congress of the MLPD"]),
    ("heading-number", "de", ["3. Kongress der ICOR"]),
    ("stop-capital", "en", ["The strike goes on.", "We support it."]),
    ("exclamation-question", "en", ["Who pays?", "The workers!", "Not again."]),
    ("ellipsis-capital", "en", ["The rich get richer…", "The poor get poorer."]),
    ("dots-capital", "en", ["We waited and waited...", "Nobody came."]),
    ("ellipsis-inside", "en", ["It spread to Chile, Peru and so on... but not here."]),
    ("abbrev-titles", "en", ["Mr. Smith and Dr. Jones met Prof. Lee.", "They agreed."]),
    ("abbrev-eg-ie", "en", ["Wages fell, e.g. in mining, i.e. where unions are weak.", "Why?"]),
    ("abbrev-etc-mid", "en", ["Steel, coal etc. are in crisis.", "Jobs go."]),
    ("abbrev-us-vs", "en", ["The U.S. economy grew 2.1 percent vs. 2.9 last year.", "So what?"]),
    ("no-before-capital", "en", ["We say no.", "We fight."]),
    ("abbrev-no-art", "en", ["See No. 5 of the bulletin and Art. 3 of the statutes.", "Done."]),
    ("initials-en", "en", ["J. R. Smith signed the appeal.", "V. I. Lenin wrote on it."]),
    ("date-ordinal-en", "en", ["It was adopted on 16. January 2020 in Berlin.", "It is valid."]),
    ("decimal", "en", ["Some 3.5 million people joined.", "A record."]),
    ("acronym-brackets", "en", ["The CPI (ML) Red Star signed it.", "So did others."]),
    ("quote-inside", "en", ['He said: "Stop. Now."', "Then left."]),
    ("bracket-inside", "en", ["The vote (see p. 4. It was close.) passed.", "Good."]),
    ("link", "en", ["Read [the text. Now](http://x.y/a.b?c=d) today.", "Share it."]),
    ("bare-url", "en", ["See https://www.icor.info/a.b/c.html or www.x.y/a.b now.", "Share it."]),
    ("code", "en", ["Run `make. Then test` first.", "It works."]),
    ("strong-inside", "en", ["**Stop the war. Now.** is our slogan.", "Join us."]),
    ("strong-sentence", "en", ["**Down with war!**", "We call for action."]),
    ("emphasis-sentence", "en", ["*This is not our crisis!*", "Let the rich pay."]),
    ("de-abbrev", "de", ["Es kamen ca. 1.000 Menschen, z.B. aus Essen bzw. Bochum.", "Gut."]),
    ("de-nr-s", "de", ["Siehe Nr. 4 auf S. 12 und Art. 3 der Satzung.", "Das gilt."]),
    ("de-date", "de", ["Am 17. Januar 2020 kamen viele.", "Sie blieben."]),
    ("de-ordinal", "de", ["Der 2. Weltkrieg war ein Verbrechen.", "Nie wieder!"]),
    ("de-list-number", "de", ["Siehe Art. 2 Abs. 1.", "Wir danken allen."]),
    ("de-quote", "de", ["Sie sagte: „Wir geben nicht auf. Nie.“", "Alle standen auf."]),
    ("fr-spaced", "fr", ["Qui paie la crise ?", "Les travailleurs !"]),
    ("fr-guillemets", "fr", ["Elle a dit : « Nous ne reculerons pas. Jamais. »", "Bravo."]),
    ("fr-abbrev", "fr", ["M. Dupont et Mme Martin ont parlé.", "Le débat a suivi."]),
    ("es-inverted", "es", ["¿Quién paga la crisis?", "¡Los trabajadores no!"]),
    ("es-abbrev", "es", ["El Sr. Pérez y la Sra. Gómez hablaron.", "Fue claro."]),
    ("es-eeuu", "es", ["Las tropas de EE. UU. deben retirarse.", "No a la guerra."]),
    ("ru-initials", "ru", ["В. И. Ленин писал об этом.", "Это важно."]),
    ("ru-te", "ru", ["Цены выросли, т. е. зарплаты упали.", "Кто виноват?"]),
    ("ru-quote-stop", "ru", ["Он сказал: «Мы не сдадимся. Никогда».", "Зал встал."]),
    ("ru-etc-end", "ru", ["Бастуют токари, слесари и т. д.", "Администрация молчит."]),
    ("ru-year-mid", "ru", ["В 2010-2012 гг. Иван работал на заводе в г. Самаре."]),
    ("ru-city-abbrev", "ru", ["Митинг прошёл в г. Самаре.", "Пришли сотни."]),
    ("uk-initials", "uk", ["Про це писав І. Франко.", "Його слова живі."]),
    ("uk-abbrev", "uk", ["Це т. зв. Реформа, див. ст. 5 закону.", "Ні!"]),
    ("uk-fallback", "uk", ["Хто платить за кризу?", "Робітники, вчителі тощо."]),
    ("tr-ordinal", "tr", ["Mücadele 2. Dünya Savaşı'ndan beri sürüyor.", "Asla!"]),
    ("tr-abbrev", "tr", ["Dr. Kaya ve Prof. Öztürk konuştu.", "Herkes dinledi."]),
    ("fa-question", "fa", ["چه کسی هزینه را می‌پردازد؟", "همیشه کارگران!"]),
    ("fa-quote", "fa", ["او گفت: «ما عقب نمی‌نشینیم. هرگز.»", "همه تشویق کردند."]),
    ("ar-question", "ar", ["من يدفع ثمن الأزمة؟", "العمال دائماً!"]),
    ("ar-doctor", "ar", ["ألقى د. محمود كلمة التضامن.", "ثم تحدث العمال."]),
    ("ar-stops", "ar", ["هذه جملة.", "وهذه جملة أخرى."]),
    ("ur-full-stop", "ur", ["یہ پہلا جملہ ہے۔", "یہ دوسرا ہے۔"]),
    ("hi-danda", "hi", ["यह पहला वाक्य है।", "यह दूसरा है।", "क्या यह तीसरा है?"]),
    ("hi-decimal", "hi", ["बेरोजगारी दर 7.5 प्रतिशत है।", "यह बहुत है।"]),
    ("bn-danda", "bn", ["তারা মিছিল করেন।", "পুলিশ হামলা চালায়।"]),
    ("ne-danda", "ne", ["मजदुरहरूले प्रदर्शन गरे।", "उनीहरूले माग गरे।"]),
    ("zh-stops", "zh", ["我们要和平。", "不要战争！"]),
    ("hu-year", "hu", ["2020. január 17-én ezrek tüntettek.", "A rendőrség figyelt."]),
    ("bs-date", "bs", ["Dana 17. januara 2020. godine održan je protest.", "Bilo je hladno."]),
    ("unknown-lang", "xx", ["First one.", "Second one."]),
    ("region-subtag", "pt-BR", ["A luta continua.", "Viva!"]),
]


@pytest.mark.parametrize(("lang", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_split_rules(lang: str, expected: list[str]) -> None:
    text = " ".join(expected)
    assert sentences(text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "", []),
        ("en", " \n\t ", []),
        ("en", "  One.  Two.\n", ["One.", "Two."]),
        (
            "en",
            "We demand the withdrawal of all\ntroops now.",
            ["We demand the withdrawal of all\ntroops now."],
        ),
        (
            "en",
            "It is wrapped here.\nNew sentence\ncontinues.",
            ["It is wrapped here.", "New sentence\ncontinues."],
        ),
        ("en", "A line without a stop\nand another", ["A line without a stop\nand another"]),
        ("fr", "Tous dans la rue\u202f! Maintenant.", ["Tous dans la rue\u202f!", "Maintenant."]),
        ("zh", "我们要和平。不要战争！", ["我们要和平。", "不要战争！"]),
        ("en", "**Stop.** Now go.", ["**Stop.**", "Now go."]),
        ("en", "See <https://x.y/a. b>. Next one.", ["See <https://x.y/a. b>.", "Next one."]),
    ],
)
def test_split_whitespace_and_markup(lang: str, text: str, expected: list[str]) -> None:
    assert sentences(text, lang) == expected


def test_long_block_reaches_the_library_in_bounded_windows(monkeypatch) -> None:
    """pysbd's time grows with the square of its input: a long block must be fed in windows."""
    seen: list[int] = []
    real = split._library_sentences

    def recording(text: str, code: str) -> list[str]:
        seen.append(len(text))
        return real(text, code)

    monkeypatch.setattr(split, "_library_sentences", recording)
    text = " ".join(f"Sentence {i} is here, e.g. in Dr. Who's words." for i in range(2000))
    assert len(split_sentences(text, "en")) == 2000
    assert len(seen) > 40
    assert max(seen) <= split._WINDOW


_PIECES = st.sampled_from(
    [
        "Mr.",
        "Dr.",
        "e.g.",
        "3.5",
        "16.",
        "January",
        "word",
        "Wort",
        "слово",
        "کلمه",
        "शब्द",
        ".",
        "!",
        "?",
        "…",
        "...",
        "。",
        "।",
        "؟",
        '"',
        "“",
        "”",
        "„",
        "«",
        "»",
        "(",
        ")",
        "**",
        "*",
        "_",
        "`",
        "[a](http://x.y/a.b)",
        "http://x.y/z.",
        " ",
        "  ",
        "\n",
        "\t",
        "\u202f",
        "A",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_PIECES, max_size=40).map("".join) | st.text(max_size=80),
    st.sampled_from(["en", "de", "fr", "ru", "fa", "hi", "zh", "xx"]),
)
def test_spans_round_trip(text: str, lang: str) -> None:
    for window in (split._WINDOW, 12):  # also cut into small pieces for the library
        with mock.patch.object(split, "_WINDOW", window):
            spans = split_sentences(text, lang)
        position = 0
        for start, end in spans:
            assert position <= start < end <= len(text)
            piece = text[start:end]
            assert piece == piece.strip()
            assert not text[position:start].strip()  # only whitespace between spans
            position = end
        assert not text[position:].strip()
        assert bool(spans) == bool(text.strip())
