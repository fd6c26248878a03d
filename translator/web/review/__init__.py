"""Blueprint ``review``: the translators' and reviewers' pages, and its URL map in one table.

- ``/``: home (my languages and documents, continue where I left off) — :mod:`.home`;
- ``/translate/<slug>/<lang>/``: the editor (list, filters, search, jump, sentence or paragraph
  view) and the panel fragments its JavaScript loads — :mod:`.editor`, built by :mod:`.panels`;
- the form save used without JavaScript and the coordinators' pre-fill — :mod:`.saving`;
- ``/translate/<slug>/<lang>/mass``: mass actions on a filtered list (approve, accept machine
  drafts, send back, search and replace) and their undo — :mod:`.mass`;
- ``/preview/<slug>/<lang>/``: the document as it will be published, beside the source —
  :mod:`.preview`.

The editor's JSON calls are the ``api`` blueprint's; templates are in ``templates/review/``.
"""

from __future__ import annotations

from flask import Blueprint, current_app

from translator.web.review import editor, home, mass, preview, saving

bp = Blueprint("review", __name__, template_folder="templates")

DOC = "/translate/<slug>/<lang>"
bp.add_url_rule("/", view_func=home.home)
bp.add_url_rule(f"{DOC}/", view_func=editor.editor)
bp.add_url_rule(f"{DOC}/segment/<key>", view_func=editor.segment)
bp.add_url_rule(f"{DOC}/block/<int:block>", view_func=editor.block)
bp.add_url_rule(f"{DOC}/segment/<key>", view_func=saving.save_form, methods=("POST",))
bp.add_url_rule(f"{DOC}/prefill", view_func=saving.prefill, methods=("POST",))
bp.add_url_rule(f"{DOC}/mass", "mass_page", view_func=mass.page)
bp.add_url_rule(f"{DOC}/mass", "mass_apply", view_func=mass.apply, methods=("POST",))
bp.add_url_rule(f"{DOC}/mass/replace", "mass_replace", view_func=mass.replace, methods=("POST",))
bp.add_url_rule(f"{DOC}/mass/undo", "mass_undo", view_func=mass.undo, methods=("POST",))
bp.add_url_rule("/preview/<slug>/<lang>/", view_func=preview.preview)


@bp.app_context_processor
def _page_size():
    return {"page_size": current_app.config["PAGE_SIZE"]}
