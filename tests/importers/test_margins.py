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
        "(Translated by the editors)",
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
        ("(فارسی) مرگ بر دیکتاتوری", "fa", ("مرگ بر دیکتاتوری", "فارسی")),
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
        ("ICOR Resolution, 17 January 2020", "en", ""),
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
