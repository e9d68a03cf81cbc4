"""Article sets for export: everything, or the matches of a search (all copies, date order)."""

from __future__ import annotations

from collections.abc import Iterator

from marsad.model import Article
from marsad.store import SqliteStore


def iter_export_articles(store: SqliteStore, query: str | None = None, batch: int = 500) -> Iterator[Article]:
    """Stream articles; raises QueryError for an invalid query before yielding anything."""
    if not query:
        yield from store.iter_articles(batch=batch)
        return
    from marsad.search.query import parse_query

    parsed = parse_query(query)
    offset = 0
    while True:
        _, rows = store.fts_search(parsed.match, where=parsed.filters, order="date_asc", limit=batch, offset=offset)
        if not rows:
            return
        yield from store.get_articles([i for i, _ in rows])
        offset += batch
