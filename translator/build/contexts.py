"""The check contexts of a build: one per language, narrowed to each document.

A language's context carries its glossary and the consistency index of its settled
translations. The index comes from the project's translation store
(:mod:`translator.qa.stored`), which reads only the catalogs that changed since the last
build and gives each document the part for its own sentences; without a usable store, from
every catalog of the language (:func:`translator.qa.context.language_index`), as before.
Without ``translator.qa`` there is no context and :func:`~translator.build.report.find_issues`
reports why the checks did not run.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import polib

from translator.config import Settings
from translator.errors import TranslatorError
from translator.parallel import run_parallel

if TYPE_CHECKING:
    from translator.qa.base import CheckContext


def prepare_contexts(
    settings: Settings,
    codes: list[str],
    contexts: dict[str, CheckContext | None],
    jobs: int | None = None,
) -> None:
    """Make the contexts of ``codes`` now, before worker processes fork, so they share them;
    the store's languages are brought up to date side by side over ``jobs`` processes."""
    try:
        from translator.qa.stored import refresh_language
    except ImportError:
        refresh_language = None
    if refresh_language is not None:
        todo = [(settings.instance_dir, settings.locales_dir, code) for code in codes]
        run_parallel(refresh_language, todo, jobs=jobs)
    for code in codes:
        language_context(settings, code, contexts)


def language_context(
    settings: Settings, code: str, contexts: dict[str, CheckContext | None]
) -> CheckContext | None:
    """The language's context, made once per build; None when the checks cannot run."""
    if code not in contexts:
        try:
            from translator.qa import check_context
            from translator.qa.stored import open_store

            store = open_store(settings.instance_dir, settings.locales_dir)
            stored = store is not None and store.refresh(code)
            contexts[code] = check_context(code, settings, catalogs={} if stored else None)
            contexts[code].cache["stored"] = stored
        except (ImportError, TranslatorError):
            contexts[code] = None
    return contexts[code]


def document_context(
    settings: Settings,
    code: str,
    slug: str,
    contexts: dict[str, CheckContext | None],
    entries: polib.POFile | None = None,
) -> CheckContext | None:
    """The language's context for one document, its consistency index narrowed to the
    document's sentences (``entries``: its catalog) when it comes from the store."""
    base = language_context(settings, code, contexts)
    if base is None:
        return None
    if not base.cache.get("stored"):
        return dataclasses.replace(base, slug=slug, cache={})
    from translator.qa.context import language_index
    from translator.qa.stored import open_store

    store = open_store(settings.instance_dir, settings.locales_dir)  # this process's own
    index = None
    if store is not None and entries is not None:
        index = store.index_for(code, [entry.msgid_with_context for entry in entries])
    if index is None:  # no store here after all: the language's whole index, from its catalogs
        index = language_index(settings.locales_dir, code)
    return dataclasses.replace(base, slug=slug, cache={}, translations=index)
