"""Where a project keeps its documents and catalogs: which languages and documents exist.

Names only, from the directory listing: nothing here parses a document or a catalog.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from translator.errors import LanguageError, SourceError
from translator.languages import normalize_language
from translator.text import validate_slug

if TYPE_CHECKING:
    from translator.config import Settings


def project_languages(settings: Settings) -> list[str]:
    """Languages with a catalog directory (plus those the settings list), sorted."""
    found = {
        path.parent.name
        for path in settings.locales_dir.glob("*/LC_MESSAGES")
        if path.is_dir() and _is_language(path.parent.name)
    }
    found.update(normalize_language(code) for code in settings.languages)
    return sorted(found)


def stray_entries(settings: Settings) -> list[str]:
    """Warnings for what ``locales/`` holds besides templates and language folders."""
    warnings = []
    root = settings.locales_dir
    for path in sorted(root.iterdir()) if root.is_dir() else ():
        where = f"{root.name}/{path.name}"
        if path.is_dir() and not _is_language(path.name):
            warnings.append(f"{where}: not a language code, ignored")
        elif path.is_file() and path.suffix != ".pot":
            hint = " (glossaries live in glossary/)" if path.suffix == ".tsv" else ""
            warnings.append(f"{where}: not a catalog; gettext tools stumble on it{hint}")
    return warnings


def _is_language(name: str) -> bool:
    """A folder name that is a language code as gettext spells it (``de``, ``pt_BR``)."""
    try:
        return normalize_language(name) == name
    except LanguageError:
        return False


def document_slugs(settings: Settings, only: list[str] | None = None) -> list[str]:
    """Document names from ``source/`` (without parsing them); ``only`` keeps those listed.

    A name in ``only`` with no ``source/<slug>.md`` is a :class:`SourceError`, so a step asked
    for a document that does not exist stops before it reads or writes anything.
    """
    names = sorted(path.stem for path in settings.source_dir.glob("*.md"))
    if not only:
        return names
    missing = [validate_slug(slug) for slug in only if slug not in names]
    if missing:
        raise SourceError(f"source/{missing[0]}.md: no such document")
    return [name for name in names if name in only]
