"""Translation memory: past human translations of a language, looked up by similarity.

:mod:`~translator.tm.memory` holds the matching rules (and an in-memory memory of one catalog),
:mod:`~translator.tm.index` the index of every catalog and imported TMX file under
``instance/tm/``, patched on every catalog write, and :mod:`~translator.tm.search` its lookups.
"""

from translator.tm.index import MemoryIndex, catalog_rows, close_indexes, open_index
from translator.tm.memory import (
    DEFAULT_MIN_SCORE,
    TranslationMemory,
    Unit,
    catalog_units,
    fold,
    reusable_entries,
)
from translator.tm.search import IndexedMemory, open_memory

__all__ = [
    "DEFAULT_MIN_SCORE",
    "IndexedMemory",
    "MemoryIndex",
    "TranslationMemory",
    "Unit",
    "catalog_rows",
    "catalog_units",
    "close_indexes",
    "fold",
    "open_index",
    "open_memory",
    "reusable_entries",
]
