"""Running the review UI: gunicorn's master with N worker processes, or waitress in one process.

``translator serve`` builds the app once, in the process that starts, before any worker exists:
the secret key, the database schema and the first admin (whose one-time password is printed
once) are made there, and the workers are forked from it with the app already loaded. Each
worker is a gunicorn ``gthread`` worker (``threads`` requests at a time, keep-alive connections
parked in a poller); a worker that dies is replaced by the master, and a worker whose master
dies is killed by the kernel (``PR_SET_PDEATHSIG``), so no orphan keeps the port or writes a
catalog after the server is gone. What must hold across workers lives on disk: the secret key
under ``instance/``, catalogs read by file identity and saved under the inter-process lock,
SQLite in WAL mode.

waitress serves in one process where gunicorn cannot run: not POSIX, ``--workers 1``, or
gunicorn not installed.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask

MAX_DEFAULT_WORKERS = 8
WORKER_TIMEOUT = 120  # seconds a worker may go silent before the master replaces it
GRACEFUL_TIMEOUT = 10  # seconds a stopping worker gets to finish its requests
ACCEPT_BELOW = 2  # a worker with this many requests in progress leaves new connections to others
KEEPALIVE = 30  # seconds an idle keep-alive connection is kept (a worker's poller holds it)
_PR_SET_PDEATHSIG = 1


def _nothing() -> None:
    return None


@dataclass(frozen=True)
class ServerPlan:
    """How the app will be served: which server, how many processes and threads each."""

    server: str  # "gunicorn" or "waitress"
    workers: int
    threads: int
    reason: str = ""  # why waitress was chosen when more workers were asked for

    def describe(self) -> str:
        if self.server == "gunicorn":
            return f"gunicorn, {self.workers} workers × {self.threads} threads"
        return f"waitress, 1 process × {self.threads} threads" + (
            f" ({self.reason})" if self.reason else ""
        )


def default_workers(cpus: int | None = None) -> int:
    """Two workers per core (saves wait on fsync, not only on the CPU), at most 8."""
    cpus = cpus if cpus is not None else (os.cpu_count() or 1)
    return max(1, min(2 * cpus, MAX_DEFAULT_WORKERS))


def plan_server(workers: int, threads: int) -> ServerPlan:
    """gunicorn when it can run several workers here; waitress (one process) otherwise."""
    if workers <= 1:
        return ServerPlan("waitress", 1, threads)
    reason = gunicorn_missing()
    if reason:
        return ServerPlan("waitress", 1, threads, reason=reason)
    return ServerPlan("gunicorn", workers, threads)


def gunicorn_missing() -> str:
    """Why gunicorn cannot serve here ("" when it can)."""
    if os.name != "posix" or not hasattr(os, "fork"):
        return "gunicorn needs a POSIX system"
    try:
        import gunicorn.app.base  # noqa: F401
    except ImportError:
        return "gunicorn is not installed"
    return ""


def run_server(
    app: Flask, plan: ServerPlan, host: str, port: int, on_ready: Callable[[], object] = _nothing
) -> None:
    """Serve ``app`` on ``host:port`` until stopped (SIGTERM or Ctrl-C).

    :param on_ready: runs once in this process when the workers are up (the git committer's
        thread: started after the first forks, it is never copied half-way into a worker).
    """
    from translator.web.profiling import timed_from_environment

    app.wsgi_app = timed_from_environment(app.wsgi_app)  # TRANSLATOR_SLOW_MS, ..._PROFILE_DIR
    app.config["KEEP_DATABASES_OPEN"] = True  # one idle SQLite connection per process
    if plan.server == "gunicorn":
        options = gunicorn_options(plan, host, port)
        options["when_ready"] = lambda _arbiter: on_ready()
        _gunicorn_application(app, options).run()
        return
    import waitress

    on_ready()

    waitress.serve(app, host=host, port=port, threads=plan.threads, ident="translator")


def gunicorn_options(plan: ServerPlan, host: str, port: int) -> dict[str, Any]:
    """gunicorn settings: threaded workers, the app preloaded, quiet logs, no control socket."""
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return {
        "bind": [bind],
        "workers": plan.workers,
        "worker_class": balanced_worker_class(),
        "threads": plan.threads,
        "timeout": WORKER_TIMEOUT,
        "graceful_timeout": GRACEFUL_TIMEOUT,
        "keepalive": KEEPALIVE,
        "preload_app": True,
        "proc_name": "translator",
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
        "forwarded_allow_ips": "",  # proxies are trusted through TRUSTED_PROXIES (ProxyFix)
        "secure_scheme_headers": {},
        "control_socket_disable": True,  # gunicorn >= 25 would open $HOME/.gunicorn/...
        "post_fork": _die_with_master,
    }


def balanced_worker_class():
    """gunicorn's threaded worker, taking new connections only while it is nearly idle.

    Every worker polls the listening socket and a connection stays with the worker that
    accepted it (keep-alive), so with plain ``gthread`` the busiest worker, the one awake,
    took them all: 10 clients arriving together were all served by one worker, one core.
    This one stops accepting while ``ACCEPT_BELOW`` requests or more are in its threads; its
    kept-alive connections are still served, and the others take the new ones. Where the
    worker's internals differ (another gunicorn version), plain ``gthread`` is used.
    """
    from gunicorn.workers.gthread import ThreadWorker

    if not all(hasattr(ThreadWorker, name) for name in ("enqueue_req", "finish_request", "run")):
        return "gthread"

    class BalancedThreadWorker(ThreadWorker):
        def __init__(self, *args, **kwargs):
            self.active = 0  # requests in the thread pool now
            self._connections = 0
            super().__init__(*args, **kwargs)

        @property
        def worker_connections(self) -> int:  # read by the accept loop on every turn
            return self._connections if self.active < ACCEPT_BELOW else 0

        @worker_connections.setter
        def worker_connections(self, value: int) -> None:
            self._connections = value

        def enqueue_req(self, conn) -> None:
            self.active += 1
            super().enqueue_req(conn)

        def finish_request(self, conn, fs) -> None:
            self.active -= 1
            super().finish_request(conn, fs)

    return BalancedThreadWorker


def _gunicorn_application(app: Flask, options: dict[str, Any]):
    """A gunicorn application that serves the already built ``app`` (no import by name)."""
    from gunicorn.app.base import BaseApplication

    class TranslatorApplication(BaseApplication):
        def load_config(self) -> None:
            for key, value in options.items():
                if key in self.cfg.settings:  # settings an older gunicorn lacks are left out
                    self.cfg.set(key, value)

        def load(self):
            return app

    return TranslatorApplication(prog="translator serve")


def _die_with_master(server, _worker) -> None:
    """In a new worker: the kernel sends SIGKILL when the master dies (Linux; else no-op)."""
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != server.pid:  # the master died between fork and prctl
        os._exit(1)
