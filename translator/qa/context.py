"""Building a :class:`CheckContext` for one language from a project's files.

The context carries the language's glossary and the index of its settled translations across
all documents (for the consistency check). Front ends that already hold the catalogs pass them
in; otherwise they are read from ``locales/<lang>/LC_MESSAGES/*.po``, and parsed catalogs are
kept until the file changes, so the editor can ask for a fresh context on every save.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from translator.catalog.io import read_catalog
from translator.errors import TranslatorError
from translator.qa.base import CheckContext
from translator.qa.consistency import TranslationIndex
from translator.qa.glossary import Glossary, language_glossary

if TYPE_CHECKING:
    import polib

    from translator.config import Settings

_cache: dict[Path, tuple[tuple[int, int], list[polib.POEntry]]] = {}
_lock = threading.Lock()


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
        glossary = language_glossary(settings.locales_dir, lang)
    if catalogs is None and settings is not None:
        catalogs = language_catalogs(settings.locales_dir, lang)
    return CheckContext(
        lang=lang,
        source_lang=settings.source_language if settings is not None else "en",
        glossary=glossary,
        translations=TranslationIndex.from_catalogs(catalogs) if catalogs is not None else None,
        slug=slug,
    )


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
    if cached is not None and cached[0] == identity:
        return cached[1]
    entries = list(read_catalog(path))
    with _lock:
        _cache[path] = (identity, entries)
    return entries
