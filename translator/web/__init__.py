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
``accounts_cli`` is the ``translator users`` command's door; ``server`` runs the app for
``translator serve`` (gunicorn workers, or waitress in one process) and ``profiling`` finds
its slow requests.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
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
    if app.config["WORKER_PID_HEADER"]:
        app.after_request(_worker_pid)
    return app


def _worker_pid(response):
    """Which process answered (``WORKER_PID_HEADER = True``: the multi-worker tests)."""
    response.headers["X-Translator-Worker"] = str(os.getpid())
    return response


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
        "CATALOG_CACHE_SIZE": 2000,  # parsed catalogs kept per worker process (LRU)
        "WORKER_PID_HEADER": False,  # True: X-Translator-Worker names the answering process
        "KEEP_DATABASES_OPEN": False,  # True under `translator serve` (web/context.keep_open)
        "API_RATE_LIMIT": (600, 60),  # requests per seconds, per API token
    }


def _instance_secret(instance: Path) -> str:
    """A random key made on first start and kept (mode 0600) so sessions survive restarts.

    Every worker process and every restart reads the same key, so a session or a CSRF token
    made by one worker is valid in all. Made atomically: the key is written to a private temp
    file, then hard-linked to ``secret_key``, which fails if another process got there first;
    the loser reads the winner's key.
    """
    path = instance / "secret_key"
    key = _read_secret(path)
    if key:
        return key
    fd, temp = tempfile.mkstemp(dir=instance, prefix=".secret_key.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="ascii") as handle:  # mkstemp makes it 0600
            handle.write(secrets.token_hex(32) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileExistsError):
            os.link(temp, path)
        if not _read_secret(path):  # an empty file an older version left when it crashed
            os.replace(temp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
    return _read_secret(path)


def _read_secret(path: Path) -> str:
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return ""
