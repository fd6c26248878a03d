"""The extract / init / update / stats steps on real files, checked with GNU gettext."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from translator.catalog import read_catalog, write_catalog
from translator.errors import LanguageError


def msgfmt_check(path: Path) -> str:
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stderr


def msgfmt_counts(path: Path) -> tuple[int, int, int]:
    text = msgfmt_check(path)
    numbers = []
    for word in ("translated", "fuzzy", "untranslated"):
        match = re.search(rf"(\d+) {word}", text)
        numbers.append(int(match.group(1)) if match else 0)
    return tuple(numbers)


def test_extract_writes_valid_deterministic_template(project):
    report = project.extract()
    pot = project.template_path("sample")
    first = pot.read_bytes()
    msgfmt_check(pot)
    assert report.items[0]["entries"] == 14  # 15 sentences, "Stop the war!" twice
    project.extract()
    assert pot.read_bytes() == first, "extracting twice changes no byte"


def test_template_entries_carry_role_position_and_location(project):
    project.extract()
    pot = read_catalog(project.template_path("sample"))
    entry = pot.find("Stop the war!")
    assert entry.occurrences == [("source/sample.md", "8"), ("source/sample.md", "23")]
    assert entry.comment == "title 1, sentence 2 of 2\nslogan 1"
    assert entry.flags == ["role-title", "role-slogan"]
    signatory = pot.find(
        "MLPD Marxistisch-Leninistische Partei Deutschlands (Marxist-Leninist Party of Germany)"
    )
    assert signatory.flags == ["role-signatory"]


def test_init_creates_catalogs_with_babel_headers(project):
    project.init(["de", "ar", "pt-BR"])
    de = read_catalog(project.catalog_path("de", "sample"))
    assert de.metadata["Language"] == "de"
    assert de.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert de.metadata["Language-Team"] == "German (Deutsch)"
    ar = project.catalog_path("ar", "sample")
    assert "nplurals=6" in read_catalog(ar).metadata["Plural-Forms"]
    assert project.catalog_path("pt_BR", "sample").is_file()
    for path in project.root.glob("locales/*/LC_MESSAGES/*.po"):
        msgfmt_check(path)


def test_init_refuses_unknown_language_and_writes_nothing(project):
    with pytest.raises(LanguageError, match="xx"):
        project.init(["de", "xx"])
    assert not list(project.root.glob("locales/*/LC_MESSAGES/*.po"))


def test_update_keeps_work_and_reports_counts(project):
    project.init(["de"])
    path = project.catalog_path("de", "sample")
    po = read_catalog(path)
    po.find("The ICOR condemns the war.").msgstr = "Die ICOR verurteilt den Krieg."
    po.find("Strengthen the ICOR!").msgstr = "Stärkt die ICOR!"
    demand = po.find("We demand the withdrawal of all troops.")
    demand.msgstr = "Wir fordern den Abzug aller Truppen."
    write_catalog(po, path)

    source = project.root / "source" / "sample.md"
    text = source.read_text(encoding="utf-8")
    text = text.replace("withdrawal of all troops", "withdrawal of all foreign troops")
    text = text.replace("Strengthen the ICOR!\n", "Long live international solidarity!\n")
    source.write_text(text, encoding="utf-8")

    report = project.update()
    (item,) = report.items
    assert (item["kept"], item["fuzzy"], item["new"], item["obsolete"]) == (1, 1, 1, 1)
    po = read_catalog(path)
    changed = po.find("We demand the withdrawal of all foreign troops.")
    assert changed.fuzzy and changed.previous_msgid == "We demand the withdrawal of all troops."
    assert po.find("Strengthen the ICOR!", include_obsolete_entries=True).obsolete
    assert po.find("The ICOR condemns the war.").msgstr == "Die ICOR verurteilt den Krieg."
    msgfmt_check(path)


def test_update_twice_changes_nothing(project):
    project.init(["de"])
    path = project.catalog_path("de", "sample")
    before = path.read_bytes()
    report = project.update()
    assert path.read_bytes() == before
    assert report.items[0]["new"] == 0


def test_stats_agree_with_msgfmt(project):
    project.init(["de"])
    path = project.catalog_path("de", "sample")
    po = read_catalog(path)
    po[0].msgstr = "Frieden jetzt."
    po[1].msgstr = "Stoppt den Krieg!"
    po[1].flags.insert(0, "fuzzy")
    po[2].flags.insert(0, "fuzzy")  # fuzzy without text counts as untranslated
    write_catalog(po, path)
    (row,) = project.stats().rows
    assert (row.stats.done, row.stats.fuzzy, row.stats.untranslated) == msgfmt_counts(path)
    assert row.stats.total_words > row.stats.done_words > 0


def test_broken_catalog_does_not_stop_the_others(project):
    project.init(["de", "fr"])
    project.catalog_path("fr", "sample").write_text('msgid "x"\nbroken\n', encoding="utf-8")
    report = project.update()
    assert [item["language"] for item in report.items] == ["de"]
    assert "fr/LC_MESSAGES/sample.po:2" in report.errors[0]
    table = project.stats()
    assert {row.language: bool(row.error) for row in table.rows} == {"de": False, "fr": True}
