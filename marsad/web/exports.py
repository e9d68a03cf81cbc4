"""Streaming CSV / JSON Lines exports of a search result set or of every article.

The article set is `marsad.export.iter_export_articles` (the one `marsad export` writes: every
copy, oldest first) and the CSV columns are the CLI's, so a download equals the CLI's output;
the web CSV adds a byte-order mark (spreadsheets then read the Arabic as UTF-8) and quotes cells
that a spreadsheet would run as formulas.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fastapi.responses import StreamingResponse

from marsad.export import csv_chunks, jsonl_lines
from marsad.model import Article


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
        body, media, ext = csv_chunks(chained()), "text/csv; charset=utf-8", "csv"
    else:
        body, media, ext = jsonl_lines(chained()), "application/x-ndjson; charset=utf-8", "jsonl"
    headers = {"Content-Disposition": f'attachment; filename="marsad-export.{ext}"'}
    return StreamingResponse(body, media_type=media, headers=headers)
