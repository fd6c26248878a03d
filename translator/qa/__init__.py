"""Quality checks on translations: the registry, and running checks over catalogs or one entry.

Every check is registered here, explicitly and in the order reports list them. Front ends use:

- :func:`check_context` for a language's glossary and other catalogs (the context checks need),
- :func:`run_checks` for a catalog (``translator check``, statistics, builds),
- :func:`check_entry` / :func:`entry_issues` for the editor (a text being typed, or saved),
- :func:`issue_to_dict` for JSON, :func:`gates` for "does this failure block?",
- :func:`dismiss` (from :mod:`translator.catalog.state`) to store a reviewer's dismissal.

Reused from Translate Toolkit's ``StandardChecker``: ``startwhitespace``, ``endwhitespace``,
``doublespacing``, ``newlines``, ``blank``, ``urls``, ``emails``, ``brackets`` (counts) and
``unchanged``; each module's docstring says why the others are our own.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import polib

from translator.catalog.state import dismiss, dismissed_checks, is_fuzzy, undismiss
from translator.errors import ConfigError
from translator.model import Issue, Severity
from translator.qa.base import Check, CheckContext
from translator.qa.chars import (
    BlankCheck,
    BracketCountCheck,
    DoubleSpaceCheck,
    EndPunctuationCheck,
    InvertedMarksCheck,
    LeadingWhitespaceCheck,
    NativePunctuationCheck,
    NewlinesCheck,
    PunctuationSpacingCheck,
    TrailingWhitespaceCheck,
    UnbalancedCheck,
)
from translator.qa.consistency import ConsistencyCheck
from translator.qa.context import check_context
from translator.qa.glossary import GlossaryCheck
from translator.qa.index import TranslationIndex
from translator.qa.length import LengthCheck
from translator.qa.markup import EmailsCheck, LinksCheck, MarkupCheck, UrlsCheck
from translator.qa.names import AcronymsCheck, UnchangedCheck
from translator.qa.numbers import NumbersCheck

if TYPE_CHECKING:
    from collections.abc import Sequence

    from translator.glossary import Glossary

__all__ = [
    "CHECKS",
    "Check",
    "CheckContext",
    "TranslationIndex",
    "check_context",
    "check_entry",
    "describe_checks",
    "dismiss",
    "dismissed_checks",
    "entry_issues",
    "gates",
    "issue_to_dict",
    "joined_source",
    "register",
    "run_checks",
    "undismiss",
    "validate_check_ids",
]

CHECKS: dict[str, type[Check]] = {}


def register(check: type[Check]) -> type[Check]:
    """Add a check class to :data:`CHECKS` under its ``check_id`` (ids are unique)."""
    if check.check_id in CHECKS:
        raise ValueError(f"check id {check.check_id!r} is registered twice")
    CHECKS[check.check_id] = check
    return check


for _check in (
    BlankCheck,
    NewlinesCheck,
    LinksCheck,
    MarkupCheck,
    UrlsCheck,
    EmailsCheck,
    NumbersCheck,
    AcronymsCheck,
    GlossaryCheck,
    UnchangedCheck,
    ConsistencyCheck,
    LengthCheck,
    EndPunctuationCheck,
    InvertedMarksCheck,
    UnbalancedCheck,
    BracketCountCheck,
    LeadingWhitespaceCheck,
    TrailingWhitespaceCheck,
    PunctuationSpacingCheck,
    NativePunctuationCheck,
    DoubleSpaceCheck,
):
    register(_check)


def validate_check_ids(ids: Iterable[str], where: str = "check id") -> list[str]:
    """Return ``ids`` if all are registered; otherwise a ConfigError naming the unknown ones."""
    ids = list(ids)
    unknown = [check_id for check_id in ids if check_id not in CHECKS]
    if unknown:
        raise ConfigError(
            f"{where}: unknown check {', '.join(map(repr, unknown))} (known: {', '.join(CHECKS)})"
        )
    return ids


def active_checks(context: CheckContext, only: Sequence[str] | None = None) -> list[Check]:
    """Instances of the registered checks that apply to the context's language."""
    key = ("active", tuple(only) if only else None)
    if key not in context.cache:
        classes = [CHECKS[i] for i in validate_check_ids(only)] if only else CHECKS.values()
        instances = [cls(context) for cls in classes]
        context.cache[key] = [check for check in instances if check.applies()]
    return context.cache[key]


