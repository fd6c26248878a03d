"""Browser-facing protections: CSRF on every state-changing request, and response headers.

Forms carry ``csrf_token``; JavaScript sends the token from ``<meta name="csrf-token">`` in the
``X-CSRFToken`` header. The Content-Security-Policy allows scripts, styles and fonts from this
site only (no inline scripts or styles), and no framing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import jsonify, render_template, request
from flask_wtf.csrf import CSRFError, CSRFProtect

if TYPE_CHECKING:
    from flask import Flask, Response

csrf = CSRFProtect()

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def set_headers(response: Response) -> Response:
    """Security headers on every response; pages are not cached (they show live catalogs)."""
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if request.endpoint != "static":
        headers.setdefault("Cache-Control", "no-store")
    return response


def csrf_refused(error: CSRFError):
    """A missing or wrong token: refuse, and say why."""
    if request.path.startswith("/api/") or request.is_json:
        return jsonify(error=f"CSRF check failed: {error.description}"), 400
    return render_template("error.html", code=400, message=error.description), 400


def init_app(app: Flask) -> None:
    csrf.init_app(app)
    app.after_request(set_headers)
    app.register_error_handler(CSRFError, csrf_refused)
