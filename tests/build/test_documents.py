"""Rebuilding localized Markdown: identity, joined sentences, spacing, fallback, front matter."""

from __future__ import annotations

import yaml

from translator.build import Fallback, choose_translations, render_document
from translator.build.documents import localize_front_matter, protect_markdown
from translator.build.text import markdown_parser
from translator.model import Role, Segment
from translator.segment import read_document

WRAPPED = """---
slug: wrapped
title: Wrapped lines
lang: en
---

# Wrapped lines

First sentence of a paragraph
that runs over two lines.  Second sentence
after two spaces.

> Quoted first sentence.
> Quoted second sentence.

- Item one. Item one again.
  Continued item.
"""


def localize(project, lang, slug="sample", **kwargs):
    doc = read_document(project.settings.source_dir / f"{slug}.md", project.root)
    po_path = project.catalog_path(lang, slug)
    from translator.catalog import read_catalog

    allow = kwargs.pop("allow_drafts", False)
    selection = choose_translations(doc, read_catalog(po_path), allow_drafts=allow)
    return doc, selection, render_document(doc, selection, lang, **kwargs)


def source_text(project, slug="sample"):
    return (project.settings.source_dir / f"{slug}.md").read_text(encoding="utf-8")


def body(markdown):
    return markdown.split("\n---\n", 1)[1]


def test_identity_in_the_source_language_gives_back_the_source_bytes(project, fill):
    fill(project, "en", translate=lambda msgid: msgid)
    _, _, localized = localize(project, "en")
    assert localized.markdown == source_text(project)


def test_identity_translation_keeps_the_body_and_line_wrapping(project, fill):
    (project.settings.source_dir / "wrapped.md").write_text(WRAPPED, encoding="utf-8")
    fill(project, "de", "wrapped", translate=lambda msgid: msgid)
    fill(project, "de", translate=lambda msgid: msgid)
    for slug in ("sample", "wrapped"):
        _, _, localized = localize(project, "de", slug)
        assert body(localized.markdown) == body(source_text(project, slug))


def test_front_matter_is_localized(project, fill):
    fill(project, "de", translate=lambda msgid: {"Peace now.": "Frieden *jetzt*."}.get(msgid, "X"))
    _, _, localized = localize(project, "de")
    front = yaml.safe_load(localized.markdown.split("---\n")[1])
    assert front == {
        "slug": "sample",
        "title": "Frieden jetzt. X",
        "date": __import__("datetime").date(2021, 3, 8),
        "lang": "de",
        "source_lang": "en",
        "completion": 100.0,
    }
    assert localized.title == "Frieden jetzt. X"


def test_front_matter_values_are_quoted_when_yaml_would_misread_them():
    front = "---\nslug: s\ntitle: T\nlang: en\n---\n"
    out = localize_front_matter(
        front, title='Say "no": now', lang="no", source_lang="en", completion=50
    )
    assert yaml.safe_load(out.split("---\n")[1]) == {
        "slug": "s",
        "title": 'Say "no": now',
        "lang": "no",
        "source_lang": "en",
        "completion": 50.0,
    }


def test_untranslated_title_keeps_the_source_title(project, fill):
    fill(project, "de", only=lambda entry: entry.msgid not in ("Peace now.", "Stop the war!"))
    _, _, localized = localize(project, "de")
    assert localized.title == "Peace now. Stop the war!"


def test_joined_sentences_give_one_translation_and_drop_the_gap(project, fill, edit, join):
    fill(project, "de", translate=lambda msgid: f"DE {msgid}")
    first, second = (
        "The ICOR condemns the war.",
        ("Dr. Smith and the U.S. government are responsible for 3.5 million refugees."),
    )
    edit(project, "de", "sample", lambda po: join(po, first, second, "Beide Sätze in einem."))
    doc, selection, localized = localize(project, "de")
    assert "\n\nBeide Sätze in einem.\n\n" in localized.markdown
    assert second not in localized.markdown
    assert selection.completion == 100.0
    assert not selection.warnings


def test_joined_pair_without_a_translation_falls_back_as_two_sentences(project, fill, edit, join):
    first, second = (
        "The ICOR condemns the war.",
        ("Dr. Smith and the U.S. government are responsible for 3.5 million refugees."),
    )
    fill(project, "de", translate=lambda msgid: f"DE {msgid}")

    def unjoin(po):
        join(po, first, second, "Beide.")
        po.find(first).flags.insert(0, "fuzzy")

    edit(project, "de", "sample", unjoin)
    _, selection, localized = localize(project, "de")
    assert f"\n\n{first} {second}\n\n" in localized.markdown
    assert localized.fallbacks == 2
    assert selection.completion < 100


