"""The server's timing log and per-process profiles (TRANSLATOR_SLOW_MS, ..._PROFILE_DIR)."""

from __future__ import annotations

import os
import pstats

from translator.web.profiling import TimedApp, timed_from_environment


def test_off_unless_asked(app):
    assert timed_from_environment(app.wsgi_app, environ={}) == app.wsgi_app


def test_slow_requests_are_logged_and_profiles_written(app, tmp_path, capsys):
    timed = timed_from_environment(
        app.wsgi_app, environ={"TRANSLATOR_SLOW_MS": "0", "TRANSLATOR_PROFILE_DIR": str(tmp_path)}
    )
    assert isinstance(timed, TimedApp)
    app.wsgi_app = timed
    assert app.test_client().get("/auth/login?next=/").status_code == 200
    line = capsys.readouterr().err.strip()
    assert line.startswith("slow: GET /auth/login?next=/ 200 ") and f"pid {os.getpid()}" in line
    timed.dump()
    stats = pstats.Stats(str(tmp_path / f"{os.getpid()}.prof"))
    assert any("login" in function for _, _, function in stats.stats)  # the view was profiled
