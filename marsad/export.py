"""Exports shared by the CLI and the web: which articles (a search or everything) and their rows.

CSV cells that a spreadsheet would run as a formula (=, +, -, @) are prefixed with a quote, since
exported text comes from untrusted pages.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from marsad.model import Article
from marsad.store import SqliteStore

CSV_COLUMNS = ["id", "url", "title", "source", "published", "authors", "tags", "attribution", "story_id", "text"]


def iter_export_articles(store: SqliteStore, query: str | None = None, batch: int = 500) -> Iterator[Article]:
    """Stream articles (all copies, oldest first); raises QueryError for an invalid query."""
    if not query:
        yield from store.iter_articles(batch=batch)
        return
    from marsad.search.engine import phrase_ok
    from marsad.search.query import parse_query

    parsed = parse_query(query)
    offset = 0
    while True:
        _, rows = store.fts_search(parsed.match, where=parsed.filters, order="date_asc", limit=batch, offset=offset)
        if not rows:
            return
        for article in store.get_articles([i for i, _ in rows]):
            if not parsed.phrases or phrase_ok(article, parsed.phrases):
                yield article
        offset += batch


def csv_cell(value: Any) -> str:
    """A CSV cell; text that a spreadsheet would run as a formula is prefixed with a quote."""
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_chunks(articles: Iterator[Article], *, bom: bool = True) -> Iterator[str]:
    """CSV text in chunks of about 64 KB (a BOM first, so spreadsheets read the Arabic)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if bom:
        buffer.write("\ufeff")
    writer.writerow(CSV_COLUMNS)
    for a in articles:
        row = a.to_dict()
        row["text"] = a.text
        writer.writerow([csv_cell(row.get(c)) for c in CSV_COLUMNS])
        if buffer.tell() > 64_000:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def jsonl_lines(articles: Iterator[Article]) -> Iterator[str]:
    for a in articles:
        yield json.dumps(a.to_dict(), ensure_ascii=False) + "\n"
