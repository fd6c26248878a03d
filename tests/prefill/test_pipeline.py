"""Pre-fill end to end: real catalogs, the memory, the policy per role, engines, and failures."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from translator.catalog import catalog_lock, read_catalog, write_catalog
from translator.catalog.state import comment_fields, is_fuzzy, set_human
from translator.cli import cli
from translator.errors import MTRateLimited
from translator.mt import ENGINES, Engine, register
from translator.prefill import Prefill, catalog_refs

OTHER = """---
slug: other
title: "Another resolution"
date: 2021-05-01
lang: en
---

# Another resolution

The ICOR condemns the war.

We demand the withdrawal of all foreign troops.

17 January 2020

::: slogans
Stop the war!
:::

::: signatories
1. БКП Българска Комунистическа Партия (Bulgarian Communist Party)
2. MLPD Marxistisch-Leninistische Partei Deutschlands (Marxist-Leninist Party of Germany)
:::
"""


class CountingEngine(Engine):
    """Offline, deterministic, and it remembers every text it was sent."""

    name = "counting"
    needs_network = False
    batch_size = 3
    sent: list[tuple[str, str]] = []  # (target, text)
    hook = None  # called with the batch number before answering

    def translate_batch(self, texts, source, target):
        type(self).batches = getattr(type(self), "batches", 0) + 1
        if type(self).hook:
            type(self).hook(type(self).batches, texts)
        type(self).sent += [(target, text) for text in texts]
        return [f"<{target}> {text}" for text in texts]


@pytest.fixture
def counting():
    """The counting engine, registered for one test."""
    cls = type("Counting", (CountingEngine,), {"sent": [], "hook": None, "batches": 0})
    register(cls)
    yield cls
    ENGINES.pop("counting", None)


def init(project, *langs, other: bool | str = False):
    if other:
        text = other if isinstance(other, str) else OTHER
        (project.settings.source_dir / "other.md").write_text(text, encoding="utf-8")
    report = project.init(list(langs))
    assert report.ok, report.errors


def run(project, langs=(), slugs=(), **options):
    refs = catalog_refs(project.settings, list(langs), list(slugs))
    return Prefill(project.settings, refs, **options).run()


def entries(project, lang, slug="sample") -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in read_catalog(project.catalog_path(lang, slug))}


def translate_by_hand(project, lang, slug, translations: dict[str, str]):
    path = project.catalog_path(lang, slug)
    with catalog_lock(path):
        po = read_catalog(path)
        for entry in po:
            if entry.msgid in translations:
                set_human(entry, translations[entry.msgid])
        write_catalog(po, path)


def msgfmt_check(path: Path) -> None:
    done = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


# -- drafts and provenance ---------------------------------------------------------------------


def test_every_empty_entry_gets_a_fuzzy_draft_with_its_origin(project, counting):
    init(project, "de")
    report = run(project, engine="counting")
    assert report.ok, report.errors
    got = entries(project, "de")
    dateline = got["ICOR Resolution, 8 March 2021"]
    assert dateline.msgstr == "<de> ICOR Resolution, 8. März 2021"
    assert is_fuzzy(dateline) and comment_fields(dateline)["origin"] == "mt:counting"
    for entry in got.values():
        if entry.msgstr:
            assert is_fuzzy(entry) and comment_fields(entry)["origin"]
    msgfmt_check(project.catalog_path("de", "sample"))
    counts = report.languages["de"]
    assert counts.machine == 11 and counts.copied == 3 and counts.human == 0
    assert counts.filled + counts.human == counts.entries == len(got)


def test_a_human_translation_is_never_overwritten(project, counting):
    init(project, "de")
    translate_by_hand(
        project, "de", "sample", {"The ICOR condemns the war.": "Die ICOR verurteilt."}
    )
    path = project.catalog_path("de", "sample")
    run(project, engine="counting")
    run(project, engine="counting", replace_machine=True)
    entry = entries(project, "de")["The ICOR condemns the war."]
    assert entry.msgstr == "Die ICOR verurteilt." and not is_fuzzy(entry)
    assert "origin" not in comment_fields(entry)
    assert ("de", "The [X0X] condemns the war.") not in counting.sent
    msgfmt_check(path)


def test_a_fuzzy_entry_a_person_left_is_not_a_machine_draft(project, counting):
    init(project, "de")
    path = project.catalog_path("de", "sample")
    with catalog_lock(path):
        po = read_catalog(path)
        entry = po.find("Our demands")
        set_human(entry, "Unsere Forderungen", needs_review=True)
        write_catalog(po, path)
    run(project, engine="counting", replace_machine=True)
    assert entries(project, "de")["Our demands"].msgstr == "Unsere Forderungen"


# -- memory ------------------------------------------------------------------------------------


def test_memory_reuses_exact_and_fuzzy_matches_across_documents(project, counting):
    init(project, "de", other=True)
    translate_by_hand(
        project,
        "de",
        "sample",
        {
            "The ICOR condemns the war.": "Die ICOR verurteilt den Krieg.",
            "We demand the withdrawal of all troops.": "Wir fordern den Abzug aller Truppen.",
            "Stop the war!": "Stoppt den Krieg!",
        },
    )
    report = run(project, slugs=["other"], engine="counting")
    got = entries(project, "de", "other")
    exact = got["The ICOR condemns the war."]
    assert exact.msgstr == "Die ICOR verurteilt den Krieg." and is_fuzzy(exact)
    assert comment_fields(exact)["origin"] == "tm:100 sample"
    fuzzy = got["We demand the withdrawal of all foreign troops."]
    assert fuzzy.msgstr == "Wir fordern den Abzug aller Truppen."
    score = int(comment_fields(fuzzy)["origin"].split()[0][3:])
    assert 75 <= score < 100
    assert got["Stop the war!"].msgstr == "Stoppt den Krieg!"  # a slogan, from memory
    sent = [text for _, text in counting.sent]
    assert not any("withdrawal" in text or "condemns" in text for text in sent)
    assert report.languages["de"].memory == 2 and report.languages["de"].fuzzy == 1


def test_memory_threshold_comes_from_the_settings(project, counting):
    init(project, "de", other=True)
    translate_by_hand(
        project,
        "de",
        "sample",
        {"We demand the withdrawal of all troops.": "Wir fordern den Abzug."},
    )
    project.settings.tm_min_score = 99
    run(project, slugs=["other"], engine="counting")
    entry = entries(project, "de", "other")["We demand the withdrawal of all foreign troops."]
    assert comment_fields(entry)["origin"] == "mt:counting"


def test_a_fuzzy_match_gets_this_sentences_date_or_is_not_used(project, counting):
    init(project, "de", "es")
    other = OTHER.replace("17 January 2020", "ICOR Resolution, 9 March 2021")
    (project.settings.source_dir / "other.md").write_text(other, encoding="utf-8")
    project.init(["de", "es"])
    translate_by_hand(
        project, "de", "sample", {"ICOR Resolution, 8 March 2021": "ICOR-Resolution, 8. März 2021"}
    )
    translate_by_hand(
        project,
        "es",
        "sample",
        {"ICOR Resolution, 8 March 2021": "Resolución de la ICOR, 8/3/2021"},
    )
    run(project, slugs=["other"], engine="counting")
    de = entries(project, "de", "other")["ICOR Resolution, 9 March 2021"]
    assert de.msgstr == "ICOR-Resolution, 9. März 2021" and comment_fields(de)["origin"].startswith(
        "tm:9"
    )
    es = entries(project, "es", "other")["ICOR Resolution, 9 March 2021"]
    assert es.msgstr == "<es> ICOR Resolution, 9 de marzo de 2021"  # its date written otherwise


# -- policy per role ---------------------------------------------------------------------------


def test_signatories_are_copied_never_sent(project, counting):
    init(project, "de")
    report = run(project, engine="counting")
    got = entries(project, "de")
    signatory = "БКП Българска Комунистическа Партия (Bulgarian Communist Party)"
    assert got[signatory].msgstr == signatory and comment_fields(got[signatory])["origin"] == "copy"
    assert not any("Партия" in text or "MLPD" in text for _, text in counting.sent)
    assert report.languages["de"].copied == 3


def test_a_signatory_comes_from_memory_when_known(project, counting):
    init(project, "de", other=True)
    signatory = "БКП Българска Комунистическа Партия (Bulgarian Communist Party)"
    translated = "БКП Българска Комунистическа Партия (Bulgarische Kommunistische Partei)"
    translate_by_hand(project, "de", "sample", {signatory: translated})
    run(project, slugs=["other"], engine="counting")
    entry = entries(project, "de", "other")[signatory]
    assert entry.msgstr == translated and comment_fields(entry)["origin"] == "tm:100 sample"


def test_only_the_gloss_is_sent_when_the_project_allows_it(project, counting):
    init(project, "de")
    project.settings.extra["translate_glosses"] = True
    run(project, engine="counting")
    signatory = (
        "MLPD Marxistisch-Leninistische Partei Deutschlands (Marxist-Leninist Party of Germany)"
    )
    entry = entries(project, "de")[signatory]
    name, gloss = "MLPD Marxistisch-Leninistische Partei Deutschlands", "Marxist-Leninist Party"
    assert entry.msgstr == f"{name} (<de> {gloss} of Germany)"
    assert comment_fields(entry)["origin"] == "copy+mt:counting"
    assert ("de", "Marxist-Leninist Party of Germany") in counting.sent


def test_a_date_is_written_the_target_way_not_sent(project, counting):
    init(project, "de", "es", other=True)
    report = run(project, slugs=["other"], engine="counting")
    de = entries(project, "de", "other")["17 January 2020"]
    es = entries(project, "es", "other")["17 January 2020"]
    assert (de.msgstr, es.msgstr) == ("17. Januar 2020", "17 de enero de 2020")
    assert comment_fields(de)["origin"] == "date" and is_fuzzy(de)
    assert not any("January" in text for _, text in counting.sent)
    assert report.languages["de"].dates == 1


def test_dates_inside_sentences_are_protected_and_localized(project, counting):
    init(project, "es")
    run(project, engine="counting")
    entry = entries(project, "es")["Signatories (as of 7. March 2021)"]
    assert entry.msgstr == "<es> Signatories (as of 7 de marzo de 2021)"
    assert ("es", "Signatories (as of [X0X])") in counting.sent


def test_titles_and_slogans_can_be_left_for_a_person_or_not(project, counting):
    init(project, "de", "fr")
    report = run(project, engine="counting", langs=["de"])  # default: every role gets a draft
    assert entries(project, "de")["Strengthen the ICOR!"].msgstr == "<de> Strengthen the ICOR!"
    assert report.languages["de"].human == 0
    project.settings.human_roles = ["slogan", "title"]
    report = run(project, engine="counting", langs=["fr"])
    assert entries(project, "fr")["Strengthen the ICOR!"].msgstr == ""
    assert report.languages["fr"].human == 3


# -- glossary ----------------------------------------------------------------------------------


def test_glossary_terms_and_signatory_acronyms_are_protected(project, counting):
    init(project, "de")
    project.settings.glossary_dir.mkdir(exist_ok=True)
    (project.settings.glossary_dir / "all.tsv").write_text(
        "# term\ttranslation\tnote\n"
        "Workers of all countries, unite!\tProletarier aller Länder, vereinigt euch!\n",
        encoding="utf-8",
    )
    (project.settings.glossary_dir / "de.tsv").write_text("war\tKrieg\n")
    run(project, engine="counting")
    got = entries(project, "de")
    whole = got["Workers of all countries, unite!"]  # the glossary has the whole sentence
    assert whole.msgstr == "Proletarier aller Länder, vereinigt euch!"
    assert comment_fields(whole)["origin"] == "glossary" and is_fuzzy(whole)
    assert got["The ICOR condemns the war."].msgstr == "<de> The ICOR condemns the Krieg."
    assert ("de", "The [X0X] condemns the [X1X].") in counting.sent


# -- cost --------------------------------------------------------------------------------------


def test_each_distinct_sentence_is_sent_once_per_language(project, counting):
    init(project, "de", "es", other=True)
    project.settings.human_roles = []
    report = run(project, engine="counting")
    for lang in ("de", "es"):
        texts = [text for target, text in counting.sent if target == lang]
        assert len(texts) == len(set(texts)) == report.languages[lang].sent
    assert ("de", "The [X0X] condemns the war.") in counting.sent


def test_a_second_run_sends_nothing(project, counting):
    init(project, "de")
    first = run(project, engine="counting")
    assert first.languages["de"].sent == 11
    second = run(project, engine="counting", replace_machine=True)
    assert second.languages["de"].sent == 0 and second.languages["de"].cached == 11
    assert second.languages["de"].machine == 11 and len(counting.sent) == 11


def test_dry_run_reports_what_would_be_sent_and_changes_nothing(project, counting):
    init(project, "de")
    path = project.catalog_path("de", "sample")
    before = path.read_bytes()
    dry = run(project, engine="counting", dry_run=True)
    assert path.read_bytes() == before and counting.sent == []
    real = run(project, engine="counting")
    assert (dry.languages["de"].sent, dry.languages["de"].characters) == (
        real.languages["de"].sent,
        real.languages["de"].characters,
    )
    assert dry.languages["de"].filled == real.languages["de"].filled


def test_dry_run_asks_no_provider_anything(project):
    init(project, "de")
    project.settings.extra["mt"] = {"libre": {"url": "http://127.0.0.1:9/"}}  # nothing listens
    dry = run(project, engine="libre", dry_run=True)
    assert dry.ok and dry.notices == [] and dry.languages["de"].sent == 11
    real = run(project, engine="libre")
    assert real.notices == ["no network: cannot reach 127.0.0.1:9 (libre): filled from memory only"]


def test_replace_machine_redoes_drafts_with_another_engine(project, counting):
    init(project, "es")
    run(project, engine="dummy")
    assert entries(project, "es")["Our demands"].msgstr == "[es] Our demands"
    run(project, engine="dummy")  # without the flag, drafts stay
    run(project, engine="apertium", replace_machine=True)
    entry = entries(project, "es")["Our demands"]
    assert entry.msgstr == "Nuestras demandas" and comment_fields(entry)["origin"] == "mt:apertium"


# -- failures ----------------------------------------------------------------------------------


def test_no_network_says_so_and_memory_still_fills(project, monkeypatch):
    from deep_translator import constants

    monkeypatch.setitem(constants.BASE_URLS, "GOOGLE_TRANSLATE", "http://127.0.0.1:9/m")
    init(project, "de", other=OTHER.replace("# Another resolution", "## Our demands"))
    translate_by_hand(project, "de", "sample", {"Our demands": "Unsere Forderungen"})
    report = run(project, slugs=["other"])  # the default engine: google
    assert report.ok and len(report.notices) == 1
    assert report.notices[0].startswith("no network: cannot reach 127.0.0.1:9")
    assert entries(project, "de", "other")["Our demands"].msgstr == "Unsere Forderungen"
    assert report.languages["de"].skipped > 0


def test_unsupported_language_is_a_message_not_a_crash(project):
    init(project, "de")
    report = run(project, engine="apertium")
    assert report.ok
    [notice] = report.notices
    assert notice.startswith("apertium has no en -> de pair installed (installed: eng-spa")
    assert notice.endswith("; de: memory drafts only")
    assert report.languages["de"].machine == 0 and report.languages["de"].copied == 3


def test_a_provider_that_keeps_failing_stops_and_earlier_batches_are_saved(project, counting):
    init(project, "de")

    def fail_second(number, texts):
        if number == 2:
            raise MTRateLimited("counting: rate limited (gave up after 4 attempts)")

    counting.hook = staticmethod(fail_second)
    report = run(project, engine="counting")
    assert len(report.errors) == 1 and "stopped using counting" in report.errors[0]
    counts = report.languages["de"]
    assert counts.machine == 3 and counts.skipped == 8
    filled = [e for e in entries(project, "de").values() if e.msgstr.startswith("<de>")]
    assert len(filled) == 3
    msgfmt_check(project.catalog_path("de", "sample"))


def test_interrupt_leaves_valid_catalogs_with_finished_batches(project, counting):
    init(project, "de")

    def interrupt(number, texts):
        if number == 2:
            raise KeyboardInterrupt

    counting.hook = staticmethod(interrupt)
    with pytest.raises(KeyboardInterrupt):
        run(project, engine="counting")
    path = project.catalog_path("de", "sample")
    msgfmt_check(path)
    assert len([e for e in entries(project, "de").values() if e.msgstr.startswith("<de>")]) == 3
    assert not list(path.parent.glob(".*.tmp"))


def test_an_entry_edited_during_the_run_is_left_alone(project, counting):
    init(project, "de")
    path = project.catalog_path("de", "sample")

    def translator_saves_meanwhile(number, texts):
        if number == 1:
            translate_by_hand(project, "de", "sample", {"Our demands": "Unsere Forderungen"})

    counting.hook = staticmethod(translator_saves_meanwhile)
    report = run(project, engine="counting")
    assert entries(project, "de")["Our demands"].msgstr == "Unsere Forderungen"
    assert report.languages["de"].changed == 1
    msgfmt_check(path)


def test_lost_markup_is_flagged_on_the_draft(project, counting):
    init(project, "de")
    counting.translate_batch = lambda self, texts, s, t: [x.replace("[X1X]", "") for x in texts]
    report = run(project, engine="counting")
    entry = entries(project, "de")[
        "Read [the appeal](https://example.org/appeal.html) and *act* now."
    ]
    assert comment_fields(entry)["mt-warning"] == "lost ](https://example.org/appeal.html)"
    dateline = entries(project, "de")["ICOR Resolution, 8 March 2021"]
    assert comment_fields(dateline)["mt-warning"] == "lost 8 March 2021"
    assert report.languages["de"].flagged == 2
    msgfmt_check(project.catalog_path("de", "sample"))


# -- the seed document, with Apertium for real -------------------------------------------------


def test_seed_document_english_to_spanish_with_apertium(seed_project):
    init(seed_project, "es")
    slug = "icor-resolution-2020-01-17"
    report = run(seed_project, ["es"], [slug], engine="apertium")
    assert report.ok, report.errors
    got = entries(seed_project, "es", slug)
    assert got["ICOR Resolution, 17 January 2020"].msgstr == "ICOR Resolución, 17 de enero de 2020"
    signatory = (
        "MLPD Marxistisch-Leninistische Partei Deutschlands (Marxist-Leninist Party of Germany)"
    )
    assert got[signatory].msgstr == signatory
    assert got["We demand the immediate withdrawal of all foreign troops."].msgstr == (
        "Reclamamos la retirada inmediata de todas las tropas extranjeras."
    )
    machine = [e for e in got.values() if comment_fields(e).get("origin") == "mt:apertium"]
    assert machine and all(is_fuzzy(e) and "[X" not in e.msgstr for e in machine)
    counts = report.languages["es"]
    assert counts.requests == 1 and counts.sent == counts.machine == len(machine)
    msgfmt_check(seed_project.catalog_path("es", slug))


# -- the command -------------------------------------------------------------------------------


def test_cli_prefill_json(project, runner):
    init(project, "de")
    result = runner.invoke(
        cli, ["--project", str(project.root), "prefill", "--engine", "dummy", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["languages"]["de"]["machine"] == 11 and data["total"]["filled"] == 14
    assert data["engines"]["dummy"]["sent"] == 11


def test_cli_prefill_dry_run_table(project, runner):
    init(project, "de", "es")
    args = ["--project", str(project.root), "prefill", "--dry-run", "--engine", "dummy"]
    result = runner.invoke(cli, [*args, "--lang", "es"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:4] == ["lang", "engine", "memory", "fuzzy"]
    assert lines[1].startswith("es ") and "de " not in result.output
    assert lines[-2] == "dummy: would send 11 segments, 324 characters (0 from the cache)"
    assert lines[-1] == "would fill 14 of 14 entries"
    assert entries(project, "es")["Our demands"].msgstr == ""


def test_cli_no_network_is_one_line_and_exit_zero(project, runner, monkeypatch):
    from deep_translator import constants

    monkeypatch.setitem(constants.BASE_URLS, "GOOGLE_TRANSLATE", "http://127.0.0.1:9/m")
    init(project, "de")
    result = runner.invoke(cli, ["--project", str(project.root), "prefill", "--engine", "google"])
    assert result.exit_code == 0, result.output
    notes = [line for line in result.output.splitlines() if line.startswith("note:")]
    assert len(notes) == 1 and "no network" in notes[0]


def test_cli_refuses_unknown_document_and_uninitialised_language(project, runner):
    init(project, "de")
    base = ["--project", str(project.root), "prefill", "--engine", "dummy"]
    result = runner.invoke(cli, [*base, "--doc", "nope"])
    assert result.exit_code == 1 and "source/nope.md: no such document" in result.output
    result = runner.invoke(cli, [*base, "--lang", "fr"])
    assert result.exit_code == 1 and "translator init fr" in result.output


def test_cli_unknown_engine(project, runner):
    init(project, "de")
    result = runner.invoke(cli, ["--project", str(project.root), "prefill", "--engine", "nope"])
    assert result.exit_code == 1 and "unknown engine 'nope'" in result.output


def test_cli_engines_lists_variables_and_apertium_pairs(runner):
    result = runner.invoke(cli, ["engines", "--json"])
    assert result.exit_code == 0, result.output
    rows = {row["name"]: row for row in json.loads(result.output)}
    assert rows["deepl"]["options"]["api_key"] == "TRANSLATOR_DEEPL_API_KEY"
    assert "eng-spa" in rows["apertium"]["pairs"] and rows["google"]["required"] == []


def test_msgfmt_is_available():
    assert shutil.which("msgfmt"), "gettext's msgfmt is needed (apt-get install gettext)"
