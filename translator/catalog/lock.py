"""Exclusive cross-process lock around every read-modify-write of one catalog.

Lock files live under the project's ``instance/locks/`` (mirroring the catalog's path), never
beside the catalog: ``locales/`` holds only what gettext tools read. A file outside any project
(``locales/`` not among its parents) is locked through the system's temporary directory.
"""

from __future__ import annotations

import contextlib
import hashlib
import tempfile
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from translator.errors import CatalogError

DEFAULT_TIMEOUT = 30.0
LOCKS_DIR = Path("instance") / "locks"


def lock_path(path: Path) -> Path:
    """Where the lock of ``path`` lives: ``<project>/instance/locks/locales/.../<name>.lock``."""
    path = path.absolute()
    for parent in path.parents:
        if parent.name == "locales":
            return (
                parent.parent
                / LOCKS_DIR
                / path.relative_to(parent.parent).with_name(path.name + ".lock")
            )
    digest = hashlib.sha1(str(path).encode("utf-8")).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / "translator-locks" / f"{path.name}.{digest}.lock"


@contextlib.contextmanager
def catalog_lock(path: Path, timeout: float = DEFAULT_TIMEOUT) -> Iterator[None]:
    """Hold the catalog's lock: other processes and threads wait (up to ``timeout`` seconds)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lock_file = lock_path(path)
    try:
        lock_file.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CatalogError(f"{lock_file}: cannot create the lock ({exc.strerror})") from exc
    lock = FileLock(lock_file, timeout=timeout, thread_local=False)
    try:
        with lock:
            yield
    except Timeout as exc:
        message = f"{path}: busy, another writer has held the lock for {timeout:.0f}s"
        raise CatalogError(message) from exc
