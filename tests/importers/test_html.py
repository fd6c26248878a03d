"""HTML pages: markup chrome is dropped and reported, structure (h1, p, ol/li) is kept."""

from __future__ import annotations

from translator.importers import import_file, import_html


def test_page_with_nav_header_footer(data, outline):
    result = import_file(data / "page.html")
    front, blocks = outline(result.markdown)
    assert result.title == "Solidarity with the uprising of the Chilean people"
    assert front["slug"] == result.slug == "solidarity-with-the-uprising-of-the-2019-11-02"
    assert blocks[0] == ("body", "h1", result.title)
    assert ("dateline", "paragraph", "ICOR Resolution, 2 November 2019") in blocks
    assert [t for r, _, t in blocks if r == "slogans"] == [
        "Down with the state of emergency!",
        "Long live the struggle of the Chilean people!",
        "Long live international solidarity!",
    ]
    signatories = [(b, t) for r, b, t in blocks if r == "signatories"]
    assert signatories[0] == ("paragraph", "Signatories")
    assert [b for b, _ in signatories[1:]] == ["item 1", "item 2", "item 3"]


def test_page_chrome_is_reported_in_order(data):
    result = import_file(data / "page.html")
    assert result.dropped == [
        "ICOR International Coordination",
        "Home",
        "News",
        "You are here: Home / 2019 / Solidarity with the Chilean people",
        "Document Actions",
        "© ICOR 2019",
    ]
    for gone in ("var skip", "color: red", "International Coordination", "©", "Home"):
        assert gone not in result.markdown


def test_inline_markup_and_entities_become_plain_text(data, outline):
    result = import_file(data / "page.html")
    _, blocks = outline(result.markdown)
    first = (
        "The ICOR salutes the courageous uprising of the masses in Chile. "
        "The government of Piñera responded with a state of emergency."
    )
    second = "We demand the release of all prisoners & an end to the repression."
    assert ("body", "paragraph", first) in blocks and ("body", "paragraph", second) in blocks


def test_fragment_without_h1_uses_first_substantial_paragraph(outline):
    html = (
        "<p>Menu</p><p>Hands off Venezuela now</p><p>ICOR, 25.01.2019</p>"
        "<ul><li>No intervention</li><li>No <b>sanctions</b></li></ul>"
        "<p>Signatories:</p><ol start='5'><li>MLPD</li><li value='9'>KOL</li></ol>"
    )
    result = import_html(html)
    _, blocks = outline(result.markdown)
    assert (result.title, result.date, result.dropped) == (
        "Hands off Venezuela now",
        "2019-01-25",
        ["Menu"],
    )
    assert [(r, b) for r, b, _ in blocks[2:]] == [
        ("body", "item -"), ("body", "item -"), ("signatories", "paragraph"),
        ("signatories", "item 5"), ("signatories", "item 9"),
    ]  # fmt: skip


def test_typed_numbers_in_paragraphs_are_list_items(outline):
    html = "<h1>Stop the war on Iran now</h1><p>Signatories</p><p>1. MLPD</p><p>2. KOL</p>"
    _, blocks = outline(import_html(html).markdown)
    assert [(r, b) for r, b, _ in blocks[-2:]] == [
        ("signatories", "item 1"),
        ("signatories", "item 2"),
    ]


def test_plone_chrome_classes_and_skip_links():
    html = (
        '<p class="hiddenStructure"><a href="#c">Skip to content.</a> | '
        '<a href="#n">Skip to navigation</a></p>'
        '<div id="portal-personaltools">Personal tools <a>Log in</a></div>'
        "<div id='content'><h1>Freedom for Leonard Peltier now</h1><p>He is free.</p></div>"
    )
    result = import_html(html)
    assert result.dropped == ["Skip to content. | Skip to navigation", "Personal tools Log in"]
    assert result.title == "Freedom for Leonard Peltier now"


