"""A page source is HTML by its content, whatever its suffix; server-side code is dropped."""

from __future__ import annotations

import pytest

from translator.importers import import_file, import_source
from translator.importers.sniff import looks_like_html, strip_server_code

PAGE = (
    "<html><body><nav><a href='/'>Home</a> | <a href='/news'>News</a></nav>"
    "<h1>Free all political prisoners now</h1><p>ICOR, 25.01.2019</p>"
    "<p>We demand the release of all prisoners.</p></body></html>"
)


@pytest.mark.parametrize(
    "preamble",
    [
        "",
        "\ufeff",
        "\n\n\n",
        "#!/usr/bin/php\n",
        "#!/usr/bin/php\n<?php\n  include('head.php');\n  $x = 1;\n?>\n\n",
        "<?php session_start(); ?>\n<?= $banner ?>\n",
        "<%@ page contentType='text/html' %>\n<% String x = \"a\"; %>\n",
        "<!-- saved from url=(0042)https://example.org/ -->\n",
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n',
    ],
)
def test_html_is_found_after_any_preamble(preamble):
    text, _ = strip_server_code(preamble + PAGE)
    assert looks_like_html(text)
    result = import_source(preamble + PAGE, filename="page.txt")
    assert result.title == "Free all political prisoners now"
    assert "<" not in result.markdown and "php" not in result.markdown
    assert "include" not in result.markdown and "%" not in result.markdown


@pytest.mark.parametrize(
    "text",
    [
        "We demand <b>all</b> of it: 3 < 4 and 5 > 2.",
        "Free all prisoners now\n\nThe <p> tag is what HTML uses for a paragraph.",
        "#!/bin/sh is how a shell script begins, we said.",
    ],
)
def test_plain_text_is_not_html(text):
    assert not looks_like_html(strip_server_code(text)[0])


def test_server_code_keeps_line_numbers_and_is_explained(tmp_path):
    source = tmp_path / "saved.txt"
    source.write_text("#!/usr/bin/php\n<?php\n $a = 1;\n?>\n" + PAGE.replace("<h1>", "\n<h1>"))
    result = import_file(source)
    assert [(d.line, d.text, d.reason) for d in result.explained[:2]] == [
        (1, "#!/usr/bin/php", "server-side code (shebang line)"),
        (2, "<?php", "server-side code (PHP)"),
    ]
    assert (3 + 2, "Home | News", "site chrome") in [
        (d.line, d.text, d.reason) for d in result.explained
    ]


def test_an_unclosed_php_block_runs_to_the_end():
    text, drops = strip_server_code("<p>Hi</p>\n<?php echo 'x';\nfoo();\n")
    assert text == "<p>Hi</p>\n\n\n" and drops[0].line == 2


def test_asp_blocks_stay_in_plain_text():
    text = "Wages rose <%= 5 %> this year, a report said."
    assert strip_server_code(text)[0] == text
