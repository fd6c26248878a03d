"""Lines about the document (credits, URLs, metadata), footnotes and closing link labels."""

from __future__ import annotations

import pytest

from translator.importers import import_text
from translator.importers.footnotes import find_footnotes, lone_marker
from translator.importers.metadata import is_credit, published_date, strip_language_label, url_of
from translator.importers.paragraphs import Para

BODY = "We demand the immediate withdrawal of all foreign troops from the region."


@pytest.mark.parametrize(
    "line",
    [
        "Translated from English by Maria Smith",
        "Übersetzt aus dem Englischen von Hans Müller",
        "Übersetzung: Redaktion",
        "ترجمه از انگلیسی: علی رضایی",
        "Перевод с английского: Иван Петров",
        "Traduit de l'anglais par Jeanne Dupont",
        "Traducido del inglés por Juan Pérez",
        "Traduzido do inglês por João Silva",
        "İngilizceden çeviren: Ayşe Yılmaz",
        "ترجمة من الإنجليزية: أحمد علي",
        "نقله إلى العربية: أحمد علي",
        "ترجمه و تنظیم: تحریریه",
        "(Translated by the editors)",
        "Tradotto dall'inglese da Marco Rossi",
        "Vertaald uit het Engels door de redactie",
        "Tłumaczenie: redakcja",
    ],
)
def test_credit_lines(line):
    assert is_credit(line)


@pytest.mark.parametrize(
    "line",
    [
        BODY,
        "Translation work is what we ask the comrades to take up.",
        "Traducimos nuestra rabia en acción, dijeron los obreros en la plaza.",
        "ترجمه این قطعنامه به بیست زبان آماده است.",
        "ترجمة هذا القرار متوفرة بعشرين لغة.",
        "Перевод войск на границу усиливает опасность войны.",
    ],
)
def test_not_credit_lines(line):
    assert not is_credit(line)


@pytest.mark.parametrize(
    ("title", "lang", "expected"),
    [
        ("(Farsi) Down with the dictatorship", "fa", ("Down with the dictatorship", "Farsi")),
        (
            "(Turkish) Soma'nın işçileriyle dayanışma",
            "tr",
            ("Soma'nın işçileriyle dayanışma", "Turkish"),
        ),
        ("Solidarität mit Rojava [Deutsch]", "de", ("Solidarität mit Rojava", "Deutsch")),
        ("Русский: Солидарность с шахтёрами", "ru", ("Солидарность с шахтёрами", "Русский")),
        ("Farsi - Down with the dictatorship", "fa", ("Down with the dictatorship", "Farsi")),
        ("Türkçe – Soma ile dayanışma", "tr", ("Soma ile dayanışma", "Türkçe")),
        ("(فارسی) مرگ بر دیکتاتوری", "fa", ("مرگ بر دیکتاتوری", "فارسی")),
        ("(Persisch) Nieder mit der Diktatur", "fa", ("Nieder mit der Diktatur", "Persisch")),
        ("(Turc) Solidarité avec Soma", "tr", ("Solidarité avec Soma", "Turc")),
        ("Kurdistan: the struggle goes on", "en", ("Kurdistan: the struggle goes on", "")),
        ("(ICOR) Free all prisoners", "en", ("(ICOR) Free all prisoners", "")),
        ("Peace (now) for Kurdistan", "en", ("Peace (now) for Kurdistan", "")),
    ],
)
def test_language_label_on_the_title(title, lang, expected):
    assert strip_language_label(title, lang) == expected


@pytest.mark.parametrize(
    ("line", "url"),
    [
        ("https://www.icor.info/2014/soma", "https://www.icor.info/2014/soma"),
        ("Quelle: http://example.org/a?b=1.", "http://example.org/a?b=1"),
        ("<www.example.org/page>", "http://www.example.org/page"),
        ("See https://example.org for the full list of signatories", ""),
    ],
)
def test_url_lines(line, url):
    assert url_of(line) == url


