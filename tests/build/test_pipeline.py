"""Whole builds: the seed in every language, threshold, drafts, determinism, stale outputs."""

from __future__ import annotations

import gettext
import hashlib

import pytest

from translator.build import Status
from translator.languages import text_direction

SEED_LANGUAGES = ["ar", "bg", "bn", "bs", "de", "es", "fa", "fr", "hi", "hu", "ne", "nl", "ru"]
SEED_LANGUAGES += ["tr", "uk"]


def tree(path):
    """Every file under ``path`` with the hash of its bytes."""
    return {
        str(file.relative_to(path)): hashlib.sha256(file.read_bytes()).hexdigest()
        for file in sorted(path.rglob("*"))
        if file.is_file()
    }


def test_seed_is_built_in_every_language_present(seed_project, fill, build, out):
    if not seed_project.languages():  # the bundled catalogs are not in the repository yet
        for slug in seed_project.slugs():
            for lang in SEED_LANGUAGES:
                fill(seed_project, lang, slug)
    languages = seed_project.languages()
    assert languages
    report = build(seed_project, out, min_completion=0)
    assert report.ok, report.errors
    for slug in seed_project.slugs():
        items = {item.language: item for item in report.items if item.document == slug}
        assert set(items) == {"en", *languages}
        assert items["en"].status is Status.ORIGINAL
        source = (seed_project.settings.source_dir / f"{slug}.md").read_bytes()
        assert (out / slug / "en.md").read_bytes() == source
        for lang in languages:
            assert items[lang].status is Status.BUILT, items[lang].reasons
            page = (out / slug / f"{lang}.html").read_text(encoding="utf-8")
            assert f'<html lang="{lang}" dir="{text_direction(lang)}">' in page
            assert (out / slug / f"{lang}.md").read_text(encoding="utf-8").startswith("---\n")
            assert (out / slug / f"{lang}.txt").stat().st_size > 0
            mo = out / "locale" / lang / "LC_MESSAGES" / f"{slug}.mo"
            assert gettext.GNUTranslations(mo.open("rb")).info()["language"] == lang
        index = (out / slug / "index.html").read_text(encoding="utf-8")
        assert all(f'href="{lang}.html"' in index for lang in languages)


def test_threshold_skips_and_reports(project, fill, build, out):
    fill(project, "fa", only=lambda entry: entry.msgid != "Our demands")  # 92.9%
    fill(project, "de", only=lambda entry: entry.msgid.startswith("S"))  # 3 of 14
    report = build(project, out)
    items = {item.language: item for item in report.items}
    assert items["fa"].status is Status.BUILT and items["fa"].completion == 92.9
    assert items["de"].status is Status.SKIPPED and items["de"].completion == 21.4
    assert items["de"].reasons == ["min-completion: 21.4% translated, 80% required"]
    assert not (out / "sample" / "de.md").exists()
    assert not (out / "locale" / "de").exists()
    report = build(project, out, min_completion=95)
    assert {item.language: item.status for item in report.items}["fa"] is Status.SKIPPED
    assert not report.complete and report.exit_code(strict=False) == 0
    assert report.exit_code(strict=True) == 1


def test_default_threshold_comes_from_the_settings(project, fill, build, out):
    fill(project, "de", only=lambda entry: entry.msgid.startswith("S"))
    project.settings.build_min_completion = 10
    report = build(project, out)
    assert {item.language: item.status for item in report.items}["de"] is Status.BUILT
    assert report.min_completion == 10


def test_fallback_source_and_skip(project, fill, build, out):
    fill(project, "fa", only=lambda entry: entry.msgid != "Our demands")
    report = build(project, out)
    fa = {item.language: item for item in report.items}["fa"]
    assert fa.counts["fallback"] == 1 and fa.counts["left_out"] == 0
    page = (out / "sample" / "fa.html").read_text(encoding="utf-8")
    assert '<h2><span class="untranslated" lang="en" dir="ltr">Our demands</span></h2>' in page
    report = build(project, out, fallback="skip")
    fa = {item.language: item for item in report.items}["fa"]
    assert fa.counts["left_out"] == 1 and fa.counts["fallback"] == 0
    page = (out / "sample" / "fa.html").read_text(encoding="utf-8")
    assert "Our demands" not in page and "<h2>" not in page
    assert 'class="untranslated"' not in page


def test_drafts_count_only_where_allowed_and_never_reach_the_mo(project, fill, build, out):
    fill(project, "de", fuzzy=True)
    report = build(project, out)
    assert {item.language: item.status for item in report.items}["de"] is Status.SKIPPED
    project.settings.build_allow_drafts = ["de"]
    report = build(project, out)
    de = {item.language: item for item in report.items}["de"]
    assert de.status is Status.BUILT and de.counts["drafts"] == 15
    assert "[de] Peace now." in (out / "sample" / "de.md").read_text(encoding="utf-8")
    mo = gettext.GNUTranslations((out / "locale/de/LC_MESSAGES/sample.mo").open("rb"))
    assert mo.gettext("Peace now.") == "Peace now."


def test_building_twice_gives_identical_bytes(project, fill, build, tmp_path):
    for lang in ("de", "fa", "zh"):
        fill(project, lang)
    first = build(project, tmp_path / "one")
    again = build(project, tmp_path / "one")
    assert again.written == [] and again.removed == []
    build(project, tmp_path / "two")
    assert tree(tmp_path / "one") == tree(tmp_path / "two")
    assert len(first.written) == 1 + 4 * 3 + 1 + 3  # site index, pages, document index, MOs


