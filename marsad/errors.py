"""One exception tree for marsad; translated to messages only at the edges (CLI, web)."""

from __future__ import annotations


class MarsadError(Exception):
    """Base of every error marsad raises on purpose."""


class InputError(MarsadError):
    """A file, URL or record could not be read; names what and where."""

    def __init__(self, message: str, *, where: str | None = None) -> None:
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)


class NoArticle(MarsadError):
    """Extraction found no article; `reason` says why ("not HTML", "too large", "homepage")."""

    def __init__(self, reason: str, *, url: str | None = None) -> None:
        self.reason = reason
        self.url = url
        super().__init__(f"no article: {reason}" + (f" ({url})" if url else ""))


class QueryError(MarsadError):
    """A search query that cannot be parsed; the message is shown to the user."""


class FetchError(MarsadError):
    """A network fetch failed (timeout, refused address, too large, bad status)."""

    def __init__(self, message: str, *, url: str | None = None, status: int | None = None) -> None:
        self.url = url
        self.status = status
        super().__init__(f"{url}: {message}" if url else message)


class StoreError(MarsadError):
    """The store cannot be opened or migrated."""
