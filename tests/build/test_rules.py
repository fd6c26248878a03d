"""Readiness rules: configuration, each rule, and which rule held a language back."""

from __future__ import annotations

import pytest

from translator.build import choose_translations
from translator.build.rules import (
    FoundIssue,
    RuleContext,
    evaluate_rules,
    rules_for,
    validate_rules,
)
from translator.catalog import read_catalog
from translator.errors import ConfigError
from translator.segment import read_document


def context(project, lang="de", min_completion=80.0, issues=(), blocking=()):
    doc = read_document(project.settings.source_dir / "sample.md", project.root)
    po = read_catalog(project.catalog_path(lang, "sample"))
    selection = choose_translations(doc, po, allow_drafts=False)
    return RuleContext(doc, selection, min_completion, list(issues), list(blocking))


def failing(results):
    return {result.rule: result.detail for result in results if not result.ok}


def test_rules_for_merges_star_base_language_and_own():
    config = {
        "*": ["title-approved", "no-errors"],
        "pt": ["slogans-approved"],
        "pt_BR": ["!no-errors", "min-completion:95"],
    }
    assert rules_for(config, "pt_BR") == ["title-approved", "slogans-approved", "min-completion:95"]
    assert rules_for(config, "de") == ["title-approved", "no-errors"]
    assert rules_for({}, "de") == []


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"de": ["title-aproved"]}, "build_rules.de: unknown rule 'title-aproved'"),
        ({"*": "no-errors"}, "build_rules.*: expected a list of rule ids"),
        ({"de": ["no-errors:3"]}, "rule 'no-errors' takes no argument"),
        ({"de": ["min-completion:120"]}, "expected a percentage from 0 to 100"),
        (["no-errors"], "expected a table of language = [rules]"),
    ],
)
def test_bad_configuration_names_the_field(config, message):
    with pytest.raises(ConfigError, match=message.replace("*", r"\*").replace("[", r"\[")):
        validate_rules(config)


def test_threshold_always_applies_and_a_rule_can_raise_it(project, fill):
    fill(project, "de", only=lambda entry: entry.msgid != "Our demands")  # 13 of 14
    assert failing(evaluate_rules([], context(project))) == {}
    assert failing(evaluate_rules([], context(project, min_completion=95))) == {
        "min-completion": "92.9% translated, 95% required"
    }
    results = evaluate_rules(["min-completion:95"], context(project, min_completion=50))
    assert failing(results) == {"min-completion:95": "92.9% translated, 95% required"}


def test_approval_rules(project, fill):
    fill(project, "de")
    fill(project, "de", only=lambda entry: "role-title" in entry.flags, approved=True)
    specs = ["title-approved", "slogans-approved", "all-approved"]
    # "Stop the war!" is both the title's second sentence and the first slogan: one entry.
    assert failing(evaluate_rules(specs, context(project))) == {
        "slogans-approved": "1 of 2 slogans not approved",
        "all-approved": "12 of 15 sentences not approved",
    }


def test_signatories_complete(project, fill):
    fill(project, "de", only=lambda entry: not entry.msgid.startswith("CPI"))
    assert failing(evaluate_rules(["signatories-complete"], context(project))) == {
        "signatories-complete": "1 of 3 signatories not translated"
    }


def test_no_errors_counts_errors_and_blocking_checks(project, fill):
    fill(project, "de")
    warning = FoundIssue("Peace now.", "end-punctuation", "warning", "ends differently")
    error = FoundIssue("Peace now.", "placeholders", "error", "lost a placeholder")
    assert failing(evaluate_rules(["no-errors"], context(project, issues=[warning]))) == {}
    blocked = context(project, issues=[warning], blocking=["end-punctuation"])
    assert failing(evaluate_rules(["no-errors"], blocked)) == {
        "no-errors": "1 failing check(s): end-punctuation"
    }
    assert (
        "placeholders"
        in failing(evaluate_rules(["no-errors"], context(project, issues=[error])))["no-errors"]
    )


def test_no_errors_holds_back_when_checks_cannot_run(project, fill):
    fill(project, "de")
    ctx = context(project)
    ctx.issues, ctx.checks_unavailable = None, "translator.qa not available"
    assert failing(evaluate_rules(["no-errors"], ctx)) == {
        "no-errors": "checks could not run (translator.qa not available)"
    }


def test_report_names_the_rule_that_held_a_language_back(project, fill, build, out):
    project.settings.build_rules = {"*": ["signatories-complete"], "fa": ["title-approved"]}
    fill(project, "de")
    fill(project, "fa")
    report = build(project, out)
    items = {item.language: item for item in report.items}
    assert items["de"].status == "built"
    assert items["fa"].status == "skipped"
    assert items["fa"].held_by == ["title-approved"]
    assert items["fa"].reasons == ["title-approved: 2 of 2 title sentences not approved"]
    assert not (out / "sample" / "fa.html").exists()