def test_outputs_of_a_language_no_longer_published_are_removed(project, fill, edit, build, out):
    fill(project, "de")
    build(project, out)
    assert (out / "sample" / "de.html").is_file()
    (out / "sample" / "keep.txt").write_text("not ours", encoding="utf-8")

    def untranslate(po):
        for entry in po:
            entry.msgstr = ""

    edit(project, "de", "sample", untranslate)
    report = build(project, out)
    assert sorted(report.removed) == [
        "locale/de/LC_MESSAGES/sample.mo",
        "sample/de.html",
        "sample/de.md",
        "sample/de.txt",
    ]
    assert (out / "sample" / "keep.txt").is_file()
    assert 'href="de.html"' not in (out / "sample" / "index.html").read_text(encoding="utf-8")


def test_language_removed_from_the_project_loses_its_outputs(project, fill, build, out):
    fill(project, "de")
    build(project, out)
    import shutil

    shutil.rmtree(project.settings.locales_dir / "de")
    report = build(project, out)
    assert "sample/de.html" in report.removed and not (out / "sample" / "de.md").exists()


def test_invalid_catalog_is_an_error_and_others_still_build(project, fill, build, out):
    fill(project, "de")
    fill(project, "fa")
    project.catalog_path("fa", "sample").write_text("this is not a PO file\n", encoding="utf-8")
    report = build(project, out)
    items = {item.language: item for item in report.items}
    assert items["fa"].status is Status.ERROR and "fa/LC_MESSAGES/sample.po" in report.errors[0]
    assert items["de"].status is Status.BUILT
    assert report.exit_code(strict=False) == 1


def test_catalog_behind_its_source_is_warned_about(project, fill, build, out):
    fill(project, "de")
    source = project.settings.source_dir / "sample.md"
    source.write_text(source.read_text() + "\nA new closing sentence.\n", encoding="utf-8")
    report = build(project, out)
    de = {item.language: item for item in report.items}["de"]
    assert de.status is Status.BUILT and de.counts["not_in_catalog"] == 1
    assert any("run `translator update`" in warning for warning in de.warnings)


def test_only_requested_formats_and_languages(project, fill, build, out):
    fill(project, "de")
    fill(project, "fa")
    report = build(project, out, formats=("md", "mo"), langs=["fa"])
    assert [item.language for item in report.items] == ["fa"]
    assert sorted(report.written) == ["locale/fa/LC_MESSAGES/sample.mo", "sample/fa.md"]


@pytest.mark.parametrize("lang", ["de", "fa"])
def test_report_carries_completion_counts_and_outputs(project, fill, build, out, lang):
    fill(project, lang)
    data = build(project, out).to_dict()
    item = next(result for result in data["results"] if result["language"] == lang)
    assert item["status"] == "built" and item["completion"] == 100.0
    assert item["counts"]["segments"] == 15 and item["counts"]["sentences"] == 14
    assert item["outputs"] == [
        f"sample/{lang}.md",
        f"sample/{lang}.html",
        f"sample/{lang}.txt",
        f"locale/{lang}/LC_MESSAGES/sample.mo",
    ]
    assert data["summary"] == {"original": 1, "built": 1, "skipped": 0, "error": 0}


def test_failing_checks_are_reported_and_no_errors_holds_back(project, fill, build, out):
    from translator.build import format_report

    link = "Read [the appeal](https://example.org/appeal.html) and *act* now."
    fill(project, "de", translate=lambda msgid: "Lies den Aufruf." if msgid == link else msgid)
    report = build(project, out)
    de = {item.language: item for item in report.items}["de"]
    assert de.status is Status.BUILT
    assert ("links", "error") in {(issue.check_id, issue.severity) for issue in de.issues}
    assert f"      error: links: {link[:47]}…: " in format_report(report)
    project.settings.build_rules = {"de": ["no-errors"]}
    de = {item.language: item for item in build(project, out).items}["de"]
    assert de.status is Status.SKIPPED and de.held_by == ["no-errors"]


def test_without_translator_qa_the_build_degrades_cleanly(project, fill, build, out, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "translator.qa", None)  # import fails as if not installed
    fill(project, "de")
    de = {item.language: item for item in build(project, out).items}["de"]
    assert de.status is Status.BUILT and de.issues is None
    assert de.to_dict()["failing_checks"] is None
    assert any(warning.startswith("checks not run: ") for warning in de.warnings)
    project.settings.build_rules = {"*": ["no-errors"]}
    de = {item.language: item for item in build(project, out).items}["de"]
    assert de.status is Status.SKIPPED and de.held_by == ["no-errors"]


def test_consistency_names_the_other_document_in_each_build_item(project, fill, build, out):
    # One check context per language and build; each document still gets its own slug.
    source = project.settings.source_dir
    text = (source / "sample.md").read_text("utf-8").replace("slug: sample", "slug: second")
    (source / "second.md").write_text(text, "utf-8")
    for slug, slogan in (("sample", "Beendet den Krieg!"), ("second", "Stoppt den Krieg!")):
        fill(project, "de", slug, translate=lambda m, s=slogan: s if m == "Stop the war!" else m)
    report = build(project, out, min_completion=0)
    found = {
        (item.document, issue.message.split("'")[0])
        for item in report.items
        if item.language == "de"
        for issue in item.issues or ()
        if issue.check_id == "consistency"
    }
    assert found == {
        ("sample", "translated differently in second: "),
        ("second", "translated differently in sample: "),
    }
