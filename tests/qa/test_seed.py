"""Every check over the repository's real resolution and catalogs.

The seed catalogs are copied (``seed_project``); if the repository ships none yet, they are
made from ``source/`` with :meth:`Project.init`. Correct translations of the title, dateline,
slogans and signatories in five scripts must pass every check; typical slips must be caught.
"""

from __future__ import annotations

import pytest

from translator.catalog import catalog_lock, read_catalog, write_catalog
from translator.project import Project
from translator.qa import CHECKS

SLUG = "icor-resolution-2020-01-17"
TITLE = "US imperialism endangers world peace."
NOW = "Active resistance worldwide – now!"
DATELINE = "ICOR Resolution, 17 January 2020"
TROOPS = "All foreign troops out of the countries of the Middle East!"
STRENGTHEN = "Strengthen the revolutionary world organization ICOR!"
MLPD = "MLPD Marxistisch-Leninistische Partei Deutschlands (Marxist-Leninist Party of Germany)"
MLPD_NAME = "MLPD Marxistisch-Leninistische Partei Deutschlands"
CPI = "CPI (ML) Red Star Communist Party of India (Marxist-Leninist) Red Star"

GOOD = {
    "de": {
        TITLE: "Der US-Imperialismus gefährdet den Weltfrieden.",
        NOW: "Aktiver Widerstand weltweit – jetzt!",
        DATELINE: "ICOR-Resolution, 17. Januar 2020",
        TROOPS: "Alle ausländischen Truppen raus aus den Ländern des Nahen Ostens!",
        STRENGTHEN: "Stärkt die revolutionäre Weltorganisation ICOR!",
        MLPD: f"{MLPD_NAME} (Marxistisch-Leninistische Partei Deutschlands)",
        CPI: "CPI (ML) Red Star Kommunistische Partei Indiens (Marxistisch-Leninistisch) Red Star",
    },
    "ru": {
        TITLE: "Американский империализм угрожает миру во всём мире.",
        NOW: "Активное сопротивление во всём мире – сейчас!",
        DATELINE: "Резолюция ICOR, 17 января 2020 года",
        TROOPS: "Все иностранные войска – вон из стран Ближнего Востока!",
        STRENGTHEN: "Укрепляйте революционную мировую организацию ICOR!",
        MLPD: f"{MLPD_NAME} (Марксистско-ленинская партия Германии)",
        CPI: "CPI (ML) Red Star Коммунистическая партия Индии (марксистско-ленинская) Red Star",
    },
    "ar": {
        TITLE: "الإمبريالية الأمريكية تهدد السلام العالمي.",
        NOW: "مقاومة نشطة في جميع أنحاء العالم – الآن!",
        DATELINE: "قرار ICOR، ١٧ يناير ٢٠٢٠",
        TROOPS: "لتخرج جميع القوات الأجنبية من بلدان الشرق الأوسط!",
        STRENGTHEN: "عززوا المنظمة الثورية العالمية ICOR!",
        MLPD: f"{MLPD_NAME} (الحزب الماركسي اللينيني الألماني)",
        CPI: "CPI (ML) Red Star الحزب الشيوعي الهندي (الماركسي اللينيني) Red Star",
    },
    "hi": {
        TITLE: "अमेरिकी साम्राज्यवाद विश्व शांति को खतरे में डालता है।",
        NOW: "दुनिया भर में सक्रिय प्रतिरोध – अभी!",
        DATELINE: "ICOR प्रस्ताव, १७ जनवरी २०२०",
        TROOPS: "मध्य पूर्व के देशों से सभी विदेशी सैनिक बाहर निकलो!",
        STRENGTHEN: "क्रांतिकारी विश्व संगठन ICOR को मज़बूत करो!",
        MLPD: f"{MLPD_NAME} (जर्मनी की मार्क्सवादी-लेनिनवादी पार्टी)",
        CPI: "CPI (ML) Red Star भारत की कम्युनिस्ट पार्टी (मार्क्सवादी-लेनिनवादी) Red Star",
    },
    "bn": {
        TITLE: "মার্কিন সাম্রাজ্যবাদ বিশ্বশান্তিকে বিপন্ন করছে।",
        NOW: "বিশ্বজুড়ে সক্রিয় প্রতিরোধ – এখনই!",
        DATELINE: "ICOR প্রস্তাব, ১৭ জানুয়ারি ২০২০",
        TROOPS: "মধ্যপ্রাচ্যের দেশগুলো থেকে সব বিদেশি সৈন্য বেরিয়ে যাও!",
        STRENGTHEN: "বিপ্লবী বিশ্ব সংগঠন ICOR-কে শক্তিশালী করো!",
        MLPD: f"{MLPD_NAME} (জার্মানির মার্কসবাদী-লেনিনবাদী পার্টি)",
        CPI: "CPI (ML) Red Star ভারতের কমিউনিস্ট পার্টি (মার্কসবাদী-লেনিনবাদী) Red Star",
    },
}

