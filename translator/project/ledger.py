"""The steps' ledger: what each template and catalog was last made from, so ``extract`` and
``update`` skip the documents and catalogs that did not change.

``instance/cache/steps.json`` (written atomically by the parent process after a step) holds,
under a fingerprint of everything else a template depends on (the tool's code and version,
:func:`~translator.segment.cache.segmenter_version`, the code of the steps, the project name,
the source folder):

- per document, the sha256 of its source when its template was last written or found equal,
  the template file's record, and the entry and segment counts its report line gives;
- per catalog of that document, the catalog file's record after its last merge, the sha256 of
  the template it was merged with, and what merging that template again would report.

A file's record is ``[size, mtime_ns, inode, sha256, checked_ns]``. Its identity is trusted
only when the file was last modified well before it was checked (``RACY_NS``: a write in the
same clock tick leaves the identity as it was); otherwise its bytes are hashed. A ledger that
is missing, unreadable, of another version or another fingerprint counts as empty: the step
then does everything, as ``--force`` does. A stale record only ever costs work: every skip is
checked against the files on disk.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from translator.build.manifest import digest, tool_fingerprint
from translator.catalog.io import write_text_atomic
from translator.segment.cache import segmenter_version

if TYPE_CHECKING:
    from translator.config import Settings

LEDGER_FILE = ("cache", "steps.json")  # under the project's instance/ folder
LEDGER_VERSION = 1
RACY_NS = 1_000_000_000  # a file modified within this of its check is hashed, not trusted


@dataclass
class Ledger:
    """The documents' records (plain JSON values) under one fingerprint."""

    fingerprint: str
    documents: dict[str, dict] = field(default_factory=dict)

    def to_json(self) -> str:
        data = {"version": LEDGER_VERSION, "fingerprint": self.fingerprint}
        data["documents"] = self.documents
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def template_fingerprint(settings: Settings) -> str:
    """Everything besides the source that decides a template's bytes."""
    source = settings.source_dir.relative_to(settings.root).as_posix()
    steps = sha256_file(Path(__file__).with_name("steps.py"))  # the steps' own code
    return digest(tool_fingerprint(), segmenter_version(), steps, settings.project_name, source)


def ledger_path(settings: Settings) -> Path:
    return settings.instance_dir.joinpath(*LEDGER_FILE)


def read_ledger(settings: Settings) -> Ledger:
    """The project's ledger, or an empty one when there is none worth trusting."""
    fingerprint = template_fingerprint(settings)
    try:
        data = json.loads(ledger_path(settings).read_text("utf-8"))
    except (OSError, ValueError):
        return Ledger(fingerprint)
    if (
        not isinstance(data, dict)
        or data.get("version") != LEDGER_VERSION
        or data.get("fingerprint") != fingerprint
        or not isinstance(data.get("documents"), dict)
    ):
        return Ledger(fingerprint)
    return Ledger(fingerprint, data["documents"])


def write_ledger(settings: Settings, ledger: Ledger) -> None:
    """Replace the ledger atomically; one that would not change is left alone. A ledger that
    cannot be written only costs the next run its skips."""
    path, text = ledger_path(settings), ledger.to_json()
    try:
        if path.read_text("utf-8") == text:
            return
    except (OSError, ValueError):
        pass
    with contextlib.suppress(OSError):
        write_text_atomic(path, text)


def sha256_file(path: Path) -> str | None:
    """The sha256 of a file's bytes, None when it cannot be read."""
    try:
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return None


def file_record(path: Path) -> list | None:
    """The record of ``path`` as it is now (just written or just found equal)."""
    checked = time.time_ns()
    try:
        info = os.stat(path)
    except OSError:
        return None
    sha = sha256_file(path)
    if sha is None:
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ino, sha, checked]


def verify_file(path: Path, record: object) -> list | None:
    """The refreshed record of ``path`` if it still holds the recorded bytes, else None."""
    if not isinstance(record, list) or len(record) != 5:
        return None
    try:
        info = os.stat(path)
    except OSError:
        return None
    same_identity = [info.st_size, info.st_mtime_ns, info.st_ino] == record[:3]
    if same_identity and info.st_mtime_ns < record[4] - RACY_NS:
        return record
    if info.st_size != record[0]:
        return None
    fresh = file_record(path)
    if fresh is None or fresh[3] != record[3]:
        return None
    return fresh
