"""``translator serve``: the review UI under waitress (the only command that imports Flask)."""

from __future__ import annotations

import click

from translator.cli.common import ProjectContext, pass_project


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(1, 65535))
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64))
@pass_project
def serve(ctx: ProjectContext, host: str, port: int, threads: int) -> None:
    """Run the review UI with waitress (first run: prints a one-time admin password)."""
    import waitress

    from translator.web import create_app

    app = create_app(project_root=ctx.project.root)
    click.echo(f"translator: review UI for {ctx.project.root} at http://{host}:{port}/", err=True)
    waitress.serve(app, host=host, port=port, threads=threads, ident="translator")


COMMANDS = [serve]
