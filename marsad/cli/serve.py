"""Commands that serve: run (collect + serve, the main job), serve, demo."""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path

import typer

from marsad.cli.articles import EMPTY_HELP
from marsad.cli.common import RichReporter, console, get_config, get_store, is_quiet
from marsad.config import Config
from marsad.store import SqliteStore, open_store


def _serve(store: SqliteStore, config: Config, host: str | None, port: int | None) -> None:
    import uvicorn

    from marsad.web import create_app

    host = host or config.host
    port = port or config.port
    console.print(f"serving marsad at http://{host}:{port}/  (store: {store.location}; Ctrl+C stops)", highlight=False)
    uvicorn.run(create_app(store, config), host=host, port=port, log_level="warning")


def serve(
    ctx: typer.Context,
    host: str | None = typer.Option(None, "--host"),
    port: int | None = typer.Option(None, "--port", "-p"),
) -> None:
    """Serve the web UI and JSON API over the store.

    Example: marsad serve --port 8000
    """
    _serve(get_store(ctx), get_config(ctx), host, port)


def run(
    ctx: typer.Context,
    host: str | None = typer.Option(None, "--host"),
    port: int | None = typer.Option(None, "--port", "-p"),
) -> None:
    """The main job: collect from the configured sources continuously and serve the UI.

    Example: marsad run
    """
    store = get_store(ctx)
    config = get_config(ctx)
    if config.sources_file:
        from marsad.collect import load_sources_file

        for source in load_sources_file(Path(config.sources_file)):
            store.upsert_source(source)
    sources = [s for s in store.list_sources() if s.enabled and (s.feeds or s.sitemaps or s.homepage)]
    if not sources:
        console.print("No sources to collect from yet.", highlight=False)
        if not store.count_articles():
            console.print(EMPTY_HELP, highlight=False)
    else:
        from marsad.collect import run_forever

        stop = threading.Event()
        worker_store = open_store(store.path)
        thread = threading.Thread(target=run_forever, args=(worker_store, config, stop), daemon=True, name="collector")
        thread.start()
        console.print(f"collecting from {len(sources)} source(s) in the background", highlight=False)
    _serve(store, config, host, port)


def demo(
    ctx: typer.Context,
    host: str | None = typer.Option(None, "--host"),
    port: int | None = typer.Option(None, "--port", "-p"),
    no_serve: bool = typer.Option(False, "--no-serve", help="Ingest into the throwaway store, print stats, exit."),
) -> None:
    """Ingest the bundled sample archive into a throwaway store and serve it.

    Example: marsad demo --port 8001
    """
    from marsad.demo import demo_warc
    from marsad.ingest import ingest as run_ingest

    folder = Path(tempfile.mkdtemp(prefix="marsad-demo-"))
    store = open_store(folder / "demo.db")
    with RichReporter("demo", quiet=is_quiet(ctx)) as reporter:
        report = run_ingest(store, [demo_warc()], reporter=reporter)
    stats = store.stats()
    console.print(
        f"demo store {store.location}: {stats['articles']} articles, {stats['stories']} stories, "
        f"{stats['relations']} relations ({len(report.errors)} pages skipped)",
        highlight=False,
    )
    if not no_serve:
        _serve(store, get_config(ctx), host, port)


def register(app: typer.Typer) -> None:
    for command in (run, serve, demo):
        app.command()(command)
