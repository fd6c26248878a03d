"""Uploading a translated file into the editor, and deciding its conflicts entry by entry."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from translator.exchange import Proposal, UploadError, read_upload
from translator.web.access import open_workspace
from translator.web.context import get_db
from translator.web.data.editing import EditError, clean_text
from translator.web.data.uploads import Choice, keep_mine, merge_file
from translator.web.exchange.conflicts import open_count
from translator.web.exchange.downloads import FORMATS


@login_required
def upload(slug: str, lang: str):
    """Merge the uploaded file; show what was merged and the conflicts to decide."""
    space = open_workspace(slug, lang, "edit", document=False)
    if space.broken:
        abort(409, space.error)
    sent = request.files.get("file")
    data = sent.read() if sent is not None else b""
    if not data:
        flash("Choose a PO or XLIFF file to upload.", "error")
        return redirect(url_for(".page", slug=space.slug, lang=space.lang))
    name = (sent.filename or "upload")[-80:]
    approve_all = request.form.get("approve") == "1"
    try:
        report, versions = merge_file(
            space, current_user, get_db(), read_upload(data, name), approve_all
        )
    except UploadError as exc:
        page = render_template(
            "exchange/files.html",
            space=space,
            formats=FORMATS,
            conflicts=open_count(space.slug, space.lang),
            problems=exc.problems,
        )
        return page, 400
    rows = [
        _row(c.id, c.msgid, c.mine, c.theirs.text, c.theirs.state, versions.get(c.id, ""))
        for c in report.conflicts
    ]
    return render_template("exchange/merged.html", space=space, report=report, rows=rows)


def _row(key, msgid, mine: Proposal, now_text: str, now_state: str, version: str) -> dict:
    return {
        "key": key,
        "msgid": msgid,
        "mine": mine.text,
        "mine_state": mine.state,
        "now": now_text,
        "now_state": now_state,
        "version": version,
    }


@login_required
def resolve(slug: str, lang: str):
    """Keep the online text or take the file's, per conflict (the file's with a version check)."""
    space = open_workspace(slug, lang, "edit", document=False)
    if space.broken:
        abort(409, space.error)
    form = request.form
    choices = []
    for key in form.getlist("key")[:500]:
        if form.get(f"choice-{key}") != "mine":
            continue
        state = form.get(f"state-{key}", "translated")
        try:
            text = clean_text(form.get(f"text-{key}", ""))
        except EditError as exc:
            abort(400, str(exc).capitalize() + ".")
        proposal = Proposal(text, fuzzy=state == "draft", approve=state == "approved")
        choices.append(Choice(key, form.get(f"version-{key}", ""), proposal))
    decided = keep_mine(space, current_user, get_db(), choices, form.get("origin", "upload"))
    if decided.again:
        flash("Some sentences were changed again meanwhile: decide them once more.", "error")
        rows = [
            _row(a["key"], a["msgid"], a["mine"], a["now"], "", a["version"]) for a in decided.again
        ]
        page = render_template(
            "exchange/merged.html", space=space, report=None, rows=rows, origin=form.get("origin")
        )
        return page, 409
    kept = len(form.getlist("key")) - len(choices)
    flash(f"Saved {len(decided.saved)} of your texts; kept the online text of {kept}.", "success")
    for _key, why in decided.skipped:
        flash(f"One sentence was skipped: {why}.", "error")
    return redirect(url_for("review.editor", slug=space.slug, lang=space.lang))
