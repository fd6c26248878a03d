"""Finding slow requests in a running server: a timing log and per-process profiles.

Both are off unless asked for through the environment of ``translator serve``:

- ``TRANSLATOR_SLOW_MS=200``: every request that takes longer is logged to stderr with its
  method, path, status, time and process id;
- ``TRANSLATOR_PROFILE_DIR=/tmp/prof``: every request runs under :mod:`cProfile` (one profiler
  per request: the profiler sees only its own thread), and each process adds its requests up
  and writes ``<pid>.prof`` there when it stops (read it with :mod:`pstats`).
"""

from __future__ import annotations

import atexit
import cProfile
import os
import pstats
import sys
import threading
import time
from pathlib import Path


class TimedApp:
    """WSGI middleware around the app: the timing log and the profiles (see the module)."""

    def __init__(self, app, slow_ms: float | None, profile_dir: Path | None):
        self.app = app
        self.slow_ms = slow_ms
        self.profile_dir = profile_dir
        self._stats: pstats.Stats | None = None
        self._lock = threading.Lock()
        if profile_dir is not None:
            profile_dir.mkdir(parents=True, exist_ok=True)
            atexit.register(self.dump)

    def __call__(self, environ, start_response):
        status = []

        def record_status(code, headers, *rest):
            status.append(code.split(" ", 1)[0])
            return start_response(code, headers, *rest)

        profile = cProfile.Profile() if self.profile_dir is not None else None
        start = time.perf_counter()
        if profile is not None:
            profile.enable()
        try:
            return list(self.app(environ, record_status))  # the body is made inside the timing
        finally:
            if profile is not None:
                profile.disable()
                self._add(profile)
            self._log(environ, status, (time.perf_counter() - start) * 1000)

    def _add(self, profile: cProfile.Profile) -> None:
        with self._lock:
            if self._stats is None:
                self._stats = pstats.Stats(profile)
            else:
                self._stats.add(profile)

    def _log(self, environ, status: list[str], ms: float) -> None:
        if self.slow_ms is None or ms < self.slow_ms:
            return
        path = environ.get("PATH_INFO", "") + (
            "?" + environ["QUERY_STRING"] if environ.get("QUERY_STRING") else ""
        )
        code = status[0] if status else "-"
        print(
            f"slow: {environ.get('REQUEST_METHOD')} {path} {code} {ms:.0f} ms pid {os.getpid()}",
            file=sys.stderr,
            flush=True,
        )

    def dump(self) -> None:
        """Write this process's profile (called at exit; gunicorn workers call it on stop)."""
        with self._lock:
            if self._stats is not None and self.profile_dir is not None:
                self._stats.dump_stats(str(self.profile_dir / f"{os.getpid()}.prof"))


def timed_from_environment(app, environ=os.environ):
    """The app wrapped when ``TRANSLATOR_SLOW_MS`` or ``TRANSLATOR_PROFILE_DIR`` is set."""
    slow = environ.get("TRANSLATOR_SLOW_MS")
    folder = environ.get("TRANSLATOR_PROFILE_DIR")
    if not slow and not folder:
        return app
    return TimedApp(app, float(slow) if slow else None, Path(folder) if folder else None)
