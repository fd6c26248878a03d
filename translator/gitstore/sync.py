"""``translator sync``: commit, fetch, merge catalogs entry by entry, push.

While the merge runs, the catalogs it will change are locked (as every save locks them), so
no save slips in between git writing a merged catalog and the next commit; saves of other
catalogs go on. Conflicts are resolved by the merge driver (:mod:`translator.gitstore.hooks`):
this instance's text stays, the other side's is kept for the editor. A push that loses a race
with another instance's push is tried again after another fetch and merge.
"""

from __future__ import annotations

import contextlib
import resource
from dataclasses import dataclass, field
from pathlib import Path

from translator.catalog import catalog_lock
from translator.gitstore.commit import CommitReport, IdentityOf, LastChanges, commit_catalogs
from translator.gitstore.conflicts import count_open, open_store
from translator.gitstore.repo import GitError, Repo

ATTEMPTS = 3


@dataclass
class SyncReport:
    remote: str
    branch: str
    commits: list[dict] = field(default_factory=list)
    merged: str = ""  # "up to date", "fast-forward", "merged", "first push"
    conflicts: int = 0  # new conflicts waiting in the editor
    pushed: bool = False
    errors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return dict(vars(self))


def sync_project(
    repo: Repo,
    locales_dir: Path,
    instance_dir: Path,
    last_changes: LastChanges,
    identity_of: IdentityOf,
    remote: str = "origin",
) -> SyncReport:
    """Commit local work, bring in the remote's, push the result."""
    repo.run("remote", "get-url", remote)  # a clear error for an unknown remote
    report = SyncReport(remote, repo.branch())
    before = _open_conflicts(instance_dir)
    for _attempt in range(ATTEMPTS):
        repo.run("fetch", "-q", remote)
        upstream = f"{remote}/{report.branch}"
        exists = repo.attempt("rev-parse", "--verify", "-q", upstream).returncode == 0
        incoming = _incoming_catalogs(repo, upstream) if exists else []
        with _locked(repo, incoming):
            done = commit_catalogs(repo, locales_dir, last_changes, identity_of, held=incoming)
            _note(report, done)
            report.merged = _merge(repo, upstream) if exists else "first push"
        pushed = repo.attempt("push", "-q", remote, f"HEAD:refs/heads/{report.branch}")
        if pushed.returncode == 0:
            report.pushed = True
            break
        refusal = pushed.stderr.decode("utf-8", errors="replace")
        if "rejected" not in refusal and "fetch first" not in refusal:
            lines = refusal.strip().splitlines()
            raise GitError(f"git push {remote}: {lines[-1] if lines else 'failed'}")
    else:
        report.errors.append(f"{remote} kept moving: not pushed after {ATTEMPTS} attempts")
    report.conflicts = max(0, _open_conflicts(instance_dir) - before)
    return report


def _note(report: SyncReport, done: CommitReport) -> None:
    report.commits += done.commits
    report.errors += done.errors


def _incoming_catalogs(repo: Repo, upstream: str) -> list[str]:
    """Catalogs the remote changed since the common ancestor (the merge will write them)."""
    base = repo.attempt("merge-base", "HEAD", upstream)
    if base.returncode != 0:
        return []
    since = base.stdout.decode().strip()
    out = repo.run("diff", "--name-only", "-z", since, upstream, "--", "*.po")
    return sorted(path for path in out.split("\0") if path)


@contextlib.contextmanager
def _locked(repo: Repo, paths: list[str]):
    _allow_open_files(len(paths))
    with contextlib.ExitStack() as stack:
        for path in paths:
            stack.enter_context(catalog_lock(repo.top / path))
        yield


def _allow_open_files(wanted: int) -> None:
    """Each held lock keeps a file open; raise the soft limit when many catalogs change."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if wanted + 64 <= soft:
        return
    if hard != resource.RLIM_INFINITY and wanted + 64 > hard:
        raise GitError(f"the remote changed {wanted} catalogs; more than this process may lock")
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def _merge(repo: Repo, upstream: str) -> str:
    """Merge ``upstream`` into HEAD; catalogs merge through the driver, never with markers."""
    known = repo.attempt("merge-base", "--is-ancestor", upstream, "HEAD").returncode == 0
    if repo.head() is not None and known:
        return "up to date"
    who = repo.committer()
    env = {**who.env("AUTHOR"), **who.env("COMMITTER")}
    result = repo.attempt("merge", "--no-edit", "-q", "-m", f"Merge {upstream}", upstream, env=env)
    if result.returncode == 0:
        target = repo.run("rev-parse", upstream).strip()
        return "fast-forward" if repo.head() == target else "merged"
    stuck = repo.attempt("diff", "--name-only", "--diff-filter=U").stdout.decode().split()
    repo.attempt("merge", "--abort")
    detail = result.stderr.decode("utf-8", errors="replace").strip().splitlines()
    if stuck:
        raise GitError(
            f"merging {upstream} stopped on files both sides changed: {', '.join(stuck)}; "
            "nothing was merged (resolve them with git, then sync again)"
        )
    raise GitError(f"git merge {upstream}: {detail[-1] if detail else 'failed'}")


def _open_conflicts(instance_dir: Path) -> int:
    conn = open_store(instance_dir)
    try:
        return sum(count_open(conn).values())
    finally:
        conn.close()
