"""bootstrap.py on a Python without ensurepip (Debian's, before python3-venv is installed):
it makes the venv anyway and installs pip from pip's wheel, checked against its sha256."""

from __future__ import annotations

import hashlib
import http.server
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def pip_wheel(tmp_path, missing_component) -> Path:
    folder = tmp_path / "wheels"
    result = subprocess.run(
        [sys.executable, "-m", "pip", "download", "-q", "pip", "--no-deps", "-d", str(folder)],
        capture_output=True,
    )
    wheels = sorted(folder.glob("pip-*.whl"))
    if result.returncode != 0 or not wheels:
        missing_component("pip's wheel cannot be downloaded from the package index")
    return wheels[0]


@pytest.fixture
def fake_pypi(pip_wheel):
    """PyPI's JSON API for pip, on 127.0.0.1, pointing at the downloaded wheel."""
    data = pip_wheel.read_bytes()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path == "/pypi/pip/json":
                url = f"http://127.0.0.1:{self.server.server_port}/{pip_wheel.name}"
                digest = hashlib.sha256(data).hexdigest()
                urls = [{"filename": pip_wheel.name, "url": url, "digests": {"sha256": digest}}]
                body = json.dumps({"urls": urls}).encode()
            elif self.path == f"/{pip_wheel.name}":
                body = data
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/pypi/pip/json"
    server.shutdown()


def test_without_ensurepip_the_venv_gets_pip_from_its_wheel(tmp_path, fake_pypi):
    blocker = tmp_path / "no-ensurepip"
    blocker.mkdir()
    (blocker / "ensurepip.py").write_text("raise ImportError('stripped, as on Debian')\n")
    script = tmp_path / "bootstrap.py"  # run beside nothing to install: only the venv steps
    script.write_text((REPO / "bootstrap.py").read_text(encoding="utf-8"), encoding="utf-8")
    code = (
        "import bootstrap, sys;"
        "bootstrap.make_venv();"
        "python = bootstrap.VENV / 'bin' / 'python';"
        "assert not bootstrap._has_pip(python);"
        "bootstrap.install_pip(python);"
        "sys.exit(0 if bootstrap._has_pip(python) else 3)"
    )
    env = {
        "PYTHONPATH": f"{blocker}:{tmp_path}",
        "BOOTSTRAP_PIP_JSON": fake_pypi,
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True
    )
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    assert (tmp_path / ".venv" / "bin" / "pip").exists()
