"""Exports and merges as the front ends call them: catalogs by language and document, files
by name, a whole language as a zip, and a merge under the catalog's lock.

The web app merges through its own store (same functions, its cache and version checks);
the command line merges with :func:`merge_into_catalog`.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from translator.catalog import catalog_lock, catalog_path, read_catalog, write_catalog
from translator.catalog.template import mark_revised
from translator.errors import TranslatorError
from translator.exchange.merge import MergeReport, merge_upload
from translator.exchange.po import export_po
from translator.exchange.upload import Upload, check_upload
from translator.exchange.xliff import export_xliff

if TYPE_CHECKING:
    import polib

    from translator.config import Settings


@dataclass(frozen=True)
class ExportFormat:
    name: str
    suffix: str
    media_type: str
    xliff: str = ""  # XLIFF version, "" for PO


EXPORT_FORMATS = {
    "po": ExportFormat("po", "po", "text/x-gettext-translation; charset=utf-8"),
    "xliff": ExportFormat("xliff", "xlf", "application/xliff+xml", "1.2"),
    "xliff-1.2": ExportFormat("xliff-1.2", "xlf", "application/xliff+xml", "1.2"),
    "xliff-2.0": ExportFormat("xliff-2.0", "xlf", "application/xliff+xml", "2.0"),
}
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed, so the same catalogs give the same archive


def export_format(name: str) -> ExportFormat:
    try:
        return EXPORT_FORMATS[name.lower()]
    except KeyError:
        known = ", ".join(EXPORT_FORMATS)
        raise TranslatorError(f"unknown export format {name!r}: choose from {known}") from None


def export_name(slug: str, lang: str, fmt: ExportFormat) -> str:
    """``<slug>.<lang>.po`` / ``.xlf``: the file name a translator gets."""
    return f"{slug}.{lang}.{fmt.suffix}"


def export_catalog(po: polib.POFile, settings: Settings, lang: str, slug: str, fmt: ExportFormat):
    """The bytes of one catalog's export."""
    if fmt.xliff:
        return export_xliff(po, slug, lang, settings.source_language, fmt.xliff)
    return export_po(po, slug, lang).encode("utf-8")


def read_export(settings: Settings, lang: str, slug: str, fmt: ExportFormat) -> bytes:
    """Export the catalog on disk (read under its lock, so never half-written)."""
    path = catalog_path(settings.locales_dir, lang, slug)
    if not path.is_file():
        raise TranslatorError(f"there is no {lang} catalog of {slug}")
    with catalog_lock(path):
        po = read_catalog(path)
    return export_catalog(po, settings, lang, slug, fmt)


def export_language(
    settings: Settings, lang: str, slugs: list[str], fmt: ExportFormat
) -> tuple[bytes, list[str]]:
    """A zip of every catalog of ``lang`` among ``slugs``; also the errors (broken catalogs)."""
    buffer = io.BytesIO()
    errors = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for slug in slugs:
            if not catalog_path(settings.locales_dir, lang, slug).is_file():
                continue
            try:
                data = read_export(settings, lang, slug, fmt)
            except TranslatorError as exc:
                errors.append(str(exc))
                continue
            info = zipfile.ZipInfo(f"{lang}/{export_name(slug, lang, fmt)}", _ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue(), errors


def merge_into_catalog(
    path: Path,
    upload: Upload,
    *,
    slug: str,
    lang: str,
    user: str,
    may_approve: bool,
    approve_all: bool = False,
    record: Callable[[MergeReport], None] | None = None,
) -> MergeReport:
    """Check and merge ``upload`` into the catalog at ``path`` (read-modify-write, locked).

    :param record: called inside the lock after the write (the audit log), so the log's
        order is the order of the writes.
    :raises UploadError: the file does not fit the catalog; nothing was written.
    """
    with catalog_lock(path):
        po = read_catalog(path)
        check_upload(upload, po, slug, lang)
        report = merge_upload(
            po,
            upload,
            user=user,
            day=dt.date.today().isoformat(),
            may_approve=may_approve,
            approve_all=approve_all,
        )
        report.document, report.language = slug, lang
        if report.merged:
            mark_revised(po)
            write_catalog(po, path)
        if record is not None:
            record(report)
    return report
