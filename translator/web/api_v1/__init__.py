"""Blueprint ``api_v1`` (``/api/v1``): the REST API for build pipelines, and its URL map.

Separate from ``api`` (the editor's own JSON calls, which use the session and CSRF): every
request here carries a bearer token instead (:mod:`.auth`), so CSRF is off for this
blueprint and a session cookie counts for nothing. The same role and language rules apply
as in the UI (:mod:`translator.web.access`). Every error is JSON ``{"error": ...}``.

- ``/openapi.json``: the description (:mod:`.spec`, schemas in :mod:`.schemas`);
- ``/stats``, ``/documents``, ``/documents/<slug>/languages/<lang>/catalog.po`` (GET, PUT)
  — :mod:`.documents`;
- ``/builds``, ``/builds/<id>``, ``/builds/<id>/files/<path>`` — :mod:`.builds`;
- ``/webhooks``, ``/webhooks/<id>``, ``/webhooks/<id>/deliveries`` — :mod:`.hooks`.

Background work (build jobs, webhook deliveries) is :mod:`translator.web.outbox`'s.
"""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from translator.web.api_v1 import builds, documents, hooks
from translator.web.api_v1.auth import ApiError, answer_error, authenticate
from translator.web.api_v1.spec import openapi_document
from translator.web.security import csrf

bp = Blueprint("api_v1", __name__, url_prefix="/api/v1")
csrf.exempt(bp)
bp.before_request(authenticate)
bp.register_error_handler(ApiError, answer_error)


def openapi():
    """The OpenAPI 3.1 document (no token needed)."""
    return jsonify(openapi_document(request.script_root + bp.url_prefix))


CATALOG = "/documents/<slug>/languages/<lang>/catalog.po"
JOB = "/builds/<job_id>"
HOOK = "/webhooks/<int:hook_id>"
bp.add_url_rule("/openapi.json", view_func=openapi)
bp.add_url_rule("/stats", view_func=documents.stats)
bp.add_url_rule("/documents", view_func=documents.documents)
bp.add_url_rule(
    "/documents", "create_document", view_func=documents.create_document, methods=("POST",)
)
bp.add_url_rule(CATALOG, "catalog", view_func=documents.download_catalog)
bp.add_url_rule(CATALOG, "merge_catalog", view_func=documents.merge_catalog, methods=("PUT",))
bp.add_url_rule("/builds", view_func=builds.create_build, methods=("POST",))
bp.add_url_rule(JOB, view_func=builds.build_status)
bp.add_url_rule(f"{JOB}/files/<path:path>", view_func=builds.build_file)
bp.add_url_rule("/webhooks", view_func=hooks.list_hooks)
bp.add_url_rule("/webhooks", "add_hook", view_func=hooks.add_hook, methods=("POST",))
bp.add_url_rule(HOOK, view_func=hooks.delete_hook, methods=("DELETE",))
bp.add_url_rule(f"{HOOK}/deliveries", view_func=hooks.hook_deliveries)
