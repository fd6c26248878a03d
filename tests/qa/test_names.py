"""Acronyms and names kept, and translations left identical to the source."""

from __future__ import annotations

import pytest

from translator.glossary import Glossary
from translator.qa.names import contains_name, find_acronyms, latin_key

from .cases import assert_covers, fails, issues, passes

F, P = True, False
MLPD = "The MLPD supports the strike."
CPI = "CPI (ML) Red Star sends greetings."
SIGNATORY = {"flags": ("role-signatory",)}
COPY = {"tcomment": "origin: copy"}
ARABIC_MLPD = {"glossary": Glossary.from_terms({"MLPD": "م.ل.ب.د"})}
KEPT = {"glossary": Glossary.from_terms({"Soleimani": ""})}
PARTY = "MLPD Marxistisch-Leninistische Partei Deutschlands"

TABLE = [
    ("acronyms", "de", MLPD, "Die MLPD unterstützt den Streik.", P),
    ("acronyms", "de", MLPD, "Die Partei unterstützt den Streik.", F),
    ("acronyms", "de", CPI, "CPI (ML) Red Star sendet Grüße.", P),
    ("acronyms", "de", CPI, "CPI Red Star sendet Grüße.", F),
    ("acronyms", "de", "MLPD members", "MLPD-Mitglieder", P),
    ("acronyms", "tr", MLPD, "MLPD'nin greve desteği.", P),
    ("acronyms", "es", "NATO and the UN", "La OTAN y la ONU", P),  # commonly translated
    ("acronyms", "de", "World War II", "Zweiter Weltkrieg", P),  # a Roman numeral
    ("acronyms", "de", "STOP THE WAR NOW!", "STOPPT DEN KRIEG JETZT!", P),  # capitals, no acronyms
    ("acronyms", "ru", MLPD, "МЛПД поддерживает забастовку.", P),  # transliterated
    ("acronyms", "ru", MLPD, "MLPD поддерживает забастовку.", P),
    ("acronyms", "ru", MLPD, "Партия поддерживает забастовку.", F),
    ("acronyms", "bg", "The ICOR condemns", "ИКОР осъжда", P),
    ("acronyms", "de", "The БКП greets", "Die BKP grüßt", P),  # Cyrillic acronym in Latin
    ("acronyms", "ar", MLPD, "يدعم MLPD الإضراب.", P),
    ("acronyms", "ar", MLPD, "يدعم الحزب الإضراب.", F),
    ("acronyms", "ar", MLPD, "يدعم م.ل.ب.د الإضراب.", P, ARABIC_MLPD),
    ("acronyms", "hi", MLPD, "MLPD हड़ताल का समर्थन करती है।", P),
    ("acronyms", "hi", MLPD, "पार्टी हड़ताल का समर्थन करती है।", F),
    ("acronyms", "bn", CPI, "CPI (ML) রেড স্টার শুভেচ্ছা পাঠায়।", P),
    ("acronyms", "bn", CPI, "CPI রেড স্টার শুভেচ্ছা পাঠায়।", F),
    ("unchanged", "de", "Stop the war!", "Stop the war!", F),
    ("unchanged", "de", "Stop the war!", "Stoppt den Krieg!", P),
    ("unchanged", "de", "ICOR", "ICOR", P),
    ("unchanged", "de", "MLPD, KKE, 2020", "MLPD, KKE, 2020", P),
    ("unchanged", "de", "Soleimani", "Soleimani", P, KEPT),
    ("unchanged", "de", PARTY, PARTY, P, SIGNATORY),
    ("unchanged", "de", PARTY + " is here.", PARTY + " is here.", F),
    ("unchanged", "de", "Stop the war!", "Stop the war!", P, COPY),
    ("unchanged", "en_GB", "Stop the war!", "Stop the war!", P),  # same language
    ("unchanged", "ru", "Stop the war!", "Stop the war!", F),
    ("unchanged", "ru", "Stop the war!", "Остановите войну!", P),
    ("unchanged", "ar", "Stop the war!", "Stop the war!", F),
    ("unchanged", "ar", "Stop the war!", "أوقفوا الحرب!", P),
    ("unchanged", "hi", "Stop the war!", "stop the war!", F),
    ("unchanged", "hi", "Stop the war!", "युद्ध रोको!", P),
    ("unchanged", "bn", "Stop the war!", "Stop the war!", F),
    ("unchanged", "bn", "Stop the war!", "যুদ্ধ থামাও!", P),
]  # fmt: skip


@pytest.mark.parametrize("row", TABLE, ids=lambda row: f"{row[0]}-{row[1]}-{row[3]!r}")
def test_case(row):
    check_id, lang, source, target, fires, *context = row
    assert (fails if fires else passes)(check_id, source, target, lang, **(context or [{}])[0])


def test_table_covers_five_scripts():
    assert_covers(TABLE)


def test_message_names_the_missing_acronyms():
    (issue,) = issues("acronyms", "MLPD and KKE greet", "Die Parteien grüßen")
    assert issue.message == "missing in the translation: MLPD, KKE"


def test_glossary_terms_are_left_to_the_glossary_check():
    glossary = Glossary.from_terms({"ICOR": ""})
    assert passes("acronyms", "The ICOR", "Die Organisation", glossary=glossary)
    assert fails("glossary", "The ICOR", "Die Organisation", glossary=glossary)


@pytest.mark.parametrize(
    "text, found",
    [
        ("CPI (ML) Red Star", ["CPI", "ML"]),
        ("CPA/ML Communist Party", ["CPA", "ML"]),
        ("БРП(к) Българска Работническа Партия", ["БРП"]),
        ("PR-ByH Partija Rada - ByH", ["PR"]),
        ("the XX. century and World War II", []),
        ("a day X", []),
        ("See https://icor.info/ABC", []),
    ],
)
def test_find_acronyms(text, found):
    assert find_acronyms(text) == found


def test_contains_name_allows_lower_case_endings_only():
    assert contains_name("ICOR'un", "ICOR") and contains_name("MLPD-Vorsitz", "MLPD")
    assert not contains_name("MLPD", "ML") and not contains_name("XMLPD", "MLPD")


def test_latin_key_matches_transliterations():
    assert latin_key("ИКОР") == latin_key("ICOR") and latin_key("ΚΚΕ") == latin_key("KKE")
    assert latin_key("НАТО") != latin_key("OTAN")
