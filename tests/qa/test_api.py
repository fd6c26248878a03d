"""The qa package's public face: registry, run_checks, dismissals, joined entries, editor."""

from __future__ import annotations

import re

import polib
import pytest

from translator.catalog import read_catalog, update_catalog, write_catalog
from translator.config import load_settings
from translator.errors import ConfigError
from translator.glossary import Glossary
from translator.model import Issue, Severity
from translator.qa import (
    CHECKS,
    Check,
    CheckContext,
    check_context,
    check_entry,
    describe_checks,
    dismiss,
    dismissed_checks,
    entry_issues,
    gates,
    issue_to_dict,
    register,
    run_checks,
    undismiss,
    validate_check_ids,
)


def entry(msgid: str, msgstr: str, *flags: str, **extra) -> polib.POEntry:
    return polib.POEntry(msgid=msgid, msgstr=msgstr, flags=list(flags), **extra)


def ids(issues) -> list[str]:
    return [issue.check_id for issue in issues]


# -- registry ------------------------------------------------------------------------------------


def test_every_check_is_data_with_an_id_name_description_and_severity():
    assert len(CHECKS) >= 20
    for check_id, check in CHECKS.items():
        assert check.check_id == check_id and re.fullmatch(r"[a-z]+(_[a-z]+)*", check_id)
        assert check.name and check.description and check.severity in set(Severity)
        assert check.flag() == "ignore-" + check_id.replace("_", "-")


def test_severities_follow_the_buckets():
    assert CHECKS["links"].severity == Severity.ERROR
    assert CHECKS["blank"].severity == Severity.ERROR
    assert CHECKS["numbers"].severity == Severity.WARNING
    assert CHECKS["double_space"].severity == Severity.INFO


def test_registering_an_id_twice_is_refused():
    class Twin(Check):
        check_id = "numbers"

    with pytest.raises(ValueError, match="registered twice"):
        register(Twin)


def test_unknown_check_ids_are_a_config_error():
    assert validate_check_ids(["numbers", "links"]) == ["numbers", "links"]
    with pytest.raises(ConfigError, match="unknown check 'numbrs'"):
        validate_check_ids(["numbrs"], "blocking_checks")


def test_describe_checks_lists_every_check_in_order():
    assert [row["check"] for row in describe_checks()] == list(CHECKS)


# -- run_checks ----------------------------------------------------------------------------------


def test_run_checks_keys_failing_entries_and_skips_what_is_not_a_translation():
    catalog = [
        entry("", "Language: de\n"),  # header
        entry("Stop the war!", ""),  # untranslated
        entry("Stop the war!", "Stoppt den Krieg", msgctxt="slogan"),
        entry("Peace now.", "Frieden jetzt."),
        entry("Old sentence.", "Alter Satz", obsolete=True),
    ]
    results = run_checks(catalog, "de")
    assert list(results) == ["slogan\x04Stop the war!"]
    assert ids(results["slogan\x04Stop the war!"]) == ["end_punctuation"]


def test_drafts_are_checked_unless_left_out():
    catalog = [entry("Stop the war!", "Stoppt den Krieg", "fuzzy")]
    assert run_checks(catalog, "de")
    assert run_checks(catalog, "de", include_drafts=False) == {}


def test_only_runs_the_checks_asked_for():
    catalog = [entry("In 2021, stop the war!", "2020 Stoppt den Krieg")]
    assert ids(run_checks(catalog, "de")["In 2021, stop the war!"]) == [
        "numbers",
        "end_punctuation",
    ]
    assert ids(run_checks(catalog, "de", only=["numbers"])["In 2021, stop the war!"]) == ["numbers"]


def test_a_joined_translation_is_checked_against_both_sentences():
    catalog = [
        entry("In 2021 we struck.", "2021 streikten wir, 3 Tage lang.", tcomment="joined: next"),
        entry("It lasted 3 days.", "It lasted 3 days.", tcomment="joined: previous"),
        entry("Peace now!", "Frieden jetzt!"),
    ]
    assert run_checks(catalog, "de") == {}
    catalog[0].msgstr = "2021 streikten wir."
    assert ids(run_checks(catalog, "de")["In 2021 we struck."]) == ["numbers"]


