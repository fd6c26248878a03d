"""``translator commit``, ``translator sync`` and the ``merge-driver`` git runs
(:mod:`translator.gitstore`). ``translator init --git`` sets the repository up."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import click

from translator.cli.common import ProjectContext, emit_json, json_option, pass_project
from translator.gitstore import Repo, commit_catalogs, run_merge_driver, sync_project
from translator.gitstore.autocommit import git_settings, quiet_for


@contextlib.contextmanager
def review_database(ctx: ProjectContext, *, create: bool = False):
    """The review database (audit log, people), or None when there is none yet and
    ``create`` is false (a project nobody reviewed in: no one to credit)."""
    from translator.web.accounts_cli import database_path, open_accounts

    if not create and not database_path(ctx.project.root).exists():
        yield None
        return
    with open_accounts(ctx.project.root, create=create) as conn:
        yield conn


@contextlib.contextmanager
def authorship(ctx: ProjectContext):
    """The audit log's (connection, last changes, identities) for the project."""
    from translator.gitstore import Identity
    from translator.web.data.authorship import identity_of, last_changes_of, noreply_address

    domain = git_settings(ctx.project.settings).noreply_domain
    with review_database(ctx) as conn:
        if conn is None:
            yield (
                None,
                lambda doc, lang: {},
                lambda name: Identity(name, noreply_address(name, domain)),
            )
            return
        yield conn, last_changes_of(conn), identity_of(conn, domain)


@click.command("commit")
@click.option("-m", "--message", default="", help="Subject line (the changes are listed below).")
@click.option(
    "--after-review",
    is_flag=True,
    help="Only when nobody saved for the quiet period (git_quiet_minutes, default 10).",
)
@json_option
@pass_project
def commit_command(ctx: ProjectContext, message: str, after_review: bool, as_json) -> None:
    """Commit the changed catalogs, one commit per translator, as the git author.

    Authors come from the audit log: the name and commit address set in their profile, or a
    no-reply address. Changes nobody logged are committed first, by the committer.
    """
    project = ctx.project
    repo = Repo.find(project.root)
    with authorship(ctx) as (conn, last, identity):
        if after_review:
            from translator.web.data.authorship import latest_change_at

            latest = latest_change_at(conn) if conn is not None else ""
            wait = quiet_for(latest, git_settings(project.settings).quiet)
            if wait:
                click.echo(f"not quiet yet: the last save was less than {wait} ago", err=True)
                return
        report = commit_catalogs(repo, project.settings.locales_dir, last, identity, message)
    if as_json:
        emit_json({"commits": report.commits, "errors": report.errors})
    for item in [] if as_json else report.commits:
        click.echo(f"{item['commit'][:10]} {item['author']}: {len(item['files'])} catalog(s)")
    if not report.commits and not as_json:
        click.echo("nothing to commit")
    for line in report.errors:
        click.echo(f"error: {line}", err=True)
    if report.errors:
        sys.exit(1)


@click.command("sync")
@click.option("--remote", default="origin", show_default=True, help="The remote to sync with.")
@json_option
@pass_project
def sync_command(ctx: ProjectContext, remote: str, as_json) -> None:
    """Commit, fetch, merge the catalogs entry by entry, push.

    Entries both sides changed keep this instance's text; the other one waits in the
    editor as a conflict. Catalogs never get conflict markers.
    """
    project = ctx.project
    repo = Repo.find(project.root)
    with authorship(ctx) as (_, last, identity):
        report = sync_project(
            repo,
            project.settings.locales_dir,
            project.settings.instance_dir,
            last,
            identity,
            remote=remote,
        )
    if as_json:
        emit_json(report.to_dict())
    else:
        pushed = "pushed" if report.pushed else "not pushed"
        click.echo(
            f"{remote}/{report.branch}: {len(report.commits)} commit(s), {report.merged}, "
            f"{report.conflicts} new conflict(s) for the editor, {pushed}"
        )
    for line in report.errors:
        click.echo(f"error: {line}", err=True)
    if report.errors or not report.pushed:
        sys.exit(1)


@click.command("merge-driver", hidden=True)
@click.argument("base", type=click.Path(path_type=Path))
@click.argument("ours", type=click.Path(path_type=Path))
@click.argument("theirs", type=click.Path(path_type=Path))
@click.argument("path")
def merge_driver(base: Path, ours: Path, theirs: Path, path: str) -> None:
    """Git's merge driver for catalogs (%O %A %B %P); see `translator init --git`."""
    sys.exit(run_merge_driver(base, ours, theirs, path, Path.cwd()))


def start_autocommit(ctx: ProjectContext, *, start: bool = True):
    """With ``git_commit = "after-review"``: the server's committer thread (else None).

    :param start: start it now; else the caller starts it (``serve``, once its workers run).
    """
    settings = git_settings(ctx.project.settings)
    if settings.mode != "after-review":
        return None
    from translator.gitstore.autocommit import QuietCommitter
    from translator.web.data.authorship import latest_change_at

    repo = Repo.find(ctx.project.root)  # refuse to start without a repository

    def latest() -> str:
        with review_database(ctx) as conn:
            return latest_change_at(conn) if conn is not None else ""

    def commit() -> None:
        with authorship(ctx) as (_, last, identity):
            done = commit_catalogs(repo, ctx.project.settings.locales_dir, last, identity)
        for item in done.commits:
            click.echo(f"translator: committed {item['commit'][:10]} by {item['author']}", err=True)
        for line in done.errors:
            click.echo(f"translator: not committed: {line}", err=True)

    report = lambda line: click.echo(line, err=True)  # noqa: E731
    committer = QuietCommitter(latest, commit, settings.quiet, report=report)
    if start:
        committer.start()
    click.echo(f"translator: commits after {settings.quiet} quiet minutes", err=True)
    return committer


COMMANDS = [commit_command, sync_command, merge_driver]
