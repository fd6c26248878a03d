"""PO catalogs: templates, per-language files, merging, atomic writes, locks and entry state."""

from translator.catalog.io import catalog_text, parse_catalog, read_catalog, write_catalog
from translator.catalog.lock import catalog_lock
from translator.catalog.merge import MergeResult, update_catalog
from translator.catalog.template import (
    build_template,
    catalog_path,
    language_header,
    new_catalog,
    template_path,
)

__all__ = [
    "MergeResult",
    "build_template",
    "catalog_lock",
    "catalog_path",
    "catalog_text",
    "language_header",
    "new_catalog",
    "parse_catalog",
    "read_catalog",
    "template_path",
    "update_catalog",
    "write_catalog",
]
