"""Collection commands: sources (add, list, check, remove, load), collect, replay, reprocess.

A thin layer over marsad.collect; every command's work is a Python API function.
"""

from __future__ import annotations

import threading
from pathlib import Path

import typer
from rich.table import Table
from rich.text import Text

from marsad.cli.common import console, fail, get_config, get_store, is_quiet
from marsad.errors import MarsadError

sources_app = typer.Typer(help="Manage the sources marsad collects from (outlets, agencies, aggregators).",
                          no_args_is_help=True)  # fmt: skip


@sources_app.command("add")
def sources_add(
    ctx: typer.Context,
    url: str = typer.Argument(..., help="Homepage of the site."),
    key: str | None = typer.Option(None, "--key", help="Source key (default: host without www)."),
    name: str | None = typer.Option(None, "--name", help="Arabic name."),
    country: str | None = typer.Option(None, "--country", help="ISO country code, e.g. EG."),
    kind: str = typer.Option("outlet", "--kind", help="outlet | agency | aggregator."),
    feed: list[str] = typer.Option([], "--feed", help="Feed URL (repeatable); skips feed discovery."),
    sitemap: list[str] = typer.Option([], "--sitemap", help="Sitemap URL (repeatable)."),
    no_discover: bool = typer.Option(False, "--no-discover", help="Do not fetch the site to find feeds."),
) -> None:
    """Add a site: discover its feeds and sitemaps (fetching its homepage and robots.txt).

    Example: marsad sources add https://www.hespress.com/ --country MA
    """
    from marsad.collect.sources import KINDS, discover, source_key
    from marsad.collect.urls import bare_host, host_of, normalize_url
    from marsad.model import Source

    if kind not in KINDS:
        fail(f"--kind must be one of {', '.join(KINDS)}")
    store, config = get_store(ctx), get_config(ctx)
    home = normalize_url(url)
    if not home:
        fail(f"not an http(s) URL: {url}")
        return
    if no_discover or feed or sitemap:
        source = Source(key=source_key(home), homepage=home, feeds=list(feed), sitemaps=list(sitemap),
                        domains=[bare_host(host_of(home))])  # fmt: skip
    else:
        try:
            source = discover(home, config)
        except MarsadError as exc:
            fail(f"discovery failed: {exc} (add it with --feed/--sitemap or --no-discover)")
            return
    source.key = key or source.key
    source.name = name or source.name
    source.country = country or source.country
    source.kind = kind
    store.upsert_source(source)
    console.print(f"added {source.key}: {len(source.feeds)} feed(s), {len(source.sitemaps)} sitemap(s)", highlight=False)
    for u in source.feeds:
        console.print(f"  feed     {u}", highlight=False)
    for u in source.sitemaps:
        console.print(f"  sitemap  {u}", highlight=False)


@sources_app.command("list")
def sources_list(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="JSON lines instead of a table."),
) -> None:
    """List sources with their health: last success, last error, articles/day, feed latency.

    Example: marsad sources list
    """
    import json

    from marsad.collect.health import health_report

    report = health_report(get_store(ctx))
    if as_json:
        for h in report:
            s = h.source
            typer.echo(json.dumps({
                "key": s.key, "name": s.name, "name_latin": s.name_latin, "country": s.country, "kind": s.kind,
                "enabled": s.enabled, "feeds": s.feeds, "sitemaps": s.sitemaps, "status": h.status,
                "last_success": h.last_success, "last_error": h.last_error, "last_error_at": h.last_error_at,
                "articles_per_day": h.articles_per_day, "feed_latency": h.feed_latency, "frontier": h.frontier,
            }, ensure_ascii=False))  # fmt: skip
        return
    if not report:
        console.print("no sources yet: marsad sources load  (the bundled registry) or marsad sources add URL")
        return
    table = Table(show_lines=False, pad_edge=False)
    table.add_column("key", no_wrap=True)
    table.add_column("name", no_wrap=True, max_width=18)
    table.add_column("status", no_wrap=True)
    table.add_column("last success", no_wrap=True)
    table.add_column("art/day", justify="right")
    table.add_column("latency", justify="right")
    table.add_column("queue", justify="right", no_wrap=True)
    table.add_column("last error", overflow="ellipsis", no_wrap=True, max_width=40)
    colour = {"ok": "green", "failing": "red", "unknown": "dim", "disabled": "dim"}
    for h in report:
        s = h.source
        table.add_row(
            s.key, s.name or s.name_latin or "", Text(h.status, style=colour[h.status]),
            (h.last_success or "")[5:16].replace("T", " "), f"{h.articles_per_day:g}",
            f"{h.feed_latency:.0f}s" if h.feed_latency is not None else "",
            f"{h.frontier.get('pending', 0)}/{h.frontier.get('done', 0)}", h.last_error or "",
        )  # fmt: skip
    console.print(table)