def test_half_marked_join_is_reported(project, fill, edit):
    from translator.catalog.state import set_comment_field

    fill(project, "de")
    edit(
        project,
        "de",
        "sample",
        lambda po: set_comment_field(po.find("The ICOR condemns the war."), "joined", "next"),
    )
    _, selection, _ = localize(project, "de")
    assert any("'joined: next'" in warning for warning in selection.warnings)


def test_chinese_sentences_are_joined_without_spaces(project, fill):
    fill(project, "zh", translate=lambda msgid: "和平。")
    _, _, localized = localize(project, "zh")
    assert "\n\n和平。和平。\n\n" in localized.markdown
    assert "# 和平。和平。\n" in localized.markdown


def test_source_fallback_next_to_chinese_keeps_the_source_space(project, fill):
    fill(
        project,
        "zh",
        translate=lambda msgid: "和平。",
        only=lambda e: "ICOR condemns" not in e.msgid,
    )
    _, _, localized = localize(project, "zh")
    assert "\n\nThe ICOR condemns the war. 和平。\n\n" in localized.markdown


def test_fallback_source_marks_missing_sentences(project, fill):
    fill(project, "de", only=lambda entry: entry.msgid != "Our demands")
    _, _, localized = localize(project, "de", fallback=Fallback.SOURCE)
    assert "\n## Our demands\n" in localized.markdown
    assert "\n## [Our demands]\n" in localized.marked_markdown("[", "]")
    assert localized.fallbacks == 1


def test_fallback_skip_drops_sentences_blocks_and_list_items(project, fill):
    gone = {
        "The ICOR condemns the war.",
        "Our demands",
        "БКП Българска Комунистическа Партия (Bulgarian Communist Party)",
    }
    fill(project, "de", translate=lambda msgid: f"DE {msgid}", only=lambda e: e.msgid not in gone)
    _, _, localized = localize(project, "de", fallback=Fallback.SKIP)
    markdown = localized.markdown
    assert "\n\nDE Dr. Smith" in markdown  # no leading gap left behind
    assert "##" not in markdown and "\n\n\n" not in markdown
    assert "\n1. DE MLPD" in markdown and "\n3. DE CPI" in markdown and "\n2. " not in markdown
    tokens = markdown_parser().parse(markdown)
    assert [t.info for t in tokens if t.type == "list_item_open"] == ["1", "3"]
    assert localized.fallbacks == 0


def test_fallback_skip_of_the_title_leaves_one_blank_line(project, fill):
    fill(project, "de", only=lambda entry: "role-title" not in entry.flags)
    _, _, localized = localize(project, "de", fallback=Fallback.SKIP)
    assert "\ncompletion: 85.7\n---\n\n::: dateline\n[de] ICOR" in localized.markdown
    assert localized.title == "Peace now. Stop the war!"


def test_translation_cannot_open_a_block(project, fill):
    fill(
        project, "de", translate=lambda msgid: "7. März 2021" if "ICOR Resolution" in msgid else "X"
    )
    _, _, localized = localize(project, "de")
    assert "::: dateline\n7\\. März 2021\n:::" in localized.markdown
    kinds = [token.type for token in markdown_parser().parse(localized.markdown)]
    assert kinds.count("ordered_list_open") == 1  # the signatories only


def test_protect_markdown_escapes_block_starts_and_new_tags():
    seg = Segment("Read <b>this</b>.", "", Role.HEADING, 1, "heading", 1, 1, 1, 1)
    assert protect_markdown("# Titel ##", seg, at_line_start=True) == "\\# Titel \\##"
    assert protect_markdown("- eins", seg, at_line_start=True) == "\\- eins"
    assert protect_markdown("- eins", seg, at_line_start=False) == "- eins"
    assert protect_markdown("Lies <b>das</b>.", seg, at_line_start=False) == "Lies <b>das</b>."
    assert protect_markdown("<i>x</i> `<i>`", seg, at_line_start=False) == "&lt;i>x&lt;/i> `<i>`"
    assert (
        protect_markdown("<https://example.org> <script>", seg, at_line_start=False)
        == "<https://example.org> &lt;script>"
    )
