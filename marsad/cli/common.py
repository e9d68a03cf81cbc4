"""What every command shares: the state object, store and config access, the console."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from marsad.config import Config
from marsad.errors import MarsadError
from marsad.store import SqliteStore, open_store

console = Console(soft_wrap=True, markup=False)  # whole lines when piped; page text is never markup
err_console = Console(stderr=True, soft_wrap=True)


@dataclass
class State:
    config: Config
    quiet: bool = False
    store: SqliteStore | None = field(default=None, repr=False)


def get_config(ctx: typer.Context) -> Config:
    return ctx.find_root().obj.config


def get_store(ctx: typer.Context) -> SqliteStore:
    """The store chosen by --db / MARSAD_DB / config, opened (and migrated) once per command."""
    state: State = ctx.find_root().obj
    if state.store is None:
        try:
            state.store = open_store(state.config.db)
        except MarsadError as exc:
            fail(str(exc))
    return state.store  # type: ignore[return-value]


def is_quiet(ctx: typer.Context) -> bool:
    return ctx.find_root().obj.quiet


def fail(message: str, code: int = 1) -> None:
    err_console.print(f"[red]error:[/red] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


class RichReporter:
    """Progress bar with count, rate and ETA for long work; errors printed as they happen."""

    def __init__(self, description: str, quiet: bool = False) -> None:
        self.quiet = quiet
        self.progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
            console=err_console,
            disable=quiet,
            transient=False,
        )
        self.task = self.progress.add_task(description, total=None, rate="")

    def __enter__(self) -> RichReporter:
        self.progress.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.progress.stop()

    def total(self, n: int) -> None:
        self.progress.update(self.task, total=n)

    def advance(self, n: int = 1) -> None:
        self.progress.advance(self.task, n)
        task = self.progress.tasks[0]
        if task.speed:
            self.progress.update(self.task, rate=f"{task.speed:,.0f}/s")

    def error(self, where: str, message: str) -> None:
        """Always shown, even with --quiet: a skipped record must never pass silently."""
        text = message if message.startswith(where) else f"{where}: {message}"
        self.progress.console.print(f"skipped {text}", style="yellow", highlight=False, markup=False, soft_wrap=True)
