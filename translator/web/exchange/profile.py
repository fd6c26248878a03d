"""The address a person's commits carry (``translator commit``): theirs to set or remove."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from translator.gitstore.autocommit import git_settings
from translator.web.context import get_db, get_store
from translator.web.data.authorship import commit_address, noreply_address, set_commit_address
from translator.web.data.people import AccountError


@login_required
def profile():
    """GET: the current commit address; POST: set it (empty: back to the no-reply one)."""
    conn = get_db()
    if request.method == "POST":
        try:
            set_commit_address(conn, current_user.id, request.form.get("email", "")[:300])
        except AccountError as exc:
            flash(str(exc).capitalize() + ".", "error")
            return render_page(conn), 400
        flash("Your commit address is saved.", "success")
        return redirect(url_for(".profile"))
    return render_page(conn)


def render_page(conn):
    return render_template(
        "exchange/profile.html",
        email=commit_address(conn, current_user.id),
        noreply=noreply_address(
            current_user.username, git_settings(get_store().project.settings).noreply_domain
        ),
    )
