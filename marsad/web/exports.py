"""Streaming CSV / JSON Lines exports of a search result set or of every article.

The article set is `marsad.export.iter_export_articles` (the one `marsad export` writes: every
copy, oldest first) and the CSV columns are the CLI's, so a download equals the CLI's output;
the web CSV adds a byte-order mark (spreadsheets then read the Arabic as UTF-8) and quotes cells
that a spreadsheet would run as formulas.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from fastapi.responses import StreamingResponse

from marsad.model import Article

CSV_COLUMNS = ["id", "url", "title", "source", "published", "authors", "tags", "attribution", "story_id", "text"]


def _cell(value: Any) -> str:
    """A CSV cell; text that a spreadsheet would run as a formula is prefixed with a quote."""
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _csv_rows(articles: Iterator[Article]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(CSV_COLUMNS)
    for a in articles:
        row = a.to_dict()
        row["text"] = a.text
        writer.writerow([_cell(row.get(c)) for c in CSV_COLUMNS])
        if buffer.tell() > 64_000:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _jsonl_rows(articles: Iterator[Article]) -> Iterator[str]:
    for a in articles:
        yield json.dumps(a.to_dict(), ensure_ascii=False) + "\n"


def export_response(store: Any, q: str, fmt: str) -> StreamingResponse:
    """Check the query now (so a bad one is a 400, not a broken download), then stream."""
    from marsad.export import iter_export_articles

    articles = iter_export_articles(store, q.strip() or None)
    first = next(articles, None)  # runs the query: raises QueryError before any byte is sent

    def chained() -> Iterator[Article]:
        if first is not None:
            yield first
            yield from articles

    if fmt == "csv":
        body, media, ext = _csv_rows(chained()), "text/csv; charset=utf-8", "csv"
    else:
        body, media, ext = _jsonl_rows(chained()), "application/x-ndjson; charset=utf-8", "jsonl"
    headers = {"Content-Disposition": f'attachment; filename="marsad-export.{ext}"'}
    return StreamingResponse(body, media_type=media, headers=headers)
