"""Lookups in the memory index: the exact and fuzzy matches an in-memory memory would give.

An exact match is one indexed query on the source text. A fuzzy match scores the query with
rapidfuzz against the distinct folded source texts of the language, which each process keeps in
memory (:class:`FoldKeys`, a few megabytes per language at 1,000 documents) and brings up to
date from the index's change log, so a save in another worker is seen by the next lookup
without reloading anything else. The winning text's unit is then read from the index.

Ranking is the memory's: an approved translation over a plain one, a catalog's over an imported
TMX file's, then documents in name order and entries in file order; a match that differs only in
case or spacing scores 99. ``exclude`` leaves one document's catalog out (the editor's own
document has its own memory). A unit from a TMX file is named ``tmx:<file>`` in its origin.
"""

from __future__ import annotations

import threading
from itertools import groupby
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from translator.model import Suggestion
from translator.tm.index import CATALOG, TMX, MemoryIndex, open_index
from translator.tm.memory import DEFAULT_MIN_SCORE, fold

if TYPE_CHECKING:
    from pathlib import Path

FULL_RELOAD = 5_000  # more changes than this since the last look: reload every key instead
_PLACE = "kind, origin, document, position"
_NOT_EXCLUDED = f"(kind != {CATALOG} OR document != ?)"


class FoldKeys:
    """The distinct folded source texts of an index, kept current from its change log."""

    def __init__(self):
        self.choices: dict[str, str] = {}  # folded -> folded (rapidfuzz returns the key)
        self.seq = -1

    def refresh(self, index: MemoryIndex) -> None:
        """Apply the index's changes since the last refresh (or load every key)."""
        latest = index.query("SELECT seq FROM sqlite_sequence WHERE name = 'changes'")
        latest = latest[0][0] if latest else 0
        if latest == self.seq:
            return
        oldest = index.query("SELECT min(seq) FROM changes")[0][0] or latest + 1
        if not 0 <= self.seq < latest or oldest > self.seq + 1 or latest - self.seq > FULL_RELOAD:
            folds = index.query("SELECT DISTINCT folded FROM units")
            self.choices = {text: text for (text,) in folds}
        else:
            since = index.query("SELECT folded FROM changes WHERE seq > ?", [self.seq])
            touched = {text for (text,) in since}
            present = set()
            for chunk in _chunks(sorted(touched)):
                marks = ",".join("?" * len(chunk))
                sql = f"SELECT DISTINCT folded FROM units WHERE folded IN ({marks})"
                present |= {text for (text,) in index.query(sql, chunk)}
            for text in touched:
                if text in present:
                    self.choices[text] = text
                else:
                    self.choices.pop(text, None)
        self.seq = latest  # read before the keys: a change in between is applied again next time


def _chunks(items: list[str], size: int = 500) -> list[list[str]]:
    return [items[start : start + size] for start in range(0, len(items), size)]


class IndexedMemory:
    """The translation memory of one language, answered by its index."""

    def __init__(self, index: MemoryIndex):
        self.index = index
        self.lang = index.lang
        self.keys = FoldKeys()
        self._lock = threading.Lock()

    @property
    def errors(self) -> list[str]:
        return self.index.errors

    def refresh(self) -> int:
        """Re-read catalogs changed behind the index's back and catch up with its changes;
        returns the number of catalogs read."""
        reread = self.index.sync()
        with self._lock:
            self.keys.refresh(self.index)
        return reread

    def __len__(self) -> int:
        return self.index.query("SELECT count(DISTINCT source) FROM units")[0][0]

    def exact(self, text: str, exclude: str = "") -> Suggestion | None:
        """The translation of exactly this sentence, scored 100."""
        rows = self.index.query(
            f"SELECT kind, origin, document, source, target FROM units "
            f"WHERE source = ? AND {_NOT_EXCLUDED} "
            f"ORDER BY state = 'approved' DESC, {_PLACE} LIMIT 1",
            [text, exclude],
        )
        return _suggest(rows[0], 100) if rows else None

    def fuzzy(
        self, text: str, min_score: int = DEFAULT_MIN_SCORE, exclude: str = ""
    ) -> Suggestion | None:
        """The translation of the most similar source text scoring ``min_score`` or more."""
        with self._lock:
            found = process.extract(
                fold(text), self.keys.choices, scorer=fuzz.ratio, score_cutoff=min_score, limit=None
            )
        for score, group in groupby(found, key=lambda hit: hit[1]):
            folds = [hit[0] for hit in group]
            first = self._first_of(folds, exclude)  # ties: the text met first, as a scan would
            if first is None:
                continue
            rows = self.index.query(
                f"SELECT kind, origin, document, source, target FROM units "
                f"WHERE folded = ? AND {_NOT_EXCLUDED} "
                f"ORDER BY state = 'approved' DESC, {_PLACE} LIMIT 1",
                [first, exclude],
            )
            if not rows:
                continue  # removed by another process since the keys were read
            row = rows[0]
            value = 100 if row[3] == text else min(int(score), 99)
            return _suggest(row, value) if value >= min_score else None
        return None

    def _first_of(self, folds: list[str], exclude: str) -> str | None:
        best = None
        for text in folds:
            rows = self.index.query(
                f"SELECT {_PLACE} FROM units WHERE folded = ? AND {_NOT_EXCLUDED} "
                f"ORDER BY {_PLACE} LIMIT 1",
                [text, exclude],
            )
            if rows and (best is None or rows[0] < best[0]):
                best = (rows[0], text)
        return best[1] if best else None

    def lookup(
        self, text: str, min_score: int = DEFAULT_MIN_SCORE, exclude: str = ""
    ) -> Suggestion | None:
        """Exact match first, then the best fuzzy match."""
        return self.exact(text, exclude) or self.fuzzy(text, min_score, exclude)


def _suggest(row: tuple, score: int) -> Suggestion:
    kind, origin, document, source, target = row
    where = f"tmx:{origin}" if kind == TMX else document
    return Suggestion(target, f"tm:{score} {where}".rstrip(), score, source)


_memories: dict[tuple, IndexedMemory] = {}
_memories_lock = threading.Lock()


def open_memory(
    locales_dir: Path, instance_dir: Path | None, lang: str, *, read_only: bool = False
) -> IndexedMemory:
    """The memory of ``lang`` over this process's index (call :meth:`~IndexedMemory.refresh`
    before looking up).

    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:  # no catalogs, no instance/: in memory
    ...     memory = open_memory(pathlib.Path(tmp) / "locales", None, "de")
    ...     memory.refresh(), memory.lookup("Peace.")
    (0, None)
    """
    index = open_index(locales_dir, instance_dir, lang, read_only=read_only)
    if index.read_only:
        return IndexedMemory(index)
    with _memories_lock:
        memory = _memories.get(str(index.path))
        if memory is None or memory.index is not index:
            memory = _memories[str(index.path)] = IndexedMemory(index)
        return memory
