"""The glossary files under locales/: format, errors, precedence."""

from __future__ import annotations

import pytest

from translator.errors import ConfigError
from translator.glossary import acronyms, glossary_terms, parse_glossary


def test_parse_columns_comments_and_blank_lines():
    terms = parse_glossary("# term\ttranslation\tnote\n\nICOR\t\torganisation\nwar\tKrieg\n")
    assert [(t.term, t.target, t.note, t.where) for t in terms] == [
        ("ICOR", "ICOR", "organisation", "glossary.tsv:3"),
        ("war", "Krieg", "", "glossary.tsv:4"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a\tb\tc\td\n", "glossary.tsv:1: expected term, translation and note"),
        ("\tKrieg\n", "glossary.tsv:1: empty term"),
        ("war\tKrieg\n# x\nwar\tKampf\n", "glossary.tsv:3: 'war' already listed on line 1"),
    ],
)
def test_parse_errors_name_file_and_line(text, message):
    with pytest.raises(ConfigError, match=message):
        parse_glossary(text)


def test_language_file_overrides_the_shared_one(tmp_path):
    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "all.tsv").write_text("MLPD\nwar\twar\n")
    (folder / "de.tsv").write_text("war\tKrieg\n")
    (folder / "pt.tsv").write_text("war\tguerra\n")
    assert glossary_terms(folder, "de") == {"ICOR": "ICOR", "MLPD": "MLPD", "war": "Krieg"}
    assert glossary_terms(folder, "pt_BR")["war"] == "guerra"
    assert glossary_terms(folder, "fr")["war"] == "war"


def test_icor_is_protected_without_any_file(tmp_path):
    assert glossary_terms(tmp_path / "glossary", "de") == {"ICOR": "ICOR"}


def test_error_in_a_language_file_names_it(tmp_path):
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "de.tsv").write_text("\tx\n")
    with pytest.raises(ConfigError, match=r"glossary/de.tsv:1: empty term"):
        glossary_terms(tmp_path / "glossary", "de")


def test_acronyms_of_signatories():
    lines = [
        "CPI (ML) Red Star Communist Party of India (Marxist-Leninist) Red Star",
        "PR-ByH Partija Rada - ByH (Party of Labor)",
        "CPA/ML Communist Party of Australia",
        "БРП(к) Българска Работническа Партия (комунисти)",
    ]
    assert acronyms(lines) == {"CPI", "ML", "CPA/ML", "БРП"}
