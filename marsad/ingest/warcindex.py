"""WARC access for backfill tasks: a record index that survives corrupt records, and reads by offset.

`index_warc` lists the HTML response records of one WARC file (offset and URL), the same records
`marsad.ingest.warc.iter_warc_pages` yields. Unlike that reader, a corrupt record does not end
the file: it is reported by path, offset and (when its headers were readable) URL, and the index
resynchronises on the next record (the next gzip member of a `.warc.gz`, the next `WARC/1.` line
of a plain `.warc`). `read_page` reads one record back by offset, as `read_warc_record` does, but
with its HTTP status, headers and date, which a capture needs.

Nothing here touches the store: `marsad ingest` uses it, and so do the Dask backfill tasks.
"""

from __future__ import annotations

import io
import mmap
import os
import zlib
from datetime import datetime
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from marsad.errors import InputError
from marsad.ingest.warc import HTML_TYPES, WarcPage

GZIP_MAGIC = b"\x1f\x8b\x08"
WARC_LINE = b"\nWARC/1."


def is_html_response(record: Any) -> bool:
    """The records `marsad ingest` reads from a WARC: HTML responses with HTTP headers."""
    if record.rec_type != "response" or record.http_headers is None:
        return False
    ctype = (record.http_headers.get_header("Content-Type") or "").lower()
    return any(t in ctype for t in HTML_TYPES)


def _next_start(data: mmap.mmap | bytes, after: int, gz: bool) -> int | None:
    """Where the next record may start after offset `after` (exclusive)."""
    if gz:
        found = data.find(GZIP_MAGIC, after + 1)
        return None if found < 0 else found
    found = data.find(WARC_LINE, after)
    return None if found < 0 else found + 1


HEAD_BYTES = 256 * 1024  # of a decompressed record kept to read its WARC and HTTP headers
BLOCK = 1 << 16


class _Corrupt(Exception):
    def __init__(self, message: str, url: str = "") -> None:
        super().__init__(message)
        self.url = url


def _headers(head: bytes | bytearray) -> tuple[str, bool]:
    """(target URL, is an HTML response) from the first bytes of one uncompressed record."""
    record = next(iter(ArchiveIterator(io.BytesIO(head))))
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    return url, is_html_response(record)


def _member(data: mmap.mmap, pos: int) -> tuple[int, bytes]:
    """Decompress the gzip member at `pos` whole (checking its CRC); (its end, its first bytes).

    warcio's reader prints a mid-member zlib error and goes on with a truncated record, so the
    index checks every member itself.
    """
    decomp = zlib.decompressobj(16 + zlib.MAX_WBITS)
    head = bytearray()
    at = pos
    size = len(data)
    try:
        while not decomp.eof:
            if at >= size:
                raise _Corrupt("truncated gzip member", _url_of(head))
            block = data[at : at + BLOCK]
            at += len(block)
            out = decomp.decompress(block)
            if len(head) < HEAD_BYTES:
                head += out[: HEAD_BYTES - len(head)]
    except zlib.error as exc:
        raise _Corrupt(f"bad gzip data ({exc})", _url_of(_readable_head(data, pos))) from exc
    return at - len(decomp.unused_data), bytes(head)


def _readable_head(data: mmap.mmap, pos: int) -> bytes:
    """What decompresses of a damaged member before the damage (small steps: zlib raises for a
    whole block and returns nothing of it)."""
    decomp = zlib.decompressobj(16 + zlib.MAX_WBITS)
    head = bytearray()
    at = pos
    while len(head) < HEAD_BYTES and at < len(data) and not decomp.eof:
        try:
            head += decomp.decompress(data[at : at + 1024])
        except zlib.error:
            break
        at += 1024
    return bytes(head)


def _url_of(head: bytes | bytearray) -> str:
    try:
        return _headers(head)[0]
    except Exception:  # noqa: BLE001 — the headers themselves are damaged
        return ""


