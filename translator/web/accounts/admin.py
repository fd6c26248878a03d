"""The ``admin`` blueprint's views: coordinators manage people (accounts, global and
per-language roles, password resets) and languages (start catalogs for a new language or a
missing document).

Coordinators manage everyone except admins, and may not hand out the admin role; admins may
do everything. A new or reset password is generated, shown once on the page that answers the
POST (never flashed: the session cookie is readable by the browser), and must be changed at
the next login.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from translator.errors import TranslatorError
from translator.languages import normalize_language
from translator.web.access import coordinator_required, known_document, known_language
from translator.web.context import get_db, get_store
from translator.web.data import people as accounts


def _may_manage(user: accounts.User) -> bool:
    return current_user.is_admin or not user.is_admin


def _roles_from_form(langs: list[str]) -> dict[str, str | None]:
    """``role-<lang>`` fields: translator, reviewer or empty (no role)."""
    roles = {}
    for lang in langs:
        value = request.form.get(f"role-{lang}", "")
        roles[lang] = value if value in accounts.LANGUAGE_ROLES else None
    return roles


def _global_role_from_form() -> str | None:
    role = request.form.get("global_role", "") or None
    if role not in (None, *accounts.GLOBAL_ROLES):
        abort(400, "Unknown role.")
    if role == "admin" and not current_user.is_admin:
        abort(403, "Only admins can make someone an admin.")
    return role


@coordinator_required
def people():
    users = accounts.list_users(get_db())
    return render_template("admin/people.html", users=users, langs=get_store().languages())


@coordinator_required
def new_person():
    langs = get_store().languages()
    if request.method == "POST":
        conn = get_db()
        username = request.form.get("username", "").strip()
        password = accounts.new_password()
        try:
            user = accounts.create_user(
                conn,
                username,
                password,
                display_name=request.form.get("display_name", ""),
                global_role=_global_role_from_form(),
                languages={k: v for k, v in _roles_from_form(langs).items() if v},
                must_change_password=True,
            )
        except accounts.AccountError as exc:
            flash(str(exc).capitalize() + ".", "error")
            return render_template(
                "admin/person.html", person=None, langs=langs, form=request.form
            ), 422
        return render_template("admin/password.html", person=user, password=password)
    return render_template("admin/person.html", person=None, langs=langs, form={})


@coordinator_required
def person(user_id: int):
    conn = get_db()
    user = _manageable(conn, user_id, "Only admins can change an admin's account.")
    langs = get_store().languages()
    if request.method == "POST":
        try:
            accounts.set_display_name(conn, user.id, request.form.get("display_name", ""))
            role = _global_role_from_form()
            if user.id == current_user.id and role != user.global_role:
                raise accounts.AccountError("you cannot change your own role")
            accounts.set_global_role(conn, user.id, role)
            for lang, lang_role in _roles_from_form(langs).items():
                accounts.set_language_role(conn, user.id, lang, lang_role)
        except accounts.AccountError as exc:
            flash(str(exc).capitalize() + ".", "error")
            return redirect(url_for(".person", user_id=user.id))
        flash(f"Saved {user.username}.", "success")
        return redirect(url_for(".people"))
    return render_template("admin/person.html", person=user, langs=langs, form={})


def _manageable(conn, user_id: int, refusal: str):
    """The person with ``user_id``, if the current user may manage them (404 or 403 if not)."""
    user = accounts.get_user(conn, user_id)
    if user is None:
        abort(404, "There is no such person.")
    if not _may_manage(user):
        abort(403, refusal)
    return user


@coordinator_required
def reset_password(user_id: int):
    conn = get_db()
    user = _manageable(conn, user_id, "Only admins can change an admin's account.")
    password = accounts.new_password()
    accounts.set_password(conn, user.id, password, temporary=True)
    return render_template("admin/password.html", person=user, password=password, reset=True)


@coordinator_required
def delete_person(user_id: int):
    conn = get_db()
    user = _manageable(conn, user_id, "Only admins can remove an admin.")
    if user.id == current_user.id:
        flash("You cannot remove your own account.", "error")
        return redirect(url_for(".person", user_id=user.id))
    try:
        accounts.delete_user(conn, user.id)
    except accounts.AccountError as exc:
        flash(str(exc).capitalize() + ".", "error")
        return redirect(url_for(".person", user_id=user.id))
    flash(f"Removed {user.username}; their changes stay in the history.", "success")
    return redirect(url_for(".people"))


@coordinator_required
def languages():
    """Languages and their catalogs; start a new language for every document."""
    store = get_store()
    if request.method == "POST":
        code = request.form.get("lang", "").strip()
        try:
            code = normalize_language(code)
            report = store.project.init([code])
        except TranslatorError as exc:
            flash(f"{exc}.", "error")
            return redirect(url_for(".languages"))
        for line in report.errors:
            flash(line, "error")
        created = sum(item["created"] for item in report.items)
        flash(f"{code}: {created} catalog(s) created.", "success")
        return redirect(url_for(".languages"))
    slugs = store.slugs()
    matrix = [
        {"lang": lang, "catalogs": {slug: store.has_catalog(lang, slug) for slug in slugs}}
        for lang in store.languages()
    ]
    return render_template("admin/languages.html", matrix=matrix, slugs=slugs)


@coordinator_required
def start_catalog(lang: str, slug: str):
    """Create the missing catalog of one document in one language."""
    lang, slug = known_language(lang), known_document(slug)
    report = get_store().project.init([lang], [slug])
    for line in report.errors:
        flash(line, "error")
    if not report.errors:
        flash(f"Started {slug} in {lang}.", "success")
    return redirect(url_for(".languages"))
