"""Per-language rules of issue 15 where plain pysbd splits wrongly, one row per rule.

Each row gives the sentences of one block (joined by a space, or by nothing where the script
writes none after a full stop). ``test_ours_splits_as_a_translator_wants`` checks our splitter;
``test_plain_pysbd_splits_these_differently`` shows that pysbd alone gets every row wrong, so
each row is a place where our rules, not pysbd's, decide.
"""

from __future__ import annotations

import pysbd
import pytest

from translator.segment.language import library_language
from translator.segment.split import split_sentences

ROWS = [
    # a list-closing abbreviation before a capital ends the sentence
    ("etc-de", "de", ["Wir brauchen Stifte, Papier usw.", "Der Laden öffnet um neun."], " "),
    ("etc-it", "it", ["Abbiamo comprato pane, latte, ecc.", "Poi siamo tornati."], " "),
    ("etc-sk", "sk", ["Kúpili sme chlieb, mlieko, syr atď.", "Potom sme išli domov."], " "),
    ("etc-bg", "bg", ["Купихме хляб, сирене, мляко и др.", "После се прибрахме."], " "),
    # a unit or currency after a number before a capital ends it
    ("unit-bg", "bg", ["Цената е 12,50 лв.", "Това е евтино."], " "),
    ("unit-kelvin", "es", ["El agua hierve a 373.15 K.", "Es un dato conocido."], " "),
    # a one-letter word ends a sentence pysbd runs on
    ("one-letter-word", "en", ["The best team is you and I.", "Nobody else comes close."], " "),
    ("acronym-end", "en", ["I live in the U.S.", "Do you?"], " "),
    # titles, streets and numbered references of each language keep their sentence
    ("title-es", "es", ["Le presento al Ing. Ruiz Molina."], " "),
    ("title-el", "el", ["Μίλησε ο κ. Παπαδόπουλος στη συνέλευση.", "Όλοι άκουσαν."], " "),
    ("title-mr", "mr", ["डॉ. पाटील यांनी भाषण केले.", "सर्वांनी ऐकले."], " "),
    ("title-mr-shri", "mr", ["श्री. पाटील आले.", "ते थकले होते."], " "),
    ("era-mr", "mr", ["इ.स. १८१८ मध्ये युद्ध झाले.", "ते मोठे होते."], " "),
    ("page-fa", "fa", ["ص. 12 را ببینید.", "آنجا نوشته شده است."], " "),
    ("page-el", "el", ["Βλ. σελ. 12 του βιβλίου.", "Εκεί είναι όλα."], " "),
    ("initial-el", "el", ["Ο Γ. Παπανδρέου μίλησε.", "Όλοι άκουσαν."], " "),
    ("title-pl", "pl", ["Wykład poprowadzi prof. Nowak.", "Wstęp jest wolny."], " "),
    ("title-kk", "kk", ["Отырысты проф. Әбенов жүргізді.", "Шешім қабылданбады."], " "),
    ("street-de", "de", ["Meine Anschrift lautet: Dr. Braun, Lindenstr. 12, 50667 Köln."], " "),
    ("street-pl", "pl", ["Mieszkam przy ul. Długiej 5 w Gdańsku."], " "),
    ("place-ru", "ru", ["Мы ехали в сторону пос. Липки, о котором много писали!"], " "),
    ("page-sk", "sk", ["Pozri s. 12 a čl. 4 zákona.", "Tam je všetko jasné."], " "),
    ("chapter-es", "es", ["Leyeron los caps. 2 y 3 del libro de la Profa. Díaz."], " "),
    ("date-da", "da", ["Mandag d. 5. maj mødtes rådet."], " "),
    ("hour-ends-da", "da", ["Mødet er kl. 10.", "Kom til tiden."], " "),
    # a full stop before a lower-case word marks an abbreviation (not in Greek)
    ("lower-es", "es", ["Depto. es departamento, si no me equivoco."], " "),
    ("lower-it", "it", ["Chiamate subito il Magg. dei C.C., per favore!"], " "),
    ("lower-pl", "pl", ["Spotkanie odbędzie się w godz. popołudniowych."], " "),
    # initials written without spaces or joined by a hyphen
    ("initials-ru", "ru", ['А.С. Пушкин написал "Евгения Онегина".'], " "),
    ("initials-fr", "fr", ["Le livre a été écrit par J.-P. Sartre en 1943."], " "),
    ("dotted-ar", "ar", ["حضر أ.د. سامي الاجتماع.", "وتحدث طويلاً."], " "),
    # no sentence starts with a comma
    ("comma-it", "it", ["Gentile Dir. Gen., le scrivo per la caldaia rotta."], " "),
    # the speaker after a quoted question belongs to it
    ("speaker-bg", "bg", ["„Ще дойдеш ли утре?“ – попита Мария.", "Не отговорих."], " "),
    ("speaker-el", "el", ["«Θα έρθεις;» ρώτησε η Άννα.", "Δεν απάντησα."], " "),
    ("speaker-es-dash", "es", ["¿Vienes? —preguntó Ana.", "—No sé."], " "),
    ("speaker-ru-dash", "ru", ["— Ты придёшь? — спросила она.", "— Не знаю."], " "),
    # a run of marks before a capital ends a sentence
    ("marks-run", "en", ["This is it!!!", "We won!!!"], " "),
    # an ellipsis before a capital ends one
    ("ellipsis-ru", "ru", ["Он ждал…", "Никто не пришёл."], " "),
    # marks written inside a word or a number end nothing
    ("hy-exclamation-in-word", "hy", ["Ո՜րքան գեղեցիկ է այս քաղաքը։", "Ես այստեղ կմնամ։"], " "),
    ("my-genitive", "my", ["မြန်မာနိုင်ငံ၏ မြို့တော်မှာ နေပြည်တော် ဖြစ်သည်။"], " "),
    (
        "ja-full-width-decimal",
        "ja",
        ["物価は２．５％上がりました。", "給料は上がりませんでした。"],
        "",
    ),
    # Ethiopic: a wordspace after "።" separates words, two wordspaces stand for "።"
    ("am-wordspace", "am", ["ሰው፡ሁሉ፡እኩል፡ነው።", "ማንም፡አይገዛም።"], "፡"),
    ("ti-double-wordspace", "ti", ["ሎሚ ኣኼባ ነይሩ፡፡", "ብዙሓት ሰባት መጺኦም፡፡"], " "),
    # Pashto reaches pysbd's Persian rules, which do not know its full stop "۔"
    ("ps-full-stop", "ps", ["نن ورځ هوا ښه ده۔", "موږ بازار ته ځو۔"], " "),
]


