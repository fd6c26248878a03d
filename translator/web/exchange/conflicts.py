"""The conflicts a ``translator sync`` left in one catalog: both texts, and a decision each.

The catalog holds this instance's text; the other instance's waits in the conflict store
(:mod:`translator.gitstore.conflicts`). Keeping ours closes the conflict; taking theirs saves
it as an edit (version-checked, logged) and closes it.
"""

from __future__ import annotations

import contextlib

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from translator.gitstore.conflicts import (
    FILE_NAME,
    get_conflict,
    open_conflicts,
    open_store,
    resolve_conflict,
)
from translator.web.access import open_workspace, require
from translator.web.context import get_db, get_store
from translator.web.data.catalogs import entry_version
from translator.web.data.uploads import take_theirs


@contextlib.contextmanager
def conflict_store():
    """The instance's conflict store, or None when no sync ever recorded one."""
    instance = get_store().project.settings.instance_dir
    if not (instance / FILE_NAME).is_file():
        yield None
        return
    conn = open_store(instance)
    try:
        yield conn
    finally:
        conn.close()


def open_count(slug: str, lang: str) -> int:
    with conflict_store() as conn:
        return len(open_conflicts(conn, slug, lang)) if conn is not None else 0


@login_required
def listing(slug: str, lang: str):
    """GET: the open conflicts with the text the catalog holds now; POST: decide one."""
    space = open_workspace(slug, lang, "view", document=False)
    if space.broken:
        abort(409, space.error)
    if request.method == "POST":
        require(space.lang, "edit")
        return _decide(space)
    with conflict_store() as conn:
        rows = open_conflicts(conn, space.slug, space.lang) if conn is not None else []
    by_msgid = {entry.msgid: entry for entry in space.view.entries}
    for row in rows:
        entry = by_msgid.get(row["msgid"])
        row["now"] = entry.msgstr if entry is not None else None
        row["version"] = entry_version(entry) if entry is not None else ""
    return render_template("exchange/conflicts.html", space=space, rows=rows)


def _decide(space):
    number = request.form.get("conflict", "")
    take = request.form.get("take", "")
    if not number.isascii() or not number.isdigit() or take not in ("ours", "theirs"):
        abort(400, "Choose a conflict and which text to keep.")
    with conflict_store() as conn:
        row = get_conflict(conn, int(number)) if conn is not None else None
        if row is None or (row["doc"], row["lang"]) != (space.slug, space.lang):
            abort(404, "There is no such conflict here.")
        if row["resolved_at"]:
            flash("Someone decided this conflict already.", "info")
        elif take == "ours":
            resolve_conflict(conn, row["id"], current_user.username, "ours")
            flash("Kept the text of this instance.", "success")
        else:
            decided = take_theirs(
                space, current_user, get_db(), row, request.form.get("version", "")
            )
            if decided.again:
                flash("The sentence was changed meanwhile; look at it again.", "error")
            else:
                resolve_conflict(conn, row["id"], current_user.username, "theirs")
                flash("Saved the other instance's text.", "success")
    return redirect(url_for(".listing", slug=space.slug, lang=space.lang))
