"""Where a request reaches the shared data: the app's one :class:`Store` and this request's
connection to the review database.

The store lives in ``app.extensions`` for the app's lifetime; the connection is opened on
first use, kept on ``g`` and closed on teardown (flaskr's ``get_db``). Each process also keeps
one idle connection to each SQLite file it uses (:func:`keep_open`): when the last connection
to a WAL database closes, SQLite checkpoints the log into the database and deletes it, a few
fsyncs at the end of every request; with one left open, the log is checkpointed as it grows.
Everything behind them is in :mod:`translator.web.data`, which never looks at the request
itself.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from typing import TYPE_CHECKING

from flask import current_app, g

from translator.progress.index import INDEX_NAME
from translator.web.data.assist import carry_issues, keep_memory_current
from translator.web.data.catalogs import Store
from translator.web.data.database import connect, init_schema

if TYPE_CHECKING:
    from flask import Flask

    from translator.project import Project

STORE = "translator.store"
ANCHORS = "translator.sqlite_anchors"


def init_app(app: Flask, project: Project) -> None:
    """One store for the project, the database schema now, and the connection's teardown."""
    store = Store(project, max_catalogs=app.config["CATALOG_CACHE_SIZE"])
    # after a save, checks are carried over for the changed entries instead of recomputed
    store.carriers["issues"] = carry_issues(project.settings)
    keep_memory_current()  # a save is in the memory index before the next lookup anywhere
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
        if current_app.config["KEEP_DATABASES_OPEN"]:
            keep_open(current_app)
        g.db = connect(current_app.config["DATABASE"])
    return g.db


def keep_open(app: Flask) -> None:
    """This process's idle connections to the review database and the statistics index.

    Opened in the process that serves (a worker never uses one made before the fork) and
    kept with the app; the index is left alone until it exists (never created here). Only
    ``translator serve`` turns this on (``KEEP_DATABASES_OPEN``): a test process making
    hundreds of apps would keep hundreds of files open.
    """
    anchors = app.extensions.setdefault(ANCHORS, {})
    if anchors.get("pid") != os.getpid():
        anchors.clear()
        anchors["pid"] = os.getpid()
    paths = [app.config["DATABASE"], str(app.extensions[STORE].project.settings.instance_dir)]
    paths[1] = os.path.join(paths[1], INDEX_NAME)
    for path in paths:
        if path in anchors or path == ":memory:" or not os.path.isfile(path):
            continue
        with contextlib.suppress(sqlite3.Error):
            anchor = sqlite3.connect(f"file:{path}?mode=rw", uri=True, check_same_thread=False)
            anchor.execute("SELECT count(*) FROM sqlite_master").fetchone()  # opens the log
            anchors[path] = anchor


def close_db(_exc: BaseException | None = None) -> None:
    conn = g.pop("db", None)
    if conn is not None:
        conn.close()
