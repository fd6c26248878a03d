"""The consistency store's files: a process over many projects keeps only a few open."""

from __future__ import annotations

import os

from translator.qa import stored


def open_files(root) -> int:
    return sum(
        os.readlink(f"/proc/self/fd/{fd}").startswith(str(root))
        for fd in os.listdir("/proc/self/fd")
        if os.path.exists(f"/proc/self/fd/{fd}")
    )


def test_the_least_recently_used_store_is_closed_and_opened_again_when_asked(tmp_path):
    projects = [tmp_path / f"p{n}" for n in range(stored.MAX_OPEN + 5)]
    for root in projects:
        (root / "locales" / "de" / "LC_MESSAGES").mkdir(parents=True)
    first = stored.open_store(projects[0] / "instance", projects[0] / "locales")
    assert first.refresh("de")
    for root in projects[1:]:
        assert stored.open_store(root / "instance", root / "locales").refresh("de")
    assert open_files(tmp_path) <= 3 * stored.MAX_OPEN  # the file, its WAL and shared memory
    assert not first.refresh("de")  # closed: its callers fall back to the in-memory index
    again = stored.open_store(projects[0] / "instance", projects[0] / "locales")
    assert again is not first and again.refresh("de")
