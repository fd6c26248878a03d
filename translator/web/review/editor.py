"""The editor for one document in one language: the filtered list of sentences (or paragraphs)
beside the open one, and the panel fragments the editor's JavaScript loads in their place."""

from __future__ import annotations

from flask import abort, flash, render_template, request
from flask_login import login_required

from translator.web.access import entry_changes, open_workspace
from translator.web.data import entries
from translator.web.review import panels
from translator.web.review.panels import ListState, catalog_stats


@login_required
def editor(slug: str, lang: str):
    """The editor page: the filtered list of sentences (or paragraphs) and the open one."""
    space = open_workspace(slug, lang, "view")
    if space.broken:
        return render_template("review/broken.html", space=space)
    state = ListState.from_request()
    facts = panels.extras(space)
    if state.mode == "paragraphs" and space.doc is not None:
        return _paragraph_editor(space, state, facts)
    state.mode = "sentences"
    current = _current_number(space, state, facts)
    listing = panels.list_page(space, state, facts, current)
    if current is None and listing["rows"]:
        current = listing["rows"][0].number - 1
    panel = None
    if current is not None:
        panel = panels.segment_panel(space, current, facts, listing["selected"])
        entry_changes(space).remember(space.view, space.view.keys[current])
    return render_editor(space, state, facts, listing, panel=panel)


def render_editor(space, state: ListState, facts: dict, listing: dict, **parts):
    """The editor page around ``listing``; ``parts``: the open ``panel`` or ``block_panel``,
    or a ``conflict`` to show."""
    return render_template(
        "review/editor.html",
        space=space,
        state=state,
        listing=listing,
        counts=entries.filter_counts(space.view, facts),
        stats=catalog_stats(space.view),
        **parts,
    )


def _current_number(space, state: ListState, facts: dict) -> int | None:
    """The open sentence: ``seg`` (a key) or ``n`` (a number to jump to)."""
    view = space.view
    number = None
    jump = request.args.get("n", "").strip()
    if jump.isascii() and jump.isdigit():  # not "²" or "٣": str.isdigit takes those, int() not
        wanted = int(jump) - 1
        if 0 <= wanted < len(view.entries):
            number = wanted
        else:
            flash(
                f"There is no sentence {wanted + 1}; this document has {len(view.entries)}.",
                "error",
            )
    elif request.args.get("seg"):
        number = view.by_key.get(request.args["seg"])
    jumped = number is not None and bool(request.args.get("n"))
    if jumped and not (
        entries.matches(view, number, state.filter, facts)
        and entries.search(view, number, state.q, state.scope)
    ):
        state.filter, state.q = "all", ""  # a jump shows the sentence whatever the filter
    return number


def _paragraph_editor(space, state: ListState, facts: dict):
    current_block = request.args.get("block", type=int)
    seg = request.args.get("seg")
    number = request.args.get("n", type=int)
    if number is not None and 0 < number <= len(space.view.entries):
        seg = space.view.keys[number - 1]
    if seg and seg in space.view.by_key:
        context = entries.context_of(space.doc, space.view.entry(seg).msgid)
        current_block = context.segment.block if context.segment else current_block
    listing = panels.block_list(space, state, facts, current_block)
    if current_block not in listing["order"]:
        current_block = listing["blocks"][0]["block"] if listing["blocks"] else None
    panel = (
        panels.block_panel(space, current_block, facts, listing["order"])
        if current_block is not None
        else None
    )
    return render_editor(space, state, facts, listing, block_panel=panel)


@login_required
def segment(slug: str, lang: str, key: str):
    """The panel of one sentence (HTML fragment for the editor's JavaScript)."""
    space = open_workspace(slug, lang, "view")
    if space.broken:
        abort(409, space.error)
    number = space.view.by_key.get(key)
    if number is None:
        abort(404, "This sentence is not in the catalog (any more).")
    state = ListState.from_request()
    facts = panels.extras(space)
    selected = entries.select(space.view, state.filter, state.q, state.scope, facts)
    entry_changes(space).remember(space.view, key)
    return render_template(
        "review/_panel.html",
        space=space,
        state=state,
        panel=panels.segment_panel(space, number, facts, selected),
    )


@login_required
def block(slug: str, lang: str, block: int):
    """The panel of one paragraph (HTML fragment)."""
    space = open_workspace(slug, lang, "view")
    if space.broken or space.doc is None:
        abort(409, space.error or space.doc_error)
    state = ListState.from_request()
    facts = panels.extras(space)
    listing = panels.block_list(space, state, facts, block)
    if block not in space.doc.blocks:
        abort(404, "There is no such paragraph.")
    return render_template(
        "review/_block.html",
        space=space,
        state=state,
        block_panel=panels.block_panel(space, block, facts, listing["order"]),
    )
