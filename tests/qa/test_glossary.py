"""The glossary as the checks read it (the project's format), and the glossary check."""

from __future__ import annotations

import pytest

from translator.errors import ConfigError
from translator.glossary import Glossary, language_glossary, read_glossary
from translator.qa.glossary import uses_term

from .cases import assert_covers, fails, issues, passes

F, P = True, False
G = {
    "de": Glossary.from_terms({"war": "Krieg", "ICOR": ""}),
    "ru": Glossary.from_terms({"war": "война", "ICOR": ""}),
    "ar": Glossary.from_terms({"war": "حرب", "ICOR": ""}),
    "hi": Glossary.from_terms({"war": "युद्ध", "ICOR": ""}),
    "bn": Glossary.from_terms({"war": "যুদ্ধ", "ICOR": ""}),
}

TABLE = [
    ("glossary", "de", "Stop the war!", "Stoppt den Krieg!", P, {"glossary": G["de"]}),
    ("glossary", "de", "No war of aggression", "Kein Angriffskrieg", P, {"glossary": G["de"]}),
    ("glossary", "de", "Stop the war!", "Stoppt den Kampf!", F, {"glossary": G["de"]}),
    ("glossary", "de", "The ICOR calls", "Die ICOR ruft", P, {"glossary": G["de"]}),
    ("glossary", "de", "The ICOR calls", "Die IKOR ruft", F, {"glossary": G["de"]}),
    ("glossary", "de", "Stop the war!", "Stoppt den Kampf!", P),  # no glossary, no check
    ("glossary", "ru", "Stop the war!", "Остановите войну!", P, {"glossary": G["ru"]}),
    ("glossary", "ru", "Stop the war!", "Остановите бойню!", F, {"glossary": G["ru"]}),
    ("glossary", "ru", "The ICOR calls", "ИКОР призывает", F, {"glossary": G["ru"]}),
    ("glossary", "ar", "Stop the war!", "أوقفوا الحرب!", P, {"glossary": G["ar"]}),
    ("glossary", "ar", "Stop the war!", "أوقفوا القتال!", F, {"glossary": G["ar"]}),
    ("glossary", "hi", "Stop the war!", "युद्धों को रोको!", P, {"glossary": G["hi"]}),
    ("glossary", "hi", "Stop the war!", "लड़ाई रोको!", F, {"glossary": G["hi"]}),
    ("glossary", "bn", "Stop the war!", "যুদ্ধ থামাও!", P, {"glossary": G["bn"]}),
    ("glossary", "bn", "Stop the war!", "লড়াই থামাও!", F, {"glossary": G["bn"]}),
]  # fmt: skip


@pytest.mark.parametrize("row", TABLE, ids=lambda row: f"{row[1]}-{row[3]!r}")
def test_case(row):
    check_id, lang, source, target, fires, *context = row
    assert (fails if fires else passes)(check_id, source, target, lang, **(context or [{}])[0])


def test_table_covers_five_scripts():
    assert_covers(TABLE)


def test_message_gives_the_rendering():
    (issue,) = issues("glossary", "Stop the war of ICOR", "Stoppt den Kampf", glossary=G["de"])
    assert issue.message == "keep 'ICOR' as it is; 'war' should be 'Krieg'"


def test_terms_match_whole_words_as_written():
    glossary = Glossary.from_terms({"war": "Krieg"})
    assert glossary.terms_in("the war.") and not glossary.terms_in("the warning")
    assert not glossary.terms_in("War!")  # the project's glossary is case-sensitive


def test_uses_term_allows_endings():
    assert uses_term("Остановите войну!", "война", kept=False)
    assert not uses_term("ИКОР", "ICOR", kept=True)


def test_language_glossary_reads_the_project_files(tmp_path):
    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "all.tsv").write_text("# term\ttranslation\tnote\nMLPD\nwar\tKrieg\n")
    (folder / "de.tsv").write_text("war\tKrieg\tnot Kampf\n")
    glossary = language_glossary(folder, "de")
    assert glossary.terms == {"ICOR": ["ICOR"], "MLPD": ["MLPD"], "war": ["Krieg"]}
    assert glossary.notes == {"war": "not Kampf"}
    assert read_glossary(folder / "de.tsv").terms == {"war": ["Krieg"]}
    assert len(read_glossary(folder / "fr.tsv")) == 0


def test_bad_glossary_line_names_file_and_line(tmp_path):
    path = tmp_path / "glossary.tsv"
    path.write_text("war\tKrieg\nwar\tKampf\n")
    with pytest.raises(ConfigError, match=r"glossary.tsv:2"):
        read_glossary(path)
