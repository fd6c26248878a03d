"""Builds through the API: a job (202 and its status URL) built in the background, its report
and files, the token's languages only (403), and the job row as the truth for every server
process (a second process neither builds a claimed job again nor loses a queued one, and a
job whose worker died is built again)."""

from __future__ import annotations

import os
import subprocess
import time

import pytest

from tests.web.api_v1.conftest import Api, another_process
from translator.web.data import database, jobs

STATUS = "/builds/{job_id}"
FILE = "/builds/{job_id}/files/{path}"


def wait_done(api, job_id: str, who: str = "coord", seconds: float = 60) -> dict:
    """Poll the status URL until the job is finished (bounded)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = api.get(STATUS, who, params={"job_id": job_id}).get_json()
        if body["status"] in ("done", "failed"):
            return body
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} still {body['status']} after {seconds} s")


def ask(api, who="coord", **body):
    return api.post("/builds", who, json=body)


def test_a_build_job_reports_and_serves_its_files(api):
    response = ask(api, "dana", languages=["de"], formats=["md", "html"], min_completion=0)
    assert response.status_code == 202, response.get_json()
    queued = response.get_json()
    assert queued["status_url"] == f"/api/v1/builds/{queued['id']}"
    assert response.headers["Location"] == queued["status_url"]
    job = wait_done(api, queued["id"], "dana")
    assert job["status"] == "done", job["error"]
    report = job["report"]
    assert report["formats"] == ["md", "html"]
    (item,) = [r for r in report["results"] if r["language"] == "de"]
    assert item["status"] == "built" and item["document"] == "sample"
    paths = {f["path"]: f["url"] for f in job["files"]}
    assert {"sample/de.md", "sample/de.html"} <= set(paths)
    assert not any(path.endswith(".mo") for path in paths)  # only the formats asked for
    page = api.get(FILE, "dana", params={"job_id": queued["id"], "path": "sample/de.html"})
    assert page.status_code == 200 and b'lang="de"' in page.data
    assert paths["sample/de.html"] == f"/api/v1/builds/{queued['id']}/files/sample/de.html"


def test_a_language_below_the_threshold_is_reported_as_skipped(api):
    job_id = ask(api, "rita", languages=["de"], formats=["txt"]).get_json()["id"]
    job = wait_done(api, job_id, "rita")
    (item,) = [r for r in job["report"]["results"] if r["language"] == "de"]
    assert item["status"] == "skipped" and "min-completion" in " ".join(item["reasons"])
    assert not [f for f in job["files"] if f["path"].endswith("de.txt")]


@pytest.mark.parametrize(("who", "lang"), [("dana", "fr"), ("fred", "de"), ("rita", "ar")])
def test_a_token_builds_only_its_languages(api, who, lang):
    response = ask(api, who, languages=[lang])
    assert response.status_code == 403 and lang in response.get_json()["error"]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"formats": ["pdf"]}, 400),
        ({"fallback": "maybe"}, 400),
        ({"min_completion": 101}, 400),
        ({"min_completion": "high"}, 400),
        ({"languages": "de", "documents": ["nope"]}, 404),
        ({"languages": ["xx"]}, 404),
        ({"languages": [1]}, 400),
    ],
)
def test_a_bad_build_request_is_refused(api, body, code):
    response = ask(api, "coord", **body)
    assert response.status_code == code, response.get_json()
    assert api.post("/builds", "coord", data="not json").status_code == 400


def test_a_job_is_seen_only_by_its_maker_and_coordinators(api):
    job_id = ask(api, "dana", languages=["de"], formats=["md"]).get_json()["id"]
    wait_done(api, job_id, "dana")
    assert api.get(STATUS, "rita", params={"job_id": job_id}).status_code == 404
    assert api.get(FILE, "rita", params={"job_id": job_id, "path": "index.html"}).status_code == 404
    assert api.get(STATUS, "coord", params={"job_id": job_id}).status_code == 200
    assert api.get(STATUS, "coord", params={"job_id": "0" * 32}).status_code == 404
    missing = api.get(FILE, "dana", params={"job_id": job_id, "path": "nothing/here.md"})
    assert missing.status_code == 404
    escape = api.get(FILE, "dana", params={"job_id": job_id, "path": "../../secret_key"})
    assert escape.status_code == 404


def test_the_job_row_decides_who_builds(api, app):
    """A job claimed by one process is not built again by another; a queued job left by a
    stopped server is built by the next process that looks at it."""
    conn = database.connect(app.config["DATABASE"])
    asked = {"languages": ["de"], "formats": ["md"], "documents": [], "fallback": "source"}
    left = jobs.create_job(conn, "token:coord-ci", asked)  # queued, nobody took it
    taken = jobs.create_job(conn, "token:coord-ci", asked)
    assert jobs.claim_job(conn, taken, "elsewhere:1")
    assert not jobs.claim_job(conn, taken, "here:2")
    conn.close()
    other = Api(another_process(app).test_client(), api.secrets)
    assert wait_done(other, left)["status"] == "done"
    running = other.get(STATUS, params={"job_id": taken}).get_json()
    assert running["status"] == "running" and running["report"] is None


def test_a_job_whose_worker_died_is_built_again(api, app):
    dead = subprocess.Popen(["true"])  # a process that is gone once waited for
    dead.wait()
    conn = database.connect(app.config["DATABASE"])
    asked = {"languages": ["de"], "formats": ["md"], "documents": [], "fallback": "source"}
    job_id = jobs.create_job(conn, "token:coord-ci", asked)
    assert jobs.claim_job(conn, job_id, f"{os.uname().nodename}:{dead.pid}")
    alive = jobs.create_job(conn, "token:coord-ci", asked)
    assert jobs.claim_job(conn, alive, f"{os.uname().nodename}:{os.getpid()}")
    conn.close()
    assert wait_done(api, job_id)["status"] == "done"
    still = api.get(STATUS, params={"job_id": alive}).get_json()
    assert still["status"] == "running"  # its worker (this process) is alive: left to it
