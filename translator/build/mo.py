"""Compile a PO catalog to a GNU MO file with Babel; drafts (fuzzy) never reach the MO.

The output depends only on the catalog: the header comes from the PO's own header (Babel
rewrites it in its canonical order), so compiling twice gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io

import polib
from babel.core import UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from translator.catalog.state import is_fuzzy

# Used when a catalog has no POT-Creation-Date: Babel would otherwise stamp "now".
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def compile_mo(po: polib.POFile) -> bytes:
    """The MO file for ``po``: translated (and approved) entries only, plus the header.

    >>> po = polib.POFile()
    >>> po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "de"}
    >>> po.append(polib.POEntry(msgid="Peace", msgstr="Frieden"))
    >>> po.append(polib.POEntry(msgid="War", msgstr="Krieg", flags=["fuzzy"]))
    >>> import gettext
    >>> t = gettext.GNUTranslations(io.BytesIO(compile_mo(po)))
    >>> t.gettext("Peace"), t.gettext("War")
    ('Frieden', 'War')
    """
    catalog = Catalog(creation_date=_EPOCH, charset="utf-8", fuzzy=False)
    for name, value in po.metadata.items():
        try:
            catalog.mime_headers = [(name, value)]
        except (ValueError, TypeError, AttributeError, UnknownLocaleError):
            continue  # a malformed date or unknown language: Babel keeps its neutral default
    catalog.charset = "utf-8"  # we write UTF-8 whatever the header claims
    for entry in po:
        if _compiled(entry):
            catalog.add(_ids(entry), _strings(entry), context=entry.msgctxt or None)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def _compiled(entry: polib.POEntry) -> bool:
    """What msgfmt would compile: live, not fuzzy, fully translated."""
    if entry.obsolete or not entry.msgid or is_fuzzy(entry):
        return False
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def _ids(entry: polib.POEntry):
    return (entry.msgid, entry.msgid_plural) if entry.msgid_plural else entry.msgid


def _strings(entry: polib.POEntry):
    if entry.msgid_plural:
        return tuple(entry.msgstr_plural[key] for key in sorted(entry.msgstr_plural))
    return entry.msgstr
