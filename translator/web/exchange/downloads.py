"""The files page of one catalog, and its downloads: one document, or a language as a zip."""

from __future__ import annotations

import re

from flask import Response, abort, render_template, request
from flask_login import login_required

from translator.errors import TranslatorError
from translator.exchange import EXPORT_FORMATS, export_catalog, export_language, export_name
from translator.web.access import known_language, open_workspace, require
from translator.web.context import get_store
from translator.web.exchange.conflicts import open_count

FORMATS = {
    "po": "PO (Poedit, Lokalize, Virtaal)",
    "xliff-1.2": "XLIFF 1.2 (OmegaT, Trados, memoQ)",
    "xliff-2.0": "XLIFF 2.0",
}


def chosen_format(default: str = "po"):
    name = request.args.get("format", default)
    return EXPORT_FORMATS.get(name) or EXPORT_FORMATS[default]


@login_required
def page(slug: str, lang: str):
    """Download choices, the upload form, and the sync conflicts waiting here."""
    space = open_workspace(slug, lang, "view", document=False)
    if space.broken:
        return render_template("review/broken.html", space=space), 409
    return render_template(
        "exchange/files.html", space=space, formats=FORMATS, conflicts=open_count(slug, lang)
    )


@login_required
def download(slug: str, lang: str):
    """One catalog as a file for a translator's own tool."""
    space = open_workspace(slug, lang, "view", document=False)
    if space.broken:
        abort(409, space.error)
    fmt = chosen_format()
    settings = space.store.project.settings
    data = export_catalog(space.view.po, settings, space.lang, space.slug, fmt)
    return _attachment(data, export_name(space.slug, space.lang, fmt), fmt.media_type)


@login_required
def download_language(lang: str):
    """Every document of a language, as a zip of files in one format."""
    lang = known_language(lang)
    require(lang, "view")
    store = get_store()
    fmt = chosen_format()
    try:
        data, errors = export_language(store.project.settings, lang, store.slugs(), fmt)
    except TranslatorError as exc:
        abort(409, str(exc))
    response = _attachment(data, f"{lang}-{fmt.name}.zip", "application/zip")
    if errors:
        response.headers["X-Translator-Left-Out"] = str(len(errors))
    return response


def _attachment(data: bytes, name: str, media_type: str) -> Response:
    name = re.sub(r"[^A-Za-z0-9._-]", "_", name)  # a header value, whatever a slug holds
    response = Response(data, mimetype=media_type.split(";")[0])
    if "charset" in media_type:
        response.charset = "utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
