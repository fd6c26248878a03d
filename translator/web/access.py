"""Who may open which catalog: URL parts checked against the project, then the person's role.
The blueprints' shared door to the data: :func:`open_workspace` and :func:`entry_changes`.

A document slug or language code from a URL is only ever compared with the lists the project
gives (``source/*.md`` names, ``locales/*/LC_MESSAGES`` directories); paths are built from the
matching list item, never from the raw URL text. Unknown -> 404; known but not yours -> 403.
"""

from __future__ import annotations

from functools import wraps

from flask import abort, current_app
from flask_login import current_user

from translator.errors import CatalogError, TranslatorError
from translator.web.context import get_db, get_store
from translator.web.data.catalogs import Workspace
from translator.web.data.changes import EntryChanges
from translator.web.data.people import NEEDS, refusal


def known_language(lang: str) -> str:
    """The project's own spelling of ``lang``, or 404."""
    for code in get_store().languages():
        if code == lang:
            return code
    abort(404, f"There is no language {lang!r} in this project.")


def known_document(slug: str) -> str:
    for name in get_store().slugs():
        if name == slug:
            return name
    abort(404, f"There is no document {slug!r} in this project.")


def allowed(lang: str, need: str) -> bool:
    return current_user.is_authenticated and current_user.may(lang, need)


def require(lang: str, need: str = "view") -> None:
    if need not in NEEDS:
        raise ValueError(need)
    if not allowed(lang, need):
        abort(403, refusal(lang, need))


def open_workspace(slug: str, lang: str, need: str = "view", *, document: bool = True):
    """Validate the URL parts, check the role, and read the catalog (and source document)."""
    lang, slug = known_language(lang), known_document(slug)
    require(lang, need)
    store = get_store()
    if not store.has_catalog(lang, slug):
        abort(404, f"There is no {lang} catalog for {slug} yet.")
    space = Workspace(slug, lang, store)
    try:
        space.view = store.catalog(lang, slug)
    except CatalogError as exc:
        space.error = str(exc)
    if document:
        try:
            space.doc = store.document(slug)
        except TranslatorError as exc:
            space.doc_error = str(exc)
    return space


def entry_changes(space: Workspace) -> EntryChanges:
    """The logged-in person's changes to ``space`` (roles checked, each one logged)."""
    return EntryChanges(space, current_user._get_current_object(), get_db())


def coordinator_required(view):
    """Pages for coordinators and admins only."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return current_app.login_manager.unauthorized()
        if not current_user.is_coordinator:
            abort(403, "Only coordinators can do this.")
        return view(*args, **kwargs)

    return wrapped
