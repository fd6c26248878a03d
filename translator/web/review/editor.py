"""Blueprint ``review``: the translator's pages. Home (my languages and documents, continue
where I left off), the editor for one document and language (list, filters, search, jump,
sentence or paragraph view), its panel fragments for the JavaScript editor, the form save used
without JavaScript, and the side-by-side document preview."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required

from translator.errors import TranslatorError
from translator.progress.stats import compute_stats
from translator.web import actions, assist, db, panels, segments
from translator.web.access import open_workspace
from translator.web.editing import EditError
from translator.web.preview import build_preview
from translator.web.store import Conflict, EntryGone, get_store

bp = Blueprint("review", __name__, template_folder="templates")


# -- home ---------------------------------------------------------------------------------------


@bp.route("/")
@login_required
def home():
    """My languages, each document with its progress, and where I left off."""
    store = get_store()
    langs = current_user.visible_languages(store.languages())
    documents = [_document_summary(slug) for slug in store.slugs()]
    teams = []
    for lang in langs:
        items = [_catalog_summary(store, lang, doc) for doc in documents]
        teams.append({"lang": lang, "role": current_user.role_in(lang), "items": items})
    return render_template(
        "review/home.html",
        teams=teams,
        documents=documents,
        resume=_resume_points(store, langs),
        activity=db.recent_activity(db.get_db(), None if current_user.is_coordinator else langs),
    )


def _document_summary(slug: str) -> dict:
    try:
        doc = get_store().document(slug).doc
        return {"slug": slug, "title": doc.title, "date": doc.date, "error": ""}
    except TranslatorError as exc:
        return {"slug": slug, "title": slug, "date": "", "error": str(exc)}


def _catalog_summary(store, lang: str, doc: dict) -> dict:
    item = {"slug": doc["slug"], "title": doc["title"], "stats": None, "error": ""}
    if not store.has_catalog(lang, doc["slug"]):
        item["error"] = "not started"
        return item
    try:
        view = store.catalog(lang, doc["slug"])
    except TranslatorError as exc:
        item["error"] = str(exc)
        return item
    item["stats"] = view.memo("stats", lambda: compute_stats(view.entries))
    return item


def _resume_points(store, langs: list[str]) -> list[dict]:
    """The places this person last worked at, newest first, that still exist."""
    points = []
    for row in db.positions(db.get_db(), current_user.id):
        if row["lang"] not in langs or row["doc"] not in store.slugs():
            continue
        try:
            view = store.catalog(row["lang"], row["doc"])
        except TranslatorError:
            continue
        number = segments.key_number(view, row["msgid"])
        if number is None:
            continue
        points.append(
            {**row, "key": view.keys[number], "number": number + 1, "total": len(view.entries)}
        )
    return points[:5]


# -- editor -------------------------------------------------------------------------------------


@bp.route("/translate/<slug>/<lang>/")
@login_required
def editor(slug: str, lang: str):
    """The editor page: the filtered list of sentences (or paragraphs) and the open one."""
    space = open_workspace(slug, lang, "view")
    if space.broken:
        return render_template("review/broken.html", space=space)
    state = panels.ListState.from_request()
    facts = panels.extras(space)
    if state.mode == "paragraphs" and space.doc is not None:
        return _paragraph_editor(space, state, facts)
    state.mode = "sentences"
    current = _current_number(space, state, facts)
    listing = panels.list_page(space, state, facts, current)
    if current is None and listing["rows"]:
        current = listing["rows"][0].number - 1
    panel = (
        panels.segment_panel(space, current, facts, listing["selected"])
        if current is not None
        else None
    )
    if current is not None:
        actions.remember(space, space.view, space.view.keys[current])
    return render_template(
        "review/editor.html",
        space=space,
        state=state,
        listing=listing,
        panel=panel,
        counts=segments.filter_counts(space.view, facts),
        stats=space.view.memo("stats", lambda: compute_stats(space.view.entries)),
    )


def _current_number(space, state: panels.ListState, facts: dict) -> int | None:
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
        segments.matches(view, number, state.filter, facts)
        and segments.search(view, number, state.q, state.scope)
    ):
        state.filter, state.q = "all", ""  # a jump shows the sentence whatever the filter
    return number


def _paragraph_editor(space, state: panels.ListState, facts: dict):
    current_block = request.args.get("block", type=int)
    seg = request.args.get("seg")
    number = request.args.get("n", type=int)
    if number is not None and 0 < number <= len(space.view.entries):
        seg = space.view.keys[number - 1]
    if seg and seg in space.view.by_key:
        context = segments.context_of(space.doc, space.view.entry(seg).msgid)
        current_block = context.segment.block if context.segment else current_block
    listing = panels.block_list(space, state, facts, current_block)
    if current_block not in listing["order"]:
        current_block = listing["blocks"][0]["block"] if listing["blocks"] else None
    panel = (
        panels.block_panel(space, current_block, facts, listing["order"])
        if current_block is not None
        else None
    )
    return render_template(
        "review/editor.html",
        space=space,
        state=state,
        listing=listing,
        block_panel=panel,
        counts=segments.filter_counts(space.view, facts),
        stats=space.view.memo("stats", lambda: compute_stats(space.view.entries)),
    )


@bp.route("/translate/<slug>/<lang>/segment/<key>")
@login_required
def segment(slug: str, lang: str, key: str):
    """The panel of one sentence (HTML fragment for the editor's JavaScript)."""
    space = open_workspace(slug, lang, "view")
    if space.broken:
        abort(409, space.error)
    number = space.view.by_key.get(key)
    if number is None:
        abort(404, "This sentence is not in the catalog (any more).")
    state = panels.ListState.from_request()
    facts = panels.extras(space)
    selected = segments.select(space.view, state.filter, state.q, state.scope, facts)
    actions.remember(space, space.view, key)
    return render_template(
        "review/_panel.html",
        space=space,
        state=state,
        panel=panels.segment_panel(space, number, facts, selected),
    )


@bp.route("/translate/<slug>/<lang>/block/<int:block>")
@login_required
def block(slug: str, lang: str, block: int):
    """The panel of one paragraph (HTML fragment)."""
    space = open_workspace(slug, lang, "view")
    if space.broken or space.doc is None:
        abort(409, space.error or space.doc_error)
    state = panels.ListState.from_request()
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


@bp.route("/translate/<slug>/<lang>/segment/<key>", methods=("POST",))
@login_required
def save_form(slug: str, lang: str, key: str):
    """Save from the plain form (without JavaScript): validate, flash, redirect to the next."""
    space = open_workspace(slug, lang, "edit", document=False)
    if space.broken:
        abort(409, space.error)
    action = request.form.get("action", "save")
    text = request.form.get("msgstr")
    state = panels.ListState(
        filter=request.form.get("filter", "all"),
        q=request.form.get("q", ""),
        scope=request.form.get("scope", "both"),
    )
    try:
        view, _ = actions.save(space, key, request.form.get("version", ""), text, action)
    except Conflict as exc:
        flash("Someone else saved this sentence in the meantime. Compare and save again.", "error")
        return _conflict_page(space, key, text or "", exc), 409
    except (EditError, EntryGone) as exc:
        flash(str(exc).capitalize() + ".", "error")
        return redirect(url_for(".editor", slug=slug, lang=lang, seg=key, **state.args()))
    flash("Saved.", "success")
    number = view.by_key.get(key)
    facts = panels.extras(space)
    selected = segments.select(view, state.filter, state.q, state.scope, facts)
    following = segments.neighbours(selected, number)[1] if number is not None else None
    target = view.keys[following] if following is not None else key
    return redirect(url_for(".editor", slug=slug, lang=lang, seg=target, **state.args()))


def _conflict_page(space, key: str, mine: str, exc: Conflict):
    space.doc = get_store().document(space.slug) if not space.doc else space.doc
    state = panels.ListState()
    facts = panels.extras(space)
    number = space.view.by_key[key]
    listing = panels.list_page(space, state, facts, number)
    return render_template(
        "review/editor.html",
        space=space,
        state=state,
        listing=listing,
        panel=panels.segment_panel(space, number, facts, listing["selected"]),
        conflict={
            "mine": mine,
            "theirs": exc.current,
            "by": db.last_changes(db.get_db(), space.slug, space.lang).get(exc.current.msgid),
        },
        counts=segments.filter_counts(space.view, facts),
        stats=space.view.memo("stats", lambda: compute_stats(space.view.entries)),
    )


@bp.route("/translate/<slug>/<lang>/prefill", methods=("POST",))
@login_required
def prefill(slug: str, lang: str):
    """Coordinators fill empty sentences with drafts (memory, dates, copies, the engine)."""
    space = open_workspace(slug, lang, "view", document=False)
    if not current_user.is_coordinator:
        abort(403, "Only coordinators can pre-fill (the engine may cost money).")
    if space.broken:
        abort(409, space.error)
    try:
        from translator.prefill import CatalogRef
        from translator.prefill import prefill as run_prefill
    except ImportError:
        abort(404, "Pre-fill is not installed.")
    settings = space.store.project.settings
    override = current_app.config.get("MT_ENGINES")
    engine = assist.engine_name(settings, space.lang, override) if override else None
    before = {entry.msgid: entry for entry in space.view.entries}
    ref = CatalogRef(space.lang, space.slug, space.store.project.catalog_path(lang, slug))
    report = run_prefill(settings, [ref], engine=engine or None)
    after = space.store.catalog(space.lang, space.slug)
    _log_prefill(space, before, after)
    counts = report.total()
    for line in report.errors:
        flash(line, "error")
    flash(
        f"Pre-filled {counts.filled} of {counts.entries} sentences as drafts to review "
        f"({counts.memory + counts.fuzzy} from memory, {counts.machine} machine).",
        "success",
    )
    return redirect(url_for(".editor", slug=slug, lang=lang, filter="review"))


def _log_prefill(space, before: dict, after) -> None:
    """One audit row per sentence the pre-fill changed, in the name of who started it."""
    conn = db.get_db()
    for entry, state in zip(after.entries, after.states, strict=True):
        old = before.get(entry.msgid)
        if old is None or old.msgstr == entry.msgstr:
            continue
        db.log_change(
            conn,
            user=current_user.username,
            doc=space.slug,
            lang=space.lang,
            msgid=entry.msgid,
            action="prefill",
            before=old.msgstr,
            after=entry.msgstr,
            before_state="untranslated" if not old.msgstr else "draft",
            after_state=str(state),
        )
    conn.commit()


# -- preview ------------------------------------------------------------------------------------


@bp.route("/preview/<slug>/<lang>/")
@login_required
def preview(slug: str, lang: str):
    """The localized document as it will be published, beside the source."""
    space = open_workspace(slug, lang, "view")
    if space.broken:
        return render_template("review/broken.html", space=space)
    if space.doc is None:
        return render_template("review/broken.html", space=space, source_error=space.doc_error)
    keys = {
        entry.msgid: key for entry, key in zip(space.view.entries, space.view.keys, strict=True)
    }
    result = build_preview(space.doc.doc, space.view, space.lang, keys)
    return render_template("review/preview.html", space=space, preview=result)


@bp.app_context_processor
def _page_size():
    return {"page_size": current_app.config["PAGE_SIZE"]}