@pytest.mark.parametrize(
    ("line", "lang", "date"),
    [
        ("Published by: | 28.05.2014", "en", "2014-05-28"),
        ("Veröffentlicht am 28. Mai 2014 von Redaktion", "de", "2014-05-28"),
        ("Yayınlanma tarihi: 28 Mayıs 2014", "tr", "2014-05-28"),
        ("Опубликовано: 28 мая 2014", "ru", "2014-05-28"),
        ("Publié le 28 mai 2014 | Admin", "fr", "2014-05-28"),
        ("Publicado em 28/05/2014", "pt", "2014-05-28"),
        ("تاریخ انتشار: ۲۸.۰۵.۲۰۱۴", "fa", "2014-05-28"),
        ("نشر في 28 مايو 2014", "ar", "2014-05-28"),
        ("Publicado el 28 de mayo de 2014 | Redacción", "es", "2014-05-28"),
        ("Veröffentlicht: Mittwoch, 28. Mai 2014", "de", "2014-05-28"),
        ("Posted on May 28, 2014 by admin", "en", "2014-05-28"),
        ("Date: 2014-05-28T10:00", "en", "2014-05-28"),
        ("ICOR Resolution, 17 January 2020", "en", ""),
        ("The resolution was published on 17 January 2020.", "en", ""),
        ("La liste a été publiée le 17 janvier 2020.", "fr", ""),
        ("Strike on 1 May 2021 in every factory of the whole country, all of us!", "en", ""),
    ],
)
def test_metadata_lines(line, lang, date):
    assert published_date(line, lang) == date


def _paras(*texts):
    return [Para(text, n) for n, text in enumerate(texts, start=1)]


def test_glued_references_and_lone_marker_notes():
    found = find_footnotes(
        _paras(
            "The ICOR (ICOR)1 met in Berlin.2 Then the G20 met.",
            "1.",
            "International Coordination of Revolutionary Parties and Organizations",
            "[2] In the old town hall.",
            "*",
        )
    )
    assert [p.text for p in found.paras] == ["The ICOR (ICOR) met in Berlin. Then the G20 met."]
    assert [(n.mark, n.text) for n in found.notes] == [
        ("1", "International Coordination of Revolutionary Parties and Organizations"),
        ("2", "In the old town hall."),
    ]
    assert found.refs == [("1", "(ICOR)"), ("2", "Berlin.")]
    assert [(d.line, d.text) for d in found.drops] == [(5, "*")]


def test_numbers_that_do_not_count_up_are_not_references():
    texts = ("Article 5 of the G20 charter.3 It was signed (2019)7 in Osaka.",)
    assert [p.text for p in find_footnotes(_paras(*texts)).paras] == list(texts)


def test_lone_numbers_without_references_make_list_items():
    found = find_footnotes(_paras("We demand:", "1.", "Higher wages", "2.", "Shorter hours"))
    assert [(p.marker, p.text) for p in found.paras[1:]] == [
        ("1", "Higher wages"),
        ("2", "Shorter hours"),
    ]
    assert found.notes == []


@pytest.mark.parametrize("line", ["1.", "[1]", "(2)", "³", "*", "**"])
def test_lone_markers(line):
    assert lone_marker(line)


def test_closing_labels_go_by_shape_in_any_language(outline):
    text = "\n\n".join(
        ["Free all political prisoners now", BODY, "PDF", "Σύνδεσμος", "Drucken | E-Mail", ";"]
    )
    result = import_text(text)
    _, blocks = outline(result.markdown)
    assert [t for _, _, t in blocks] == ["Free all political prisoners now", BODY]
    reasons = {d.text: d.reason for d in result.explained}
    assert reasons["Σύνδεσμος"] == "label-like line closing the page"
    assert reasons[";"] == "no words (a lone separator)"