def _ids(rows):
    return [row[0] for row in rows]


@pytest.mark.parametrize(("lang", "expected", "sep"), [r[1:] for r in ROWS], ids=_ids(ROWS))
def test_ours_splits_as_a_translator_wants(lang, expected, sep):
    text = sep.join(expected)
    assert [text[s:e] for s, e in split_sentences(text, lang)] == expected


@pytest.mark.parametrize(("lang", "expected", "sep"), [r[1:] for r in ROWS], ids=_ids(ROWS))
def test_plain_pysbd_splits_these_differently(lang, expected, sep):
    text = sep.join(expected)
    segmenter = pysbd.Segmenter(language=library_language(lang, text), clean=False)
    assert [s.strip() for s in segmenter.segment(text)] != expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("zh", "详情请见www.example.cn。谢谢！"),  # a URL ends at CJK text
        ("ka", "დღეს კრება იყო. ბევრი ხალხი მოვიდა."),  # Georgian letters are not lower-case
    ],
)
def test_boundaries_pysbd_finds_are_kept(lang, text):
    assert len(split_sentences(text, lang)) == 2


@pytest.mark.parametrize(
    ("lang", "text", "count"),
    [
        ("en", "Steel, coal etc. are in crisis.", 1),  # a list-closing abbreviation mid-sentence
        ("en", "The stick was 2 m. long.", 1),
        ("en", "Louis I. Kahn built it.", 1),  # "I." after a capitalised word is an initial
        ("en", "I met Prof. J. K. Rowling there.", 1),  # capitals after a stop: initials
        ("en", "Options: A. yes B. no", 3),  # capitals after a colon: a list
        ("zh-Hant", "「你明天會來嗎？」她問。我沒有回答。", 2),  # a quotation's speaker stays
        (
            "zh",
            "「我們不會退讓。絕不。」大家都站起來鼓掌歡迎他們。",
            2,
        ),  # a long tail is no speaker
    ],
)
def test_the_new_rules_stop_where_they_should(lang, text, count):
    spans = split_sentences(text, lang)
    assert len(spans) == count
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
