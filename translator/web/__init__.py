"""The review UI: a Flask app factory in the flaskr shape.

``create_app`` sets defaults, then reads ``instance/config.py`` (or the test dict), then plugs in
each subsystem with ``init_app`` and registers the blueprints in :func:`register_blueprints`,
the one place to add an area. The instance folder is the project's git-ignored ``instance/``.

The house, top to bottom: one package per audience, each a blueprint with its URL map in its
``__init__`` and its own templates: ``review`` (translators and reviewers: home, editor,
preview), ``api`` (the editor's JSON calls), ``api_v1`` (the REST API for pipelines, with
bearer tokens), ``dashboard`` (coordinators' figures),
``accounts`` (login, people, languages), ``notices`` (each person's notifications).
Beneath them the shared Flask glue: ``access`` (who may open what), ``context`` (the store
and this request's database), ``outbox`` (webhook deliveries and build jobs beside the
requests), ``templating``, ``security``, ``errors``. At the bottom
``data``: catalogs, changes, help and the review database, with no Flask in it.
``accounts_cli`` is the ``translator users`` command's door.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Flask

from translator.config import find_project, load_settings
from translator.project import Project

__all__ = ["create_app", "register_blueprints"]


def create_app(test_config: dict[str, Any] | None = None, *, project_root=None) -> Flask:
    """Build the app for the project at ``project_root`` (or ``TRANSLATOR_PROJECT``, or the
    nearest project above the working directory).

    :param test_config: settings used instead of ``instance/config.py`` (tests).
    """
    root = (test_config or {}).get("PROJECT_ROOT") or project_root
    root = Path(root or os.environ.get("TRANSLATOR_PROJECT") or find_project())
    settings = load_settings(root)
    app = Flask(__name__, instance_path=str(settings.instance_dir), instance_relative_config=True)
    app.config.from_mapping(_defaults(settings.instance_dir))
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
    else:
        app.config.from_mapping(test_config)
    app.config["PROJECT_ROOT"] = str(settings.root)
    os.makedirs(app.instance_path, exist_ok=True)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path))
    if app.config["TRUSTED_PROXIES"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = int(app.config["TRUSTED_PROXIES"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    from translator.web import accounts, context, errors, outbox, security, templating

    context.init_app(app, Project(settings))
    outbox.init_app(app, app.extensions[context.STORE])
    security.init_app(app)
    accounts.init_app(app)
    templating.init_app(app)
    register_blueprints(app)
    errors.init_app(app)
    return app


def register_blueprints(app: Flask) -> None:
    """Every area of the site.

    A new area registers its blueprint here and, for a link in the top bar, calls
    :func:`translator.web.templating.add_nav` with its main endpoint (see ``dashboard``).
    """
    from translator.web import accounts, api, api_v1, dashboard, exchange, notices, review

    app.register_blueprint(accounts.auth_bp)
    app.register_blueprint(review.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(accounts.admin_bp)
    app.register_blueprint(dashboard.bp)
    app.register_blueprint(notices.bp)
    app.register_blueprint(exchange.bp)
    app.register_blueprint(api_v1.bp)


def _defaults(instance_dir: Path) -> dict[str, Any]:
    return {
        "SECRET_KEY": None,  # None: generated once into instance/secret_key
        "DATABASE": str(instance_dir / "translator.sqlite3"),
        "FIRST_RUN_ADMIN": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": False,  # set True in instance/config.py behind HTTPS
        "SESSION_COOKIE_NAME": "translator_session",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_DURATION": timedelta(days=14),
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=12),
        "WTF_CSRF_TIME_LIMIT": None,  # valid for the session: long edits must not fail
        "WTF_CSRF_SSL_STRICT": True,
        "MAX_CONTENT_LENGTH": 1024 * 1024,
        "LOGIN_MAX_FAILURES": 5,
        "LOGIN_MAX_FAILURES_PER_ADDRESS": 50,
        "LOGIN_WINDOW_SECONDS": 15 * 60,
        "PAGE_SIZE": 50,
        "MT_ENGINES": None,  # None: the project's `engines` setting; {"*": "dummy"} in tests
        "TRUSTED_PROXIES": 0,  # reverse proxies in front (their X-Forwarded-* are believed)
        "API_RATE_LIMIT": (600, 60),  # requests per seconds, per API token
    }


def _instance_secret(instance: Path) -> str:
    """A random key made on first start and kept (mode 0600) so sessions survive restarts."""
    path = instance / "secret_key"
    if path.is_file():
        key = path.read_text(encoding="ascii").strip()
        if key:
            return key
    key = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key + "\n")
    return key
