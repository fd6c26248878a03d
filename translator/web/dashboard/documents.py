"""Coordinators add a document in the browser: upload a text, HTML or Word file (or paste
text), see the import before accepting it, then accept or cancel.

The preview carries the canonical Markdown to the accept step in a hidden field signed with the
app's secret (``itsdangerous``), so nothing is stored between the two steps: cancelling writes
nothing, and an accept whose field was altered or is older than a day is refused. A new version
of an existing document shows the amendment's impact per language before anything is written.
The actual work is :mod:`translator.web.data.intake`'s.
"""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from itsdangerous import BadSignature, URLSafeTimedSerializer

from translator.errors import TranslatorError
from translator.web.access import coordinator_required
from translator.web.context import get_db, get_store
from translator.web.data import intake, notifications
from translator.web.outbox import announce

SALT = "translator.document-import"
MAX_AGE = 24 * 3600  # seconds an import preview may wait for its accept
MAX_PASTE = 200_000  # characters


def _signer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def _form_values() -> dict:
    store = get_store()
    settings = store.project.settings
    return {
        "documents": store.slugs(),
        "source_language": settings.source_language,
        "languages": store.languages(),
    }


@coordinator_required
def new_document():
    """The upload form (GET), and the import's preview (POST)."""
    if request.method == "GET":
        return render_template("dashboard/document_new.html", form={}, **_form_values())
    form = {name: request.form.get(name, "")[:MAX_PASTE] for name in ("text", "slug", "version")}
    try:
        result = _import(form)
        preview = intake.preview_import(get_store().project, result)
    except TranslatorError as exc:
        flash(str(exc), "error")
        return render_template("dashboard/document_new.html", form=form, **_form_values()), 400
    token = _signer().dumps({"slug": preview.slug, "markdown": preview.markdown})
    return render_template("dashboard/document_preview.html", preview=preview, token=token)


def _import(form: dict):
    """Run the importer on the upload or the pasted text of the form."""
    store = get_store()
    lang = store.project.settings.source_language
    version_of = form["version"].strip()
    if version_of and version_of not in store.slugs():
        raise TranslatorError(f"There is no document {version_of!r} in this project.")
    slug = version_of or form["slug"].strip() or None
    upload = request.files.get("file")
    if upload is not None and upload.filename:
        return intake.import_upload(upload.read(), upload.filename, lang=lang, slug=slug)
    if form["text"].strip():
        return intake.import_pasted(form["text"], lang=lang, slug=slug)
    raise TranslatorError("Choose a file to upload or paste the text of the document.")


@coordinator_required
def accept_document():
    """Write the previewed import: source, template and catalogs (or merge a new version)."""
    try:
        data = _signer().loads(request.form.get("token", ""), max_age=MAX_AGE)
    except BadSignature:
        abort(400, "This import preview is not valid (or older than a day); upload it again.")
    if not isinstance(data, dict) or not {"slug", "markdown"} <= set(data):
        abort(400, "This import preview is not valid; upload it again.")
    store = get_store()
    project = store.project
    try:
        accepted = intake.accept_import(project, data["markdown"], data["slug"])
    except TranslatorError as exc:
        flash(str(exc), "error")
        return redirect(url_for(".new_document"))
    store.forget()
    _notify(accepted)
    for error in accepted.errors:
        flash(error, "error")
    what = "New version of" if accepted.existing else "Added"
    flash(f"{what} {accepted.slug}: {len(accepted.catalogs)} catalogs.", "success")
    return redirect(url_for(".index"))


def _notify(accepted: intake.Accepted) -> None:
    conn = get_db()
    actor = current_user.username
    if accepted.existing:
        notifications.notify_amended(conn, accepted.slug, accepted.fuzzy, actor)
        fuzzy = {lang: len(pairs) for lang, pairs in sorted(accepted.fuzzy.items())}
        payload = {"document": accepted.slug, "title": accepted.title, "by": actor}
        announce("source.amended", {**payload, "fuzzy": fuzzy})
    else:
        notifications.notify_new_document(
            conn, accepted.slug, accepted.title, accepted.languages, actor
        )
