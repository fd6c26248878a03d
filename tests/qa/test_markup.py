"""Markdown markup, link targets, bare URLs and e-mails."""

from __future__ import annotations

import pytest

from translator.qa.markup import inline_markup, strip_link_targets

from .cases import assert_covers, fails, issues, passes

F, P = True, False
LINK = "Read [the appeal](https://example.org/appeal.html) and act now."
EMPH = "Read the appeal and *act* now."
URL = "Read https://icor.info/2020/appeal now."
MAIL = "Write to info@icor.info now."

TABLE = [
    ("markup", "de", EMPH, "Lies den Aufruf und *handle* jetzt.", P),
    ("markup", "de", EMPH, "Lies den Aufruf und handle jetzt.", F),
    ("markup", "de", EMPH, "Lies den Aufruf und **handle** jetzt.", F),
    ("markup", "de", "Run `translator check` now.", "Führe `translator prüfen` aus.", F),
    ("markup", "de", "Run `translator check` now.", "Führe jetzt `translator check` aus.", P),
    ("markup", "ru", EMPH, "Прочтите призыв и *действуйте* сейчас.", P),
    ("markup", "ru", EMPH, "Прочтите призыв и *действуйте сейчас.", F),
    ("markup", "ar", EMPH, "اقرأوا النداء و*تحركوا* الآن.", P),
    ("markup", "ar", EMPH, "اقرأوا النداء وتحركوا الآن.", F),
    ("markup", "hi", EMPH, "अपील पढ़ें और अभी *कार्रवाई* करें।", P),
    ("markup", "hi", EMPH, "अपील पढ़ें और अभी कार्रवाई करें।", F),
    ("markup", "bn", EMPH, "আবেদনটি পড়ুন এবং এখনই *পদক্ষেপ* নিন।", P),
    ("markup", "bn", EMPH, "আবেদনটি পড়ুন এবং এখনই _পদক্ষেপ নিন।", F),
    ("links", "de", LINK, "Lies [den Aufruf](https://example.org/appeal.html) jetzt.", P),
    ("links", "de", LINK, "Lies [den Aufruf](https://example.org/aufruf.html) jetzt.", F),
    ("links", "de", LINK, "Lies [den Aufruf] (https://example.org/appeal.html) jetzt.", F),
    ("links", "de", "See ![map](map.png).", "Siehe ![Karte](map.png).", P),
    ("links", "de", "Mail <info@icor.info>.", "Schreibt an <info@icor.info>.", P),
    ("links", "uk", LINK, "Прочитайте [заклик](https://example.org/appeal.html).", P),
    ("links", "uk", LINK, "Прочитайте заклик.", F),
    ("links", "fa", LINK, "[فراخوان](https://example.org/appeal.html) را بخوانید.", P),
    ("links", "fa", LINK, "[فراخوان](https://example.org/fa.html) را بخوانید.", F),
    ("links", "ne", LINK, "[अपिल](https://example.org/appeal.html) पढ्नुहोस्।", P),
    ("links", "ne", LINK, "[अपिल](https://example.org/appeal) पढ्नुहोस्।", F),
    ("links", "bn", LINK, "[আবেদনটি](https://example.org/appeal.html) পড়ুন।", P),
    ("links", "bn", LINK, "[আবেদনটি](https://example.org/appeal.html পড়ুন।", F),
    ("urls", "de", URL, "Lies https://icor.info/2020/appeal jetzt.", P),
    ("urls", "de", URL, "Lies https://icor.info/2020/aufruf jetzt.", F),
    ("urls", "ru", URL, "Читайте https://icor.info/2020/appeal сейчас.", P),
    ("urls", "ru", URL, "Читайте призыв сейчас.", F),
    ("urls", "ar", URL, "اقرأوا https://icor.info/2020/appeal الآن.", P),
    ("urls", "ar", URL, "اقرأوا https://icor.info/ar الآن.", F),
    ("urls", "hi", URL, "https://icor.info/2020/appeal अभी पढ़ें।", P),
    ("urls", "hi", URL, "https://icor.info/hi अभी पढ़ें।", F),
    ("urls", "bn", URL, "https://icor.info/2020/appeal এখনই পড়ুন।", P),
    ("urls", "bn", URL, "এখনই পড়ুন।", F),
    ("emails", "de", MAIL, "Schreibt jetzt an info@icor.info.", P),
    ("emails", "de", MAIL, "Schreibt jetzt an info@icor.de.", F),
    ("emails", "ru", MAIL, "Пишите на info@icor.info.", P),
    ("emails", "ru", MAIL, "Пишите нам.", F),
    ("emails", "ar", MAIL, "اكتبوا إلى info@icor.info الآن.", P),
    ("emails", "ar", MAIL, "اكتبوا إلينا الآن.", F),
    ("emails", "hi", MAIL, "info@icor.info पर लिखें।", P),
    ("emails", "hi", MAIL, "हमें लिखें।", F),
    ("emails", "bn", MAIL, "info@icor.info এ লিখুন।", P),
    ("emails", "bn", MAIL, "আমাদের লিখুন।", F),
]


@pytest.mark.parametrize("row", TABLE, ids=lambda row: f"{row[0]}-{row[1]}-{row[3]!r}")
def test_case(row):
    check_id, lang, source, target, fires = row
    assert (fails if fires else passes)(check_id, source, target, lang)


def test_table_covers_five_scripts():
    assert_covers(TABLE)


def test_link_message_names_both_targets():
    (issue,) = issues("links", LINK, "Lies [den Aufruf](https://example.org/x.html).")
    assert "https://example.org/appeal.html" in issue.message
    assert "https://example.org/x.html" in issue.message


def test_link_targets_are_errors_markup_a_warning():
    assert issues("links", LINK, "Lies den Aufruf.")[0].severity == "error"
    assert issues("markup", EMPH, "Lies und handle.")[0].severity == "warning"


def test_bare_urls_inside_links_are_the_link_checks_business():
    assert passes("urls", LINK, "Lies [den Aufruf](https://example.org/x.html).")


def test_inline_markup_inventory():
    kinds, targets, code = inline_markup("**A** *b* `c` <br> [d](https://e.org) ![f](g.png)")
    assert kinds == {"strong emphasis": 1, "emphasis": 1, "code span": 1, "HTML tag": 1}
    assert targets == {"https://e.org": 1, "g.png": 1}
    assert code == {"c": 1}


def test_strip_link_targets():
    assert strip_link_targets("[a](https://x.org/a_(b)) and <https://y.org>") == "[a] and "
