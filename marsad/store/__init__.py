"""marsad.store: everything to and from disk. Only this package knows SQL.

`open_store(location)` picks the backend: a file path gives the embedded SQLite store (the
default); a postgresql:// URL gives the PostgreSQL store, with the same methods (docs/postgres.md).
"""

from __future__ import annotations

from pathlib import Path

from marsad.store.postgres import is_postgres_location, open_postgres
from marsad.store.sqlite import SqliteStore

Store = SqliteStore

__all__ = ["SqliteStore", "Store", "open_store"]


def open_store(location: str | Path, *, readonly: bool = False) -> SqliteStore:
    """Open (creating and migrating as needed) the store at `location`."""
    text = str(location)
    if is_postgres_location(text):
        return open_postgres(text, readonly=readonly)
    return SqliteStore(text, readonly=readonly)
