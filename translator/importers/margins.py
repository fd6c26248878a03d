"""What stands around a document's text on a copied page, found before the title is looked for.

One pass over the paragraphs takes out, each with its reason (a :class:`Drop`): lines with no
word at all (a lone ";" or "|"), footnote markers, notes and references (:mod:`.footnotes`),
credit, URL and "Published: | date" lines (:mod:`.metadata`, into the front matter), runs of
teasers (HTML paragraphs that open with a link to another article, "Most read"), and the
run of label-like lines that closes a page ("PDF", "Drucken", "Share | Tweet", "Наверх").

That closing run is found by shape, whatever the site's language: short lines (at most
:data:`MAX_LABEL_WORDS` words) with no sentence punctuation, no date and no list marker, after
the last line that reads as text. The phrase tables of :mod:`.chrome` are only a supplement: a
run that follows the signatories' introduction is an unnumbered list of organisations, and a
lone closing line of three words or with an acronym is a signature; there only phrase-table
chrome and link labels go.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from translator.importers import chrome
from translator.importers.body import is_intro
from translator.importers.dates import find_date
from translator.importers.footnotes import Note, find_footnotes
from translator.importers.metadata import is_credit, is_modified_line, published_date, url_of
from translator.importers.paragraphs import Drop, Para, is_slogan_line, join_lines, starts_item
from translator.text import word_count

MAX_LABEL_WORDS = 4
MAX_LABEL_CHARS = 40
MAX_LINK_WORDS = 6
MIN_LINK_SHARE = 0.9
MIN_TEASER_LINKS = 0.2  # of a paragraph that opens with a link: a headline and its teaser
MAX_LIST_WORDS = 25  # a longer line is no name in a list of organisations
MIN_SIGNATURE_WORDS = 3
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


def read_margins(paras: list[Para], lang: str) -> Margins:
    """Take everything that is not the document's own text out of ``paras``."""
    found = Margins([])
    for para in [part for whole in paras for part in _split_at_metadata(whole, lang)]:
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
    kept: list[Para] = []
    for para in found.paras:
        introduced = bool(kept) and kept[-1].text.endswith(":")  # "The list is at:" + URL
        if not _metadata(found, para, lang, introduced):
            kept.append(para)
    found.paras = kept
    _teasers(found)
    _closing_run(found, lang)
    found.drops.sort(key=lambda drop: drop.line)
    return found


def _split_at_metadata(para: Para, lang: str) -> list[Para]:
    """Undo a join of hard-wrapped lines around a credit, URL or metadata line
    ("Title" + "Published by: | 28.05.2014" in one blank-line group)."""
    lines, first = para.lines, para.line
    if len(lines) < 2 or para.hint:
        return [para]
    cuts = [
        k
        for k, line in enumerate(lines)
        if is_credit(line)
        or url_of(line)
        or published_date(line, lang)
        or is_modified_line(line, lang)
    ]
    bounds = sorted({0, len(lines), *cuts, *(k + 1 for k in cuts)})
    pieces = zip(bounds, bounds[1:], strict=False)
    return [join_lines(lines[a:b], first + a) for a, b in pieces if a < b]


def _metadata_shaped(line: str, lang: str) -> bool:
    return bool(
        is_credit(line)
        or url_of(line)
        or published_date(line, lang)
        or is_modified_line(line, lang)
    )


def _teaser(para: Para) -> bool:
    """A paragraph that opens with a link making much of it: another article's headline."""
    plain = para.hint in ("", "heading") and not para.marker
    return plain and para.link_first and para.links >= MIN_TEASER_LINKS


def _teasers(found: Margins) -> None:
    """Drop runs of two or more teasers ("Most read", "Related"), with the heading above."""
    paras, gone = found.paras, set()
    i = 0
    while i < len(paras):
        j = i
        while j < len(paras) and _teaser(paras[j]) and paras[j].hint != "heading":
            j += 1
        if j - i >= 2:
            heading = i > 0 and paras[i - 1].hint == "heading"
            gone.update(range(i - 1 if heading else i, j))
        i = max(j, i + 1)
    for k in sorted(gone):
        found.drops.append(Drop(paras[k].line, paras[k].text, "links to other pages (HTML)"))
    found.paras = [p for k, p in enumerate(paras) if k not in gone]


