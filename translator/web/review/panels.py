"""The editor's moving parts as template data: the list state from the URL, the page of rows,
and the panel for one sentence or one paragraph (context, help, comments, history)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from flask import current_app, request
from flask_login import current_user

from translator.catalog.state import dismissed_checks
from translator.progress.stats import compute_stats
from translator.web.context import get_db
from translator.web.data import assist, database, editing, entries
from translator.web.data.entries import FILTERS
from translator.web.data.plurals import PluralForm, plural_forms

if TYPE_CHECKING:
    from translator.progress.stats import CatalogStats
    from translator.web.data.catalogs import CatalogView, Workspace

SCOPES = ("both", "source", "translation")


@dataclass
class ListState:
    """Filter, search and paging of the segment list, as given in the URL."""

    filter: str = "all"
    q: str = ""
    scope: str = "both"
    mode: str = "sentences"  # or "paragraphs"
    page: int = 1

    @classmethod
    def from_request(cls) -> ListState:
        args = request.args
        name = args.get("filter", "all")
        scope = args.get("scope", "both")
        mode = args.get("mode", "sentences")
        try:
            page = max(1, int(args.get("page", "1")))
        except ValueError:
            page = 1
        return cls(
            filter=name if name in FILTERS else "all",
            q=args.get("q", "").strip()[:200],
            scope=scope if scope in SCOPES else "both",
            mode=mode if mode in ("sentences", "paragraphs") else "sentences",
            page=page,
        )

    def args(self, **changes) -> dict:
        """URL arguments for a link that keeps this state (defaults left out)."""
        values = {
            "filter": self.filter,
            "q": self.q,
            "scope": self.scope,
            "mode": self.mode,
            "page": self.page,
        }
        values.update(changes)
        defaults = {"filter": "all", "q": "", "scope": "both", "mode": "sentences", "page": 1}
        return {k: v for k, v in values.items() if v is not None and v != defaults.get(k)}


def extras(space: Workspace) -> dict:
    """Per-entry facts from outside the catalog: checks, comment counts, last changes."""
    conn = get_db()
    return {
        "issues": assist.catalog_issues(space),
        "comments": database.comment_counts(conn, space.slug, space.lang),
        "changes": database.last_changes(conn, space.slug, space.lang),
    }


def catalog_stats(view: CatalogView) -> CatalogStats:
    """The catalog's figures, computed once per version of the file."""
    return view.memo("stats", lambda: compute_stats(view.entries))


def page_of(selected: list[int], number: int | None, size: int) -> int | None:
    if number is None or number not in selected:
        return None
    return selected.index(number) // size + 1


