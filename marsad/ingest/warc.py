"""Read HTML responses out of WARC files (warcio), with the offset of each record."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from marsad.errors import InputError

HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass
class WarcPage:
    url: str
    status: int
    headers: dict[str, str]
    payload: bytes
    offset: int
    date: datetime | None


def iter_warc_pages(path: str | Path) -> Iterator[WarcPage | InputError]:
    """HTML response records in file order; a corrupt record yields an InputError naming its
    offset and URL, and reading resumes at the next record (see warcindex)."""
    from marsad.ingest.warcindex import index_warc, read_page

    where = str(path)
    entries, errors = index_warc(where)
    # (offset, URL, error message or None for a page to read)
    items: list[tuple[int, str, str | None]] = [(off, url, None) for off, url in entries]
    items += errors
    items.sort(key=lambda item: item[0])
    if not items:
        return
    with open(path, "rb") as fh:
        for offset, url, message in items:
            if message is not None:
                here = where if offset < 0 else f"{where}@{offset}" + (f" {url}" if url else "")
                yield InputError(message, where=here)
                continue
            try:
                yield read_page(fh, offset, where=f"{where}@{offset}")
            except (InputError, ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
                yield exc if isinstance(exc, InputError) else InputError(f"corrupt WARC record: {exc}", where=f"{where}@{offset}")


def read_warc_record(path: str | Path, offset: int) -> bytes:
    """The HTTP payload of the record at `offset` (for reprocessing and 'archived original')."""
    with open(path, "rb") as fh:
        fh.seek(offset)
        for record in ArchiveIterator(fh):
            return record.content_stream().read()
    raise InputError(f"no WARC record at offset {offset}", where=str(path))
