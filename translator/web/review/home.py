"""The translator's home page: my languages, each document with its progress, where I left off,
and the latest changes in my languages."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user, login_required

from translator.errors import TranslatorError
from translator.web.context import get_db, get_store
from translator.web.data import database, entries
from translator.web.review.panels import catalog_stats

RESUME_POINTS = 5


@login_required
def home():
    """My languages, each document with its progress, and where I left off."""
    store = get_store()
    langs = current_user.visible_languages(store.languages())
    documents = [_document_summary(store, slug) for slug in store.slugs()]
    teams = []
    for lang in langs:
        items = [_catalog_summary(store, lang, doc) for doc in documents]
        teams.append({"lang": lang, "role": current_user.role_in(lang), "items": items})
    seen = None if current_user.is_coordinator else langs
    return render_template(
        "review/home.html",
        teams=teams,
        documents=documents,
        resume=_resume_points(store, langs),
        activity=database.recent_activity(get_db(), seen),
    )


def _document_summary(store, slug: str) -> dict:
    try:
        doc = store.document(slug).doc
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
    item["stats"] = catalog_stats(view)
    return item


def _resume_points(store, langs: list[str]) -> list[dict]:
    """The places this person last worked at, newest first, that still exist."""
    points = []
    for row in database.positions(get_db(), current_user.id):
        if row["lang"] not in langs or row["doc"] not in store.slugs():
            continue
        try:
            view = store.catalog(row["lang"], row["doc"])
        except TranslatorError:
            continue
        number = entries.key_number(view, row["msgid"])
        if number is None:
            continue
        points.append(
            {**row, "key": view.keys[number], "number": number + 1, "total": len(view.entries)}
        )
    return points[:RESUME_POINTS]
