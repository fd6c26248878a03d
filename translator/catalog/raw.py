"""A catalog's entries from the strict pass alone, without polib: what cold statistics read.

:func:`read_catalog` checks a file with :mod:`translator.catalog.syntax` and then parses it again
with polib; statistics need neither polib's objects nor its second pass. :func:`read_entries_fast`
keeps the first pass's entries, shaped as polib's (the attributes
:func:`~translator.catalog.state.entry_state`, ``is_machine`` and ``pending_amendment`` read),
so the same counting code gives the same figures. It refuses exactly what :func:`read_catalog`
refuses, with the same messages (file and line), since both run the same strict pass.

Read-only: nothing here can be written back (use :func:`read_catalog` for that).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from translator.catalog.io import read_checked
from translator.catalog.syntax import RawEntry


class LightEntry:
    """One entry with polib's attribute names and values (``msgstr_plural`` by form index)."""

    __slots__ = (
        "linenum",
        "msgctxt",
        "msgid",
        "msgid_plural",
        "msgstr",
        "msgstr_plural",
        "flags",
        "tcomment",
        "previous_msgid",
        "obsolete",
    )

    def __init__(self, raw: RawEntry):
        plural = raw.msgid_plural is not None
        self.linenum = raw.line
        self.msgctxt = raw.msgctxt
        self.msgid = raw.msgid
        self.msgid_plural = raw.msgid_plural or ""
        self.msgstr = "" if plural else raw.msgstr.get(0, "")
        self.msgstr_plural = dict(raw.msgstr) if plural else {}
        self.flags = raw.flags
        self.tcomment = "\n".join(raw.tcomment)
        self.previous_msgid = raw.previous_msgid
        self.obsolete = raw.obsolete

    @property
    def msgid_with_context(self) -> str:
        return f"{self.msgctxt}\x04{self.msgid}" if self.msgctxt else self.msgid

    def __repr__(self) -> str:
        return f"LightEntry(line={self.linenum}, msgid={self.msgid[:30]!r})"


class LightCatalog:
    """The header's fields (``metadata``) and the entries, header left out (as a polib POFile)."""

    def __init__(self, path: Path, entries: list[LightEntry], metadata: dict[str, str]):
        self.fpath = str(path)
        self.entries = entries
        self.metadata = metadata

    def __iter__(self) -> Iterator[LightEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)


def read_entries_fast(path: Path) -> LightCatalog:
    """Read ``path`` in one strict pass (errors as :func:`read_catalog`'s) into light entries."""
    _, raw = read_checked(Path(path))
    header, rest = raw[0], raw[1:]
    return LightCatalog(path, [LightEntry(entry) for entry in rest], header_fields(header))


def header_fields(header: RawEntry) -> dict[str, str]:
    """``Key: value`` lines of the header's msgstr, as polib reads them (continuations joined).

    >>> header_fields(RawEntry(1, msgstr={0: "Language: de\\nX-Note: a\\n  b\\n"}))
    {'Language': 'de', 'X-Note': 'a\\nb'}
    """
    fields: dict[str, str] = {}
    key = None
    for line in header.msgstr.get(0, "").splitlines():
        name, colon, value = line.partition(":")
        if colon:
            key = name
            fields[key] = value.strip()
        elif key is not None:
            fields[key] += "\n" + line.strip()
    return fields
