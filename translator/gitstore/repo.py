"""The git command line, as this package uses it: status, blobs, commits made through a
temporary index (the working files and what someone staged stay as they are), fetch, merge
and push.

We call the ``git`` program rather than a library: merge drivers, remotes, credentials and
hooks are configured for it, and GitPython would only wrap the same commands.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from translator.errors import TranslatorError

FALLBACK_NAME = "translator"
FALLBACK_EMAIL = "translator@users.noreply.invalid"
TIMEOUT = 300


class GitError(TranslatorError):
    """A git command failed; the message says which and why (git's own last line)."""


@dataclass(frozen=True)
class Identity:
    """A git author or committer."""

    name: str
    email: str

    def env(self, role: str) -> dict[str, str]:
        """``GIT_AUTHOR_NAME``/``_EMAIL`` (role ``AUTHOR``) or the committer's."""
        return {f"GIT_{role}_NAME": self.name, f"GIT_{role}_EMAIL": self.email}


class Repo:
    """A git work tree."""

    def __init__(self, top: Path):
        self.top = top

    @classmethod
    def find(cls, path: Path) -> Repo:
        """The work tree holding ``path``."""
        result = _git(path, "rev-parse", "--show-toplevel", check=False)
        if result.returncode != 0:
            raise GitError(f"{path}: not in a git repository (run `translator init --git`)")
        return cls(Path(result.stdout.decode().strip()))

    def run(self, *args: str, data: bytes | None = None, env: dict | None = None) -> str:
        """Run ``git args`` in the work tree; its output, or :class:`GitError`."""
        result = _git(self.top, *args, data=data, env=env, check=False)
        if result.returncode != 0:
            raise GitError(_failure(args, result))
        return result.stdout.decode("utf-8", errors="replace")

    def attempt(self, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
        """Run ``git args`` and return the outcome whatever it is (merges, pushes)."""
        return _git(self.top, *args, env=env, check=False)

    def relative(self, path: Path) -> str:
        return path.resolve().relative_to(self.top.resolve()).as_posix()

    def head(self) -> str | None:
        result = _git(self.top, "rev-parse", "--verify", "-q", "HEAD", check=False)
        return result.stdout.decode().strip() if result.returncode == 0 else None

    def branch(self) -> str:
        return self.run("symbolic-ref", "--short", "HEAD").strip()

    def changed(self, under: str) -> list[str]:
        """Work-tree files under ``under`` that differ from HEAD (new ones included)."""
        out = self.run("status", "--porcelain", "-z", "--untracked-files=all", "--", under)
        paths = []
        for record in out.split("\0"):
            if len(record) > 3 and record[:2] != "D ":
                paths.append(record[3:])
        return paths

    def blob(self, rev: str, path: str) -> bytes | None:
        """A file as it is in ``rev`` (None: not there)."""
        result = _git(self.top, "cat-file", "blob", f"{rev}:{path}", check=False)
        return result.stdout if result.returncode == 0 else None

    def last_change(self, path: str) -> int | None:
        """When HEAD's last commit touching ``path`` was made (epoch seconds)."""
        if self.head() is None:
            return None
        out = self.run("log", "-1", "--format=%ct", "HEAD", "--", path).strip()
        return int(out) if out else None

    def committer(self) -> Identity:
        """The configured ``user.name``/``user.email``, else the tool's own no-reply identity."""
        name = _git(self.top, "config", "user.name", check=False).stdout.decode().strip()
        email = _git(self.top, "config", "user.email", check=False).stdout.decode().strip()
        return Identity(name or FALLBACK_NAME, email or FALLBACK_EMAIL)

    def commit(self, files: dict[str, bytes], message: str, author: Identity) -> str:
        """Commit ``files`` (path -> content) on top of HEAD as ``author``; the new HEAD.

        The commit is built in a temporary index, so neither the work tree nor the index's
        other entries change; the index entries of ``files`` are then set to the new HEAD.
        """
        parent = self.head()
        with self._temporary_index(parent) as env:
            for path, content in files.items():
                blob = self.run("hash-object", "-w", "--stdin", data=content).strip()
                self.run("update-index", "--add", "--cacheinfo", f"100644,{blob},{path}", env=env)
            tree = self.run("write-tree", env=env).strip()
        identity = {**author.env("AUTHOR"), **self.committer().env("COMMITTER")}
        args = ["commit-tree", tree, "-F", "-"] + (["-p", parent] if parent else [])
        commit = self.run(*args, data=message.encode("utf-8"), env=identity).strip()
        self.run("update-ref", "HEAD", commit, *([parent] if parent else []))
        self.run("reset", "-q", "HEAD", "--", *files)
        return commit

    @contextlib.contextmanager
    def _temporary_index(self, parent: str | None) -> Iterator[dict]:
        handle, name = tempfile.mkstemp(prefix="translator-index-")
        os.close(handle)
        os.unlink(name)  # git wants to create it itself
        env = {"GIT_INDEX_FILE": name}
        try:
            if parent:
                self.run("read-tree", parent, env=env)
            yield env
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(name)


def _git(cwd: Path, *args: str, data=None, env=None, check=True) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", **(env or {})}
    try:
        return subprocess.run(
            ["git", *args],
            cwd=cwd,
            input=data,
            capture_output=True,
            env=full_env,
            timeout=TIMEOUT,
            check=check,
        )
    except FileNotFoundError as exc:
        raise GitError("git is not installed (apt-get install git)") from exc
    except subprocess.TimeoutExpired as exc:
        raise GitError(f"git {args[0]} took longer than {TIMEOUT}s") from exc


def _failure(args: tuple[str, ...], result: subprocess.CompletedProcess) -> str:
    lines = (result.stderr or result.stdout).decode("utf-8", errors="replace").strip().splitlines()
    reason = lines[-1] if lines else f"exit status {result.returncode}"
    return f"git {' '.join(args[:2])}: {reason}"
