"""Readiness rules: what a language must meet, beyond a percentage, before it is published.

Rules come from ``[tool.translator] build_rules``: a table of language (or ``"*"`` for every
language) to a list of rule ids. A language gets the ``"*"`` rules plus its own; ``"!id"`` in a
language's list drops a ``"*"`` rule for it. ``min-completion`` takes an optional percentage
(``"min-completion:95"``); without one it is the build's threshold, which always applies.

>>> config = {"*": ["title-approved", "no-errors"], "de": ["!no-errors", "min-completion:95"]}
>>> rules_for(config, "de")
['title-approved', 'min-completion:95']
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from translator.build.translations import Selection, Use, role_choices
from translator.errors import ConfigError
from translator.model import Document, EntryState, Role, Severity


@dataclass(frozen=True)
class FoundIssue:
    """One failing check on one sentence of the document."""

    msgid: str
    check_id: str
    severity: str
    message: str

    def to_dict(self) -> dict:
        return {
            "msgid": self.msgid,
            "check": self.check_id,
            "severity": self.severity,
            "message": self.message,
        }


@dataclass
class RuleContext:
    """Everything a rule may look at for one document in one language."""

    doc: Document
    selection: Selection
    min_completion: float
    issues: list[FoundIssue] | None = None  # None: the checks could not be run
    blocking_checks: list[str] = field(default_factory=list)
    checks_unavailable: str = ""  # why issues is None


@dataclass(frozen=True)
class RuleResult:
    """Whether one rule held, and why not."""

    rule: str
    ok: bool
    detail: str = ""

    def to_dict(self) -> dict:
        return {"rule": self.rule, "ok": self.ok, "detail": self.detail}


RuleFunction = Callable[[RuleContext, str], str]  # (context, argument) -> failure detail or ""


@dataclass(frozen=True)
class Rule:
    """A readiness rule: its id, a one-line description, and the test."""

    rule_id: str
    description: str
    test: RuleFunction


RULES: dict[str, Rule] = {}


def register(rule_id: str, description: str) -> Callable[[RuleFunction], RuleFunction]:
    """Add a rule to :data:`RULES` (explicitly, at import time)."""

    def decorate(test: RuleFunction) -> RuleFunction:
        RULES[rule_id] = Rule(rule_id, description, test)
        return test

    return decorate


@register("min-completion", "At least PCT% of the sentences are translated (default: the build's).")
def _min_completion(ctx: RuleContext, argument: str) -> str:
    threshold = max(ctx.min_completion, float(argument)) if argument else ctx.min_completion
    completion = ctx.selection.completion
    if completion < threshold:
        return f"{completion:.1f}% translated, {threshold:g}% required"
    return ""


def _all_approved(ctx: RuleContext, role: Role | None, what: str) -> str:
    choices = ctx.selection.choices if role is None else role_choices(ctx.doc, ctx.selection, role)
    pending = sum(
        choice.use is Use.MISSING or choice.state is not EntryState.APPROVED for choice in choices
    )
    return f"{pending} of {len(choices)} {what} not approved" if pending else ""


@register("title-approved", "Every sentence of the title is approved by a reviewer.")
def _title_approved(ctx: RuleContext, _argument: str) -> str:
    return _all_approved(ctx, Role.TITLE, "title sentences")


@register("slogans-approved", "Every slogan is approved by a reviewer.")
def _slogans_approved(ctx: RuleContext, _argument: str) -> str:
    return _all_approved(ctx, Role.SLOGAN, "slogans")


@register("all-approved", "Every sentence is approved by a reviewer.")
def _everything_approved(ctx: RuleContext, _argument: str) -> str:
    return _all_approved(ctx, None, "sentences")


@register("signatories-complete", "Every signatory is translated (no name left out or in source).")
def _signatories_complete(ctx: RuleContext, _argument: str) -> str:
    choices = role_choices(ctx.doc, ctx.selection, Role.SIGNATORY)
    missing = sum(not choice.usable for choice in choices)
    return f"{missing} of {len(choices)} signatories not translated" if missing else ""


@register("no-errors", "No error-severity (or blocking) check fails on a published sentence.")
def _no_errors(ctx: RuleContext, _argument: str) -> str:
    if ctx.issues is None:
        return f"checks could not run ({ctx.checks_unavailable or 'translator.qa unavailable'})"
    failing = [
        issue
        for issue in ctx.issues
        if issue.severity == Severity.ERROR or issue.check_id in ctx.blocking_checks
    ]
    if not failing:
        return ""
    ids = sorted({issue.check_id for issue in failing})
    return f"{len(failing)} failing check(s): {', '.join(ids)}"


def parse_rule(spec: str) -> tuple[str, str]:
    """``"min-completion:95"`` -> ``("min-completion", "95")``."""
    rule_id, _, argument = spec.partition(":")
    return rule_id.strip(), argument.strip()


def validate_rules(build_rules: dict) -> None:
    """Refuse unknown rule ids and bad arguments, naming the configuration field."""
    if not isinstance(build_rules, dict):
        raise ConfigError("[tool.translator] build_rules: expected a table of language = [rules]")
    for lang, specs in build_rules.items():
        where = f"[tool.translator] build_rules.{lang}"
        if not isinstance(specs, list) or not all(isinstance(spec, str) for spec in specs):
            raise ConfigError(f"{where}: expected a list of rule ids")
        for spec in specs:
            rule_id, argument = parse_rule(spec.removeprefix("!"))
            if rule_id not in RULES:
                known = ", ".join(sorted(RULES))
                raise ConfigError(f"{where}: unknown rule {rule_id!r} (known: {known})")
            if argument and rule_id != "min-completion":
                raise ConfigError(f"{where}: rule {rule_id!r} takes no argument")
            if argument and not _is_percentage(argument):
                raise ConfigError(f"{where}: {spec!r}: expected a percentage from 0 to 100")


def _is_percentage(text: str) -> bool:
    try:
        return 0 <= float(text) <= 100
    except ValueError:
        return False


def rules_for(build_rules: dict[str, list[str]], lang: str) -> list[str]:
    """The rule specs that apply to ``lang``: ``"*"`` rules, then its own, minus ``!`` ones."""
    base = lang.split("_")[0]
    own = list(build_rules.get(base, [])) if base != lang else []
    own += list(build_rules.get(lang, []))
    dropped = {parse_rule(spec[1:])[0] for spec in own if spec.startswith("!")}
    specs = [spec for spec in build_rules.get("*", []) if parse_rule(spec)[0] not in dropped]
    for spec in own:
        if not spec.startswith("!") and spec not in specs:
            specs.append(spec)
    return specs


def evaluate_rules(specs: list[str], ctx: RuleContext) -> list[RuleResult]:
    """Run the build threshold and every configured rule; one result each, in order."""
    results = [_run("min-completion", "", ctx)]
    for spec in specs:
        rule_id, argument = parse_rule(spec)
        if spec == "min-completion":
            continue  # the build threshold above is this rule
        results.append(_run(rule_id, argument, ctx, spec))
    return results


def _run(rule_id: str, argument: str, ctx: RuleContext, spec: str | None = None) -> RuleResult:
    detail = RULES[rule_id].test(ctx, argument)
    return RuleResult(spec or rule_id, not detail, detail)
