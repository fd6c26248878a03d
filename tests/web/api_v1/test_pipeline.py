"""A pipeline's day over real HTTP (waitress on 127.0.0.1, ``requests``): download a
catalog, send it back translated, see the figures move, build, and fetch the files."""

from __future__ import annotations

import time

import polib
import requests

from tests.web.conftest import live_server


def test_a_pipeline_round_trip_over_http(app, api):
    headers = {"Authorization": f"Bearer {api.secrets['rita']}"}
    with live_server(app) as base:
        root = f"{base}/api/v1"
        spec = requests.get(f"{root}/openapi.json", timeout=10).json()
        assert spec["openapi"].startswith("3.1")
        catalog = f"{root}/documents/sample/languages/de/catalog.po"
        got = requests.get(catalog, headers=headers, timeout=10)
        assert got.status_code == 200 and got.headers["Content-Type"].startswith(
            "text/x-gettext-translation"
        )
        po = polib.pofile(got.text)
        for entry in po:
            entry.msgstr = f"[de] {entry.msgid}"
        put = requests.put(
            catalog,
            data=po.__unicode__().encode(),
            headers={**headers, "Content-Type": "text/x-gettext-translation"},
            timeout=30,
        )
        assert put.status_code == 200, put.text
        assert len(put.json()["merged"]) == len(po)
        stats = requests.get(f"{root}/stats", headers=headers, timeout=30).json()
        assert stats["languages"]["de"]["percent"] == 100.0
        queued = requests.post(
            f"{root}/builds",
            json={"languages": ["de"], "formats": ["html"]},
            headers=headers,
            timeout=10,
        )
        assert queued.status_code == 202
        status_url = base + queued.json()["status_url"]
        deadline = time.monotonic() + 60
        while (job := requests.get(status_url, headers=headers, timeout=10).json())["status"] in (
            "queued",
            "running",
        ) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert job["status"] == "done", job
        (page,) = [f for f in job["files"] if f["path"] == "sample/de.html"]
        html = requests.get(base + page["url"], headers=headers, timeout=10)
        assert html.status_code == 200 and "[de] Stop the war!" in html.text
        assert requests.get(base + page["url"], timeout=10).status_code == 401
