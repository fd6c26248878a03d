"""Changes made from the editor's pages rather than its JavaScript: the form save used without
JavaScript (validate, flash, redirect to the next sentence) and the coordinators' pre-fill."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, request, url_for
from flask_login import current_user, login_required

from translator.web.access import entry_changes, open_workspace
from translator.web.context import get_db, get_store
from translator.web.data import assist, database, entries
from translator.web.data.catalogs import Conflict, EntryGone
from translator.web.data.editing import EditError
from translator.web.review import panels
from translator.web.review.editor import render_editor
from translator.web.review.panels import ListState


@login_required
def save_form(slug: str, lang: str, key: str):
    """Save from the plain form (without JavaScript): validate, flash, redirect to the next."""
    space = open_workspace(slug, lang, "edit", document=False)
    if space.broken:
        abort(409, space.error)
    action = request.form.get("action", "save")
    text = request.form.get("msgstr")
    forms = _plural_forms()
    state = ListState(
        filter=request.form.get("filter", "all"),
        q=request.form.get("q", ""),
        scope=request.form.get("scope", "both"),
    )
    try:
        version = request.form.get("version", "")
        view, _ = entry_changes(space).save(key, version, text, action, forms)
    except Conflict as exc:
        flash("Someone else saved this sentence in the meantime. Compare and save again.", "error")
        return _conflict_page(space, key, text or "", exc), 409
    except (EditError, EntryGone) as exc:
        flash(str(exc).capitalize() + ".", "error")
        return redirect(url_for(".editor", slug=slug, lang=lang, seg=key, **state.args()))
    flash("Saved.", "success")
    number = view.by_key.get(key)
    facts = panels.extras(space)
    selected = entries.select(view, state.filter, state.q, state.scope, facts)
    following = entries.neighbours(selected, number)[1] if number is not None else None
    target = view.keys[following] if following is not None else key
    return redirect(url_for(".editor", slug=slug, lang=lang, seg=target, **state.args()))


def _plural_forms() -> list[str] | None:
    """``msgstr_plural_0``, ``msgstr_plural_1``, ... of the form (None when there are none)."""
    forms = []
    while f"msgstr_plural_{len(forms)}" in request.form and len(forms) < 6:
        forms.append(request.form[f"msgstr_plural_{len(forms)}"])
    return forms or None


def _conflict_page(space, key: str, mine: str, exc: Conflict):
    space.doc = get_store().document(space.slug) if not space.doc else space.doc
    state = ListState()
    facts = panels.extras(space)
    number = space.view.by_key[key]
    listing = panels.list_page(space, state, facts, number)
    last = database.last_changes(get_db(), space.slug, space.lang).get(exc.current.msgid)
    return render_editor(
        space,
        state,
        facts,
        listing,
        panel=panels.segment_panel(space, number, facts, listing["selected"]),
        conflict={"mine": mine, "theirs": exc.current, "by": last},
    )


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
    conn = get_db()
    for entry, state in zip(after.entries, after.states, strict=True):
        old = before.get(entry.msgid)
        if old is None or old.msgstr == entry.msgstr:
            continue
        database.log_change(
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
