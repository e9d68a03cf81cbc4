"""Commands over articles: ingest, extract, search, export, stories, stats, config."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.table import Table

from marsad.cli.common import RichReporter, console, fail, get_config, get_store, is_quiet
from marsad.errors import InputError, NoArticle, QueryError


def ingest(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(..., help="HTML files/folders, WARC(.gz), JSONL(.gz), CSV, JSON, TXT, ZIP."),
    map_: list[str] | None = typer.Option(None, "--map", help="Rename record fields: text=content,published=date."),
    no_link: bool = typer.Option(False, "--no-link", help="Store only; skip duplicate and story linking."),
) -> None:
    """Import pages, archives and article corpora into the store.

    Example: marsad ingest ../shared/pages ../shared/corpora/ant-multisource/CNN.jsonl.gz
    """
    from marsad.ingest import ingest as run_ingest
    from marsad.ingest import parse_mapping

    store = get_store(ctx)
    try:
        mapping = parse_mapping(map_)
    except InputError as exc:
        fail(str(exc), 2)
    with RichReporter("ingest", quiet=is_quiet(ctx)) as reporter:
        report = run_ingest(store, list(paths), mapping=mapping or None, reporter=reporter, link=not no_link)
    console.print(
        f"ingested {report.added} new article(s), {report.duplicates} already stored, "
        f"{len(report.errors)} skipped with errors, from {report.inputs} input(s) into {store.location}",
        highlight=False,
    )
    if report.failed:
        raise typer.Exit(1)


def extract(
    file: Path = typer.Argument(..., help="An HTML page (or a text page with --text)."),
    url: str | None = typer.Option(None, "--url", help="The page's URL (helps dates, site name, source)."),
    text: bool = typer.Option(False, "--text", help="The file is a page flattened to text (like the seed)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Extract the article from one page, without storing it.

    Example: marsad extract page.html --url https://example.com/a --json
    """
    from marsad.extract import extract_article, extract_text_page
    from marsad.ingest.inputs import decode_bytes

    try:
        data = file.read_bytes()
    except OSError as exc:
        fail(f"{file}: cannot read: {exc}", 2)
    try:
        if text:
            page = extract_text_page(decode_bytes(data), url=url)
            result = page.article.to_dict()
            result["related_articles"] = [a.to_dict() for a in page.related]
            result["boilerplate"] = page.boilerplate
        else:
            result = extract_article(data, url=url).to_dict()
    except NoArticle as exc:
        fail(f"{file}: {exc}", 1)
    if as_json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
        return
    console.print(result["title"], style="bold")
    console.print(f"published: {result.get('published')}  authors: {', '.join(result.get('authors') or [])}")
    for para in result.get("body") or []:
        console.print(para, highlight=False)


def search(
    ctx: typer.Context,
    query: str = typer.Argument(..., help='Words, "phrases", AND/OR/NOT, -word, source: story: lang: after: before:'),
    limit: int = typer.Option(20, "--limit", "-n", min=1, max=1000),
    sort: str = typer.Option("rank", "--sort", help="rank | date | date_asc"),
    all_copies: bool = typer.Option(False, "--all", help="Show every copy instead of collapsing duplicates."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON: {total, results: [...]}."),
) -> None:
    """Search stored articles with Arabic-aware matching.

    Example: marsad search 'الانسحاب "الولايات المتحدة" after:2024-01-01' --json
    """
    from marsad.search import search as run_search

    store = get_store(ctx)
    try:
        result = run_search(store, query, limit=limit, sort=sort, collapse=not all_copies)
    except QueryError as exc:
        fail(f"invalid query: {exc}", 2)
    if as_json:
        sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n")
        return
    console.print(f"{result.total} result(s)")
    for hit in result.hits:
        a = hit.article
        copies = f"  ({hit.copies} copies)" if hit.copies > 1 else ""
        console.print(f"{a.title}{copies}", style="bold", highlight=False)
        console.print(f"  {a.source or ''}  {a.published.date() if a.published else ''}  {a.url or ''}", highlight=False)
        console.print(f"  {hit.snippet}", highlight=False, markup=False)


def export(
    ctx: typer.Context,
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl | csv"),
    query: str | None = typer.Option(None, "--query", "-q", help="Only articles matching this search."),
    output: Path | None = typer.Option(None, "--output", "-o", help="File to write (default stdout)."),
) -> None:
    """Export articles as JSONL (full records) or CSV.

    Example: marsad export --format csv -q 'غزة' -o gaza.csv
    """
    from marsad.export import csv_chunks, iter_export_articles, jsonl_lines
    from marsad.search.query import parse_query

    if fmt not in ("jsonl", "csv"):
        fail("--format must be jsonl or csv", 2)
    if query:
        try:
            parse_query(query)  # before the output file is opened, so a bad query overwrites nothing
        except QueryError as exc:
            fail(f"invalid query: {exc}", 2)
    store = get_store(ctx)
    articles = iter_export_articles(store, query)
    chunks = jsonl_lines(articles) if fmt == "jsonl" else csv_chunks(articles, bom=output is not None)
    if output is None:
        for chunk in chunks:
            sys.stdout.write(chunk)
        return
    partial = output.with_name(output.name + ".partial")
    with open(partial, "w", encoding="utf-8", newline="") as out:
        for chunk in chunks:
            out.write(chunk)
    partial.replace(output)  # the old file is replaced only by a complete export


def stories(
    ctx: typer.Context,
    since: str | None = typer.Option(None, "--since", help="Only stories active since this date (YYYY-MM-DD)."),
    limit: int = typer.Option(30, "--limit", "-n", min=1),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """List stories (articles about one event over time), latest first.

    Example: marsad stories --since 2024-03-01 --json
    """
    if since is not None:
        from datetime import date

        try:
            since = date.fromisoformat(since).isoformat()
        except ValueError:
            fail(f"--since expects a date like 2024-03-01, got {since!r}", 2)
    store = get_store(ctx)
    if as_json:
        from marsad.link import stories_json

        sys.stdout.write(json.dumps(stories_json(store, since=since, limit=limit), ensure_ascii=False, indent=2) + "\n")
        return
    found = store.list_stories(since=since, limit=limit)
    table = Table("id", "articles", "outlets", "last", "title")
    for s in found:
        table.add_row(str(s.id), str(s.article_count), str(s.outlet_count),
                      s.last_time.date().isoformat() if s.last_time else "", s.title)  # fmt: skip
    console.print(table)


def stats(ctx: typer.Context, as_json: bool = typer.Option(False, "--json")) -> None:
    """Counts of what the store holds.

    Example: marsad stats
    """
    data = get_store(ctx).stats()
    if as_json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table("what", "value")
    for key, value in data.items():
        table.add_row(key, str(value))
    console.print(table)
    if not data["articles"]:
        console.print(EMPTY_HELP)


def config(ctx: typer.Context) -> None:
    """Show the effective configuration (secrets redacted).

    Example: MARSAD_PORT=9000 marsad config
    """
    sys.stdout.write(json.dumps(get_config(ctx).redacted(), ensure_ascii=False, indent=2) + "\n")


EMPTY_HELP = """The store is empty. To fill it:
  marsad sources add https://outlet.example/        # follow an outlet's feeds and sitemaps
  marsad ingest PATH...                             # import HTML, WARC, JSONL/CSV corpora
  marsad demo                                       # see marsad on a small sample archive"""


def register(app: typer.Typer) -> None:
    for command in (ingest, extract, search, export, stories, stats, config):
        app.command()(command)
