#!/usr/bin/env python3
"""Make ``.venv`` beside this file and install translator into it, with nothing but python3.

    python3 bootstrap.py            # the tool: .venv/bin/translator
    python3 bootstrap.py test       # the tool and what the tests need (pytest, playwright, ruff)

Debian and Ubuntu refuse ``pip install`` into the system Python (PEP 668) and ship ``venv``
without ``ensurepip`` unless ``python3-venv`` is installed. So this script makes the virtual
environment itself and, when ``ensurepip`` is missing, fetches pip's wheel from PyPI (checked
against the sha256 PyPI publishes) to install pip into it. No root needed. Running it again
only re-installs the package (fast: pip finds everything in place).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import urllib.request
import venv
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENV = HERE / ".venv"
PIP_JSON = os.environ.get("BOOTSTRAP_PIP_JSON", "https://pypi.org/pypi/pip/json")  # tests: local


def main(argv: list[str]) -> int:
    extras = [arg for arg in argv if not arg.startswith("-")]
    python = VENV / "bin" / "python"
    if not python.exists():
        make_venv()
    if not _has_pip(python):
        install_pip(python)
    target = f".[{','.join(extras)}]" if extras else "."
    command = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    result = subprocess.run([*command, "-e", target], cwd=HERE)
    if result.returncode != 0:
        print(f"error: pip could not install {target} into {VENV}", file=sys.stderr)
        return result.returncode
    print(f"installed into {os.path.relpath(VENV)}: run {os.path.relpath(VENV)}/bin/translator")
    return 0


def make_venv() -> None:
    try:
        import ensurepip  # noqa: F401  (Debian strips it without python3-venv)
    except ImportError:
        with_pip = False
    else:
        with_pip = True
    venv.EnvBuilder(with_pip=with_pip, clear=True).create(VENV)


def _has_pip(python: Path) -> bool:
    probe = subprocess.run([str(python), "-m", "pip", "--version"], capture_output=True)
    return probe.returncode == 0


def install_pip(python: Path) -> None:
    """Install pip into the venv from its wheel on PyPI (pip runs from its own wheel)."""
    with urllib.request.urlopen(PIP_JSON, timeout=60) as answer:
        release = json.load(answer)
    wheel = next(item for item in release["urls"] if item["filename"].endswith(".whl"))
    with urllib.request.urlopen(wheel["url"], timeout=120) as answer:
        data = answer.read()
    if hashlib.sha256(data).hexdigest() != wheel["digests"]["sha256"]:
        raise SystemExit(f"error: {wheel['filename']} does not match PyPI's sha256")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / wheel["filename"]
        path.write_bytes(data)
        env = {**os.environ, "PYTHONPATH": str(path)}
        subprocess.run([str(python), "-m", "pip", "install", "-q", str(path)], env=env, check=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
