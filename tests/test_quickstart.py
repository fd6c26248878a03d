"""The README's first command, read from the README, works in a fresh clone: the UI answers.

The clone is of the committed HEAD (CI runs on a clean checkout, where that is everything).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def quickstart_command() -> str:
    """The first ``sh`` block under the README's Quickstart heading."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quickstart", 1)[1]
    return re.search(r"```sh\n(.+?)\n```", section, re.DOTALL).group(1).strip()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, seconds: float) -> tuple[int, str]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the command ended with {process.returncode} before the UI answered")
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                return answer.status, answer.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, ""
        except (urllib.error.URLError, ConnectionError):
            time.sleep(1)
    pytest.fail(f"no answer from {url} within {seconds:.0f} s")


def test_readme_quickstart_serves_the_review_ui_in_a_fresh_clone(tmp_path, missing_component):
    if shutil.which("git") is None:
        missing_component("git is not installed")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(clone)], check=True)
    port = free_port()
    env = {
        key: value for key, value in os.environ.items() if key not in ("VIRTUAL_ENV", "PYTHONPATH")
    }
    env.update(TRANSLATOR_PORT=str(port), PYTHONDONTWRITEBYTECODE="1")
    command = quickstart_command()
    log = (tmp_path / "quickstart.log").open("w")
    process = subprocess.Popen(
        ["bash", "-c", command],
        cwd=clone,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        status, page = wait_for(f"http://127.0.0.1:{port}/", process, 300)  # to the login page
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(30)
        log.close()
    output = (tmp_path / "quickstart.log").read_text(encoding="utf-8")
    assert status == 200 and "<form" in page
    assert "one-time password" in output  # the first start shows the admin's password
    assert (clone / ".venv" / "bin" / "translator").exists()
