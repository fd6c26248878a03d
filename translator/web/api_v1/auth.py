"""Who calls the API: the bearer token checked before every view, its rate limit, and the
JSON answer of every refusal.

``Authorization: Bearer <token>`` is the only credential: a session cookie counts for nothing
here (so CSRF does not apply), and a request without a valid token is answered 401 before
any view runs. The token's person (:func:`translator.web.data.tokens.token_user`) becomes
Flask-Login's ``current_user`` for this request only (nothing goes into the session), so
:mod:`translator.web.access` applies the same role and language rules as in the UI.
"""

from __future__ import annotations

from flask import current_app, g, jsonify, request
from flask_login import current_user

from translator.web.context import get_db
from translator.web.data.tokens import find_token, take, token_user

PUBLIC_ENDPOINTS = {"api_v1.openapi"}  # the API's description is for anyone
DEFAULT_RATE_LIMIT = (600, 60)  # requests per seconds, per token


class ApiError(Exception):
    """An answer other than success: HTTP ``code``, a message, more JSON fields, headers."""

    def __init__(self, code: int, message: str, headers: dict | None = None, **extra):
        super().__init__(message)
        self.code = code
        self.message = message
        self.headers = headers or {}
        self.extra = extra


def answer_error(error: ApiError):
    response = jsonify({"error": error.message, **error.extra})
    response.status_code = error.code
    response.headers.update(error.headers)
    return response


def authenticate() -> None:
    """Run before every API view: the token, its person, and one request from its bucket."""
    if request.endpoint in PUBLIC_ENDPOINTS or request.endpoint is None:
        return
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    challenge = {"WWW-Authenticate": 'Bearer realm="translator"'}
    if scheme.lower() != "bearer" or not secret.strip():
        raise ApiError(401, "an API token is required: Authorization: Bearer <token>", challenge)
    conn = get_db()
    token = find_token(conn, secret.strip())
    person = token_user(conn, token) if token is not None else None
    if person is None:
        raise ApiError(401, "this API token is not valid (unknown or revoked)", challenge)
    capacity, seconds = current_app.config.get("API_RATE_LIMIT") or DEFAULT_RATE_LIMIT
    wait = take(conn, token, int(capacity), float(seconds))
    if wait:
        raise ApiError(
            429,
            f"too many requests with this token: at most {capacity} per {seconds:g} seconds",
            {"Retry-After": str(wait)},
        )
    g._login_user = person  # Flask-Login's current_user for this request, never the session
    g.api_token = token


def require_coordinator() -> None:
    if not current_user.is_coordinator:
        raise ApiError(403, "only coordinators' tokens can do this")
