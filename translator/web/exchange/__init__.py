"""Blueprint ``files`` (``/files``): a translator's files in and out of the editor.

- ``/files/<slug>/<lang>/``: downloads (PO, XLIFF 1.2 or 2.0; one document or the language
  as a zip), the upload form, and the conflicts a sync left — :mod:`.downloads`;
- ``/files/<slug>/<lang>/upload`` and ``/resolve``: merge an uploaded file, then decide its
  conflicts entry by entry — :mod:`.merging`;
- ``/files/<slug>/<lang>/conflicts``: decide what a ``translator sync`` could not —
  :mod:`.conflicts`;
- ``/files/profile``: the address a person's commits carry — :mod:`.profile`.

The work is the library's (:mod:`translator.exchange`, :mod:`translator.gitstore`) through
:mod:`translator.web.data.uploads`; templates are in ``templates/exchange/``.
"""

from __future__ import annotations

from flask import Blueprint

from translator.web.exchange import conflicts, downloads, merging, profile

bp = Blueprint("files", __name__, url_prefix="/files", template_folder="templates")

DOC = "/<slug>/<lang>"
bp.add_url_rule(f"{DOC}/", view_func=downloads.page)
bp.add_url_rule(f"{DOC}/download", view_func=downloads.download)
bp.add_url_rule("/<lang>/download", view_func=downloads.download_language)
bp.add_url_rule(f"{DOC}/upload", view_func=merging.upload, methods=("POST",))
bp.add_url_rule(f"{DOC}/resolve", view_func=merging.resolve, methods=("POST",))
bp.add_url_rule(f"{DOC}/conflicts", view_func=conflicts.listing, methods=("GET", "POST"))
bp.add_url_rule("/profile", view_func=profile.profile, methods=("GET", "POST"))


@bp.app_template_global()
def sync_conflict_count(slug: str, lang: str) -> int:
    """Open sync conflicts of one catalog (the editor's Files button shows them)."""
    return conflicts.open_count(slug, lang)
