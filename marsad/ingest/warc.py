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
    """HTML response records; a corrupt record yields an InputError and ends that file."""
    where = str(path)
    try:
        fh = open(path, "rb")
    except OSError as exc:
        yield InputError(f"cannot read: {exc}", where=where)
        return
    with fh:
        records = ArchiveIterator(fh)
        try:
            for record in records:
                if record.rec_type != "response":
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                http = record.http_headers
                ctype = (http.get_header("Content-Type") or "") if http else ""
                if http is None or not any(t in ctype.lower() for t in HTML_TYPES):
                    continue
                payload = record.content_stream().read()
                date = None
                raw_date = record.rec_headers.get_header("WARC-Date")
                if raw_date:
                    try:
                        date = datetime.fromisoformat(raw_date.replace("Z", "+00:00"))
                    except ValueError:
                        date = None
                yield WarcPage(
                    url=url, status=int(http.get_statuscode() or 0), headers=dict(http.headers),
                    payload=payload, offset=records.get_record_offset(), date=date,
                )  # fmt: skip
        except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
            yield InputError(f"corrupt WARC record: {exc}", where=where)


def read_warc_record(path: str | Path, offset: int) -> bytes:
    """The HTTP payload of the record at `offset` (for reprocessing and 'archived original')."""
    with open(path, "rb") as fh:
        fh.seek(offset)
        for record in ArchiveIterator(fh):
            return record.content_stream().read()
    raise InputError(f"no WARC record at offset {offset}", where=str(path))
