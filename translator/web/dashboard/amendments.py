"""Amendments: documents whose catalogs are behind their changed source, the changed sentences
of one document, and the coordinator's decision per change, applied to every language."""

from __future__ import annotations

from pathlib import Path

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from translator.errors import TranslatorError
from translator.progress.amend import DECISIONS, decide, find_changes, prefill_refill
from translator.progress.matrix import document_titles
from translator.web.access import coordinator_required, known_document
from translator.web.context import get_db
from translator.web.dashboard.figures import overview, project, today
from translator.web.data.database import log_change


@coordinator_required
def amendments():
    """Documents whose catalogs are behind their source, with what is waiting in each."""
    _table, staleness = overview()
    documents: dict[str, dict] = {}
    for (slug, lang), mark in sorted(staleness.items()):
        item = documents.setdefault(slug, {"amended": 0, "languages": [], "reasons": set()})
        item["amended"] += mark.amended
        item["languages"].append(lang)
        item["reasons"].update(mark.reasons)
    return render_template("dashboard/amendments.html", documents=documents)


@coordinator_required
def amendment(slug: str):
    """The changed sentences of one document; POST applies one decision to every language."""
    slug = known_document(slug)
    catalogs = project().catalog_paths(slug)
    if request.method == "POST":
        return _decide(slug, catalogs)
    found = find_changes(slug, catalogs)
    return render_template(
        "dashboard/amendment.html",
        slug=slug,
        title=document_titles(project().settings.source_dir, [slug]).get(slug, ""),
        found=found,
        decisions=DECISIONS,
        languages=sorted(catalogs),
    )


def _decide(slug: str, catalogs: dict[str, Path]):
    key, decision = request.form.get("key", ""), request.form.get("decision", "")
    change = next((c for c in find_changes(slug, catalogs).changes if c.key == key), None)
    if change is None or decision not in DECISIONS:
        flash("That change is no longer waiting for a decision.", "error")
        return redirect(url_for("dashboard.amendment", slug=slug))
    targets = {lang: catalogs[lang] for lang in change.pending}
    day = today().isoformat()
    try:
        report = decide(
            targets, key, decision, user=current_user.username, day=day, refill=_refill()
        )
    except TranslatorError as exc:
        flash(str(exc), "error")
        return redirect(url_for("dashboard.amendment", slug=slug))
    db = get_db()
    for lang in report.changed:
        log_change(
            db, user=current_user.username, doc=slug, lang=lang, msgid=change.new,
            action=f"amend-{decision}", before=change.old, after=change.new,
            before_state="draft", after_state="draft" if decision == "minor" else "untranslated",
        )  # fmt: skip
    db.commit()
    for line in report.errors:
        flash(line, "error")
    refilled = sum(report.refilled.values())
    extra = f", {refilled} pre-filled again" if decision == "substantive" else ""
    flash(f"{DECISIONS[decision]}: {len(report.changed)} languages{extra}.", "success")
    return redirect(url_for("dashboard.amendment", slug=slug))


def _refill():
    """Pre-fill cleared sentences again with the project's memory and engine."""
    return prefill_refill(project().settings, current_app.config.get("DASHBOARD_REFILL_ENGINE"))