def _index_gzip(data: mmap.mmap, entries: list, errors: list) -> None:
    pos: int | None = 0
    resyncing = False
    size = len(data)
    while pos is not None and pos < size:
        try:
            if data[pos : pos + 3] != GZIP_MAGIC:
                if not data[pos:].strip(b"\0\r\n"):
                    return  # padding at the end of the file
                raise _Corrupt("not a gzip member")
            end, head = _member(data, pos)
            try:
                url, html = _headers(head)
            except Exception as exc:  # ArchiveLoadFailed, StatusAndHeadersParserException
                raise _Corrupt(f"unreadable WARC headers ({exc})") from exc
        except _Corrupt as exc:
            nxt = _next_start(data, pos, True)
            if not resyncing:
                more = f"; resumed at offset {nxt}" if nxt is not None else "; nothing readable after it"
                errors.append((pos, exc.url, f"corrupt WARC record: {exc}{more}"))
            resyncing = True
            pos = nxt
            continue
        resyncing = False
        if html:
            entries.append((pos, url))
        pos = end


def _index_plain(fh: BinaryIO, data: mmap.mmap, entries: list, errors: list) -> None:
    pos: int | None = 0
    resyncing = False
    size = len(data)
    while pos is not None and pos < size:
        fh.seek(pos)
        records = ArchiveIterator(fh)
        yielded = 0
        current: tuple[int, str] | None = None
        try:
            for record in records:
                start = records.offset
                current = (start, record.rec_headers.get_header("WARC-Target-URI") or "")
                yielded += 1
                resyncing = False
                if is_html_response(record):
                    entries.append(current)
            return
        except Exception as exc:  # noqa: BLE001 — ArchiveLoadFailed, EOFError, ValueError, ...
            bad = records.offset
            url = current[1] if current and current[0] == bad else ""
            if entries and entries[-1][0] == bad:
                entries.pop()  # its headers were fine, its content is not
            nxt = _next_start(data, max(bad, pos), False)
            if not (resyncing and yielded == 0):
                more = f"; resumed at offset {nxt}" if nxt is not None else "; nothing readable after it"
                errors.append((bad, url, f"corrupt WARC record: {exc!r}{more}"))
            resyncing = True
            pos = nxt


def index_warc(path: str) -> tuple[list[tuple[int, str]], list[tuple[int, str, str]]]:
    """(offset, URL) of every HTML response record in order, and (offset, URL, message) per corrupt
    record (offset -1: the whole file)."""
    entries: list[tuple[int, str]] = []
    errors: list[tuple[int, str, str]] = []
    try:
        with open(path, "rb") as fh:
            if os.fstat(fh.fileno()).st_size == 0:
                return entries, [(-1, "", "empty file")]
            with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
                if data[:2] == b"\x1f\x8b":
                    _index_gzip(data, entries, errors)
                else:
                    _index_plain(fh, data, entries, errors)
    except OSError as exc:
        errors.append((-1, "", f"cannot read: {exc}"))
    return entries, errors


def read_page(fh: BinaryIO, offset: int, *, where: str = "") -> WarcPage:
    """The record at `offset` of an open WARC file, as `iter_warc_pages` would yield it."""
    fh.seek(offset)
    for record in ArchiveIterator(fh):
        http = record.http_headers
        if http is None:
            raise InputError(f"no HTTP response at offset {offset}", where=where or None)
        payload = record.content_stream().read()
        date = None
        raw_date = record.rec_headers.get_header("WARC-Date")
        if raw_date:
            try:
                date = datetime.fromisoformat(raw_date)
            except ValueError:
                date = None
        return WarcPage(
            url=record.rec_headers.get_header("WARC-Target-URI") or "", status=int(http.get_statuscode() or 0),
            headers=dict(http.headers), payload=payload, offset=offset, date=date,
        )  # fmt: skip
    raise InputError(f"no WARC record at offset {offset}", where=where or None)
