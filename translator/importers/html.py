"""HTML pages -> paragraphs for the shared rules: keep h1/h2-h6, p, ol/ul/li; drop site chrome.

Navigation, headers, footers, sidebars and elements named like chrome (Plone's
``portal-breadcrumbs``, ``documentActions``...) are dropped and reported; scripts and styles are
dropped silently. An element holding the page's ``<h1>`` is never dropped, because themes wrap
the title in ``<header class="entry-header">``. A short paragraph that is all link text ("PDF",
"Drucken | Versenden") is a link label (:mod:`.margins`); ``<sup>1</sup>`` is a footnote
reference and an element named like ``footnotes`` holds the notes (:mod:`.footnotes`).

Main content: our rules, not trafilatura. On the HTML fixture pages (``benchmarks/importing.py``,
6 pages, 46 blocks) the rules keep blocks at precision 1.000 and recall 1.000; trafilatura
followed by our text rules 0.822 and 0.804 (it leaves out the ``<h1>`` or ``<h2>`` title and
signatory lists, keeps a news site's comments, "most read" teasers and footer, drops the
zero-width non-joiners of Persian words, and glues ``<sup>`` numbers to words); our paragraphs
filtered by trafilatura 1.000 and 0.935 (the signatories and the title again). The pages were
written for the rules, so theirs is an upper bound, but each shortfall of trafilatura loses
text a resolution needs. Publication date: htmldate reads the page's markup (meta tags,
``<time>``, JSON-LD) and is used only when no date line or metadata line gives a date: the
rules alone get 4 of 6 pages right, htmldate alone 2 (4 with its extensive search of the
text), the rules with htmldate as the fallback 6.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, Tag
from bs4.element import CData, ProcessingInstruction

from translator.errors import SourceError
from translator.importers.paragraphs import Drop, Para
from translator.importers.plaintext import ImportResult, import_paragraphs
from translator.importers.sniff import strip_server_code

_SILENT = {
    "script", "style", "noscript", "template", "svg", "head", "iframe", "object", "canvas",
    "button", "select", "input", "textarea", "img", "video", "audio", "map",
}  # fmt: skip
_CHROME_TAGS = {"nav", "aside", "form", "menu"}
_PAGE_FRAME = {"header", "footer"}  # chrome unless inside the article itself
_CHROME_ROLES = {"navigation", "banner", "contentinfo", "search", "complementary", "menubar"}
_CHROME_NAMES = re.compile(
    r"(?:^|[\s_-])(?:breadcrumbs?|personaltools|personal-tools|documentactions|document-actions|"
    r"skip(?:links?|nav)?|portlets?|sidebar|navbar|nav|navigation|globalnav|menu|searchbox|"
    r"search|social|share|sharing|cookies?|header|footer|siteactions|"
    # what readability-style extractors also skip, and the same in the languages we import
    r"comments?|disqus|respond|replies|related|sponsor(?:ed)?|pagination|pager|popup|banner|"
    r"widgets?|comentarios?|commentaires?|kommentare?|yorumlar?|rodape|lateral|fusszeile|"
    r"seitenleiste|pied|pie-de-pagina)(?=$|[\s_-])"
)
_BLOCKS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ol", "ul", "blockquote", "section",
    "article", "main", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption", "dl",
    "dt", "dd", "pre", "figure", "figcaption", "address", "hr", "center", "body", "html",
    "header", "footer", "fieldset", "details", "summary", "legend", "nav", "aside", "form", "menu",
}  # fmt: skip
# Footnote sections by id or class: "footnotes", "endnotes", "fn-list", "fussnoten", "notas".
_NOTE_NAMES = re.compile(
    r"(?:^|[\s_-])(?:(?:foot|end)?notes?|fn|fns|fn-?list|fu(?:ss|ß)noten?|anmerkungen|notas|"
    r"dipnot(?:lar)?i?|примечания|сноски|حواشی|پانویس|هوامش)(?=$|[\s_-])|footnote|endnote"
)
_NOTE_MARK = re.compile(r"[(\[]?(\d{1,3})[)\]]?")
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_SKIPPED_STRINGS = (Comment, Declaration, Doctype, ProcessingInstruction, CData)
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML collapses these, but not &nbsp;


def import_html(
    html: str, *, lang: str = "en", slug: str | None = None, filename: str = "<html>"
) -> ImportResult:
    """Import an HTML page as canonical Markdown.

    :param html: the page's source, already decoded.
    :param lang: BCP 47 code of the document's language (month names, front matter).
    :param slug: the document's name; by default made from the title's first words and the date.
    :param filename: named in errors and warnings.

    >>> page = "<nav>Home | News | Contact</nav><h1>Free all political prisoners!</h1><p>Now.</p>"
    >>> result = import_html(page)
    >>> result.title, result.dropped
    ('Free all political prisoners!', ['Home | News | Contact'])
    """
    if not html.strip():
        raise SourceError(f"{filename}: empty input, nothing to import")
    html, drops = strip_server_code(html)
    soup = BeautifulSoup(html, "html.parser")
    walker = _Walker()
    walker.walk(soup.body or soup)
    walker.flush()
    result = import_paragraphs(
        walker.paras,
        lang=lang,
        slug=slug,
        filename=filename,
        drops=drops,
        page_date=page_date(html),
        page_url=_canonical_url(soup),
    )
    result.explained = sorted(result.explained + walker.hidden, key=lambda drop: drop.line)
    return result


def _canonical_url(soup: BeautifulSoup) -> str:
    """The page's own address: ``<link rel="canonical">`` or ``og:url``, if absolute."""
    link = soup.find("link", rel="canonical")
    meta = soup.find("meta", attrs={"property": "og:url"})
    for value in (link.get("href") if link else "", meta.get("content") if meta else ""):
        if isinstance(value, str) and value.strip().lower().startswith(("http://", "https://")):
            return value.strip()
    return ""


