"""marsad.store: everything to and from disk. Only this package knows SQL.

`open_store(location)` picks the backend: a file path gives the embedded SQLite store (the
default); PostgreSQL is planned behind the same methods.
"""

from __future__ import annotations

from pathlib import Path

from marsad.errors import StoreError
from marsad.store.sqlite import SqliteStore

Store = SqliteStore

__all__ = ["Store", "SqliteStore", "open_store"]


def open_store(location: str | Path, *, readonly: bool = False) -> SqliteStore:
    """Open (creating and migrating as needed) the store at `location`."""
    text = str(location)
    if text.startswith(("postgres://", "postgresql://")):
        raise StoreError("the PostgreSQL backend is not available in this version; use a SQLite path")
    return SqliteStore(text, readonly=readonly)