# one typical slip per language, and the checks that must catch it
SLIPS = {
    "de": (TROOPS, "Alle ausländischen Truppen raus aus dem Nahen Osten", {"end_punctuation"}),
    "ru": (DATELINE, "Резолюция ИКОР, 17 января 2021 года", {"numbers", "glossary"}),
    "ar": (CPI, "الحزب الشيوعي الهندي Red Star", {"acronyms", "bracket_count"}),
    "hi": (MLPD, "जर्मनी की मार्क्सवादी-लेनिनवादी पार्टी", {"acronyms", "bracket_count"}),
    "bn": (NOW, "বিশ্বজুড়ে সক্রিয় প্রতিরোধ – [এখনই!", {"unbalanced", "bracket_count"}),
}


def fill(project: Project, lang: str, texts: dict[str, str]) -> None:
    path = project.catalog_path(lang, SLUG)
    with catalog_lock(path):
        po = read_catalog(path)
        for entry in po:
            if entry.msgid in texts:
                entry.msgstr = texts[entry.msgid]
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
        write_catalog(po, path)


@pytest.fixture
def seed(seed_project: Project) -> Project:
    """The seed project, with catalogs for the five scripts' languages and our translations."""
    missing = [lang for lang in GOOD if not seed_project.catalog_path(lang, SLUG).is_file()]
    if missing:
        assert seed_project.init(missing).ok
    for lang, texts in GOOD.items():
        fill(seed_project, lang, texts)
    return seed_project


def test_the_seed_has_the_resolution_and_its_sentences(seed):
    po = read_catalog(seed.catalog_path("de", SLUG))
    msgids = {entry.msgid for entry in po}
    assert {TITLE, NOW, DATELINE, TROOPS, STRENGTHEN, MLPD, CPI} <= msgids


def test_every_check_runs_over_every_seed_catalog(seed):
    report = seed.check()
    assert report.errors == []
    catalogs = [seed.catalog_path(lang, SLUG) for lang in seed.languages()]
    assert report.catalogs == sum(path.is_file() for path in catalogs) >= len(GOOD)
    translated = sum(
        1
        for path in catalogs
        if path.is_file()
        for entry in read_catalog(path)
        if entry.msgid and entry.msgstr and not entry.obsolete
    )
    assert report.entries + report.drafts == translated
    for failure in report.failures:
        assert failure.issue.check_id in CHECKS and failure.line > 0
        entries = {e.msgid: e for e in read_catalog(seed.root / failure.catalog)}
        assert entries[failure.msgid].msgstr == failure.msgstr


@pytest.mark.parametrize("lang", sorted(GOOD))
def test_correct_translations_pass_every_check(seed, lang):
    stored = {e.msgid: e.msgstr for e in read_catalog(seed.catalog_path(lang, SLUG))}
    assert all(stored[msgid] == text for msgid, text in GOOD[lang].items())
    report = seed.check(langs=[lang])
    ours = [f for f in report.failures if GOOD[lang].get(f.msgid) == f.msgstr]
    assert [(f.msgid, f.issue) for f in ours] == []


@pytest.mark.parametrize("lang", sorted(SLIPS))
def test_typical_slips_are_caught(seed, lang):
    msgid, wrong, expected = SLIPS[lang]
    fill(seed, lang, {msgid: wrong})
    report = seed.check(langs=[lang])
    found = {f.issue.check_id for f in report.failures if f.msgid == msgid}
    assert found == expected


def test_statistics_count_the_slips(seed):
    for lang, (msgid, wrong, _) in SLIPS.items():
        fill(seed, lang, {msgid: wrong})
    table = seed.stats(langs=sorted(SLIPS))
    for row in table.rows:
        assert sum(row.stats.issues.values()) >= len(SLIPS[row.language][2]), row.language
