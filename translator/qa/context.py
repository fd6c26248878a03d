"""Building a :class:`CheckContext` for one language from a project's files.

The context carries the language's glossary and the index of its settled translations across
all documents (for the consistency check). Front ends that already hold the catalogs pass them
in; otherwise they are read from ``locales/<lang>/LC_MESSAGES/*.po``, and the language's index
(and the most recently parsed catalogs, a bounded number) are kept until a file changes, so
the editor can ask for a fresh context on every save.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from translator.catalog.io import read_catalog
from translator.errors import TranslatorError
from translator.glossary import Glossary, language_glossary
from translator.qa.base import CheckContext
from translator.qa.index import TranslationIndex

if TYPE_CHECKING:
    import polib

    from translator.config import Settings

# parsed catalogs, the most recently read ones only: a language's index is built from all of
# them once, then patched from the changed ones; keeping all 20,000 would cost gigabytes
CACHED_CATALOGS = 256
_cache: OrderedDict[Path, tuple[tuple[int, int], list[polib.POEntry]]] = OrderedDict()
_indexes: dict[tuple[str, str], tuple[dict, TranslationIndex]] = {}  # by (locales, lang)
_lock = threading.Lock()
_building: dict[tuple[str, str], threading.Lock] = {}  # one build of a language at a time


def check_context(
    lang: str,
    settings: Settings | None = None,
    *,
    slug: str = "",
    catalogs: Mapping[str, Iterable[polib.POEntry]] | None = None,
    glossary: Glossary | None = None,
) -> CheckContext:
    """Everything the checks need for ``lang`` (``slug``: the document being checked).

    :param settings: the project's settings; without them there is no glossary and no index
    :param catalogs: ``{slug: entries}`` of this language, if the caller has read them already
    """
    if glossary is None and settings is not None:
        glossary = language_glossary(settings.glossary_dir, lang)
    if catalogs is not None:
        translations = TranslationIndex.from_catalogs(catalogs)
    elif settings is not None:
        translations = language_index(settings.locales_dir, lang)
    else:
        translations = None
    return CheckContext(
        lang=lang,
        source_lang=settings.source_language if settings is not None else "en",
        glossary=glossary,
        translations=translations,
        slug=slug,
    )


def language_index(locales_dir: Path, lang: str) -> TranslationIndex:
    """The consistency index of ``lang``'s catalogs, built once per version of the files.

    A build asks for it once per document, the editor once per save or page: rebuilding it
    from every catalog each time made those costs grow with the square of the documents.
    After a change only the changed catalogs are indexed again (:meth:`TranslationIndex.replaced`).
    The index is shared: treat it as read-only.
    """
    key = (str(locales_dir), lang)
    with _lock:
        building = _building.setdefault(key, threading.Lock())
    with building:  # threads asking at once wait for one build instead of each doing it
        return _language_index(locales_dir, lang, key)


def _language_index(locales_dir: Path, lang: str, key: tuple[str, str]) -> TranslationIndex:
    paths = {path.stem: path for path in (locales_dir / lang / "LC_MESSAGES").glob("*.po")}
    fingerprint = {slug: file_identity(path) for slug, path in paths.items()}
    with _lock:
        cached = _indexes.get(key)
    if cached is not None and cached[0] == fingerprint:
        return cached[1]
    if cached is None:
        index = TranslationIndex.from_catalogs(language_catalogs(locales_dir, lang))
    else:  # after a save: only the catalogs that changed are indexed again
        old = cached[0]
        changed = {
            slug
            for slug in old.keys() | fingerprint.keys()
            if old.get(slug) != fingerprint.get(slug)
        }
        index = cached[1].replaced(changed, _readable({s: paths[s] for s in changed if s in paths}))
    with _lock:
        _indexes[key] = (fingerprint, index)
    return index


def _readable(paths: Mapping[str, Path]) -> dict[str, list[polib.POEntry]]:
    """``{slug: entries}`` of the catalogs that can be read (errors are reported elsewhere)."""
    catalogs = {}
    for slug, path in sorted(paths.items()):
        try:
            catalogs[slug] = read_entries(path)
        except TranslatorError:
            continue
    return catalogs


def language_catalogs(
    locales_dir: Path, lang: str, errors: list[str] | None = None
) -> dict[str, list[polib.POEntry]]:
    """``{slug: entries}`` of every readable catalog of ``lang``; read errors go to ``errors``."""
    catalogs = {}
    for path in sorted((locales_dir / lang / "LC_MESSAGES").glob("*.po")):
        try:
            catalogs[path.stem] = read_entries(path)
        except TranslatorError as exc:
            if errors is not None:
                errors.append(str(exc))
    return catalogs


def file_identity(path: Path) -> tuple[int, int]:
    """(mtime_ns, size), or (0, -1) for a missing file."""
    try:
        stat = path.stat()
    except OSError:
        return 0, -1
    return stat.st_mtime_ns, stat.st_size


def read_entries(path: Path) -> list[polib.POEntry]:
    """A catalog's entries, parsed once per version of the file (treat them as read-only)."""
    identity = file_identity(path)
    with _lock:
        cached = _cache.get(path)
        if cached is not None:
            _cache.move_to_end(path)
    if cached is not None and cached[0] == identity:
        return cached[1]
    entries = list(read_catalog(path))
    with _lock:
        _cache[path] = (identity, entries)
        _cache.move_to_end(path)
        while len(_cache) > CACHED_CATALOGS:
            _cache.popitem(last=False)
    return entries
