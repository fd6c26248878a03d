"""The API's builds: a build asked for becomes a job (202 with its status URL), run in the
background by :mod:`translator.web.outbox`; its status carries the build report and a URL
for every file it wrote.

A token may build the languages it can see; a job is visible to the person who asked for it
and to coordinators (to anyone else it does not exist: 404).
"""

from __future__ import annotations

from flask import current_app, request, send_from_directory, url_for
from flask_login import current_user

from translator.build import FORMATS, Fallback, parse_formats
from translator.errors import TranslatorError
from translator.web.access import known_document, known_language
from translator.web.api_v1.auth import ApiError
from translator.web.context import get_db, get_store
from translator.web.data import jobs
from translator.web.outbox import job_folder, resume_job, start_job


def _list(body: dict, name: str) -> list[str]:
    value = body.get(name, [])
    if isinstance(value, str):
        value = [part for part in value.split(",") if part]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ApiError(400, f"{name}: a list of strings")
    return value


def _asked() -> dict:
    """The request body, checked: languages the token may see, known formats and documents."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ApiError(400, 'send a JSON object: {"languages": [...], "formats": [...]}')
    langs = [known_language(code) for code in _list(body, "languages")]
    store = get_store()
    langs = langs or [code for code in store.languages() if current_user.can_view(code)]
    refused = [code for code in langs if not current_user.can_view(code)]
    if refused or not langs:
        raise ApiError(403, f"this token may not build {', '.join(refused) or 'any language'}")
    try:
        formats = list(parse_formats(_list(body, "formats"))) if body.get("formats") else FORMATS
    except TranslatorError as exc:
        raise ApiError(400, f"formats: {exc}") from None
    fallback = body.get("fallback", "source")
    if not isinstance(fallback, str) or fallback not in {str(item) for item in Fallback}:
        raise ApiError(400, "fallback: source or skip")
    threshold = body.get("min_completion")
    if threshold is not None and (
        isinstance(threshold, bool) or not isinstance(threshold, int | float)
    ):
        raise ApiError(400, "min_completion: a number from 0 to 100")
    if threshold is not None and not 0 <= threshold <= 100:
        raise ApiError(400, "min_completion: a number from 0 to 100")
    docs = [known_document(slug) for slug in _list(body, "documents")]
    return {
        "languages": langs,
        "formats": list(formats),
        "documents": docs,
        "fallback": fallback,
        "min_completion": threshold,
    }


def create_build():
    """Queue a build of the asked languages and formats; 202 with the job's status URL."""
    asked = _asked()
    job_id = jobs.create_job(get_db(), current_user.username, asked)
    start_job(current_app._get_current_object(), job_id)
    url = url_for("api_v1.build_status", job_id=job_id)
    return {"id": job_id, "status": "queued", "status_url": url}, 202, {"Location": url}


def _job(job_id: str) -> dict:
    job = jobs.get_job(get_db(), job_id)
    if job is None or not (current_user.is_coordinator or job["username"] == current_user.username):
        raise ApiError(404, f"there is no build job {job_id[:40]!r}")
    return job


def build_status(job_id: str):
    """A job's state; once done, the build report and the URL of each file."""
    job = _job(job_id)
    resume_job(current_app._get_current_object(), job)  # a stopped server's job
    body = {
        "id": job["id"],
        "status": job["status"],
        "created": job["created"],
        "started": job["started"],
        "finished": job["finished"],
        "request": job["request"],
        "error": job["error"],
        "report": job["report"],
        "files": [],
    }
    if job["status"] == "done":
        folder = job_folder(current_app, job_id)
        names = sorted(
            path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()
        )
        body["files"] = [
            {"path": name, "url": url_for("api_v1.build_file", job_id=job_id, path=name)}
            for name in names
        ]
    return body


def build_file(job_id: str, path: str):
    """One file a finished job wrote."""
    job = _job(job_id)
    if job["status"] != "done":
        raise ApiError(404, "this job has no files (yet)")
    folder = job_folder(current_app, job_id)
    return send_from_directory(folder, path)  # safe_join: nothing outside the job's folder
