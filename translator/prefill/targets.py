"""Which catalogs a pre-fill run works on: one :class:`CatalogRef` per existing catalog."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from translator.catalog.layout import document_slugs, project_languages
from translator.catalog.template import catalog_path
from translator.errors import CatalogError
from translator.languages import normalize_language

if TYPE_CHECKING:
    from translator.config import Settings


@dataclass(frozen=True)
class CatalogRef:
    """One catalog to pre-fill."""

    lang: str
    slug: str
    path: Path


def catalog_refs(settings: Settings, langs: list[str], slugs: list[str]) -> list[CatalogRef]:
    """The existing catalogs of ``langs`` x ``slugs`` (all when empty); unknown names refused."""
    codes = [normalize_language(lang) for lang in langs] or project_languages(settings)
    names = document_slugs(settings, slugs)
    refs = []
    for code in codes:
        found = [
            CatalogRef(code, slug, catalog_path(settings.locales_dir, code, slug)) for slug in names
        ]
        found = [ref for ref in found if ref.path.is_file()]
        if not found and langs:
            raise CatalogError(f"no catalogs for {code}: run `translator init {code}` first")
        refs += found
    return refs