def page_date(html: str) -> str:
    """The page's publication date from its markup (meta tags, ``<time>``, JSON-LD), or "".

    htmldate reads what the page says about itself; its guesses from the running text are
    left out (``extensive_search=False``), since the rules read date lines better.
    """
    from htmldate import find_date  # lazy: only HTML imports pay for htmldate and lxml

    try:
        found = find_date(html, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except (ValueError, TypeError):  # a page lxml cannot make sense of
        return ""
    return found or ""


def _is_notes(tag: Tag) -> bool:
    """An element that holds the page's footnotes (``<div class="footnotes">``)."""
    names = " ".join([tag.get("id") or "", *(tag.get("class") or [])]).lower()
    return bool(names.strip()) and bool(_NOTE_NAMES.search(names))


def _is_chrome(tag: Tag) -> bool:
    if tag.find("h1") is not None or tag.name == "h1":
        return False  # the title lives here
    if tag.name in _CHROME_TAGS or tag.get("role") in _CHROME_ROLES:
        return True
    if tag.name in _PAGE_FRAME and tag.find_parent(["article", "main"]) is None:
        return True
    names = " ".join([tag.get("id") or "", *(tag.get("class") or [])]).lower()
    return bool(names.strip()) and bool(_CHROME_NAMES.search(names))


class _Walker:
    """Collects paragraphs in document order; block elements end a paragraph."""

    def __init__(self, hint: str = "") -> None:
        self.paras: list[Para] = []
        self.hint = hint  # given to every paragraph ("chrome" inside a dropped element)
        self.buffer: list[str] = []
        self.line = 0
        self.title_seen = False
        self.in_heading = False  # a <br> inside a heading is a space, not a new paragraph
        self.in_link = 0  # depth of <a> elements around the text being read
        self.link_chars = 0  # visible characters inside links since the last paragraph
        self.link_first: bool | None = None  # whether the paragraph's first text is a link
        self.hidden: list[Drop] = []  # scripts, styles, buttons: left out without a paragraph

    def flush(self, hint: str = "", marker: str = "") -> None:
        text = _HTML_SPACE.sub(" ", "".join(self.buffer)).strip()
        self.buffer, links, self.link_chars = [], self.link_chars, 0
        first, self.link_first = bool(self.link_first), None
        if text:
            share = min(1.0, links / max(1, len(_HTML_SPACE.sub("", text))))
            hint = self.hint or hint
            self.paras.append(Para(text, self.line, hint, marker, links=share, link_first=first))

    def walk(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, _SKIPPED_STRINGS):
                continue
            if isinstance(child, NavigableString):
                self.buffer.append(str(child))
                visible = len(_HTML_SPACE.sub("", str(child)))
                if self.in_link:
                    self.link_chars += visible
                if visible and self.link_first is None:
                    self.link_first = bool(self.in_link)
            elif isinstance(child, Tag):
                self._tag(child)

    def _tag(self, tag: Tag) -> None:
        if tag.name in _SILENT:
            self._hide(tag)
            return
        if tag.name == "sup" and (mark := _NOTE_MARK.fullmatch(tag.get_text().strip())):
            self.buffer.append(mark.group(1).translate(_SUPERSCRIPT))  # a footnote reference
            return
        if tag.name == "a":
            self.in_link += 1
            self.walk(tag)
            self.in_link -= 1
            return
        if tag.name == "br":
            if self.in_heading:
                self.buffer.append(" ")
            else:
                self.flush()
            return
        if tag.name not in _BLOCKS:
            self.walk(tag)  # inline: its text joins the paragraph
            return
        self.flush()
        self.line = tag.sourceline or self.line
        if not self.hint and _is_chrome(tag):
            self._sub(tag, "chrome")
        elif not self.hint and _is_notes(tag):
            self._sub(tag, "note")
        elif tag.name in ("ol", "ul"):
            self._list(tag)
        elif tag.name == "pre":
            for line in tag.get_text().splitlines():
                self.buffer.append(line)
                self.flush()
        else:
            self.in_heading = bool(re.fullmatch(r"h[1-6]", tag.name))
            self.walk(tag)
            self.in_heading = False
            self.flush(self._heading_hint(tag.name))

    def _hide(self, tag: Tag) -> None:
        """Report an element left out without a paragraph, if it held text or code."""
        text = " ".join(tag.get_text(" ").split())
        if tag.name in ("script", "style") or (text and tag.name != "head"):
            shown = text[:60] + ("…" if len(text) > 60 else "")
            reason = f"<{tag.name}> element (not document text)"
            self.hidden.append(Drop(tag.sourceline or self.line, shown or f"<{tag.name}>", reason))

    def _heading_hint(self, name: str) -> str:
        if name == "h1" and not self.title_seen:
            self.title_seen = True
            return "title"
        return "heading" if re.fullmatch(r"h[1-6]", name) else ""

    def _sub(self, tag: Tag, hint: str) -> None:
        inner = _Walker(hint)
        inner.line = self.line
        inner.walk(tag)
        inner.flush()
        self.paras += inner.paras
        self.hidden += inner.hidden

    def _list(self, tag: Tag) -> None:
        ordered = tag.name == "ol"
        number = _int(tag.get("start"), 1)
        for li in tag.find_all("li", recursive=False):
            number = _int(li.get("value"), number)
            nested = [c for c in li.find_all(["ol", "ul"], recursive=False)]
            for sub in nested:
                sub.extract()
            inner = _Walker(self.hint)
            inner.walk(li)
            inner.flush()
            self.hidden += inner.hidden
            self.buffer = [" ".join(p.text for p in inner.paras)]
            sizes = [len(_HTML_SPACE.sub("", p.text)) for p in inner.paras]
            self.link_chars = int(sum(p.links * n for p, n in zip(inner.paras, sizes, strict=True)))
            self.link_first = bool(inner.paras) and inner.paras[0].link_first
            self.line = li.sourceline or self.line
            self.flush("item", str(number) if ordered else "-")
            for sub in nested:
                self._tag(sub)
            number += 1


def _int(value: object, default: int) -> int:
    # Markdown list numbers have at most nine digits and no sign.
    try:
        return min(max(int(str(value)), 0), 999_999_999)
    except ValueError:
        return default
