"""What an exported file remembers of the catalog it came from, and what one entry says.

An entry's exchangeable content is a :class:`Proposal`: its translation, whether it is a draft
(``fuzzy``) and whether it is approved. An export records, for every entry, the fingerprint of
that content (:attr:`Proposal.digest`) as it was online, plus the catalog's own content hash:
an :class:`ExportBase`. When the file comes back, an entry whose uploaded content still has
the base fingerprint was not touched by the translator; an entry whose online content no
longer has it was changed online since the export. PO files carry the base in three header
fields (Poedit, Lokalize, Virtaal and OmegaT keep unknown ``X-`` fields); XLIFF files carry
each entry's fingerprint in its unit id, which every CAT tool keeps.

>>> Proposal("Frieden.").digest == Proposal("Frieden.", fuzzy=True).digest
False
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field

import polib

from translator.catalog.state import comment_fields, is_approved, is_fuzzy

DOCUMENT_FIELD = "X-Translator-Document"
BASE_FIELD = "X-Translator-Base"
ENTRIES_FIELD = "X-Translator-Entries"
_HEX = re.compile(r"[0-9a-f]+")


def entry_id(entry: polib.POEntry) -> str:
    """The entry's stable id: its msgctxt and msgid hashed (the editor's URL key too)."""
    return hashlib.sha1(entry.msgid_with_context.encode("utf-8")).hexdigest()[:16]


def catalog_digest(text: str) -> str:
    """Fingerprint of a whole catalog's text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Proposal:
    """What one entry's translation is (online) or should become (in a file)."""

    text: str
    fuzzy: bool = False
    approve: bool = False

    def normalized(self) -> Proposal:
        """No state without a text; an approved text is not a draft."""
        if not self.text:
            return Proposal("")
        if self.approve:
            return Proposal(self.text, approve=True)
        return self

    @property
    def digest(self) -> str:
        """Fingerprint of the content (8 hex digits)."""
        item = self.normalized()
        data = "\0".join((item.text, "f" if item.fuzzy else "", "a" if item.approve else ""))
        return hashlib.sha1(data.encode("utf-8")).hexdigest()[:8]

    @property
    def state(self) -> str:
        """``untranslated``, ``draft``, ``translated`` or ``approved``."""
        item = self.normalized()
        if not item.text:
            return "untranslated"
        return "approved" if item.approve else "draft" if item.fuzzy else "translated"


def entry_proposal(entry: polib.POEntry) -> Proposal:
    """The content of a catalog entry as it is now."""
    return Proposal(entry.msgstr, is_fuzzy(entry), is_approved(entry)).normalized()


def joined_mark(entry: polib.POEntry) -> str:
    """``next``, ``previous`` or ``""``: the entry's part in a joined pair."""
    return comment_fields(entry).get("joined", "")


def exchange_entries(po: polib.POFile) -> list[polib.POEntry]:
    """The entries a translator works on: live (not obsolete), with a source text."""
    return [entry for entry in po if not entry.obsolete and entry.msgid]


@dataclass
class ExportBase:
    """The online state an export was made from."""

    document: str
    language: str
    catalog: str = ""  # catalog_digest of the catalog's text
    exported: str = ""  # ISO time of the export
    entries: dict[str, str] = field(default_factory=dict)  # entry id -> Proposal digest

    def header_fields(self) -> dict[str, str]:
        """The PO header fields that carry this base."""
        pairs = " ".join(f"{key}={value}" for key, value in self.entries.items())
        return {
            DOCUMENT_FIELD: self.document,
            BASE_FIELD: f"{self.catalog} {self.exported}".strip(),
            ENTRIES_FIELD: pairs,
        }

    @classmethod
    def from_header(cls, metadata: dict[str, str], language: str) -> ExportBase | None:
        """The base a PO header carries; None when the file was not made by an export.

        :raises ValueError: the fields are there but damaged (the message says which).
        """
        document = metadata.get(DOCUMENT_FIELD, "").strip()
        if not document and ENTRIES_FIELD not in metadata:
            return None
        catalog, _, exported = metadata.get(BASE_FIELD, "").strip().partition(" ")
        base = cls(document, language, catalog, exported.strip())
        for pair in metadata.get(ENTRIES_FIELD, "").split():
            key, _, digest = pair.partition("=")
            if not (_HEX.fullmatch(key) and _HEX.fullmatch(digest)):
                raise ValueError(f"the header field {ENTRIES_FIELD} is damaged near {pair[:40]!r}")
            base.entries[key] = digest
        return base


def export_base(po: polib.POFile, text: str, document: str, language: str) -> ExportBase:
    """The base of an export of ``po`` (whose file text is ``text``) made now."""
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    base = ExportBase(document, language, catalog_digest(text), now)
    for entry in exchange_entries(po):
        base.entries[entry_id(entry)] = entry_proposal(entry).digest
    return base


def unit_id(entry: polib.POEntry) -> str:
    """An XLIFF unit id that carries the entry's id and its base fingerprint.

    >>> unit_id(polib.POEntry(msgid="Peace.", msgstr=""))[:1]
    'e'
    """
    return f"e{entry_id(entry)}-{entry_proposal(entry).digest}"


def parse_unit_id(value: str) -> tuple[str, str] | None:
    """(entry id, base fingerprint) from a unit id made by :func:`unit_id`, else None."""
    match = re.fullmatch(r"e([0-9a-f]{16})-([0-9a-f]{8})", value or "")
    return (match.group(1), match.group(2)) if match else None
