"""Git as the shared store of a project's catalogs: commits per author from the audit log,
an entry-level merge driver for ``*.po``, conflicts kept for the editor, and sync.

- :mod:`.repo`: the git command line (commits through a temporary index);
- :mod:`.commit`: ``translator commit``: changed catalogs, one commit per author;
- :mod:`.driver`: three catalogs in, one out, with the upload's three-way rule;
- :mod:`.conflicts`: what a sync could not decide, until someone does in the editor;
- :mod:`.hooks`: ``translator init --git`` and the ``merge-driver`` git runs;
- :mod:`.sync`: ``translator sync``: commit, fetch, merge, push;
- :mod:`.autocommit`: the server's own commits after a quiet period.
"""

from translator.gitstore.commit import CommitReport, commit_catalogs
from translator.gitstore.driver import DriverResult, merge_catalogs
from translator.gitstore.hooks import GitSetup, install_git, run_merge_driver
from translator.gitstore.repo import GitError, Identity, Repo
from translator.gitstore.sync import SyncReport, sync_project

__all__ = [
    "CommitReport",
    "DriverResult",
    "GitError",
    "GitSetup",
    "Identity",
    "Repo",
    "SyncReport",
    "commit_catalogs",
    "install_git",
    "merge_catalogs",
    "run_merge_driver",
    "sync_project",
]
