"""Recognition rules on plain text: pages in other languages, hard wraps, no chrome, edge cases."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from translator.errors import SourceError
from translator.importers import import_file, import_text
from translator.importers.chrome import is_chrome, is_head_chrome
from translator.importers.dates import find_date
from translator.importers.paragraphs import split_paragraphs

# file, lang, title start, date, body paragraphs, slogans, signatories (first, last), dropped
PAGES = [
    (
        "de-seite.txt",
        "de",
        "Die USA gefährden den Weltfrieden.",
        "2020-01-17",
        3,
        3,
        ("MLPD Marxistisch-Leninistische Partei Deutschlands", "MLGS Marxistisch-Leninistische"),
        ["Direkt zum Inhalt. | Direkt zur Navigation", "Persönliche Werkzeuge", "Sie sind hier:"],
    ),
    (
        "tr-sayfa.txt",
        "tr",
        "ABD emperyalizmi dünya barışını",
        "2020-01-17",
        2,
        2,
        ("MLKP Marksist Leninist Komünist Parti Türkiye / Kürdistan", "БКП Българска"),
        ["İçeriğe geç. | Gezinime geç", "Kişisel araçlar", "Buradasınız:"],
    ),
    (
        "fa-safhe.txt",
        "fa",
        "امپریالیسم آمریکا صلح جهانی",
        "2020-01-17",
        2,
        2,
        ("حزب رنجبران ایران", "MLPD Marxistisch-Leninistische Partei Deutschlands"),
        ["پرش به محتوا | پرش به ناوبری", "ابزارهای شخصی", "شما اینجا هستید:"],
    ),
    (
        "wrapped.txt",
        "en",
        "Stop the war against the Kurdish people!",
        "2019-10-12",
        3,
        3,
        ("MLKP Marksist", "KOL Kommunistische Organisation Luxemburg (Communist Organization of"),
        ["Skip to content. | Skip to navigation"],
    ),
    (
        "no-chrome.txt",
        "en",
        "For a *free* and democratic Sudan",
        "2020-01-17",
        3,
        1,
        ("MLPD Marxistisch-Leninistische", "KOL Kommunistische Organisation Luxemburg"),
        [],
    ),
]


@pytest.mark.parametrize(
    "name, lang, title, date, paragraphs, slogans, signatories, dropped",
    PAGES,
    ids=[page[0] for page in PAGES],
)
def test_page_structure(
    data, outline, name, lang, title, date, paragraphs, slogans, signatories, dropped
):
    result = import_file(data / name, lang=lang)
    front, blocks = outline(result.markdown)
    assert front["lang"] == lang and str(front["date"]) == date == result.date
    assert result.title.startswith(title) and blocks[0] == ("body", "h1", result.title)
    assert [r for r, _, _ in blocks].count("dateline") == 1
    body = [b for r, b, _ in blocks[1:] if r == "body" and b == "paragraph"]
    assert len(body) == paragraphs
    assert [r for r, _, _ in blocks].count("slogans") == slogans
    names = [text for r, b, text in blocks if r == "signatories" and b.startswith("item")]
    assert names[0].startswith(signatories[0]) and names[-1].startswith(signatories[1])
    assert len(result.dropped) == len(dropped) + (1 if dropped else 0)  # + "Document Actions"
    for expected, line in zip(dropped, result.dropped, strict=False):
        assert line.startswith(expected)
        assert line not in result.markdown


def test_german_may_day_is_a_paragraph_not_a_list(data, outline):
    result = import_file(data / "de-seite.txt", lang="de")
    _, blocks = outline(result.markdown)
    may_day = (
        "1. Mai ist der internationale Kampftag der Arbeiterklasse, "
        "und wir rufen zur Beteiligung an den Protesten auf."
    )
    assert ("body", "paragraph", may_day) in blocks
    assert "\n1\\. Mai ist" in result.markdown
    assert result.dropped[-1] == "Dokumentaktionen"


def test_turkish_unnumbered_signatories_are_numbered(data, outline):
    result = import_file(data / "tr-sayfa.txt", lang="tr")
    _, blocks = outline(result.markdown)
    items = [b for r, b, _ in blocks if r == "signatories" and b.startswith("item")]
    assert items == ["item 1", "item 2", "item 3"]
    assert any("numbered 1 to 3" in w for w in result.warnings)
    assert result.slug == "abd-emperyalizmi-dunya-barisini-tehlikeye-atiyor-2020-01-17"


def test_persian_page_keeps_rtl_text_and_ascii_numbers(data, outline):
    result = import_file(data / "fa-safhe.txt", lang="fa")
    _, blocks = outline(result.markdown)
    assert ("dateline", "paragraph", "قطعنامه ICOR، ۱۷ ژانویهٔ ۲۰۲۰") in blocks
    assert "\n1. حزب رنجبران ایران\n2. سازمان" in result.markdown
    assert "می\u200cاندازد" in result.title  # the zero-width non-joiner survives
    assert result.dropped[-1] == "اقدامات سند"
    assert result.slug == "fa-safhe-2020-01-17"  # no Latin in the title: the file name


def test_hard_wrapped_lines_are_joined(data, outline):
    result = import_file(data / "wrapped.txt")
    _, blocks = outline(result.markdown)
    texts = [text for _, _, text in blocks]
    assert texts[2].startswith("The ICOR condemns the invasion of northern Syria by the Turkish")
    assert texts[2].endswith("and the other nationalities of the region.")
    assert "We call on all Marxist-Leninist and revolutionary forces" in texts[3]
    assert texts[4] == "Solidarity grows in many countries."  # short line, next word would fit
    assert texts[-1].endswith("(Communist Organization of Luxemburg)")  # hanging indent


def test_title_and_dateline_on_consecutive_lines_are_split(outline):
    result = import_text("Solidarity with Rojava now!\nICOR Resolution, 12 October 2019\n\nText.")
    _, blocks = outline(result.markdown)
    assert blocks[:2] == [
        ("body", "h1", "Solidarity with Rojava now!"),
        ("dateline", "paragraph", "ICOR Resolution, 12 October 2019"),
    ]


def test_no_chrome_page_keeps_ordinary_lists_and_literal_text(data, outline):
    result = import_file(data / "no-chrome.txt")
    _, blocks = outline(result.markdown)
    assert result.dropped == []
    assert [b for r, b, _ in blocks if r == "body" and b.startswith("item")] == [
        "item -", "item -", "item -", "item 1", "item 2",
    ]  # fmt: skip
    literal = "# of victims is unknown; the file snake_case_name and [brackets] stay literal."
    assert ("body", "paragraph", literal) in blocks
    assert blocks[0] == ("body", "h1", "For a *free* and democratic Sudan")
    assert result.title == "For a *free* and democratic Sudan"


def test_one_paragraph_per_line_without_blank_lines(outline):
    text = (
        "Free the political prisoners in Turkey\n"
        "ICOR, 3 March 2021\n"
        "The ICOR demands the immediate release of all political prisoners held by the regime "
        "of Erdogan, among them hundreds of journalists.\n"
        "They are tortured.\n"
        "Freedom for all political prisoners!\n"
    )
    _, blocks = outline(import_text(text).markdown)
    assert [(r, b) for r, b, _ in blocks] == [
        ("body", "h1"), ("dateline", "paragraph"), ("body", "paragraph"),
        ("body", "paragraph"), ("slogans", "paragraph"),
    ]  # fmt: skip


def test_breadcrumb_in_unknown_language_is_recognised_by_the_title():
    text = "Ti trovi qui: Home / 2020 / Fermiamo la guerra adesso!\n\nFermiamo la guerra adesso!\n"
    result = import_text(text + "\nRisoluzione ICOR, 17/01/2020\n\nTesto della risoluzione.\n")
    assert result.title == "Fermiamo la guerra adesso!"
    assert result.dropped == ["Ti trovi qui: Home / 2020 / Fermiamo la guerra adesso!"]
    assert result.date == "2020-01-17"


def test_short_lines_and_menus_above_the_title_are_dropped():
    text = "ICOR\n\nHome | News | Resolutions | Contact\n\nSearch\n\nNo to war on Iran!\n\nText.\n"
    result = import_text(text)
    assert result.title == "No to war on Iran!"
    assert result.dropped == ["ICOR", "Home | News | Resolutions | Contact", "Search"]


def test_single_exclamation_in_the_body_stays_a_paragraph(outline):
    text = "Stop the war on Iran now\n\nWe protest!\n\nWe organise strikes.\n\nNo war!\n\nNo way!\n"
    _, blocks = outline(import_text(text).markdown)
    assert [(r, t) for r, _, t in blocks[1:]] == [
        ("body", "We protest!"), ("body", "We organise strikes."),
        ("slogans", "No war!"), ("slogans", "No way!"),
    ]  # fmt: skip


def test_trailing_list_of_organisations_without_keyword_is_signatories(outline):
    text = (
        "Stop the war on Iran now\n\nWe protest.\n\nSupported by these organisations\n\n"
        "1. MLPD Germany\n2. KOL Luxemburg\n3. RM Netherlands\n"
    )
    _, blocks = outline(import_text(text).markdown)
    assert [r for r, _, _ in blocks][-4:] == ["signatories"] * 4
    assert blocks[-4][2] == "Supported by these organisations"


def test_numbered_demands_at_the_end_stay_an_ordinary_list(outline):
    text = "Stop the war on Iran now\n\nWe demand:\n\n1. Troops out.\n2. No sanctions.\n"
    result = import_text(text)
    _, blocks = outline(result.markdown)
    assert [r for r, _, _ in blocks] == ["body"] * 4
    assert "no signatories found" in result.warnings[-1]


def test_no_date_line_gives_no_date_key(outline):
    result = import_text("Stop the war on Iran now\n\nWe protest.\n")
    front, _ = outline(result.markdown)
    assert result.date == "" and "date" not in front and "date:" not in result.markdown
    assert result.slug == "stop-the-war-on-iran-now"
    assert any("no date line" in w for w in result.warnings)


def test_crlf_bom_tabs_and_control_characters_are_normalised():
    text = "\ufeffNo to war\tagainst Iran!\r\n\r\nWe  protest\x07.\r\n"
    result = import_text(text)
    assert result.title == "No to war against Iran!"
    assert "\nWe protest.\n" in result.markdown and "\r" not in result.markdown


@pytest.mark.parametrize(
    "text, lang, iso",
    [
        ("ICOR Resolution, 17 January 2020", "en", "2020-01-17"),
        ("Signatories (as of 16. January 2020, ...", "en", "2020-01-16"),
        ("Resolution der ICOR, 17. Januar 2020", "de", "2020-01-17"),
        ("ICOR Kararı, 17 Ocak 2020", "tr", "2020-01-17"),
        ("January 17, 2020", "en", "2020-01-17"),
        ("17/01/2020", "en", "2020-01-17"),
        ("01/17/2020", "en-US", "2020-01-17"),
        ("2020-01-17", "en", "2020-01-17"),
        ("17.01.2020", "de", "2020-01-17"),
        ("Résolution de l'ICOR, 1er mai 2020", "fr", "2020-05-01"),
        ("Resolución de la ICOR, 17 de enero de 2020", "es", "2020-01-17"),
        ("قطعنامه ICOR، ۱۷ ژانویهٔ ۲۰۲۰", "fa", "2020-01-17"),
        ("31.02.2020", "de", ""),
        ("No date here, 2020", "en", ""),
    ],
)
def test_find_date(text, lang, iso):
    assert find_date(text, lang) == iso


@pytest.mark.parametrize(
    "line",
    [
        "Skip to content. | Skip to navigation",
        "Personal tools",
        "Document Actions",
        "Dokumentaktionen",
        "Belge İşlemleri",
        "Sie sind hier: Startseite / 2020 / Titel",
        "Vous êtes ici : Accueil / 2020 / Titre",
        "Usted está aquí: Inicio / 2020 / Título",
        "Buradasınız: Ana Sayfa / 2020",
        "شما اینجا هستید: خانه / ۲۰۲۰",
        "Artikelaktionen",
        "Перейти к содержимому. | Перейти к навигации",
        "Персональные инструменты",
        "Вы здесь: Главная / 2020 / Заголовок",
        "Действия с документом",
        "انتقل إلى المحتوى. | انتقل إلى التصفح",
        "الأدوات الشخصية",
        "أنت هنا: الرئيسية / 2020",
        "Saltar a contenido. | Saltar a navegación",
        "Ir para o conteúdo. | Ir para a navegação",
        "Você está aqui: Página Inicial / 2020 / Título",
        "Ações do documento",
        "ابزار شخصی",
        "Filed under: ICOR, Iran, war",
        "Schlagwörter: ICOR, Bergbau",
        "Etiketler: ICOR, Soma",
        "Теги: ICOR, шахтёры",
        "برچسب‌ها: ایکور، سوما",
    ],
)
def test_chrome_lines(line):
    assert is_chrome(line)


@pytest.mark.parametrize(
    "line", ["Home", "Startseite", "Home / 2020 / Title", "Home | News | Contact", "Search"]
)
def test_head_chrome_lines(line):
    assert is_head_chrome(line) and not is_chrome(line)


@pytest.mark.parametrize(
    "line",
    [
        "We demand the immediate withdrawal of all foreign troops.",
        "Signatories (as of 16. January 2020, up-to-date list of signatories on",
        "21. MLKP Marksist Leninist Komünist Parti Türkiye / Kürdistan",
        "Home front: workers strike",
        "You are here because the workers of the world unite.",
        "Usted está aquí porque la lucha continúa.",
    ],
)
def test_text_is_not_chrome(line):
    assert not is_chrome(line) and not is_head_chrome(line)


def test_split_paragraphs_records_lines():
    paras = split_paragraphs("A title here\n\n\nFirst line\n  1. Item\n")
    assert [(p.text, p.line) for p in paras] == [
        ("A title here", 1),
        ("First line", 4),
        ("1. Item", 5),
    ]


def test_a_very_long_first_paragraph_is_a_title_with_a_warning():
    text = " ".join(["The workers of the world are rising against war and exploitation."] * 3)
    result = import_text(text + "\n\nSecond paragraph.\n", filename="long.txt")
    assert result.title == text
    assert "long.txt:1: the title has 33 words" in result.warnings


SHAPES = [
    "Skip to content. | Skip to navigation", "You are here: Home / 2020 / No war", "Home",
    "No war on Iran now!", "ICOR Resolution, 17 January 2020", "  1. PCPCI Parti", "2) MLPD",
    "- bullet", "# hash", "Signatories:", "We demand the withdrawal of all troops.", "::: slogans",
    ":::", "*", "1. Mai 2020", "", "", "a_b [c](d) `e` <f> &amp;", "---", "17/01/2020", "БКП",
]  # fmt: skip


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.one_of(st.sampled_from(SHAPES), st.text(max_size=30)), max_size=20))
def test_any_text_gives_canonical_markdown_or_a_source_error(outline, lines):
    text = "\n".join(lines)
    try:
        result = import_text(text)
    except SourceError:
        return
    front, blocks = outline(result.markdown)
    assert result.markdown.endswith("\n") and not result.markdown.endswith("\n\n")
    assert front["slug"] == result.slug and front["title"] == result.title
    assert blocks[0] == ("body", "h1", result.title)
    markup = re.compile(r"<(?:em|strong|link|code|html|image|hardbreak)\w*>")
    assert not any(markup.search(text) for _, _, text in blocks)  # every text stays literal
    assert import_text(text).markdown == result.markdown


@pytest.mark.parametrize(
    ("line", "chrome"),
    [
        ("© ICOR 2014 · Impressum", True),
        ("Copyright 2014 ICOR. All rights reserved.", True),
        ("Copyright laws are used against the workers in 2014 and in every year since.", False),
        ("(c) We demand the right to strike.", False),
    ],
)
def test_copyright_lines(line, chrome):
    from translator.importers.chrome import is_chrome

    assert is_chrome(line) is chrome


def test_a_page_title_with_the_site_name_gives_way_to_the_heading(outline):
    text = (
        "Solidarität mit den Bergarbeitern von Soma – ICOR\n\n"
        "Solidarität mit den Bergarbeitern von Soma\n\n"
        "ICOR-Resolution, 16. Mai 2014\n\n"
        "Wir fordern die Bestrafung der Verantwortlichen."
    )
    result = import_text(text, lang="de")
    _, blocks = outline(result.markdown)
    assert result.title == "Solidarität mit den Bergarbeitern von Soma"
    assert result.date == "2014-05-16"
    assert result.dropped == ["Solidarität mit den Bergarbeitern von Soma – ICOR"]
    assert [t for _, _, t in blocks].count(result.title) == 1


def test_the_heading_with_a_date_line_under_it_beats_the_sites_name_above_the_menu():
    text = (
        "ICOR International Coordination of Revolutionary Parties and Organizations\n\n"
        "Solidarity with the miners of Soma!\n\nICOR Resolution, 16 May 2014\n\n"
        "We mourn the more than 300 miners who died in the mine of Soma."
    )
    result = import_text(text)
    assert (result.title, result.date) == ("Solidarity with the miners of Soma!", "2014-05-16")
    assert result.dropped == [text.split("\n\n")[0]]
