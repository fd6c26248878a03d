"""The API's webhooks, for coordinators: list, add (the secret is shown once), remove, and
every delivery with each attempt (status code, time, error)."""

from __future__ import annotations

from flask import request, url_for
from flask_login import current_user

from translator.web.api_v1.auth import ApiError, require_coordinator
from translator.web.context import get_db
from translator.web.data import webhooks


def _with_links(hook: dict) -> dict:
    return {**hook, "deliveries_url": url_for("api_v1.hook_deliveries", hook_id=hook["id"])}


def list_hooks():
    require_coordinator()
    return {"webhooks": [_with_links(hook) for hook in webhooks.list_hooks(get_db())]}


def add_hook():
    """Add a hook: ``{"url": ..., "events": [...], "secret": optional}``; 201."""
    require_coordinator()
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ApiError(400, 'send a JSON object: {"url": ..., "events": [...]}')
    url, events, secret = body.get("url"), body.get("events", []), body.get("secret", "")
    if not isinstance(url, str) or not isinstance(secret, str) or len(secret) > 200:
        raise ApiError(400, "url and secret must be strings")
    if not isinstance(events, list) or not all(isinstance(item, str) for item in events):
        raise ApiError(400, "events: a list of event names")
    try:
        hook = webhooks.add_hook(get_db(), url, events, current_user.username, secret)
    except webhooks.HookError as exc:
        raise ApiError(400, str(exc)) from None
    return _with_links(hook), 201


def delete_hook(hook_id: int):
    require_coordinator()
    if not webhooks.delete_hook(get_db(), hook_id):
        raise ApiError(404, f"there is no webhook {hook_id}")
    return "", 204


def hook_deliveries(hook_id: int):
    require_coordinator()
    conn = get_db()
    hook = webhooks.get_hook(conn, hook_id)
    if hook is None:
        raise ApiError(404, f"there is no webhook {hook_id}")
    return {"webhook": _with_links(hook), "deliveries": webhooks.deliveries(conn, hook_id)}