def test_unnumbered_signatories_at_the_end_stay(outline):
    text = "\n\n".join(
        ["Free all political prisoners now", BODY, "Signatories:", "MLPD", "KOL", "PDF"]
    )
    result = import_text(text)
    _, blocks = outline(result.markdown)
    assert [t for r, _, t in blocks if r == "signatories"] == ["Signatories:", "MLPD", "KOL"]
    assert result.dropped == ["PDF"]


def test_credit_url_and_metadata_go_to_the_front_matter(outline):
    text = "\n\n".join(
        [
            "(Farsi) Free all political prisoners now",
            "Translated from English by Maria Smith",
            "https://example.org/prisoners",
            "Published by: | 28.05.2014",
            BODY,
        ]
    )
    result = import_text(text, lang="fa")
    front, blocks = outline(result.markdown)
    assert result.title == front["title"] == "Free all political prisoners now"
    assert front["translator_credit"] == "Translated from English by Maria Smith"
    assert front["original_url"] == "https://example.org/prisoners"
    assert result.date == "2014-05-28" and str(front["date"]) == "2014-05-28"
    assert [t for _, _, t in blocks] == ["Free all political prisoners now", BODY]
    assert list(front) == ["slug", "title", "date", "lang", "translator_credit", "original_url"]


def test_a_date_line_wins_over_a_metadata_line():
    text = "\n\n".join(
        ["Free all political prisoners now", "ICOR, 2 May 2014", BODY, "Posted: 28.05.2014"]
    )
    assert import_text(text).date == "2014-05-02"


def test_print_and_share_labels_under_the_title_are_chrome(outline):
    text = "\n\n".join(
        ["Free all political prisoners now", "Drucken | PDF | E-Mail", "ICOR, 2 May 2014", BODY]
    )
    result = import_text(text)
    _, blocks = outline(result.markdown)
    assert result.date == "2014-05-02"
    assert [t for _, _, t in blocks] == [
        "Free all political prisoners now",
        "ICOR, 2 May 2014",
        BODY,
    ]
    assert [(d.text, d.reason) for d in result.explained] == [
        ("Drucken | PDF | E-Mail", "site chrome")
    ]


def test_a_url_that_a_sentence_introduces_stays(outline):
    text = "\n\n".join(
        [
            "Free all political prisoners now",
            "The full list of signatories is at:",
            "https://example.org/list",
            BODY,
        ]
    )
    result = import_text(text)
    _, blocks = outline(result.markdown)
    assert "https://example.org/list" in [t for _, _, t in blocks]
    assert result.meta == {}


@pytest.mark.parametrize(
    "trail",
    [
        "Resolutionen › 2014 › Solidarität mit Soma",
        "Kararlar / 2014 / Soma",
        "Новости » 2014 » Сома",
    ],
)
def test_a_trail_without_home_above_the_title_is_a_breadcrumb(trail):
    result = import_text(f"{trail}\n\nFree all political prisoners now\n\n{BODY}")
    assert result.title == "Free all political prisoners now"
    assert result.dropped == [trail]


@pytest.mark.parametrize("signature", ["The ICOR Coordinating Committee", "ICOR", "KKE (m-l)"])
def test_a_lone_closing_signature_stays(signature, outline):
    result = import_text(f"Free all political prisoners now\n\n{BODY}\n\n{signature}")
    _, blocks = outline(result.markdown)
    assert blocks[-1][2] == signature and result.dropped == []


def test_a_lone_closing_label_goes(outline):
    result = import_text(f"Free all political prisoners now\n\n{BODY}\n\nΕκτύπωση")
    assert result.dropped == ["Εκτύπωση"]


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("تاریخ انتشار: ۷ خرداد ۱۳۹۳", "2014-05-28"),
        ("منتشر شده در ۱۳۹۳/۰۳/۰۷", "2014-05-28"),
        ("تاریخ انتشار: 1393-03-07 | تحریریه", "2014-05-28"),
        ("تاریخ: ۱۷ دی ۱۳۹۸", "2020-01-07"),
    ],
)
def test_solar_hijri_dates_of_persian_pages(line, date):
    assert published_date(line, "fa") == date


