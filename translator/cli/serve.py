"""``translator serve``: the review UI, gunicorn workers or waitress (the only command that
imports Flask)."""

from __future__ import annotations

import contextlib
import socket

import click

from translator.cli.common import ProjectContext, pass_project
from translator.errors import ConfigError


@click.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    envvar="TRANSLATOR_HOST",
    help="Address to listen on (or TRANSLATOR_HOST).",
)
@click.option(
    "--port",
    default=8080,
    show_default=True,
    type=click.IntRange(1, 65535),
    envvar="TRANSLATOR_PORT",
    help="Port to listen on (or TRANSLATOR_PORT).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=None,
    envvar="TRANSLATOR_WORKERS",
    help="Worker processes (gunicorn; 1: one waitress process). Default: 2 per core, at most 8.",
)
@click.option(
    "--threads", default=8, show_default=True, type=click.IntRange(1, 64), help="Per process."
)
@pass_project
def serve(ctx: ProjectContext, host: str, port: int, workers: int | None, threads: int) -> None:
    """Run the review UI (first run: prints a one-time admin password)."""
    from translator.web import create_app
    from translator.web.server import default_workers, plan_server, run_server

    plan = plan_server(workers if workers is not None else default_workers(), threads)
    check_address(host, port)  # before the app writes instance/ (secret key, first admin)
    app = create_app(project_root=ctx.project.root)  # once, before any worker is forked
    from translator.cli.git import start_autocommit

    url = f"http://{host}:{port}/"
    click.echo(
        f"translator: review UI for {ctx.project.root} at {url} ({plan.describe()})", err=True
    )
    # git_commit = "after-review": commits after a quiet period, from this process only
    committer = start_autocommit(ctx, start=False)  # refuses to serve without a repository
    run_server(app, plan, host, port, on_ready=committer.start if committer else _nothing)


def _nothing() -> None:
    return None


def check_address(host: str, port: int) -> None:
    """Refuse an address that cannot be listened on: unknown, not local, or taken."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError) as exc:
        reason = exc.strerror or exc
        raise ConfigError(f"--host {host}: not an address to listen on ({reason})") from None
    family, kind, proto, _, address = found[0]
    with contextlib.closing(socket.socket(family, kind, proto)) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as waitress does
        try:
            probe.bind(address)
        except OSError as exc:
            raise ConfigError(f"{host}:{port}: cannot listen there ({exc.strerror})") from None


COMMANDS = [serve]
