"""Helpers for the check tables: ``passes(...)``/``fails(...)`` make each assertion one line.

A table row is ``(check_id, lang, source, target, fires)``, optionally with a dict of context
(``glossary``, ``translations``, ``flags`` ...) as sixth item; :func:`assert_covers` makes sure a
table exercises every check it names in Latin, Cyrillic, Arabic, Devanagari and Bengali script,
with cases that fire (where the check applies to the language) and cases that do not.
"""

from __future__ import annotations

import polib

from translator.model import Issue
from translator.qa import CHECKS, CheckContext

SCRIPTS = {
    "Latin": {"de", "es", "fr", "tr", "nl", "hu", "bs", "en_GB"},
    "Cyrillic": {"ru", "bg", "uk"},
    "Arabic": {"ar", "fa"},
    "Devanagari": {"hi", "ne"},
    "Bengali": {"bn"},
}


def issues(
    check_id: str,
    source: str,
    target: str,
    lang: str = "de",
    *,
    flags: tuple[str, ...] = (),
    tcomment: str = "",
    glossary=None,
    translations=None,
    slug: str = "doc",
) -> list[Issue]:
    """What one check says about ``target`` as a translation of ``source``."""
    context = CheckContext(lang=lang, glossary=glossary, translations=translations, slug=slug)
    check = CHECKS[check_id](context)
    if not check.applies():
        return []
    entry = polib.POEntry(msgid=source, msgstr=target, flags=list(flags), tcomment=tcomment)
    found = check.check(entry)
    if found is not None:
        assert found.check_id == check_id and found.severity == check.severity and found.message
    return [found] if found else []


def passes(check_id: str, source: str, target: str, lang: str = "de", **context) -> bool:
    return not issues(check_id, source, target, lang, **context)


def fails(check_id: str, source: str, target: str, lang: str = "de", **context) -> bool:
    return bool(issues(check_id, source, target, lang, **context))


def applies(check_id: str, lang: str) -> bool:
    """Whether the check is meant for ``lang`` at all (Spanish-only checks, Arabic-script ...)."""
    languages = CHECKS[check_id].languages
    return not languages or lang.split("_")[0] in languages


def script_of(lang: str) -> str:
    return next((script for script, langs in SCRIPTS.items() if lang in langs), "other")


def assert_covers(table: list[tuple]) -> None:
    """Every check in ``table`` fires and passes in every script (fires where it applies)."""
    for check_id in {row[0] for row in table}:
        rows = [row for row in table if row[0] == check_id]
        for script in SCRIPTS:
            in_script = [row for row in rows if script_of(row[1]) == script]
            assert any(not row[4] for row in in_script), f"{check_id}: no passing {script} case"
            if any(applies(check_id, lang) for lang in SCRIPTS[script]):
                assert any(row[4] for row in in_script), f"{check_id}: no failing {script} case"


def run_row(row: tuple) -> bool:
    """True when the row's expectation holds."""
    check_id, lang, source, target, fires, *context = row
    found = issues(check_id, source, target, lang, **(context[0] if context else {}))
    return bool(found) == fires
