"""Exclusive cross-process lock around every read-modify-write of one catalog."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from translator.errors import CatalogError

DEFAULT_TIMEOUT = 30.0


def lock_path(path: Path) -> Path:
    """The sibling lock file (git-ignored through ``*.lock``)."""
    return path.with_name(path.name + ".lock")


@contextlib.contextmanager
def catalog_lock(path: Path, timeout: float = DEFAULT_TIMEOUT) -> Iterator[None]:
    """Hold the catalog's lock: other processes and threads wait (up to ``timeout`` seconds)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(lock_path(path), timeout=timeout, thread_local=False)
    try:
        with lock:
            yield
    except Timeout as exc:
        message = f"{path}: busy, another writer has held the lock for {timeout:.0f}s"
        raise CatalogError(message) from exc
