"""What the statistics index keeps per catalog: the record, how a file becomes one, its row.

A :class:`CatalogRecord` holds a catalog's identity (size, mtime_ns, inode), its
:class:`~translator.progress.stats.CatalogStats`, the header dates staleness needs, the number of
amended entries, and the facts its quality checks left (:mod:`translator.progress.checked`).
:func:`parse_record` reads one file into a record with the fast reader (:mod:`~.catalog.raw`);
it is module-level so a process pool can run it over many files.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING

from translator.catalog.raw import read_entries_fast
from translator.catalog.state import pending_amendment
from translator.errors import TranslatorError
from translator.progress.stats import CatalogStats, compute_stats

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    import polib

    from translator.catalog.raw import LightCatalog

Identity = tuple[int, int, int]  # size, mtime_ns, inode
RACY_NS = 2_000_000_000  # files written this close to indexing are checked again next time
_COUNTS = [f.name for f in fields(CatalogStats) if f.name != "issues"]


@dataclass
class CatalogRecord:
    """What the index knows about one catalog (``language`` is empty for a template)."""

    path: str  # relative to locales/, with forward slashes
    document: str
    language: str
    size: int
    mtime_ns: int
    checked_ns: int = 0
    stats: CatalogStats = field(default_factory=CatalogStats)
    error: str = ""
    pot_date: str = ""  # POT-Creation-Date: when the template this catalog follows was made
    revision_date: str = ""  # PO-Revision-Date
    last_translator: str = ""
    amended: int = 0  # fuzzy entries carrying a previous msgid, no coordinator decision yet
    keys: str = ""  # fingerprint of the active msgids, to compare with the template's
    inode: int = 0
    check_key: str = ""  # the check set and context the stored check facts are valid for
    checks: str = ""  # those facts as JSON; "" while they are only in the index file

    @property
    def identity(self) -> Identity:
        return self.size, self.mtime_ns, self.inode

    @property
    def racy(self) -> bool:
        """Modified so close to being indexed that an equal identity proves nothing."""
        return self.checked_ns - self.mtime_ns < RACY_NS


def fingerprint(keys: Iterable[str]) -> str:
    """A short hash of an ordered list of msgids (a catalog's, a template's or a source's)."""
    digest = hashlib.sha1()
    for key in keys:
        digest.update(key.encode("utf-8") + b"\0")
    return digest.hexdigest()[:16]


def summarize(po: polib.POFile | LightCatalog) -> dict:
    """The per-catalog facts the index keeps besides the counts."""
    live = [entry for entry in po if not entry.obsolete and entry.msgid]
    amended = sum(pending_amendment(entry) for entry in live)
    meta = po.metadata
    return {
        "pot_date": meta.get("POT-Creation-Date", ""),
        "revision_date": meta.get("PO-Revision-Date", ""),
        "last_translator": meta.get("Last-Translator", ""),
        "amended": amended,
        "keys": fingerprint(entry.msgid_with_context for entry in live),
    }


def parse_record(
    locales_dir: Path, rel: str | tuple, ident: Identity | None = None, po=None
) -> CatalogRecord:
    """A fresh record for ``locales_dir/rel``: its counts, or its error when it cannot be read.

    ``rel`` may be a ``(rel, identity)`` pair (a process pool passes one argument). Without
    ``po`` (what a writer just wrote) the file is read by the fast reader.
    """
    if ident is None:
        rel, ident = rel
    language, _, name = rel.rpartition("/")
    record = CatalogRecord(
        path=rel,
        document=name.rsplit(".", 1)[0],
        language=language.split("/", 1)[0] if language else "",
        size=ident[0],
        mtime_ns=ident[1],
        inode=ident[2],
        checked_ns=time.time_ns(),
    )
    try:
        po = po if po is not None else read_entries_fast(locales_dir / rel)
    except TranslatorError as exc:
        record.error = str(exc)
    else:
        record.stats = compute_stats(po)
        for key, value in summarize(po).items():
            setattr(record, key, value)
    return record


# -- rows of the index file -----------------------------------------------------------------------

_FIELDS = [
    "path", "document", "language", "size", "mtime_ns", "checked_ns", "error", "pot_date",
    "revision_date", "last_translator", "amended", "keys", "inode", "check_key", "checks",
]  # fmt: skip
_TYPES = {"size": "INTEGER", "mtime_ns": "INTEGER", "checked_ns": "INTEGER", "amended": "INTEGER",
          "inode": "INTEGER"}  # fmt: skip
COLUMNS = ", ".join([*_FIELDS, *_COUNTS, "issues"])
# What is loaded into memory: the check facts stay in the file until counted (a few KB each).
LOADED = COLUMNS.replace(", checks,", ", '' AS checks,", 1)
MARKS = ", ".join("?" * (len(_FIELDS) + len(_COUNTS) + 1))
CREATE_CATALOGS = (
    "CREATE TABLE catalogs (path TEXT PRIMARY KEY, "
    + ", ".join(f"{name} {_TYPES.get(name, 'TEXT')}" for name in _FIELDS[1:])
    + ", "
    + ", ".join(f"{name} INTEGER" for name in _COUNTS)
    + ", issues TEXT)"
)


def row_from_record(record: CatalogRecord) -> tuple:
    counts = [getattr(record.stats, name) for name in _COUNTS]
    issues = json.dumps(record.stats.issues) if record.stats.issues else ""
    return (*[getattr(record, name) for name in _FIELDS], *counts, issues)


def record_from_row(row: tuple) -> CatalogRecord:
    split = len(_FIELDS)
    stats = CatalogStats(*row[split : split + len(_COUNTS)])
    if row[-1]:
        stats.issues = json.loads(row[-1])
    return CatalogRecord(**dict(zip(_FIELDS, row[:split], strict=True)), stats=stats)
