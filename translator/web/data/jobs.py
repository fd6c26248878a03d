"""Build jobs of the API: one row per requested build, the truth about it for every process.

A job is ``queued`` when asked for, ``running`` once one worker claimed it (an ``UPDATE``
that only one process can win), then ``done`` with the build report or ``failed`` with the
reason; a job whose worker process is gone (on this machine) goes back to the queue. Its
files are written under a folder of its own (``instance/api-builds/<id>/``), so
jobs never write into each other's or the project's ``build/``.
"""

from __future__ import annotations

import json
import re
import secrets
import sqlite3

from translator.web.data.database import now

STATES = ("queued", "running", "done", "failed")
_ID = re.compile(r"[0-9a-f]{32}")


def create_job(conn: sqlite3.Connection, username: str, asked: dict) -> str:
    """Queue a job for ``asked`` (languages, formats, documents...); its id."""
    job_id = secrets.token_hex(16)
    conn.execute(
        "INSERT INTO build_jobs (id, created, username, request, status) VALUES (?, ?, ?, ?, ?)",
        (job_id, now(), username, json.dumps(asked), "queued"),
    )
    conn.commit()
    return job_id


def get_job(conn: sqlite3.Connection, job_id: str) -> dict | None:
    if not _ID.fullmatch(job_id or ""):
        return None
    row = conn.execute("SELECT * FROM build_jobs WHERE id = ?", (job_id,)).fetchone()
    if row is None:
        return None
    job = dict(row)
    job["request"] = json.loads(job["request"])
    job["report"] = json.loads(job["report"]) if job["report"] else None
    return job


def claim_job(conn: sqlite3.Connection, job_id: str, worker: str) -> bool:
    """Take a queued job for ``worker``; False when another worker has it already."""
    cursor = conn.execute(
        "UPDATE build_jobs SET status = 'running', worker = ?, started = ?"
        " WHERE id = ? AND status = 'queued'",
        (worker, now(), job_id),
    )
    conn.commit()
    return cursor.rowcount == 1


def finish_job(conn: sqlite3.Connection, job_id: str, report: dict | None, error: str = "") -> None:
    """Record the outcome: the report (done) or why it failed."""
    conn.execute(
        "UPDATE build_jobs SET status = ?, finished = ?, report = ?, error = ? WHERE id = ?",
        (
            "failed" if error else "done",
            now(),
            json.dumps(report) if report is not None else None,
            error,
            job_id,
        ),
    )
    conn.commit()


def requeue_job(conn: sqlite3.Connection, job_id: str, worker: str) -> bool:
    """Put a job back in the queue when ``worker`` (which stopped) still holds it."""
    cursor = conn.execute(
        "UPDATE build_jobs SET status = 'queued', worker = '', started = NULL"
        " WHERE id = ? AND status = 'running' AND worker = ?",
        (job_id, worker),
    )
    conn.commit()
    return cursor.rowcount == 1


def queued_jobs(conn: sqlite3.Connection) -> list[str]:
    """Jobs nobody has claimed yet, oldest first (a server that stopped left them)."""
    rows = conn.execute("SELECT id FROM build_jobs WHERE status = 'queued' ORDER BY created")
    return [row["id"] for row in rows]