def joined_source(entries: Sequence[polib.POEntry], index: int) -> str:
    """The source a translation covers: with ``joined: next``, the following sentences too."""
    from translator.catalog.state import comment_fields

    entry = entries[index]
    parts = [entry.msgid]
    if comment_fields(entry).get("joined") == "next":
        for following in entries[index + 1 :]:
            if comment_fields(following).get("joined") != "previous":
                break
            parts.append(following.msgid)
    return " ".join(parts)


def run_checks(
    entries: Iterable[polib.POEntry],
    lang: str,
    context: CheckContext | None = None,
    *,
    include_drafts: bool = True,
    only: Sequence[str] | None = None,
) -> dict[str, list[Issue]]:
    """Failing checks of a catalog's entries, by ``msgid_with_context`` (entries that pass: absent).

    :param context: glossary and the language's other catalogs (default: the language alone)
    :param include_drafts: also check fuzzy entries (machine and memory drafts)
    :param only: check ids to run (default: all)
    """
    context = context or CheckContext(lang=lang)
    checks = active_checks(context, only)
    entries = list(entries)
    results: dict[str, list[Issue]] = {}
    for index, entry in enumerate(entries):
        if not entry.msgid or entry.obsolete or not entry.msgstr:
            continue
        if is_fuzzy(entry) and not include_drafts:
            continue
        source = joined_source(entries, index)
        issues = [issue for check in checks if (issue := check.check(entry, source))]
        if issues:
            results[entry.msgid_with_context] = issues
    return results


def check_entry(
    source: str,
    target: str,
    entry: polib.POEntry | None = None,
    lang: str = "",
    context: CheckContext | None = None,
) -> list[Issue]:
    """Failing checks for ``target`` as a translation of ``source`` (the editor, as one types).

    ``entry`` supplies flags (dismissals, role) and comments; ``context`` the glossary and the
    language's other catalogs. One of ``lang`` and ``context`` is required.
    """
    if context is None:
        if not lang:
            raise ValueError("check_entry needs lang or context")
        context = CheckContext(lang=lang)
    entry = entry if entry is not None else polib.POEntry(msgid=source, msgstr=target)
    return [
        issue for check in active_checks(context) if (issue := check.check(entry, source, target))
    ]


def entry_issues(
    entry: polib.POEntry,
    lang: str,
    glossary: Glossary | None = None,
    *,
    context: CheckContext | None = None,
    source: str | None = None,
) -> list[Issue]:
    """Failing checks of a saved entry (``source``: the joined source, when it covers more)."""
    if context is None:
        context = CheckContext(lang=lang, glossary=glossary)
    return check_entry(source or entry.msgid, entry.msgstr, entry, lang, context)


def describe_checks() -> list[dict]:
    """Every registered check as data: id, severity, name, description, dismissal flag."""
    return [
        {
            "check": check.check_id,
            "severity": str(check.severity),
            "name": check.name,
            "description": check.description,
            "flag": check.flag(),
        }
        for check in CHECKS.values()
    ]


def issue_to_dict(issue: Issue, blocking: Iterable[str] = ()) -> dict:
    """JSON-ready form of an issue, with the check's name and the flag that dismisses it."""
    check = CHECKS.get(issue.check_id)
    return {
        "check": issue.check_id,
        "name": check.name if check else issue.check_id,
        "description": check.description if check else "",
        "severity": str(issue.severity),
        "message": issue.message,
        "flag": check.flag() if check else "",
        "blocking": issue.check_id in set(blocking),
    }


def gates(issue: Issue, blocking: Iterable[str] = ()) -> bool:
    """True when ``issue`` must stop a pipeline: an error, or a check the coordinator blocks on."""
    return issue.severity == Severity.ERROR or issue.check_id in set(blocking)