def test_text_dropped_above_the_h1_is_warned_about():
    page = "<p>Posted by the editors of the website yesterday at noon</p>\n<h1>No war on Iran!</h1>"
    result = import_html(page, filename="p.html")
    assert result.title == "No war on Iran!"
    assert result.dropped == ["Posted by the editors of the website yesterday at noon"]
    assert result.warnings[0] == "p.html:1: dropped 10 words above the title"


def test_line_break_in_a_heading_is_a_space_elsewhere_a_paragraph_break(outline):
    result = import_html("<h1>Hands off   Venezuela<br>now!</h1><p>We protest.<br>We strike.</p>")
    _, blocks = outline(result.markdown)
    assert blocks == [
        ("body", "h1", "Hands off Venezuela now!"),
        ("body", "paragraph", "We protest."),
        ("body", "paragraph", "We strike."),
    ]


def test_footnote_section_and_sup_references(outline):
    page = (
        "<article><h1>Free all political prisoners now</h1><p>ICOR, 2 May 2014</p>"
        '<p>The ICOR<sup id="fnref:1"><a href="#fn:1">1</a></sup> demands it. '
        'The workers<sup><a href="#fn:2">[2]</a></sup> agree.</p>'
        '<div class="footnotes"><hr><ol><li id="fn:1"><p>International Coordination.&nbsp;'
        '<a href="#fnref:1">&#8617;&#xfe0e;</a></p></li><li>Of Soma. <a href="#r2">↩</a></li>'
        "</ol></div></article>"
    )
    result = import_html(page)
    _, blocks = outline(result.markdown)
    assert ("body", "paragraph", "The ICOR demands it. The workers agree.") in blocks
    assert blocks[-2:] == [
        ("body", "item 1", "International Coordination."),
        ("body", "item 2", "Of Soma."),
    ]
    assert result.meta == {"footnote_refs": "1: ICOR, 2: workers"}
    assert "\n* * *\n\n1. International Coordination.\n2. Of Soma.\n" in result.markdown


def test_link_labels_go_and_linked_sentences_stay(outline):
    page = (
        "<h1>Free all political prisoners now</h1>"
        "<p>We demand <a href='/x'>the release of all prisoners</a> today.</p>"
        "<p><a href='/pdf'>PDF</a></p><p><a href='/print'>Εκτύπωση</a> | <a href='/m'>Mail</a></p>"
        "<p><a href='/statement'>Read the whole statement of the ICOR here.</a></p>"
        "<button>Share</button>"
    )
    result = import_html(page)
    _, blocks = outline(result.markdown)
    assert [t for _, _, t in blocks] == [
        "Free all political prisoners now",
        "We demand the release of all prisoners today.",
        "Read the whole statement of the ICOR here.",
    ]
    reasons = [(d.text, d.reason) for d in result.explained]
    assert ("PDF", "a link and nothing else (HTML)") in reasons
    assert ("Εκτύπωση | Mail", "a link and nothing else (HTML)") in reasons
    assert ("Share", "<button> element (not document text)") in reasons
    assert "Share" not in result.dropped  # not a paragraph: only explained


def test_runs_of_teasers_go_with_their_heading_and_a_linked_sentence_stays(outline):
    page = (
        "<h1>Free all political prisoners now</h1>"
        "<p><a href='/call'>Our call</a> was signed by many parties in the whole world.</p>"
        "<p>We demand the release of all prisoners.</p>"
        "<div class='col-4'><h3>Most read</h3>"
        "<p><a href='/a'>Metal workers strike for the tenth day</a> The workers stay out.</p>"
        "<p><a href='/b'>Teachers occupy the parliament</a> They want higher wages now.</p></div>"
    )
    result = import_html(page)
    _, blocks = outline(result.markdown)
    assert [t for _, _, t in blocks] == [
        "Free all political prisoners now",
        "Our call was signed by many parties in the whole world.",
        "We demand the release of all prisoners.",
    ]
    assert [d.reason for d in result.explained] == ["links to other pages (HTML)"] * 3
