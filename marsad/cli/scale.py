"""`marsad backfill`: WARC archives into the store, extraction on a Dask cluster (marsad.scale)."""

from __future__ import annotations

from pathlib import Path

import typer

from marsad.cli.common import RichReporter, console, fail, get_store, is_quiet
from marsad.errors import MarsadError


def backfill(
    ctx: typer.Context,
    warcs: list[Path] = typer.Argument(..., help="WARC(.gz) files or folders of them."),
    scheduler: str | None = typer.Option(
        None, "--scheduler", envvar="MARSAD_DASK_SCHEDULER",
        help="Dask scheduler address (tcp://host:8786) or scheduler JSON file; default: a local cluster.",
    ),
    workers: int = typer.Option(2, "--workers", "-w", min=1, help="Worker processes of the local cluster."),
    chunk: int = typer.Option(200, "--chunk", min=1, help="Records per extraction task."),
    no_link: bool = typer.Option(False, "--no-link", help="Store only; skip duplicate and story linking."),
    again: bool = typer.Option(False, "--again", help="Re-extract records an earlier run already stored."),
) -> None:
    """Backfill large WARC archives, extracting on a Dask cluster (the store is written here only).

    Example: marsad backfill crawl/*.warc.gz --scheduler tcp://10.0.0.5:8786
    """
    try:
        import distributed  # noqa: F401
    except ImportError:
        fail('Dask is not installed: pip install "marsad[scale]" (or "dask[distributed]")', 2)
    from marsad.scale import backfill as run_backfill

    store = get_store(ctx)
    try:
        with RichReporter("backfill", quiet=is_quiet(ctx)) as reporter:
            report = run_backfill(store, list(warcs), scheduler=scheduler, workers=workers, chunk=chunk,
                                  link=not no_link, resume=not again, reporter=reporter)  # fmt: skip
    except MarsadError as exc:  # the cluster cannot be reached or used
        fail(str(exc))
    already = f", {report.skipped} stored by an earlier run" if report.skipped else ""
    console.print(
        f"backfilled {report.added} new article(s), {report.duplicates} already stored{already}, "
        f"{len(report.errors)} skipped with errors, from {report.records} page(s) in {report.warcs} WARC(s) "
        f"on {report.workers} Dask worker(s) in {report.seconds:.1f}s ({report.rate:.1f} pages/s) "
        f"into {store.path if getattr(store, 'backend', '') == 'sqlite' else 'the PostgreSQL store'}",
        highlight=False,
    )
    if report.failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command()(backfill)
