"""Translation memory: past human translations of every catalog of a language, looked up by
similarity (:mod:`~translator.tm.memory`), with an index kept in ``instance/`` (:mod:`~.store`)."""

from translator.tm.memory import DEFAULT_MIN_SCORE, TranslationMemory, Unit, catalog_units, fold
from translator.tm.store import MemoryStore

__all__ = [
    "DEFAULT_MIN_SCORE",
    "MemoryStore",
    "TranslationMemory",
    "Unit",
    "catalog_units",
    "fold",
]