# -- dismissal -----------------------------------------------------------------------------------


def test_a_dismissed_check_stays_dismissed_through_save_and_update(tmp_path):
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "de"}
    po.append(entry("Stop the war!", "Stoppt den Krieg", "role-slogan"))
    assert ids(run_checks(po, "de")["Stop the war!"]) == ["end_punctuation"]
    assert dismiss(po[0], "end_punctuation") and not dismiss(po[0], "end_punctuation")
    path = tmp_path / "de.po"
    write_catalog(po, path)
    assert "#, role-slogan, ignore-end-punctuation" in path.read_text()
    again = read_catalog(path)
    assert run_checks(again, "de") == {}
    pot = polib.POFile()
    pot.append(entry("Stop the war!", "", "role-slogan"))
    update_catalog(again, pot)
    assert dismissed_checks(again[0]) == ["end_punctuation"]
    assert run_checks(again, "de") == {}
    assert undismiss(again[0], "end_punctuation") and not undismiss(again[0], "end_punctuation")
    assert ids(run_checks(again, "de")["Stop the war!"]) == ["end_punctuation"]


def test_dismissing_one_check_leaves_the_others():
    item = entry("In 2021, stop the war!", "2020 Stoppt den Krieg", "ignore-numbers")
    assert ids(entry_issues(item, "de")) == ["end_punctuation"]


# -- the editor ----------------------------------------------------------------------------------


def test_check_entry_checks_the_text_being_typed():
    saved = entry("Stop the war!", "Stoppt den Krieg!")
    assert check_entry("Stop the war!", "Stoppt den Krieg", saved, "de")[0].check_id == (
        "end_punctuation"
    )
    assert check_entry("Stop the war!", "Stoppt den Krieg!", None, "de") == []
    with pytest.raises(ValueError):
        check_entry("a", "b")


def test_entry_issues_uses_the_glossary():
    glossary = Glossary.from_terms({"war": "Krieg"})
    item = entry("Stop the war!", "Stoppt den Kampf!")
    assert ids(entry_issues(item, "de")) == []
    assert ids(entry_issues(item, "de", glossary)) == ["glossary"]


def test_issue_to_dict_is_json_ready_with_the_dismissal_flag():
    issue = Issue("numbers", "numbers differ: missing 2021", Severity.WARNING)
    assert issue_to_dict(issue, ["numbers"]) == {
        "check": "numbers",
        "name": "Numbers",
        "description": CHECKS["numbers"].description,
        "severity": "warning",
        "message": "numbers differ: missing 2021",
        "flag": "ignore-numbers",
        "blocking": True,
    }
    assert issue_to_dict(issue)["blocking"] is False


def test_gates_errors_and_blocking_checks_only():
    assert gates(Issue("links", "x", Severity.ERROR))
    assert not gates(Issue("numbers", "x", Severity.WARNING))
    assert gates(Issue("numbers", "x", Severity.WARNING), ["numbers"])


def test_check_context_reads_glossaries_and_other_catalogs(project):
    project.init(["de"])
    locales = project.settings.locales_dir
    project.settings.glossary_dir.mkdir()
    (project.settings.glossary_dir / "de.tsv").write_text("war\tKrieg\n", encoding="utf-8")
    other = locales / "de" / "LC_MESSAGES" / "other.po"
    po = polib.POFile()
    po.append(entry("Stop the war!", "Beendet den Krieg!"))
    write_catalog(po, other)
    context = check_context("de", load_settings(project.root), slug="sample")
    assert context.glossary.terms["war"] == ["Krieg"] and context.glossary.has_term("ICOR")
    assert context.translations.others("Stop the war!", "sample") == [
        ("other", "Beendet den Krieg!")
    ]
    found = entry_issues(entry("Stop the war!", "Stoppt den Krieg!"), "de", context=context)
    assert ids(found) == ["consistency"]


def test_context_lang_and_source_language():
    context = CheckContext(lang="pt_BR", source_lang="en")
    assert context.base_lang == "pt"
