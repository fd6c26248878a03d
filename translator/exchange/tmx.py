"""TMX 1.4 translation memories, written and read through Translate Toolkit's ``tmxfile``.

:func:`write_tmx` makes one ``<tu>`` per translated sentence with the source and target
``<tuv>``, the document as ``x-document`` property and, where known, who made the
translation and when (``creationid`` / ``creationdate``, which Translate Toolkit reads but has
no call to set: they are set as attributes on its elements). :func:`read_tmx` takes a memory
from OmegaT, Trados or another instance and returns the units in one language pair, with a
problem named for each unit it leaves out.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lxml import etree
from translate.storage import tmx

from translator import __version__
from translator.catalog.state import comment_fields
from translator.exchange.upload import UploadError, same_language
from translator.text import unsafe_character
from translator.tm.memory import catalog_units

if TYPE_CHECKING:
    import polib

MAX_UNITS = 200_000
MAX_TEXT = 20_000
_TMX_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z")


@dataclass(frozen=True)
class MemoryUnit:
    """One sentence and its translation, with where it came from."""

    source: str
    target: str
    creator: str = ""
    created: str = ""  # ISO 8601 (UTC), "" when unknown
    document: str = ""


@dataclass
class MemoryFile:
    """The units of one TMX file in the language pair asked for, and what was left out."""

    name: str
    tool: str = ""
    units: list[MemoryUnit] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def catalog_memory(
    po: polib.POFile, slug: str, last: dict[str, tuple[str, str, str]] | None = None
) -> list[MemoryUnit]:
    """The pairs of a catalog the memory reuses (:func:`~translator.tm.memory.catalog_units`),
    each with its author and date: the approval's, else the last logged change's (``last``:
    msgid -> (user, time, text))."""
    approvals = {e.msgid: comment_fields(e).get("approved", "").split() for e in po if e.msgid}
    units = []
    for unit in catalog_units(po, slug):
        who, when, text = (last or {}).get(unit.source, ("", "", ""))
        if text != unit.target:
            who, when = "", ""  # the last logged change is not this translation
        approval = approvals.get(unit.source) or []
        if unit.approved and len(approval) >= 3:
            who, when = approval[0], approval[1]
        units.append(MemoryUnit(unit.source, unit.target, who, when, slug))
    return units


def tmx_date(iso: str) -> str:
    """``2024-05-01 12:30:00`` (UTC) -> ``20240501T123000Z``; "" when unreadable.

    >>> tmx_date("2024-05-01 12:30:00"), tmx_date("2024-05-01")
    ('20240501T123000Z', '20240501T000000Z')
    """
    try:
        moment = dt.datetime.fromisoformat(iso.strip().replace("Z", "+00:00"))
    except ValueError:
        return ""
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment.strftime("%Y%m%dT%H%M%SZ")


def iso_date(value: str) -> str:
    """``20240501T123000Z`` -> ``2024-05-01 12:30:00``; "" when unreadable."""
    match = _TMX_DATE.fullmatch((value or "").strip())
    if not match:
        return ""
    y, mo, d, h, mi, s = match.groups()
    return f"{y}-{mo}-{d} {h}:{mi}:{s}"


def write_tmx(units: list[MemoryUnit], source_lang: str, target_lang: str) -> bytes:
    """A TMX 1.4 document of ``units`` (source in ``source_lang``, targets in ``target_lang``)."""
    store = tmx.tmxfile(sourcelanguage=_tmx_lang(source_lang))
    store.addheader()
    header = next(store.document.getroot().iterchildren(store.namespaced("header")))
    header.set("creationtool", "translator")
    header.set("creationtoolversion", __version__)
    for item in units:
        unit = store.addsourceunit(item.source)
        unit.settarget(item.target, _tmx_lang(target_lang))
        if item.document:
            unit.setcontext(item.document)
        _stamp(unit, item)
    return bytes(store)


def _stamp(unit, item: MemoryUnit) -> None:
    """creationid/creationdate on the unit and its target variant."""
    when = tmx_date(item.created) if item.created else ""
    target = unit.getlanguageNodes()[-1]
    for element in (unit.xmlelement, target):
        if item.creator:
            element.set("creationid", item.creator)
        if when:
            element.set("creationdate", when)


def _tmx_lang(code: str) -> str:
    """``pt_BR`` -> ``pt-BR`` (TMX uses language tags)."""
    return code.replace("_", "-")


def read_tmx(data: bytes, name: str, source_lang: str, target_lang: str) -> MemoryFile:
    """The units of a TMX file that have both languages.

    :raises UploadError: not well-formed XML (with the line) or not a TMX file.
    """
    try:
        store = tmx.tmxfile.parsestring(data)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or (exc.position[0] if exc.position else 0)
        raise UploadError([f"{name}:{line}: not well-formed XML ({exc.msg})"]) from exc
    except (ValueError, AssertionError, StopIteration) as exc:
        raise UploadError([f"{name}: not a TMX file ({exc or 'no body'})"]) from exc
    root = store.document.getroot()
    if etree.QName(root).localname != "tmx":
        raise UploadError([f"{name}: not a TMX file (the root is <{root.tag}>)"])
    header = next(root.iterchildren(store.namespaced("header")), None)
    result = MemoryFile(name, tool=(header.get("creationtool", "") if header is not None else ""))
    for number, unit in enumerate(store.units, 1):
        if number > MAX_UNITS:
            result.problems.append(f"{name}: more than {MAX_UNITS} units; the rest left out")
            break
        item, problem = _read_unit(unit, source_lang, target_lang)
        if item is not None:
            result.units.append(item)
        elif problem:
            line = unit.xmlelement.sourceline or 0
            result.problems.append(f"{name}:{line}: unit {number}: {problem}")
    return result


def _read_unit(unit, source_lang: str, target_lang: str) -> tuple[MemoryUnit | None, str]:
    variants = {}
    for node in unit.getlanguageNodes():
        lang = node.get("{http://www.w3.org/XML/1998/namespace}lang") or node.get("lang") or ""
        text = unit.getNodeText(node, "preserve") or ""
        variants.setdefault(lang, (node, text))
    source = _variant(variants, source_lang)
    target = _variant(variants, target_lang)
    if source is None or target is None:
        missing = source_lang if source is None else target_lang
        return None, f"no {missing} text (has {', '.join(sorted(variants)) or 'none'})"
    for text in (source[1], target[1]):
        if not text.strip():
            return None, "an empty text"
        if len(text) > MAX_TEXT:
            return None, f"a text longer than {MAX_TEXT} characters"
        if unsafe_character(text) is not None:
            return None, "control characters in the text"
    node = target[0]
    creator = node.get("creationid") or unit.xmlelement.get("creationid") or ""
    created = node.get("creationdate") or unit.xmlelement.get("creationdate") or ""
    context = unit.getcontext() if hasattr(unit, "getcontext") else ""
    return MemoryUnit(source[1], target[1], creator[:80], iso_date(created), context[:200]), ""


def _variant(variants: dict, lang: str):
    for written, value in variants.items():
        if same_language(written, lang):
            return value
    return None
