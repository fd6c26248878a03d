"""Pages shaped like real scraped ones, in eight languages and three scripts: each imports to
the canonical Markdown beside it, and what it drops never reaches a sentence to translate."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from translator.importers import import_file
from translator.segment import parse_document

FIXTURES = Path(__file__).parent / "fixtures"

# file, title, date, front matter beyond slug/title/date/lang, reasons that must show up
CASES = [
    (
        "de-php-quelltext.txt",
        "Solidarität mit den Bergarbeitern von Soma!",
        "2014-05-16",
        {"translator_credit", "footnote_refs"},
        {
            "server-side code (PHP)",
            "server-side code (shebang line)",
            "language label on the title",
        },
    ),
    (
        "tr-kopya.txt",
        "Soma maden işçileriyle dayanışma!",
        "2014-05-28",
        {"original_url", "footnote_refs"},
        {"metadata line (date 2014-05-28)", "no words (a lone separator)"},
    ),
    (
        "tr-site.txt",  # the site's name above the menu, a "1 Text" note, a credit at the end
        "ABD emperyalizmi dünya barışını tehlikeye atıyor!",
        "2020-01-17",
        {"translator_credit", "footnote_refs"},
        {"above the title", "language label on the title", "site chrome"},
    ),
    (
        "fa-safhe.html",
        "آزادی برای همه زندانیان سیاسی در ایران!",
        "2019-03-08",  # from the page's meta tags (htmldate): no line gives a date
        {"translator_credit"},
        {"a link and nothing else (HTML)", "<button> element (not document text)"},
    ),
    (
        "fa-matn.txt",
        "همبستگی با کارگران معدن سوما!",
        "2014-05-28",  # "۷ خرداد ۱۳۹۳", a Solar Hijri date
        {"translator_credit", "footnote_refs"},
        {"lone footnote marker", "metadata line (date 2014-05-28)"},
    ),
    (
        "ru-stranitsa.txt",
        "Солидарность с шахтёрами Сомы!",
        "2014-05-28",
        {"translator_credit", "footnote_refs"},
        {"label-like line closing the page", "site chrome"},
    ),
    (
        "ar-safha.txt",
        "التضامن مع عمال مناجم سوما!",
        "2014-05-16",
        {"translator_credit"},
        {"server-side code (ASP/JSP)"},
    ),
    (
        "ar-nass.txt",  # Arabic-Indic digits, a "(١)" reference and its "(١) ..." note
        "التضامن مع عمال مناجم سوما!",
        "2014-05-16",
        {"translator_credit", "footnote_refs"},
        {"label-like line closing the page", "above the title"},
    ),
    (
        "fr-copie.txt",
        "Solidarité avec les mineurs de Soma !",
        "2014-05-28",
        {"translator_credit", "original_url"},
        {"URL line -> front matter original_url"},
    ),
    (
        "es-pagina.html",
        "¡Solidaridad con los mineros de Soma!",
        "2014-05-16",
        {"translator_credit", "footnote_refs", "original_url"},  # the URL: its canonical link
        {"translator's credit -> front matter translator_credit"},
    ),
    (
        "pt-copia.txt",
        "Solidariedade com os mineiros de Soma!",
        "2014-05-28",
        {"translator_credit", "footnote_refs"},
        {"language label on the title", "label-like line closing the page"},
    ),
    (
        "pt-noticia.html",  # a news site: cookie notice, logo h1, comments, "most read", footer
        "Solidariedade com os mineiros de Soma!",
        "2014-05-21",  # from the page's JSON-LD (htmldate)
        {"translator_credit", "original_url"},  # the URL: og:url
        {"site chrome", "above the title"},
    ),
]


def _import(name: str):
    return import_file(FIXTURES / name, lang=name.split("-")[0])


@pytest.mark.parametrize(("name", "title", "date", "extra", "reasons"), CASES)
def test_fixture_imports_to_its_markdown(name, title, date, extra, reasons):
    result = _import(name)
    expected = (FIXTURES / name).with_suffix(".md").read_text(encoding="utf-8")
    assert result.markdown == expected
    assert (result.title, result.date) == (title, date)
    assert set(result.meta) == extra
    assert reasons <= {drop.reason for drop in result.explained}
    assert all(drop.line > 0 for drop in result.explained)


@pytest.mark.parametrize("name", [case[0] for case in CASES])
def test_nothing_dropped_or_moved_reaches_a_sentence(name):
    result = _import(name)
    doc = parse_document(result.markdown, f"source/{result.slug}.md")
    sentences = [segment.text for segment in doc.segments]
    assert doc.title == result.title and sentences[0] == result.title
    for drop in result.explained:
        assert all(drop.text not in sentence for sentence in sentences), drop
    for value in result.meta.values():
        assert value not in sentences
    for mark, word in _refs(result.meta.get("footnote_refs", "")):
        glued = [s for s in sentences if f"{word}{mark}" in s or f"{word[:-1]}{mark}" in s]
        assert not glued and all("[^" not in s for s in sentences)


def _refs(value: str) -> list[tuple[str, str]]:
    pairs = [item.split(": ", 1) for item in value.split(", ") if item]
    return [(mark, word) for mark, word in pairs]


def test_fixtures_cover_six_languages_and_three_scripts():
    langs = {case[0].split("-")[0] for case in CASES}
    scripts = {
        unicodedata.name(next(ch for ch in title if ch.isalpha())).split()[0]
        for _, title, *_ in CASES
    }
    assert len(langs) >= 6 and {"ru", "fa", "ar"} <= langs
    assert scripts == {"LATIN", "CYRILLIC", "ARABIC"}
