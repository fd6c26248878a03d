"""The document preview: the source and the localized document as HTML, side by side, with
every sentence wrapped in a clickable ``<span class="seg">`` that opens it in the editor.

The localized Markdown comes from :mod:`translator.build.documents` (the same code that builds
the published document) when it is installed; otherwise the source template is filled with
the translations directly. Markdown is rendered with raw HTML disabled, so nothing a
translator types can become markup; sentence marks are private-use characters replaced after
rendering, and only in text, never inside tags. :func:`preview` is the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from flask import render_template
from flask_login import login_required
from markupsafe import Markup, escape

from translator.catalog.state import comment_fields, entry_state
from translator.model import EntryState, Gap, Slot
from translator.segment.markdown import markdown_parser
from translator.web.access import open_workspace

if TYPE_CHECKING:
    from translator.model import Document
    from translator.web.data.catalogs import CatalogView

OPEN, MID, CLOSE = "\ue000", "\ue001", "\ue002"
_MARK = re.compile(f"{OPEN}(\\d+){MID}")
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
_MD = markdown_parser(html=False)


@login_required
def preview(slug: str, lang: str):
    """The localized document as it will be published, beside the source."""
    space = open_workspace(slug, lang, "view")
    if space.broken:
        return render_template("review/broken.html", space=space)
    if space.doc is None:
        return render_template("review/broken.html", space=space, source_error=space.doc_error)
    view = space.view
    keys = {entry.msgid: key for entry, key in zip(view.entries, view.keys, strict=True)}
    result = build_preview(space.doc.doc, view, space.lang, keys)
    return render_template("review/preview.html", space=space, preview=result)


@dataclass
class Preview:
    source: Markup
    translation: Markup
    completion: float
    warnings: list[str]


def _wrap(index: int, text: str) -> str:
    return f"{OPEN}{index}{MID}{text}{CLOSE}"


def source_markdown(doc: Document) -> str:
    """The source body with each sentence marked by its segment index."""
    parts = []
    for piece in doc.template:
        if isinstance(piece, Slot):
            parts.append(_wrap(piece.index, doc.segments[piece.index].raw))
        elif isinstance(piece, Gap):
            parts.append(piece.text)
        else:
            parts.append(piece)
    return "".join(parts)


def localized_markdown(doc: Document, view: CatalogView, lang: str, drafts: bool):
    """The localized body with sentences marked, its completion and the builder's warnings."""
    try:
        from translator.build.documents import Fallback, render_document
        from translator.build.translations import Use, choose_translations
    except ImportError:
        return _simple_localized(doc, view, drafts), None, []
    selection = choose_translations(doc, view.po, allow_drafts=drafts)
    rendered = render_document(doc, selection, lang, fallback=Fallback.SOURCE)
    shown = [
        slot.index
        for slot in doc.template
        if isinstance(slot, Slot)
        and (
            selection.choices[slot.index].use is Use.TRANSLATION
            or selection.choices[slot.index].use is Use.MISSING
        )
    ]
    slots = [piece for piece in rendered.pieces if piece.slot]
    body = rendered.pieces[1:]  # the first piece is the front matter
    if len(slots) != len(shown):
        return "".join(piece.text for piece in body), selection.completion, selection.warnings
    numbers = iter(shown)
    parts = [_wrap(next(numbers), p.text) if p.slot else p.text for p in body]
    return "".join(parts), selection.completion, selection.warnings


def _simple_localized(doc: Document, view: CatalogView, drafts: bool) -> str:
    """Fallback without the build package: translation or source per slot."""
    by_msgid = {entry.msgid: entry for entry in view.entries}
    parts = []
    for piece in doc.template:
        if isinstance(piece, Slot):
            segment = doc.segments[piece.index]
            entry = by_msgid.get(segment.text)
            if entry is not None and comment_fields(entry).get("joined") == "previous":
                continue
            state = entry_state(entry) if entry is not None else EntryState.UNTRANSLATED
            usable = state is not EntryState.UNTRANSLATED and (
                drafts or state is not EntryState.DRAFT
            )
            parts.append(_wrap(piece.index, entry.msgstr if usable else segment.raw))
        elif isinstance(piece, Gap):
            parts.append(piece.text)
        else:
            parts.append(piece)
    return "".join(parts)


def render_marked(markdown: str, targets: dict[int, tuple[str, str]]) -> Markup:
    """Markdown with sentence marks -> safe HTML; ``targets``: segment -> (entry key, state)."""
    html = _MD.render(markdown)
    out = []
    for part in _TAG_OR_TEXT.split(html):
        if part.startswith("<"):
            out.append(_MARK.sub("", part).replace(CLOSE, ""))
            continue
        out.append(
            _MARK.sub(lambda m: _open_tag(int(m.group(1)), targets), part).replace(CLOSE, "</span>")
        )
    return Markup("".join(out))


def _open_tag(index: int, targets: dict[int, tuple[str, str]]) -> str:
    key, state = targets.get(index, ("", "untranslated"))
    return (
        f'<span class="seg state-{escape(state)}" data-key="{escape(key)}" '
        f'data-index="{index}" tabindex="0" role="link">'
    )


def build_preview(
    doc: Document, view: CatalogView, lang: str, keys: dict[str, str], *, drafts: bool = False
) -> Preview:
    """Both sides of the preview; ``keys`` maps msgid -> entry key; ``drafts``: show drafts."""
    states = {
        entry.msgid: str(state) for entry, state in zip(view.entries, view.states, strict=True)
    }
    targets = {
        index: (keys.get(segment.text, ""), states.get(segment.text, "untranslated"))
        for index, segment in enumerate(doc.segments)
    }
    body, completion, warnings = localized_markdown(doc, view, lang, drafts)
    if completion is None:
        done = sum(state is not EntryState.UNTRANSLATED for state in view.states)
        completion = round(100.0 * done / len(view.states), 1) if view.states else 100.0
    return Preview(
        source=render_marked(source_markdown(doc), targets),
        translation=render_marked(body, targets),
        completion=completion,
        warnings=list(warnings),
    )
