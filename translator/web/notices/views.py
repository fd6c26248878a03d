"""The notification pages: the feed with its e-mail settings, marking read, unsubscribing."""

from __future__ import annotations

import polib
from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from translator.web.context import get_db, get_store
from translator.web.data import notifications
from translator.web.data.catalogs import entry_key
from translator.web.notices.delivery import mail_config

MAX_ADDRESS = 254


def unread_notifications() -> int:
    """The top bar's unread count (0 when logged out)."""
    if not current_user.is_authenticated:
        return 0
    return notifications.unread_count(get_db(), current_user.id)


def target_url(item: dict) -> str:
    """Where a notification leads: the sentence or document it is about, or the feed."""
    store = get_store()
    lang, doc = item["lang"], item["doc"]
    if (
        doc not in store.slugs()
        or lang not in store.languages()
        or not current_user.may(lang, "view")
    ):
        return url_for(".feed")
    if item["msgid"]:
        key = entry_key(polib.POEntry(msgid=item["msgid"]))
        return url_for("review.editor", slug=doc, lang=lang, seg=key)
    return url_for("review.editor", slug=doc, lang=lang)


@login_required
def feed():
    conn = get_db()
    items = notifications.feed(conn, current_user.id)
    for item in items:
        item["url"] = target_url(item)
        item["label"] = notifications.KINDS.get(item["kind"], item["kind"])
    return render_template(
        "notices/feed.html",
        items=items,
        unread=notifications.unread_count(conn, current_user.id),
        mail=notifications.mail_settings(conn, current_user.id),
        mail_available=mail_config_available(),
        modes=notifications.MODES,
    )


def mail_config_available() -> bool:
    from flask import current_app

    return mail_config(current_app) is not None


@login_required
def read():
    """Mark one notification read (``id``, then open it) or all of them (``all``)."""
    conn = get_db()
    if request.form.get("all"):
        count = notifications.mark_read(conn, current_user.id)
        flash(f"{count} notification{'s' if count != 1 else ''} marked read.", "success")
        return redirect(url_for(".feed"))
    raw = request.form.get("id", "")
    if not (raw.isascii() and raw.isdigit()) or not 0 < int(raw) < 2**63:
        abort(400, "Expected a notification id.")
    wanted = int(raw)
    item = next(
        (i for i in notifications.feed(conn, current_user.id, 10_000) if i["id"] == wanted), None
    )
    if item is None:
        abort(404, "There is no such notification.")
    notifications.mark_read(conn, current_user.id, [wanted])
    return redirect(target_url(item))


@login_required
def settings():
    """The person's e-mail address and how often to mail them."""
    address = request.form.get("address", "").strip()
    mode = request.form.get("mode", "off")
    if mode not in notifications.MODES:
        abort(400, "Expected off, immediate or daily.")
    if address and (
        len(address) > MAX_ADDRESS
        or "@" not in address
        or any(c.isspace() or c in '<>,;"' for c in address)
    ):
        flash("That does not look like an e-mail address.", "error")
        return redirect(url_for(".feed"))
    if mode != "off" and not address:
        flash("Give an e-mail address to get mail.", "error")
        return redirect(url_for(".feed"))
    notifications.set_mail_settings(get_db(), current_user.id, address, mode)
    flash("E-mail settings saved.", "success")
    return redirect(url_for(".feed"))


def unsubscribe():
    """The link in every e-mail: confirm (GET shows the question), then mail is off."""
    token = (request.values.get("t") or "")[:100]
    conn = get_db()
    holder = notifications.token_holder(conn, token)
    if request.method == "GET":
        return render_template("notices/unsubscribe.html", holder=holder, token=token, done=False)
    if holder is None:
        abort(404, "This unsubscribe link is not valid.")
    notifications.unsubscribe(conn, token)
    return render_template("notices/unsubscribe.html", holder=holder, token=token, done=True)
