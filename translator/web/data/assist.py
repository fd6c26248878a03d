"""Help for the translator beside each sentence: memory matches, machine translation on
demand, glossary terms and failing checks.

Each helper package (``translator.tm``, ``translator.mt``, ``translator.qa``) is imported
lazily and only through its public API; when one is missing or fails, the editor still works
and says what is unavailable. Results that depend only on a catalog's contents are memoized on
its cached view, so they are computed once per version of the file.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from translator.errors import TranslatorError
from translator.web.data.catalogs import entry_key, file_identity

if TYPE_CHECKING:
    from translator.config import Settings
    from translator.model import Issue, Suggestion
    from translator.web.data.catalogs import CatalogView, Workspace

_glossaries: dict[str, tuple[Any, Any]] = {}
_glossary_lock = threading.Lock()


@dataclass
class Help:
    """Suggestions for one sentence, plus notes on what could not be consulted."""

    memory: list[Suggestion] = field(default_factory=list)
    machine: list[Suggestion] = field(default_factory=list)
    terms: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# -- glossary -----------------------------------------------------------------------------------


def glossary(settings: Settings, lang: str):
    """The glossary that applies to ``lang`` (shared and own files), re-read when one changes."""
    try:
        from translator.glossary import glossary_paths, language_glossary
    except ImportError:
        return None
    paths = glossary_paths(settings.glossary_dir, lang)
    identity = tuple(file_identity(path) for path in paths)
    key = f"{settings.root}:{lang}"
    with _glossary_lock:
        cached = _glossaries.get(key)
    if cached is None or cached[0] != identity:
        try:
            cached = (identity, language_glossary(settings.glossary_dir, lang))
        except TranslatorError as exc:
            cached = (identity, exc)
        with _glossary_lock:
            _glossaries[key] = cached
    return cached[1]


def glossary_terms(settings: Settings, lang: str, text: str) -> tuple[list[dict], str]:
    """Terms of the glossary found in ``text`` (with accepted translations and notes)."""
    found = glossary(settings, lang)
    if found is None:
        return [], ""
    if isinstance(found, TranslatorError):
        return [], f"Glossary unreadable: {found}"
    terms = []
    for term, targets in found.terms_in(text):
        terms.append(
            {
                "term": term,
                "targets": targets,
                "keep": targets == [term],
                "note": found.notes.get(term, ""),
            }
        )
    return terms, ""


# -- checks -------------------------------------------------------------------------------------


def catalog_issues(space: Workspace) -> dict[str, list[Issue]]:
    """Failing checks per entry key for the whole catalog (memoized per file version)."""
    view = space.view
    if view is None:
        return {}
    settings = space.store.project.settings
    return view.memo("issues", lambda: _run_checks(view, space.lang, settings))


def _run_checks(view: CatalogView, lang: str, settings: Settings) -> dict[str, list[Issue]]:
    try:
        from translator.qa import run_checks
        from translator.qa.context import check_context
    except ImportError:
        return {}
    context = check_context(lang, settings, slug=view.slug)
    found = run_checks(view.entries, lang, context)
    return {
        key: found[entry.msgid_with_context]
        for key, entry in zip(view.keys, view.entries, strict=True)
        if entry.msgid_with_context in found
    }


def carry_issues(settings: Settings):
    """A store hook: after a save, re-check only the changed entries of the new version."""

    def carry(old: dict, view: CatalogView, changed: list[str]) -> dict:
        try:
            from translator.qa import entry_issues, joined_source
            from translator.qa.context import check_context
        except ImportError:
            return {}
        issues = dict(old)
        context = check_context(view.lang, settings, slug=view.slug)
        numbers = {view.by_key[key] for key in changed if key in view.by_key}
        numbers |= {n - 1 for n in numbers if n > 0}  # a joined pair checks the source of both
        for number in sorted(numbers):
            entry, key = view.entries[number], view.keys[number]
            found = []
            if entry.msgstr:
                source = joined_source(view.entries, number)
                found = entry_issues(entry, view.lang, context=context, source=source)
            if found:
                issues[key] = found
            else:
                issues.pop(key, None)
        return issues

    return carry


def entry_issues_now(space: Workspace, entry) -> list[Issue]:
    """Failing checks of one entry as saved (from the memo when the catalog was checked)."""
    view = space.view
    key_number = view.by_key.get(entry_key(entry))
    if key_number is None:
        return []
    memo = view._memo.get("issues")
    if memo is not None:
        return memo.get(view.keys[key_number], [])
    try:
        from translator.qa import entry_issues, joined_source
        from translator.qa.context import check_context
    except ImportError:
        return []
    if not entry.msgstr:
        return []
    context = check_context(view.lang, space.store.project.settings, slug=view.slug)
    source = joined_source(view.entries, key_number)
    return entry_issues(entry, view.lang, context=context, source=source)


def issue_dicts(issues: list[Issue], settings: Settings) -> list[dict]:
    """JSON-ready issues (check name, description, severity, the flag that dismisses it)."""
    try:
        from translator.qa import issue_to_dict
    except ImportError:
        return [
            {
                "check": i.check_id,
                "name": i.check_id,
                "description": "",
                "severity": str(i.severity),
                "message": i.message,
            }
            for i in issues
        ]
    return [issue_to_dict(issue, settings.blocking_checks) for issue in issues]


# -- memory -------------------------------------------------------------------------------------

MEMORY_SUGGESTIONS = 3


def keep_memory_current() -> None:
    """Have every catalog this process saves patched into the memory index at once (importing
    :mod:`translator.tm` registers its listener with ``write_catalog``)."""
    with contextlib.suppress(ImportError):
        import translator.tm  # noqa: F401


def language_memory(settings: Settings, lang: str):
    """The memory of ``lang`` (its index), caught up with every catalog and every save."""
    from translator.tm import open_memory

    memory = open_memory(settings.locales_dir, settings.instance_dir, lang)
    memory.refresh()  # a stat per catalog; only catalogs changed behind our back are read
    return memory


def memory_suggestions(settings: Settings, space: Workspace, entry) -> tuple[list, str]:
    """Earlier translations of this or similar sentences, best first (with their scores).

    Two memories answer: the language's index without this document (its other catalogs and
    imported TMX files), and this document's own other sentences (never the sentence itself,
    whose translation is already in the box).
    """
    try:
        from translator.tm import TranslationMemory, catalog_units
    except ImportError:
        return [], "Translation memory is not installed."
    found = []
    try:
        memory = language_memory(settings, space.lang)
        found.append(memory.lookup(entry.msgid, settings.tm_min_score, exclude=space.slug))
    except (TranslatorError, OSError, sqlite3.Error) as exc:
        return [], f"Translation memory failed: {exc}"
    own = TranslationMemory(space.lang)
    for unit in space.view.memo("units", lambda: catalog_units(space.view.entries, space.slug)):
        if unit.source != entry.msgid:
            own.add_unit(unit)
    found.append(own.fuzzy(entry.msgid, settings.tm_min_score))
    unique = {s.text: s for s in sorted((s for s in found if s), key=lambda s: s.score)}
    best = sorted(unique.values(), key=lambda s: -s.score)
    return best[:MEMORY_SUGGESTIONS], ""


# -- machine translation ------------------------------------------------------------------------


def engine_name(settings: Settings, lang: str, override: dict | None = None) -> str:
    """The configured engine for ``lang`` ("" for none)."""
    engines = override if override is not None else settings.engines
    name = engines.get(lang) or engines.get(lang.split("_")[0]) or engines.get("*", "")
    return "" if name in ("", "memory", "none") else name


def machine_suggestion(
    settings: Settings, lang: str, text: str, name: str, terms: dict[str, str] | None = None
) -> tuple[list, str]:
    """Ask engine ``name`` for ``text``; returns suggestions and an error message."""
    if not name:
        return [], "No machine translation engine is configured for this language."
    try:
        from translator.mt import get_engine
    except ImportError:
        return [], "Machine translation is not installed."
    try:
        engine = get_engine(name, settings)
        results = engine.translate([text], settings.source_language, lang, terms or None)
    except TranslatorError as exc:
        return [], f"{name}: {exc}"
    suggestions = [result for result in results if not isinstance(result, Exception)]
    errors = [str(result) for result in results if isinstance(result, Exception)]
    return suggestions, "; ".join(errors)
