"""HTML pages: lang/dir, escaping of anything a translator typed, fallback marks, index pages."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from translator.build import render_text
from translator.build.documents import LocalizedDocument, Piece
from translator.build.html import LanguageEntry, render_body, render_document_index, render_page

VOID = {"meta", "link", "br", "hr", "img", "input"}


class TreeCheck(HTMLParser):
    """Records tags and fails on mis-nesting (a stack, as a strict parser keeps)."""

    def __init__(self):
        super().__init__()
        self.stack, self.tags, self.errors = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def parse(page: str) -> TreeCheck:
    checker = TreeCheck()
    checker.feed(page)
    checker.close()
    assert not checker.errors and not checker.stack, (checker.errors, checker.stack)
    return checker


def localized(markdown: str, lang="de", fallback_sentences=()) -> LocalizedDocument:
    pieces = []
    rest = markdown
    for sentence in fallback_sentences:
        before, rest = rest.split(sentence, 1)
        pieces += [Piece(before), Piece(sentence, fallback=True, slot=True)]
    pieces.append(Piece(rest))
    return LocalizedDocument("doc", lang, "en", "Titel", 90.0, pieces)


@pytest.mark.parametrize(("lang", "direction"), [("ar", "rtl"), ("fa", "rtl"), ("de", "ltr")])
def test_page_has_lang_and_direction(project, fill, build, out, lang, direction):
    fill(project, lang)
    build(project, out)
    page = (out / "sample" / f"{lang}.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}" dir="{direction}">' in page
    parse(page)


def test_script_in_a_translation_is_escaped(project, fill, build, out):
    evil = '<script>alert(1)</script> <img src=x onerror="alert(2)"> Stoppt den Krieg!'
    fill(project, "de", translate=lambda msgid: evil if msgid == "Stop the war!" else "X")
    build(project, out)
    page = (out / "sample" / "de.html").read_text(encoding="utf-8")
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<title>X &lt;script&gt;alert(1)&lt;/script&gt;" in page
    markdown = (out / "sample" / "de.md").read_text(encoding="utf-8")
    assert "&lt;script>alert(1)&lt;/script>" in markdown  # inert for other Markdown tools too
    assert "<script>" in (out / "sample" / "de.txt").read_text(encoding="utf-8")  # plain text


def test_links_keep_safe_targets_only():
    doc = localized("[a](javascript:alert(1)) [b](https://example.org/x?a=1&b=2)\n")
    body = render_body(doc)
    assert 'href="javascript' not in body
    assert 'href="https://example.org/x?a=1&amp;b=2"' in body


def test_fallback_sentences_are_spans_in_the_source_language():
    sentence = "Read [the appeal](https://example.org) and *act* now."
    doc = localized(
        f"# Titel\n\nErster Satz. {sentence}\n", lang="fa", fallback_sentences=[sentence]
    )
    body = render_body(doc)
    span = '<span class="untranslated" lang="en" dir="ltr">'
    assert f'<a href="https://example.org">{span}the appeal</span></a>' in body
    assert f"<em>{span}act</span></em>" in body
    assert f"Erster Satz. {span}Read </span>" in body
    parse(body)


def test_marker_characters_in_the_text_are_not_taken_for_marks():
    doc = localized("Alt ⸨text⸩ here. Missing.\n", fallback_sentences=["Missing."])
    body = render_body(doc)
    assert "Alt ⸨text⸩ here." in body
    assert body.count('class="untranslated"') == 1


def test_list_numbers_survive_a_left_out_item():
    body = render_body(localized("1. one\n3. three\n4. four\n"))
    assert '<li>one</li>\n<li value="3">three</li>\n<li>four</li>' in body


def test_language_bar_and_alternates():
    languages = [LanguageEntry("en", 100.0, True), LanguageEntry("fa", 90.0)]
    page = render_page(localized("# T\n", lang="fa"), languages)
    assert '<link rel="alternate" hreflang="en" href="en.html">' in page
    assert '<a href="en.html" hreflang="en" lang="en" dir="ltr">English</a>' in page
    assert '<strong lang="fa" dir="rtl" aria-current="page">فارسی</strong>' in page
    assert "Noto Sans Arabic" in page and "Noto Sans Devanagari" in page


def test_note_only_when_something_is_untranslated():
    languages = [LanguageEntry("de", 90.0)]
    assert "not translated yet" not in render_page(localized("Satz.\n"), languages)
    with_gap = render_page(
        localized("Satz. Missing.\n", fallback_sentences=["Missing."]), languages
    )
    assert "are not translated yet and are shown in the original English" in with_gap


def test_index_lists_published_languages_with_completion(project, fill, build, out):
    fill(project, "fa")
    fill(project, "de", only=lambda entry: entry.msgid.startswith("S"))  # far below 80%
    build(project, out)
    index = (out / "sample" / "index.html").read_text(encoding="utf-8")
    parse(index)
    assert '<a href="fa.html" hreflang="fa" lang="fa" dir="rtl">فارسی</a>' in index
    assert '<td class="number">100.0%</td>' in index
    assert "de.html" not in index
    site = (out / "index.html").read_text(encoding="utf-8")
    assert '<a href="sample/index.html">Peace now. Stop the war!</a>' in site
    assert "2 languages" in site


def test_plain_text_drops_markup_and_keeps_numbers():
    text = render_text(
        "---\nlang: de\n---\n\n# A *b*\n\n> Quote\n> more\n\n"
        "Read [x](https://x.org) and <https://y.org>.\n\n1. a\n3. b\n"
    )
    assert text == (
        "A b\n\n    Quote\n    more\n\nRead x (https://x.org) and https://y.org.\n\n1. a\n3. b\n"
    )


def test_raw_html_in_the_markdown_itself_is_escaped():
    body = render_body(localized("<script>alert(1)</script>\n\nText <b onclick=x>bold</b>\n"))
    assert "<script" not in body and "<b" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "&lt;b onclick=x&gt;bold&lt;/b&gt;" in body


def test_index_links_every_format_built_beside_the_page():
    row = render_document_index("T", [LanguageEntry("de", 100.0, formats=("html", "docx", "odt"))])
    parse(row)
    assert 'href="de.docx" type="application/vnd.openxmlformats-officedocument' in row
    assert '<a href="de.odt" type="application/vnd.oasis.opendocument.text">OpenDocument</a>' in row
    assert 'href="de.md"' not in row
