"""Who may open which catalog: URL parts checked against the project, then the person's role.

A document slug or language code from a URL is only ever compared with the lists the project
gives (``source/*.md`` names, ``locales/*/LC_MESSAGES`` directories); paths are built from the
matching list item, never from the raw URL text. Unknown -> 404; known but not yours -> 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import wraps

from flask import abort
from flask_login import current_user

from translator.errors import CatalogError, TranslatorError
from translator.web.store import CatalogView, DocumentView, Store, get_store

NEEDS = ("view", "edit", "review")


@dataclass
class Workspace:
    """One document in one language, as far as it could be read."""

    slug: str
    lang: str
    store: Store
    view: CatalogView | None = None
    error: str = ""  # the catalog's parse error (file:line: ...)
    doc: DocumentView | None = None
    doc_error: str = ""

    @property
    def broken(self) -> bool:
        return self.view is None


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
    user = current_user
    if not user.is_authenticated:
        return False
    if need == "review":
        return user.can_review(lang)
    if need == "edit":
        return user.can_edit(lang)
    return user.can_view(lang)


def require(lang: str, need: str = "view") -> None:
    if need not in NEEDS:
        raise ValueError(need)
    if not allowed(lang, need):
        abort(403, _refusal(lang, need))


def _refusal(lang: str, need: str) -> str:
    if need == "review":
        return f"Only reviewers of {lang} can do this."
    return f"You are not a member of the {lang} team."


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


def coordinator_required(view):
    """Pages for coordinators and admins only."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            from translator.web.auth import login_manager

            return login_manager.unauthorized()
        if not current_user.is_coordinator:
            abort(403, "Only coordinators can do this.")
        return view(*args, **kwargs)

    return wrapped