@sources_app.command("check")
def sources_check(
    ctx: typer.Context,
    keys: list[str] | None = typer.Argument(None, help="Source keys (default: all)."),
) -> None:
    """Fetch and parse every feed and sitemap of the sources; report what works (updates health).

    Example: marsad sources check hespress.com
    """
    from marsad.collect.sources import check_sources

    results = check_sources(get_store(ctx), get_config(ctx), keys or None)
    if not results:
        fail("no such sources")
    bad = 0
    for r in results:
        mark = Text("ok  " if r.ok else "fail", style="green" if r.ok else "red")
        detail = f"{r.entries} entries" if r.ok else r.error
        bad += not r.ok
        console.print(mark, f"{r.source:24} {r.kind:8} {r.url}  {detail}  ({r.seconds:.1f}s)", highlight=False)
    console.print(f"{len(results) - bad} of {len(results)} feeds/sitemaps work", highlight=False)


@sources_app.command("remove")
def sources_remove(ctx: typer.Context, key: str = typer.Argument(..., help="Source key.")) -> None:
    """Remove a source and its pending frontier (its articles stay).

    Example: marsad sources remove alarabiya.net
    """
    store = get_store(ctx)
    if not store.remove_source(key):
        fail(f"no source {key!r}")
    dropped = store.drop_frontier(key)
    console.print(f"removed {key} ({dropped} frontier URLs dropped)", highlight=False)


@sources_app.command("load")
def sources_load(
    ctx: typer.Context,
    file: Path | None = typer.Argument(None, help="TOML file of [[source]] tables (default: the bundled registry)."),
) -> None:
    """Load sources from a TOML registry into the store (insert or update by key).

    Example: marsad sources load my-sources.toml
    """
    from marsad.collect.sources import load_sources, sync_sources

    try:
        count = sync_sources(get_store(ctx), load_sources(file))
    except MarsadError as exc:
        fail(str(exc))
        return
    console.print(f"loaded {count} sources from {file or 'the bundled registry'}", highlight=False)


def collect(
    ctx: typer.Context,
    once: bool = typer.Option(False, "--once", help="One pass, print its summary, exit."),
    replay: str | None = typer.Option(None, "--replay", help="Crawl offline through a replay server URL."),
    max_pages: int | None = typer.Option(None, "--max-pages", help="Stop a pass after this many pages."),
) -> None:
    """Collect from every enabled source: feeds, sitemaps, new article pages (WARC-archived).

    Example: marsad collect --once
    """
    from marsad.collect import collect_once, run_forever
    from marsad.collect.sources import load_sources, sync_sources

    store, config = get_store(ctx), get_config(ctx)
    if config.sources_file:
        sync_sources(store, load_sources(config.sources_file))
    if not [s for s in store.list_sources() if s.enabled]:
        fail("no enabled sources: marsad sources load  or  marsad sources add URL")
    if once:
        summary = collect_once(store, config, replay=replay, max_pages=max_pages)
        console.print(str(summary), highlight=False)
        if not is_quiet(ctx):
            for err in summary.errors[:20]:
                console.print(f"  {err}", style="yellow", highlight=False)
        return
    stop = threading.Event()
    console.print("collecting continuously (Ctrl+C stops)", highlight=False)
    try:
        run_forever(store, config, stop, replay=replay, max_pages=max_pages)
    except KeyboardInterrupt:
        stop.set()
        console.print("stopped", highlight=False)


def replay(
    warcs: list[Path] = typer.Argument(..., help="WARC files (or folders of them)."),
    port: int = typer.Option(8090, "--port", "-p"),
) -> None:
    """Serve archived responses over HTTP on 127.0.0.1 (crawl offline with collect --replay).

    Example: marsad replay marsad-data/warc --port 8090
    """
    from marsad.collect.replay import ReplayServer
    from marsad.collect.warc import warc_files

    paths: list[Path] = []
    for w in warcs:
        paths += warc_files(w) if w.is_dir() else [w]
    if not paths:
        fail("no WARC files given")
    try:
        server = ReplayServer(paths, port=port)
    except (OSError, MarsadError) as exc:
        fail(str(exc))
        return
    console.print(f"replaying {len(server.index)} URLs from {len(paths)} WARC file(s) at {server.url}/ "
                  "(Ctrl+C stops)", highlight=False)  # fmt: skip
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.httpd.server_close()


def reprocess(
    ctx: typer.Context,
    warc: list[Path] | None = typer.Option(None, "--warc", help="WARC files (default: the store's archive)."),
    source: str | None = typer.Option(None, "--source", help="Only pages of this source."),
) -> None:
    """Re-extract every archived article page from WARC, without network.

    Example: marsad reprocess
    """
    from marsad.collect.reprocess import reprocess as run_reprocess

    try:
        summary = run_reprocess(get_store(ctx), get_config(ctx), warc_paths=warc or None, source=source)
    except MarsadError as exc:
        fail(str(exc))
        return
    console.print(str(summary), highlight=False)


def register(app: typer.Typer) -> None:
    app.add_typer(sources_app, name="sources")
    app.command()(collect)
    app.command()(replay)
    app.command()(reprocess)
