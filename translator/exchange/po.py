"""PO files for translators: the catalog as Poedit writes it, with the export's base in the
header; and PO files coming back, read strictly (as msgfmt judges them).

The export is the catalog itself (comments, positions, ``#, fuzzy``, ``# origin:``,
``# approved:`` and ``# joined:`` lines included), without obsolete entries, with
``X-Translator-Document``, ``X-Translator-Base`` and ``X-Translator-Entries`` added to the
header. Any PO editor keeps them; the upload reads the translation, the ``fuzzy`` flag and a
still valid ``# approved:`` line of each entry.
"""

from __future__ import annotations

import polib

from translator.catalog.io import catalog_text, parse_catalog
from translator.catalog.state import is_approved, is_fuzzy
from translator.errors import CatalogError
from translator.exchange.snapshot import ExportBase, Proposal, export_base
from translator.exchange.upload import Upload, UploadedEntry, UploadError, tool_name

DROPPED_HEADER_FIELDS = ("X-Generator",)  # so the upload names the tool that last wrote it


def export_po(po: polib.POFile, document: str, language: str) -> str:
    """The text of the file a translator downloads for ``po`` (which stays unchanged)."""
    text = catalog_text(po)
    copy = parse_catalog(text, f"{document}.po")
    for entry in [entry for entry in copy if entry.obsolete]:
        copy.remove(entry)
    for name in DROPPED_HEADER_FIELDS:
        copy.metadata.pop(name, None)
    copy.metadata.update(export_base(po, text, document, language).header_fields())
    return catalog_text(copy)


def read_po(data: bytes, name: str) -> Upload:
    """An uploaded PO file.

    :raises UploadError: not UTF-8, or not a PO file GNU gettext would accept (file:line).
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise UploadError([f"{name}:{line}: not valid UTF-8"]) from exc
    try:
        po = parse_catalog(text, name)
    except CatalogError as exc:
        raise UploadError([str(exc)]) from exc
    language = po.metadata.get("Language", "").strip()
    try:
        base = ExportBase.from_header(po.metadata, "")
    except ValueError as exc:
        raise UploadError([f"{name}: {exc}"]) from exc
    upload = Upload(
        name=name,
        format="po",
        language=language,
        document=base.document if base else "",
        tool=tool_name(po.metadata.get("X-Generator", "")),
        base=base,
    )
    for entry in po:
        if entry.obsolete or not entry.msgid:
            continue
        upload.entries.append(_uploaded(entry, base))
    return upload


def _uploaded(entry: polib.POEntry, base: ExportBase | None) -> UploadedEntry:
    proposal = Proposal(entry.msgstr, is_fuzzy(entry), is_approved(entry)).normalized()
    item = UploadedEntry(
        msgid=entry.msgid,
        msgctxt=entry.msgctxt,
        proposal=proposal,
        line=entry.linenum or 0,
        plural=bool(entry.msgid_plural),
    )
    if base is not None:
        item.base = base.entries.get(item.id)
    return item
