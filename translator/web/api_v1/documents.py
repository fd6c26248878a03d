"""The API's documents: completion figures, the list, a new document imported, and one
catalog downloaded and merged back.

The figures are :meth:`Project.stats` over the statistics index, exactly what
``translator stats --json`` prints, for the languages the token may see. A new document goes
through the coordinators' import (:mod:`translator.web.data.intake`); a catalog comes as the
offline round trip's PO export (carrying its base) and goes back through the same three-way
merge as the upload form (:func:`translator.web.data.uploads.merge_file`), logged as the
token's person with origin ``api``.
"""

from __future__ import annotations

from flask import Response, request, url_for
from flask_login import current_user

from translator.errors import TranslatorError
from translator.exchange import EXPORT_FORMATS, UploadError, export_catalog, read_upload
from translator.web.access import known_document, known_language, open_workspace
from translator.web.api_v1.auth import ApiError, require_coordinator
from translator.web.context import get_db, get_store
from translator.web.data import intake, notifications
from translator.web.data.uploads import merge_file

PO = EXPORT_FORMATS["po"]


def _asked(name: str) -> list[str]:
    return [part for value in request.args.getlist(name) for part in value.split(",") if part]


def stats():
    """Completion per document and language (``translator stats --json``)."""
    project = get_store().project
    langs = [known_language(code) for code in _asked("lang")] or project.languages()
    langs = [lang for lang in langs if current_user.can_view(lang)]
    if not langs:
        raise ApiError(403, "this token may not see any language")
    slugs = [known_document(slug) for slug in _asked("doc")] or None
    return project.stats(slugs, langs).to_dict()


def documents():
    """Every document with its title and the catalogs this token may open."""
    store = get_store()
    items = []
    for slug in store.slugs():
        try:
            doc = store.document(slug).doc
            title, lang, error = doc.title, doc.lang, ""
        except TranslatorError as exc:
            title, lang, error = "", "", str(exc).replace(str(store.project.root) + "/", "")
        langs = [
            code
            for code in store.languages()
            if current_user.can_view(code) and store.has_catalog(code, slug)
        ]
        item = {"slug": slug, "title": title, "lang": lang, "languages": langs}
        item["catalogs"] = {code: _catalog_url(slug, code) for code in langs}
        if error:
            item["error"] = error
        items.append(item)
    return {"documents": items}


def _catalog_url(slug: str, lang: str) -> str:
    return url_for("api_v1.catalog", slug=slug, lang=lang)


def create_document():
    """Import an uploaded source (coordinators): source, template and catalogs; 201."""
    require_coordinator()
    sent = request.files.get("file")
    slug = request.form.get("slug", "").strip()
    project = get_store().project
    lang = request.form.get("lang", "").strip() or project.settings.source_language
    if sent is None or not sent.filename:
        raise ApiError(400, "send the source as the multipart field 'file'")
    if not slug:
        raise ApiError(400, "the field 'slug' is required")
    if slug in project.slugs():
        raise ApiError(409, f"there is already a document {slug!r}", slug=slug)
    try:
        result = intake.import_upload(sent.read(), sent.filename, lang=lang, slug=slug)
        intake.read_markdown(result.markdown, result.slug)
        if result.slug in project.slugs():
            raise ApiError(409, f"there is already a document {result.slug!r}", slug=result.slug)
        accepted = intake.accept_import(project, result.markdown, result.slug)
    except TranslatorError as exc:
        raise ApiError(422, str(exc)) from None
    get_store().forget()
    notifications.notify_new_document(
        get_db(), accepted.slug, accepted.title, accepted.languages, current_user.username
    )
    body = {
        "slug": accepted.slug,
        "title": accepted.title,
        "source": accepted.source,
        "template": accepted.template,
        "catalogs": accepted.catalogs,
        "languages": accepted.languages,
        "dropped": list(result.dropped),
        "warnings": list(result.warnings),
        "errors": accepted.errors,
    }
    return body, 201, {"Location": url_for("api_v1.documents")}


def download_catalog(slug: str, lang: str):
    """The catalog as the offline round trip's PO export (its base in the header)."""
    space = open_workspace(slug, lang, "view", document=False)
    if space.broken:
        raise ApiError(409, space.error)
    data = export_catalog(space.view.po, space.store.project.settings, space.lang, space.slug, PO)
    response = Response(data, mimetype="text/x-gettext-translation")
    response.charset = "utf-8"
    name = f"{space.slug}.{space.lang}.po".replace('"', "_")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def merge_catalog(slug: str, lang: str):
    """Merge an uploaded PO or XLIFF file with the three-way rule; 409 lists the conflicts."""
    space = open_workspace(slug, lang, "edit", document=False)
    if space.broken:
        raise ApiError(409, space.error)
    sent = request.files.get("file")
    data = sent.read() if sent is not None else request.get_data()
    if not data:
        raise ApiError(400, "send the catalog as the request body (or the multipart field 'file')")
    approve = request.args.get("approve", "") in ("1", "true", "yes")
    try:
        upload = read_upload(data, f"{space.slug}.{space.lang}.po")
        report, _versions = merge_file(space, current_user, get_db(), upload, approve, "api")
    except UploadError as exc:
        raise ApiError(422, str(exc), problems=exc.problems) from None
    body = report.to_dict()
    if report.conflicts:
        count = len(report.conflicts)
        message = f"{count} entr{'y' if count == 1 else 'ies'} changed both in the file and online"
        raise ApiError(409, message, conflicts=body["conflicts"], report=body)
    return body