@pytest.mark.parametrize(
    ("line", "lang"),
    [
        ("von Redaktion — zuletzt verändert 28.05.2014 10:23", "de"),
        ("by admin — last modified May 28, 2014 10:23 AM", "en"),
        ("Последнее изменение: 28.05.2014", "ru"),
        ("آخر تحديث: 28 مايو 2014", "ar"),
    ],
)
def test_a_last_modified_line_goes_without_giving_its_date(line, lang):
    # a sentence saying so stays: see test_a_sentence_about_an_update_stays
    result = import_text(f"Free all political prisoners now\n\n{line}\n\n{BODY}", lang=lang)
    assert result.date == "" and result.dropped == [line]
    assert "not the document's date" in result.explained[0].reason


def test_a_sentence_about_an_update_stays(outline):
    line = "The list of signatories was last updated on 16 January 2020."
    text = f"Free all political prisoners now\n\nICOR, 1 May 2020\n\n{BODY}\n\n{line}"
    result = import_text(text)
    _, blocks = outline(result.markdown)
    assert blocks[-1][2] == line and result.dropped == [] and result.date == "2020-05-01"


def test_the_sites_own_address_is_no_original_url():
    result = import_text(f"www.icor.info\n\nFree all political prisoners now\n\n{BODY}")
    assert result.meta == {}
    assert [(d.text, d.reason) for d in result.explained] == [
        ("www.icor.info", "the site's address (no page of it)")
    ]


def test_a_bare_numbered_note_at_the_end_and_a_number_opening_a_paragraph():
    texts = (
        "The ICOR condemns the attack.1 The danger of war grows.",
        "2 million workers struck against the war in the whole country.",
        "1 International Coordination of Revolutionary Parties and Organizations",
        "Translation: the editors",
    )
    found = find_footnotes(_paras(*texts))
    assert [p.text for p in found.paras] == [
        "The ICOR condemns the attack. The danger of war grows.",
        texts[1],
        texts[3],
    ]
    assert [(n.mark, n.text) for n in found.notes] == [("1", texts[2][2:])]


def test_bracketed_references_with_a_space_before_them():
    found = find_footnotes(
        _paras(
            "La ICOR está de luto [1]. La catástrofe [2] no fue un destino.", "[1] Uno.", "[2] Dos."
        )
    )
    assert [p.text for p in found.paras] == [
        "La ICOR está de luto. La catástrofe no fue un destino."
    ]
    assert found.refs == [("1", "luto"), ("2", "catástrofe")]


@pytest.mark.parametrize(
    "tail",
    [
        ("* Международная координация революционных партий",),
        ("*", "Международная координация революционных партий"),
    ],
)
def test_star_references_and_their_note_at_the_end(tail):
    found = find_footnotes(_paras("ICOR* осуждает нападение.", "Мы требуем вывода войск.", *tail))
    assert [p.text for p in found.paras] == ["ICOR осуждает нападение.", "Мы требуем вывода войск."]
    assert [(n.mark, n.text) for n in found.notes] == [
        ("*", "Международная координация революционных партий")
    ]
    assert found.refs == [("*", "ICOR")]


def test_a_bulleted_list_at_the_end_is_no_star_note():
    texts = ("We demand:", "* Higher wages", "* Shorter hours")
    found = find_footnotes(_paras(*texts))
    assert [p.text for p in found.paras] == list(texts) and found.notes == []


def test_a_metadata_line_wrapped_into_the_title_is_taken_apart(outline):
    text = f"Solidarity with the miners of Soma!\nPublished by: | 28.05.2014\n\n{BODY}\n"
    result = import_text(text)
    assert (result.title, result.date) == ("Solidarity with the miners of Soma!", "2014-05-28")
    assert [(d.line, d.text) for d in result.explained] == [(2, "Published by: | 28.05.2014")]
