"""Where a request reaches the shared data: the app's one :class:`Store` and this request's
connection to the review database.

The store lives in ``app.extensions`` for the app's lifetime; the connection is opened on
first use, kept on ``g`` and closed on teardown (flaskr's ``get_db``). Everything behind them
is in :mod:`translator.web.data`, which never looks at the request itself.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from flask import current_app, g

from translator.web.data.assist import carry_issues
from translator.web.data.catalogs import Store
from translator.web.data.database import connect, init_schema

if TYPE_CHECKING:
    from flask import Flask

    from translator.project import Project

STORE = "translator.store"


def init_app(app: Flask, project: Project) -> None:
    """One store for the project, the database schema now, and the connection's teardown."""
    store = Store(project, max_catalogs=app.config["CATALOG_CACHE_SIZE"])
    # after a save, checks are carried over for the changed entries instead of recomputed
    store.carriers["issues"] = carry_issues(project.settings)
    app.extensions[STORE] = store
    conn = connect(app.config["DATABASE"])
    try:
        init_schema(conn)
    finally:
        conn.close()
    app.teardown_appcontext(close_db)


def get_store() -> Store:
    """The app's catalog and document cache."""
    return current_app.extensions[STORE]


def get_db() -> sqlite3.Connection:
    """This request's connection to the review database, opened on first use."""
    if "db" not in g:
        g.db = connect(current_app.config["DATABASE"])
    return g.db


def close_db(_exc: BaseException | None = None) -> None:
    conn = g.pop("db", None)
    if conn is not None:
        conn.close()
