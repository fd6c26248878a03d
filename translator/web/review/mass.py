"""Mass actions on a filtered list of one catalog, for reviewers and coordinators: approve the
selected entries, accept the machine drafts that pass every check, send the selection back to
draft, search and replace (with a preview of every change), and undo any of them as a group.

Translators of the language see the list read-only. Every action posts the versions of the
entries as the page showed them; what changed since is skipped and listed in the message. The
work is :mod:`translator.web.data.mass`'s.
"""

from __future__ import annotations

import re

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from translator.web.access import open_workspace
from translator.web.context import get_db
from translator.web.data import assist, entries, mass, notifications
from translator.web.data.catalogs import Refused, StorageError
from translator.web.data.editing import EditError
from translator.web.notices import deliver
from translator.web.review.panels import catalog_stats

KEY = re.compile(r"[0-9a-f]{16}")
MAX_ROWS = 1000
SHOWN_SKIPS = 5


def _space(slug: str, lang: str):
    space = open_workspace(slug, lang, "view")
    if space.broken:
        abort(409, space.error)
    return space


def _check_ids(issues: dict) -> list[str]:
    return sorted({issue.check_id for found in issues.values() for issue in found})


@login_required
def page(slug: str, lang: str):
    """The filtered list with its checkboxes, the actions and the recent mass actions."""
    space = _space(slug, lang)
    selection = mass.Selection.from_args(request.args)
    return _render(space, selection)


def _render(space, selection, **extra):
    issues = assist.catalog_issues(space)
    numbers = mass.select(space.view, selection, issues)
    facts = {"issues": issues}
    rows = [entries.make_row(space.view, n, facts) for n in numbers[:MAX_ROWS]]
    return render_template(
        "review/mass.html",
        space=space,
        selection=selection,
        rows=rows,
        matches=len(numbers),
        origins=mass.ORIGINS,
        checks=mass.CHECKS,
        check_ids=_check_ids(issues),
        can_review=current_user.can_review(space.lang),
        groups=mass.recent_groups(get_db(), space.slug, space.lang),
        acceptable=sum(
            row.provenance.kind == "machine" and row.state == "draft" and not row.issues
            for row in rows
        ),
        stats=catalog_stats(space.view),
        **extra,
    )


def _versions(keys: list[str]) -> dict[str, str]:
    """key -> the version the page showed, for each of ``keys`` (malformed ones left out)."""
    found = {}
    for key in keys:
        version = request.form.get(f"v-{key}", "")
        if KEY.fullmatch(key) and KEY.fullmatch(version):
            found[key] = version
    return found


def _back(slug: str, lang: str):
    selection = mass.Selection.from_args(request.form)
    return redirect(url_for(".mass_page", slug=slug, lang=lang, **selection.args()))


def _changes(space):
    try:
        return mass.MassChanges(space, current_user._get_current_object(), get_db())
    except Refused as exc:
        abort(exc.code, exc.description)


def _report(result: mass.MassResult) -> None:
    flash(result.summary() + ".", "success" if result.changed else "error")
    for msgid, why in result.skipped[:SHOWN_SKIPS]:
        flash(f"Skipped “{msgid[:80]}”: {why}.", "error")
    if len(result.skipped) > SHOWN_SKIPS:
        flash(f"… and {len(result.skipped) - SHOWN_SKIPS} more skipped.", "error")


def _run(call, *args):
    try:
        return call(*args)
    except Refused as exc:
        abort(exc.code, exc.description)
    except EditError as exc:
        abort(422, str(exc))
    except StorageError as exc:
        abort(exc.status, str(exc))


@login_required
def apply(slug: str, lang: str):
    """Approve, accept machine drafts, or send back: ``action`` on the posted entries."""
    space = _space(slug, lang)
    changes = _changes(space)
    action = request.form.get("action", "")
    if action == "accept":  # every listed machine draft that passes the checks
        versions = _versions(request.form.getlist("listed"))
        result = _run(changes.accept, versions, assist.catalog_issues(space))
    elif action in ("approve", "send-back"):
        versions = _versions(request.form.getlist("key"))
        if not versions:
            flash("Select the sentences first.", "error")
            return _back(slug, lang)
        call = changes.approve if action == "approve" else changes.send_back
        result = _run(call, versions)
    else:
        abort(400, "Unknown mass action.")
    if action == "send-back" and result.changed:
        authors = mass.sent_back_authors(get_db(), space.slug, space.lang, result)
        notifications.notify_sent_back(
            get_db(), space.slug, space.lang, authors, current_user.username
        )
        deliver()
    _report(result)
    return _back(slug, lang)


@login_required
def replace(slug: str, lang: str):
    """Search and replace in the translations: a preview of every change, then ``confirm``."""
    space = _space(slug, lang)
    changes = _changes(space)
    find = request.form.get("find", "")[:500]
    into = request.form.get("replace", "")[:500]
    selection = mass.Selection.from_args(request.form)
    if not find:
        flash("Say what to search for.", "error")
        return _back(slug, lang)
    if not request.form.get("confirm"):
        issues = assist.catalog_issues(space)
        numbers = mass.select(space.view, selection, issues)
        found = mass.replacements(space.view, numbers, find, into)
        diffs = {item.key: entries.word_diff(item.before, item.after) for item in found}
        return _render(
            space,
            selection,
            replacing={"find": find, "replace": into, "items": found, "diffs": diffs},
        )
    result = _run(changes.replace, _versions(request.form.getlist("key")), find, into)
    _report(result)
    return _back(slug, lang)


@login_required
def undo(slug: str, lang: str):
    """Undo one mass action as a group (what changed since is left as it is, and named)."""
    space = _space(slug, lang)
    changes = _changes(space)
    raw = request.form.get("group", "")
    if not (raw.isascii() and raw.isdigit()):
        abort(400, "Expected the number of a mass action.")
    result = _run(changes.undo, int(raw))
    _report(result)
    return _back(slug, lang)