def _link_label(para: Para) -> bool:
    """A short paragraph that is all link text: a button or menu entry, not a sentence."""
    if para.hint in ("title", "heading", "item", "note") or para.links < MIN_LINK_SHARE:
        return False
    return word_count(para.text) <= MAX_LINK_WORDS and not para.text.endswith(SENTENCE_ENDS)


def _metadata(found: Margins, para: Para, lang: str, introduced: bool) -> bool:
    """Record a credit, URL or metadata line in ``found``; True if ``para`` was one.

    :param introduced: the paragraph before ends with a colon (a URL after it is text).
    """
    if para.hint in ("title", "item", "note", "chrome") or para.marker:
        return False
    if is_credit(para.text):
        found.meta.setdefault("translator_credit", para.text)
        reason = "translator's credit -> front matter translator_credit"
    elif not introduced and (url := url_of(para.text)):
        if urlsplit(url).path.strip("/"):
            found.meta.setdefault("original_url", url)
            reason = "URL line -> front matter original_url"
        else:
            reason = "the site's address (no page of it)"
    elif is_modified_line(para.text, lang):
        reason = "metadata line (when the page last changed: not the document's date)"
    elif date := published_date(para.text, lang):
        found.date = found.date or date
        reason = f"metadata line (date {date})"
    else:
        return False
    found.drops.append(Drop(para.line, para.text, reason))
    return True


def _label_like(para: Para, lang: str) -> bool:
    """A short line that does not read as text: a link label, a button, a menu entry."""
    text = para.text
    if para.hint in ("title", "heading", "item") or para.marker or starts_item(text):
        return False
    if _link_label(para):
        return True
    if word_count(text) > MAX_LABEL_WORDS or len(text) > MAX_LABEL_CHARS:
        return chrome.is_nav_line(text)
    return not text.rstrip("\"'”’»)] ").endswith(SENTENCE_ENDS) and not (
        is_slogan_line(text) or find_date(text, lang)
    )


def _in_list(paras: list[Para], start: int) -> bool:
    """Whether ``paras[start:]`` continue an unnumbered list that an introduction opens: the
    lines between it and ``start`` are all unpunctuated names."""
    i = start - 1
    while i >= 0 and not is_intro(paras[i]):
        text = paras[i].text.rstrip("\"'”’»)] ")
        if text.endswith(SENTENCE_ENDS) or word_count(text) > MAX_LIST_WORDS:
            return False
        i -= 1
    return i >= 0


def _signed(run: list[Para]) -> bool:
    """A lone closing line of three words or more, or with an acronym, is a signature ("The
    ICOR Coordinating Committee", "KKE (m-l)") more likely than a button."""
    if len(run) != 1 or run[0].hint == "chrome":
        return False
    text = run[0].text
    acronym = any(len(word) > 1 and word.isupper() for word in re.findall(r"\w+", text))
    return word_count(text) >= MIN_SIGNATURE_WORDS or acronym


def _closing_run(found: Margins, lang: str) -> None:
    """Drop the run of label-like lines that ends the page (see the module docstring)."""
    paras = found.paras
    start = len(paras)
    while start > 0 and (paras[start - 1].hint == "chrome" or _label_like(paras[start - 1], lang)):
        start -= 1
    if not any(word_count(p.text) > MAX_LABEL_WORDS for p in paras[:start]):
        return  # nothing reads as text before it: the run is the document
    listed = _in_list(paras, start) or _signed(paras[start:])
    kept = paras[:start]
    for para in paras[start:]:
        known = chrome.is_chrome(para.text) or chrome.is_tail_chrome(para.text)
        if para.hint == "chrome":
            kept.append(para)  # dropped as site chrome by the rules
        elif listed and not known and para.links < MIN_LINK_SHARE:
            kept.append(para)
        else:
            reason = (
                "site chrome" if chrome.is_chrome(para.text) else "label-like line closing the page"
            )
            found.drops.append(Drop(para.line, para.text, reason))
    found.paras = kept
