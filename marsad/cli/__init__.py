"""The `marsad` command: a thin layer over the Python API (Typer + Rich)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import typer

from marsad import __version__
from marsad.cli import articles, collect, scale, serve
from marsad.cli.common import State, fail
from marsad.config import load_config
from marsad.errors import MarsadError

app = typer.Typer(
    name="marsad",
    help="marsad (مرصد): Arabic-first news monitoring — collect, extract, link, search.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"marsad {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    db: str | None = typer.Option(None, "--db", envvar="MARSAD_DB", help="Store: a SQLite file path or a postgresql:// URL."),
    config: Path | None = typer.Option(None, "--config", help="TOML config file (default ./marsad.toml)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bars."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log details to stderr."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    """marsad (مرصد): Arabic-first news monitoring."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        cfg = load_config(config)
    except MarsadError as exc:
        fail(str(exc))
    if db is not None:
        cfg = cfg.replace(db=str(db))
    ctx.obj = State(config=cfg, quiet=quiet)


articles.register(app)
serve.register(app)
collect.register(app)
scale.register(app)


def main() -> None:
    """Entry point: a MarsadError that escapes a command becomes a message, not a traceback."""
    try:
        app()
    except MarsadError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(1)


__all__ = ["app", "main"]
