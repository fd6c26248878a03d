"""What stands around a document's text on a copied page, found before the title is looked for.

One pass over the paragraphs takes out, each with its reason (a :class:`Drop`): lines with no
word at all (a lone ";" or "|"), footnote markers, notes and references (:mod:`.footnotes`),
credit, URL and "Published: | date" lines (:mod:`.metadata`, into the front matter), and the
run of label-like lines that closes a page ("PDF", "Drucken", "Share | Tweet", "Наверх").

That closing run is found by shape, whatever the site's language: short lines (at most
:data:`MAX_LABEL_WORDS` words) with no sentence punctuation, no date and no list marker, after
the last line that reads as text. The phrase tables of :mod:`.chrome` are only a supplement: a
run that follows the signatories' introduction is an unnumbered list of organisations, and
there only phrase-table chrome goes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from translator.importers import chrome
from translator.importers.dates import find_date
from translator.importers.footnotes import Note, find_footnotes
from translator.importers.metadata import is_credit, published_date, url_of
from translator.importers.paragraphs import Drop, Para, is_slogan_line, starts_item
from translator.text import word_count

MAX_LABEL_WORDS = 4
MAX_LABEL_CHARS = 40
MAX_LINK_WORDS = 6
MIN_LINK_SHARE = 0.9
MAX_LIST_WORDS = 25  # a longer line is no name in a list of organisations
SENTENCE_ENDS = (".", "!", "?", "…", "؟", "۔", "。", "！", "？", ":", ";")
_WORDLESS = re.compile(r"[\W_]+")


@dataclass
class Margins:
    """The paragraphs that are the document, and what the margins said about it."""

    paras: list[Para]
    meta: dict[str, str] = field(default_factory=dict)  # front matter keys found
    date: str = ""  # from a metadata line: the document's date when no date line has one
    notes: list[Note] = field(default_factory=list)
    drops: list[Drop] = field(default_factory=list)


def read_margins(paras: list[Para], lang: str, is_intro: Callable[[Para], bool]) -> Margins:
    """Take everything that is not the document's own text out of ``paras``.

    :param is_intro: whether a paragraph introduces the signatories (a run of short lines
        after it is their list, not chrome).
    """
    found = Margins([])
    for para in paras:
        if para.hint == "chrome":
            found.paras.append(para)  # markup said so: the rules drop it as site chrome
        elif _WORDLESS.fullmatch(para.text) and para.text.strip("*"):
            found.drops.append(Drop(para.line, para.text, "no words (a lone separator)"))
        elif _link_label(para):
            found.drops.append(Drop(para.line, para.text, "a link and nothing else (HTML)"))
        else:
            found.paras.append(para)
    notes = find_footnotes(found.paras)
    found.paras, found.notes, found.drops = notes.paras, notes.notes, found.drops + notes.drops
    if notes.refs:
        found.meta["footnote_refs"] = ", ".join(f"{mark}: {word}" for mark, word in notes.refs)
    found.paras = [p for p in found.paras if not _metadata(found, p, lang)]
    _closing_run(found, lang, is_intro)
    found.drops.sort(key=lambda drop: drop.line)
    return found


def _link_label(para: Para) -> bool:
    """A short paragraph that is all link text: a button or menu entry, not a sentence."""
    if para.hint in ("title", "heading", "item", "note") or para.links < MIN_LINK_SHARE:
        return False
    return word_count(para.text) <= MAX_LINK_WORDS and not para.text.endswith(SENTENCE_ENDS)


def _metadata(found: Margins, para: Para, lang: str) -> bool:
    """Record a credit, URL or metadata line in ``found``; True if ``para`` was one."""
    if para.hint in ("title", "item", "note", "chrome") or para.marker:
        return False
    if is_credit(para.text):
        _first(found, "translator_credit", para.text)
        reason = "translator's credit -> front matter translator_credit"
    elif url := url_of(para.text):
        _first(found, "original_url", url)
        reason = "URL line -> front matter original_url"
    elif date := published_date(para.text, lang):
        found.date = found.date or date
        reason = f"metadata line (date {date})"
    else:
        return False
    found.drops.append(Drop(para.line, para.text, reason))
    return True


def _first(found: Margins, key: str, value: str) -> None:
    found.meta.setdefault(key, value)


def _label_like(para: Para, lang: str) -> bool:
    """A short line that does not read as text: a link label, a button, a menu entry."""
    text = para.text
    if para.hint in ("title", "heading", "item") or para.marker or starts_item(text):
        return False
    if para.links >= MIN_LINK_SHARE:
        return True
    if word_count(text) > MAX_LABEL_WORDS or len(text) > MAX_LABEL_CHARS:
        return chrome.is_nav_line(text)
    return not text.rstrip("\"'”’»)] ").endswith(SENTENCE_ENDS) and not (
        is_slogan_line(text) or find_date(text, lang)
    )


def _in_list(paras: list[Para], start: int, is_intro: Callable[[Para], bool]) -> bool:
    """Whether ``paras[start:]`` continue an unnumbered list that an introduction opens: the
    lines between it and ``start`` are all unpunctuated names."""
    i = start - 1
    while i >= 0 and not is_intro(paras[i]):
        text = paras[i].text.rstrip("\"'”’»)] ")
        if text.endswith(SENTENCE_ENDS) or word_count(text) > MAX_LIST_WORDS:
            return False
        i -= 1
    return i >= 0


def _closing_run(found: Margins, lang: str, is_intro: Callable[[Para], bool]) -> None:
    """Drop the run of label-like lines that ends the page (see the module docstring)."""
    paras = found.paras
    start = len(paras)
    while start > 0 and (paras[start - 1].hint == "chrome" or _label_like(paras[start - 1], lang)):
        start -= 1
    if not any(word_count(p.text) > MAX_LABEL_WORDS for p in paras[:start]):
        return  # nothing reads as text before it: the run is the document
    listed = _in_list(paras, start, is_intro)
    kept = paras[:start]
    for para in paras[start:]:
        if para.hint == "chrome":
            kept.append(para)  # dropped as site chrome by the rules
        elif listed and not (chrome.is_chrome(para.text) or chrome.is_tail_chrome(para.text)):
            kept.append(para)
        else:
            found.drops.append(Drop(para.line, para.text, "label-like line closing the page"))
    found.paras = kept
