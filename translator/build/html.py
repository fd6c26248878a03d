"""Standalone HTML pages: one per document and language, an index per document, a site index.

Pages are rendered from the localized Markdown with markdown-it-py (raw HTML off, so anything a
translator typed is escaped), carry ``<html lang dir>`` (right-to-left for Arabic and Persian), an
inline stylesheet with a font stack for Latin, Cyrillic, Arabic, Devanagari, Bengali and CJK, and
no timestamps: the same input gives the same bytes. Sentences shown in the source language for
want of a translation are wrapped in ``<span class="untranslated" lang="..">``.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from markdown_it.token import Token

from translator.build.documents import LocalizedDocument
from translator.languages import language_name, native_name, text_direction
from translator.segment.markdown import markdown_parser

_MD = markdown_parser(html=False)
# Rarely used punctuation (Unicode P*, so emphasis next to them parses as at a sentence edge);
# the first pair absent from a document marks its untranslated sentences.
_MARKERS = [("\u2e28", "\u2e29"), ("\u2e26", "\u2e27"), ("\u2e02", "\u2e03"), ("\u2e04", "\u2e05")]

FONT_STACK = (
    'system-ui, -apple-system, "Segoe UI", "Noto Sans", Roboto, "Helvetica Neue", Arial, '
    '"Noto Sans Arabic", "Vazirmatn", "Noto Naskh Arabic", Tahoma, '
    '"Noto Sans Devanagari", "Nirmala UI", Mangal, "Noto Sans Bengali", Vrinda, '
    '"DejaVu Sans", "Noto Sans CJK SC", "Noto Sans CJK JP", "Microsoft YaHei", sans-serif'
)

STYLE = f"""
:root {{ color-scheme: light dark; --text: #1b1b1b; --muted: #5c5c5c; --bg: #fdfdfb;
  --accent: #b3001b; --rule: #d9d6cf; --untranslated: #fff1c2; }}
@media (prefers-color-scheme: dark) {{ :root {{ --text: #e8e6e3; --muted: #a8a29a;
  --bg: #171716; --accent: #ff6b6b; --rule: #3a3835; --untranslated: #4a3f14; }} }}
html {{ font-family: {FONT_STACK}; font-size: 112.5%; line-height: 1.6;
  color: var(--text); background: var(--bg); -webkit-text-size-adjust: 100%; }}
body {{ margin: 0 auto; max-width: 42rem; padding: 1.5rem 1.25rem 3rem; }}
:lang(fa) {{ font-family: "Vazirmatn", "Noto Sans Arabic", Tahoma, {FONT_STACK}; }}
:lang(ar) {{ font-family: "Noto Naskh Arabic", "Noto Sans Arabic", Tahoma, {FONT_STACK}; }}
:lang(ar), :lang(fa) {{ line-height: 1.9; }}
:lang(hi), :lang(ne), :lang(mr) {{ font-family: "Noto Sans Devanagari", "Nirmala UI", Mangal,
  {FONT_STACK}; line-height: 1.8; }}
:lang(bn) {{ font-family: "Noto Sans Bengali", "Nirmala UI", Vrinda, {FONT_STACK};
  line-height: 1.8; }}
h1 {{ font-size: 1.9rem; line-height: 1.25; margin: 1.5rem 0 1rem; color: var(--accent); }}
h2 {{ font-size: 1.35rem; line-height: 1.3; margin: 2rem 0 .75rem; }}
h3, h4, h5, h6 {{ font-size: 1.1rem; margin: 1.5rem 0 .5rem; }}
p, ul, ol, blockquote {{ margin: 0 0 1rem; }}
ul, ol {{ padding-inline-start: 1.75rem; }}
li {{ margin-block: .25rem; }}
a {{ color: var(--accent); text-underline-offset: .15em; }}
blockquote {{ margin-inline: 0; padding-inline-start: 1rem; border-inline-start: .25rem solid
  var(--rule); color: var(--muted); font-style: italic; }}
code {{ font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
  font-size: .9em; }}
.dateline {{ color: var(--muted); font-style: italic; margin-bottom: 1.5rem; }}
.slogans {{ margin: 2rem 0; font-weight: 700; font-size: 1.15rem; text-align: center; }}
.slogans p {{ margin: .35rem 0; }}
.signatories {{ margin-top: 2.5rem; padding-top: 1rem; border-top: 1px solid var(--rule);
  font-size: .92rem; }}
.untranslated {{ background: var(--untranslated); border-radius: .15em;
  box-decoration-break: clone; -webkit-box-decoration-break: clone; }}
nav.languages {{ font-size: .9rem; color: var(--muted); padding-bottom: .75rem;
  border-bottom: 1px solid var(--rule); }}
nav.languages a, nav.languages strong {{ display: inline-block; margin-inline-end: .75rem; }}
footer {{ margin-top: 3rem; font-size: .85rem; color: var(--muted); }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ text-align: start; padding: .4rem .5rem; border-bottom: 1px solid var(--rule);
  vertical-align: baseline; }}
td.number {{ text-align: end; font-variant-numeric: tabular-nums; }}
.english {{ color: var(--muted); font-size: .85rem; }}
@media print {{ nav.languages, footer {{ display: none; }} body {{ max-width: none; }} }}
""".strip()


@dataclass(frozen=True)
class LanguageEntry:
    """One language of a document on an index or in a page's language bar."""

    lang: str
    completion: float
    original: bool = False
    formats: tuple[str, ...] = ("html",)


def html_lang(code: str) -> str:
    """BCP 47 spelling for ``lang`` attributes: ``pt_BR`` -> ``pt-BR``."""
    return code.replace("_", "-")


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def _head(title: str, lang: str, extra: str = "") -> list[str]:
    return [
        "<!DOCTYPE html>",
        f'<html lang="{_attr(html_lang(lang))}" dir="{text_direction(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="translator">',
        f"<title>{html.escape(title)}</title>",
        *([extra] if extra else []),
        f"<style>\n{STYLE}\n</style>",
        "</head>",
    ]


def render_page(doc: LocalizedDocument, languages: list[LanguageEntry]) -> str:
    """A complete HTML page for one localized document.

    :param doc: the localized document (its Markdown and fallback marks).
    :param languages: every language the document is published in, for the language bar.
    """
    alternates = "\n".join(
        f'<link rel="alternate" hreflang="{_attr(html_lang(entry.lang))}" '
        f'href="{_attr(entry.lang)}.html">'
        for entry in languages
        if "html" in entry.formats
    )
    lines = _head(doc.title, doc.lang, alternates)
    lines += ["<body>", _language_bar(doc.lang, languages), "<main>"]
    lines += [f'<article class="document {_attr(doc.slug)}">', render_body(doc), "</article>"]
    lines += ["</main>"]
    if doc.fallbacks:
        lines.append(_fallback_note(doc))
    lines += ["</body>", "</html>", ""]
    return "\n".join(lines)


def render_body(doc: LocalizedDocument) -> str:
    """The document's Markdown as HTML, fallback sentences wrapped in marked spans."""
    start, end = _markers(doc.markdown)
    tokens = _MD.parse(doc.marked_markdown(start, end))
    _mark_fallbacks(tokens, start, end, _span_open(doc))
    _keep_list_numbers(tokens)
    return _MD.renderer.render(tokens, _MD.options, {}).strip("\n")


def _markers(markdown: str) -> tuple[str, str]:
    for start, end in _MARKERS:
        if start not in markdown and end not in markdown:
            return start, end
    raise ValueError("document uses every fallback marker character")  # pragma: no cover


def _span_open(doc: LocalizedDocument) -> str:
    source_dir = text_direction(doc.source_lang)
    direction = f' dir="{source_dir}"' if source_dir != text_direction(doc.lang) else ""
    return f'<span class="untranslated" lang="{_attr(html_lang(doc.source_lang))}"{direction}>'


def _mark_fallbacks(tokens: list[Token], start: str, end: str, span_open: str) -> None:
    """Replace marker characters by spans around each text run they enclose (valid nesting)."""
    inside = False
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        children: list[Token] = []
        for child in token.children:
            if child.type == "text" and (start in child.content or end in child.content):
                inside = _split_text(child, start, end, inside, span_open, children)
            elif inside and child.type in ("text", "code_inline"):
                children += [_raw(span_open), child, _raw("</span>")]
            else:
                children.append(child)
        token.children = children


def _split_text(
    child: Token, start: str, end: str, inside: bool, span_open: str, out: list[Token]
) -> bool:
    buffer = ""
    for char in child.content + "\0":
        if char not in (start, end, "\0"):
            buffer += char
            continue
        if buffer:
            text = Token("text", "", 0, content=buffer)
            out.extend([_raw(span_open), text, _raw("</span>")] if inside else [text])
            buffer = ""
        if char != "\0":
            inside = char == start
    return inside


def _raw(content: str) -> Token:
    return Token("html_inline", "", 0, content=content)


def _keep_list_numbers(tokens: list[Token]) -> None:
    """Give an ordered list item ``value=`` when its written number is not the next one."""
    expected: list[int] = []
    for token in tokens:
        if token.type == "ordered_list_open":
            expected.append(int(token.attrGet("start") or 1))
        elif token.type == "ordered_list_close":
            expected.pop()
        elif token.type == "bullet_list_open":
            expected.append(-1)
        elif token.type == "bullet_list_close":
            expected.pop()
        elif token.type == "list_item_open" and expected and expected[-1] >= 0:
            number = int(token.info) if token.info.isdigit() else expected[-1]
            if number != expected[-1]:
                token.attrSet("value", str(number))
            expected[-1] = number + 1


def _fallback_note(doc: LocalizedDocument) -> str:
    source = html.escape(language_name(doc.source_lang))
    return (
        f'<footer><p lang="en" dir="ltr"><span class="untranslated">Highlighted passages</span> '
        f"are not translated yet and are shown in the original {source}.</p></footer>"
    )


def _language_bar(current: str, languages: list[LanguageEntry]) -> str:
    links = ['<a href="index.html">&#8962;</a>']
    for entry in languages:
        code = _attr(html_lang(entry.lang))
        name = html.escape(native_name(entry.lang))
        direction = text_direction(entry.lang)
        if entry.lang == current:
            links.append(
                f'<strong lang="{code}" dir="{direction}" aria-current="page">{name}</strong>'
            )
        elif "html" in entry.formats:
            links.append(
                f'<a href="{_attr(entry.lang)}.html" hreflang="{code}" lang="{code}" '
                f'dir="{direction}">{name}</a>'
            )
    return '<nav class="languages">' + " ".join(links) + "</nav>"


_FORMAT_NAMES = {
    "html": "HTML",
    "md": "Markdown",
    "txt": "Text",
    "docx": "Word",
    "odt": "OpenDocument",
}
_MEDIA_TYPES = {
    "md": "text/markdown",
    "txt": "text/plain",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
}


def render_document_index(title: str, languages: list[LanguageEntry]) -> str:
    """``<slug>/index.html``: every published language of one document with its completion."""
    lines = _head(f"{title} – languages", "en")
    lines += ["<body>", "<main>", f"<h1>{html.escape(title)}</h1>", "<table>"]
    lines.append(
        "<thead><tr><th>Language</th><th>Completion</th><th>Formats</th></tr></thead><tbody>"
    )
    for entry in languages:
        lines.append(_index_row(entry))
    lines += ["</tbody></table>", "</main>", "</body>", "</html>", ""]
    return "\n".join(lines)


def _index_row(entry: LanguageEntry) -> str:
    code, lang = _attr(html_lang(entry.lang)), _attr(entry.lang)
    name = html.escape(native_name(entry.lang))
    direction = text_direction(entry.lang)
    names = (
        [language_name(entry.lang)] if language_name(entry.lang) != native_name(entry.lang) else []
    )
    english = html.escape(" · ".join(names + (["original"] if entry.original else [])))
    if "html" in entry.formats:
        label = (
            f'<a href="{lang}.html" hreflang="{code}" lang="{code}" dir="{direction}">{name}</a>'
        )
    else:
        label = f'<span lang="{code}" dir="{direction}">{name}</span>'
    formats = " ".join(
        f'<a href="{lang}.{fmt}" type="{_MEDIA_TYPES[fmt]}">{_FORMAT_NAMES[fmt]}</a>'
        for fmt in _MEDIA_TYPES
        if fmt in entry.formats
    )
    return (
        f'<tr><td>{label} <span class="english">{english}</span></td>'
        f'<td class="number">{entry.completion:.1f}%</td><td>{formats}</td></tr>'
    )


@dataclass(frozen=True)
class DocumentEntry:
    """One document on the site index."""

    slug: str
    title: str
    languages: int


def render_site_index(documents: list[DocumentEntry]) -> str:
    """``index.html`` at the top of the output: every document with its language count."""
    lines = _head("Documents", "en")
    lines += ["<body>", "<main>", "<h1>Documents</h1>", "<ul>"]
    for doc in documents:
        slug = _attr(doc.slug)
        count = f"{doc.languages} language{'s' if doc.languages != 1 else ''}"
        lines.append(
            f'<li><a href="{slug}/index.html">{html.escape(doc.title)}</a> '
            f'<span class="english">{count}</span></li>'
        )
    lines += ["</ul>", "</main>", "</body>", "</html>", ""]
    return "\n".join(lines)