def list_page(space: Workspace, state: ListState, facts: dict, current: int | None) -> dict:
    """The rows of the current page (sentences) with paging numbers."""
    view = space.view
    size = current_app.config["PAGE_SIZE"]
    selected = entries.select(view, state.filter, state.q, state.scope, facts)
    state.page = page_of(selected, current, size) or state.page
    pages = max(1, -(-len(selected) // size))
    state.page = min(state.page, pages)
    start = (state.page - 1) * size
    rows = [entries.make_row(view, n, facts) for n in selected[start : start + size]]
    return {"rows": rows, "selected": selected, "pages": pages, "matches": len(selected)}


def block_list(space: Workspace, state: ListState, facts: dict, current_block: int | None):
    """Paragraph mode: blocks with at least one sentence passing the filter."""
    view, doc = space.view, space.doc
    size = max(1, current_app.config["PAGE_SIZE"] // 3)
    selected = set(entries.select(view, state.filter, state.q, state.scope, facts))
    items = []
    for block, numbers in entries.blocks(view, doc):
        if not any(n in selected for n in numbers):
            continue
        rows = [entries.make_row(view, n, facts) for n in numbers]
        items.append({"block": block, "rows": rows, "kind": _block_kind(doc, block)})
    order = [item["block"] for item in items]
    if current_block in order:
        state.page = order.index(current_block) // size + 1
    pages = max(1, -(-len(items) // size))
    state.page = min(state.page, pages)
    start = (state.page - 1) * size
    return {
        "blocks": items[start : start + size],
        "order": order,
        "pages": pages,
        "matches": len(items),
    }


def _block_kind(doc, block: int) -> str:
    return entries.kind_label(doc.doc.segments[doc.blocks[block][0]])


def segment_panel(space: Workspace, number: int, facts: dict, selected: list[int]) -> dict:
    """Everything the editor shows for one sentence."""
    view = space.view
    row = entries.make_row(view, number, facts)
    entry = view.entries[number]
    settings = space.store.project.settings
    context = entries.context_of(space.doc, entry.msgid)
    previous, following = entries.neighbours(selected, number)
    terms, term_note = assist.glossary_terms(settings, space.lang, entry.msgid)
    memory, memory_note = assist.memory_suggestions(settings, space, entry)
    join_next = entries.next_entry_number(view, space.doc, number) if space.doc else None
    return {
        "row": row,
        "context": context,
        "translation_of": _translations(space, context),
        "previous_key": view.keys[previous] if previous is not None else "",
        "next_key": view.keys[following] if following is not None else "",
        "terms": terms,
        "memory": memory,
        "notes": [note for note in (term_note, memory_note) if note],
        "join_problem": entries.join_problem(view, space.doc, number),
        "join_next": entries.make_row(view, join_next, facts) if join_next is not None else None,
        "joined_from": _joined_from(view, space, number, facts),
        "dismissed": dismissed_checks(entry),
        "engine": assist.engine_name(settings, space.lang, current_app.config.get("MT_ENGINES")),
        "can_edit": current_user.can_edit(space.lang),
        "plural_forms": _plural_fields(space, entry) if row.plural else [],
        "can_review": current_user.can_review(space.lang),
        "locked": row.state == "approved" and not current_user.can_review(space.lang),
        "comments": database.segment_comments(get_db(), space.slug, space.lang, entry.msgid),
        "history": database.segment_history(get_db(), space.slug, space.lang, entry.msgid),
    }


def _plural_fields(space: Workspace, entry) -> list[dict]:
    """One field per plural form of the language: its index, CLDR name, examples, text."""
    header = space.view.po.metadata.get("Plural-Forms", "")
    forms = plural_forms(space.lang, header)
    texts = editing.plural_texts(entry)
    if len(texts) != len(forms):  # the entry's own forms decide; unnamed ones are numbered
        forms = forms[: len(texts)] + [
            PluralForm(i, f"form {i}") for i in range(len(forms), len(texts))
        ]
    return [
        {
            "index": form.index,
            "name": form.name,
            "examples": form.examples,
            "text": texts[form.index],
        }
        for form in forms
    ]


def _translations(space: Workspace, context) -> dict[str, str]:
    """Current translations of the neighbouring sentences (by msgid)."""
    found = {}
    for segment in (context.previous, context.following):
        if segment is None:
            continue
        number = entries.key_number(space.view, segment.text)
        if number is not None:
            found[segment.text] = space.view.entries[number].msgstr
    return found


def _joined_from(view, space: Workspace, number: int, facts: dict):
    """For a ``joined: previous`` entry, the row of the sentence that carries both."""
    if space.doc is None:
        return None
    entry = view.entries[number]
    places = space.doc.by_text.get(entry.msgid, [])
    if not places or places[0] == 0:
        return None
    before = entries.key_number(view, space.doc.doc.segments[places[0] - 1].text)
    return entries.make_row(view, before, facts) if before is not None else None


def block_panel(space: Workspace, block: int, facts: dict, order: list[int]) -> dict:
    """A whole paragraph as the unit of work: its sentences, each with its own help."""
    view, doc = space.view, space.doc
    numbers = [n for b, ns in entries.blocks(view, doc) if b == block for n in ns]
    settings = space.store.project.settings
    items = []
    for number in numbers:
        entry = view.entries[number]
        memory, _ = assist.memory_suggestions(settings, space, entry)
        terms, _ = assist.glossary_terms(settings, space.lang, entry.msgid)
        items.append(
            {"row": entries.make_row(view, number, facts), "memory": memory[:3], "terms": terms}
        )
    position = order.index(block) if block in order else -1
    return {
        "block": block,
        "kind": _block_kind(doc, block),
        "items": items,
        "previous_block": order[position - 1] if position > 0 else None,
        "next_block": order[position + 1] if 0 <= position < len(order) - 1 else None,
        "can_edit": current_user.can_edit(space.lang),
        "can_review": current_user.can_review(space.lang),
    }
