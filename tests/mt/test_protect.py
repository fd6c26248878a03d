"""Protection of markup, placeholders and terms: one rule per test."""

from __future__ import annotations

import pytest

from translator.mt.protect import protect, restore


def roundtrip(text: str, engine=lambda masked: masked.upper(), terms=None) -> tuple[str, str]:
    protected = protect(text, terms)
    return restore(engine(protected.masked), protected)


def test_link_target_is_kept_and_label_translated():
    assert roundtrip("see [the appeal](https://x.org/A)") == (
        "SEE [THE APPEAL](https://x.org/A)",
        "",
    )


def test_inline_code_url_and_placeholders_are_opaque():
    text = "run `make all` at https://x.org/a/b for %s and {name}"
    assert roundtrip(text) == ("RUN `make all` AT https://x.org/a/b FOR %s AND {name}", "")


def test_outer_whitespace_is_split_off_and_restored():
    protected = protect("\n  Peace now!  ")
    assert protected.masked == "Peace now!"
    assert restore("Frieden jetzt!", protected) == ("\n  Frieden jetzt!  ", "")


def test_term_is_replaced_by_its_target_form():
    terms = {"ICOR": "ICOR", "8 March 2021": "8. März 2021"}
    out, problem = roundtrip("ICOR Resolution, 8 March 2021", terms=terms)
    assert (out, problem) == ("ICOR RESOLUTION, 8. März 2021", "")


def test_terms_match_whole_words_only():
    assert protect("ICORS and ICOR", {"ICOR": "ICOR"}).masked == "ICORS and [X0X]"


def test_longest_term_wins():
    protected = protect(
        "the Communist Party of India", {"India": "x", "Communist Party of India": "y"}
    )
    assert protected.masked == "the [X0X]"


def test_spaces_an_engine_adds_inside_delimiters_are_removed():
    protected = protect("Read [the appeal](u) and *act* now")
    engine_output = "Lee [X0X] la apelación [X1X] y [X2X] actúa [X3X] ya"
    assert restore(engine_output, protected) == ("Lee [la apelación](u) y *actúa* ya", "")


def test_tokens_the_engine_mangled_in_case_and_spacing_are_recognised():
    protected = protect("a %s b")
    assert restore("A [ x 0 X ] B", protected) == ("A %s B", "")


@pytest.mark.parametrize(
    ("output", "problem"),
    [
        ("A B", "lost %s"),
        ("A [X0X] [X0X] B", "repeated %s"),
        ("A [X0X] [X7X] B", "unknown token [X7X]"),
    ],
)
def test_damaged_tokens_are_reported(output, problem):
    assert restore(output, protect("a %s b"))[1] == problem


def test_a_literal_token_in_the_source_is_protected_too():
    assert roundtrip("keep [X1X] here") == ("KEEP [X1X] HERE", "")


def test_text_without_words_needs_no_engine():
    assert not protect("https://x.org 2020 – 3.5").needs_engine
    assert protect("ICOR now", {"ICOR": "ICOR"}).needs_engine


def test_double_spaces_the_engine_invents_are_collapsed():
    assert restore("de  todos los  países", protect("of all countries"))[0] == "de todos los países"
