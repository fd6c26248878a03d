"""Pre-fill: drafts for empty entries from memory, dates, copies and machine translation."""

from translator.prefill.pipeline import Prefill, prefill
from translator.prefill.report import Counts, PrefillReport, format_report
from translator.prefill.targets import CatalogRef, catalog_refs

__all__ = [
    "CatalogRef",
    "Counts",
    "Prefill",
    "PrefillReport",
    "catalog_refs",
    "format_report",
    "prefill",
]
