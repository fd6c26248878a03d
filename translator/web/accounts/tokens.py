"""A person's own API tokens on their profile: make one (shown once), see them, revoke one.

A token made here acts as its maker and never has more than the maker's role and languages
(:mod:`translator.web.data.tokens` checks that when it is made and again on every request).
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from translator.errors import TranslatorError
from translator.languages import normalize_language
from translator.web.context import get_db, get_store
from translator.web.data.tokens import ROLES, create_token, list_tokens, revoke_token


def _roles() -> list[str]:
    """The roles this person may give a token of theirs."""
    if current_user.is_coordinator:
        return list(ROLES)
    mine = set(current_user.languages.values())
    return [role for role in ROLES if role in mine or (role == "translator" and mine)]


def _page(secret: str = "", status: int = 200):
    store = get_store()
    page = render_template(
        "auth/tokens.html",
        tokens=list_tokens(get_db(), current_user.id),
        roles=_roles(),
        languages=current_user.visible_languages(store.languages()),
        secret=secret,
    )
    return page, status


@login_required
def tokens():
    """GET: the person's tokens and the form; POST: make a token and show it once."""
    if request.method == "GET":
        return _page()
    name = request.form.get("name", "").strip()[:40]
    role = request.form.get("role", "")
    try:
        langs = [normalize_language(code) for code in request.form.getlist("lang")[:50]]
        if role == "coordinator":
            langs = []
        secret = create_token(get_db(), name, role, langs, current_user._get_current_object())
    except TranslatorError as exc:
        flash(str(exc).capitalize() + ".", "error")
        return _page(status=400)
    flash(f"Token {name} made. Copy it now: it is not shown again.", "success")
    return _page(secret)


@login_required
def revoke(name: str):
    """Revoke one of the person's own tokens."""
    try:
        revoke_token(get_db(), name[:40], current_user.id)
    except TranslatorError as exc:
        flash(str(exc).capitalize() + ".", "error")
        return redirect(url_for(".tokens"))
    flash(f"Token {name} is revoked.", "success")
    return redirect(url_for(".tokens"))
