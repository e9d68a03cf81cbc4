"""WARC/1.1 archive of every HTTP exchange, and reading records back.

Each response is written with its request (WARC-Concurrent-To) as gzip members, built in memory
and appended with one write so a crash never leaves a half record in the middle of a file. A
new file is started per process and whenever a file grows past `warc_max_bytes`, so a
resumed crawl never appends to a file whose tail a kill may have torn.

The payload is written as the crawler read it: decoded from gzip/deflate/brotli (the original
Content-Encoding is kept in an `X-Marsad-Content-Encoding` header) and, when the body was cut at
`max_body_bytes`, marked `WARC-Truncated: length`.
"""

from __future__ import annotations

import contextlib
import io
import os
import threading
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from marsad.errors import InputError

HOP_BY_HOP = {"content-encoding", "transfer-encoding", "content-length", "connection", "keep-alive"}


@dataclass
class WarcResponse:
    """One archived response, read back."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    date: datetime | None = None
    path: str | None = None
    offset: int | None = None
    truncated: str | None = None
    raw_headers: list[tuple[str, str]] = field(default_factory=list)
    warc_kind: str | None = None  # what marsad fetched it as: article, feed, sitemap, page, robots
    source: str | None = None  # marsad source key, when known


def _member(writer, record) -> bytes:  # type: ignore[no-untyped-def]
    """One record as its own gzip member (level 6: nearly level 9's size at half the CPU)."""
    buf = io.BytesIO()
    writer.out = buf
    writer.write_record(record)
    deflate = zlib.compressobj(6, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    return deflate.compress(buf.getvalue()) + deflate.flush()


def _warc_date(when: datetime) -> str:
    when = when.astimezone(UTC) if when.tzinfo else when.replace(tzinfo=UTC)
    return when.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class WarcArchive:
    """Rotating WARC writer under one folder (thread-safe)."""

    def __init__(self, directory: str | Path, *, max_bytes: int = 1_000_000_000, prefix: str = "marsad",
                 software: str = "marsad") -> None:  # fmt: skip
        self.directory = Path(directory)
        self.max_bytes = max(int(max_bytes), 1024)
        self.prefix = prefix
        self.software = software
        self.lock = threading.Lock()
        self.fd: int | None = None
        self.path: Path | None = None
        self.size = 0
        self.seq = 0
        self.files: list[Path] = []

    def _open(self) -> None:
        from warcio.warcwriter import WARCWriter

        self.close()
        self.directory.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
        while True:
            self.seq += 1
            name = f"{self.prefix}-{stamp}-{os.getpid()}-{self.seq:05d}.warc.gz"
            path = self.directory / name
            if not path.exists():
                break
        self.fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        self.path = path
        self.size = 0
        self.files.append(path)
        buf = io.BytesIO()
        writer = WARCWriter(buf, gzip=True, warc_version="1.1")
        info = writer.create_warcinfo_record(
            name, {"software": self.software, "format": "WARC File Format 1.1", "conformsTo":
                   "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"}
        )  # fmt: skip
        writer.write_record(info)
        try:
            self._append(buf.getvalue())
        except BaseException:
            self.close()  # the next record starts a new file, with its warcinfo
            raise

    def _append(self, data: bytes) -> int:
        """Append `data` as one unit; returns its offset. A write that fails part way (ENOSPC, EIO)
        is undone: the file is cut back to the record's start, so the file holds no torn record and
        `self.size` stays the true offset of the next record. When the cut itself fails, the file
        is closed and the next record starts a new one."""
        assert self.fd is not None
        offset = self.size
        view = memoryview(data)
        try:
            while view:
                written = os.write(self.fd, view)
                view = view[written:]
        except BaseException:
            self._undo_partial(offset)
            raise
        self.size += len(data)
        return offset

    def _undo_partial(self, offset: int) -> None:
        assert self.fd is not None
        try:
            os.ftruncate(self.fd, offset)
            self.size = os.fstat(self.fd).st_size
            if self.size == offset:
                return
        except OSError:
            pass
        # the torn bytes could not be removed: never append after them
        with contextlib.suppress(OSError):
            self.size = os.fstat(self.fd).st_size
        self.close()

    def write_exchange(
        self,
        *,
        url: str,
        status: int,
        reason: str = "",
        response_headers: Iterable[tuple[str, str]] = (),
        body: bytes = b"",
        request_headers: Iterable[tuple[str, str]] = (),
        method: str = "GET",
        http_version: str = "HTTP/1.1",
        fetched_at: datetime | None = None,
        truncated: str | None = None,
        ip: str | None = None,
        kind: str | None = None,
        source: str | None = None,
    ) -> tuple[str, int]:
        """Append a response record and its request record; returns (file path, response offset)."""
        from warcio.statusandheaders import StatusAndHeaders
        from warcio.warcwriter import WARCWriter

        fetched_at = fetched_at or datetime.now(UTC)
        headers: list[tuple[str, str]] = []
        encoding = None
        for name, value in response_headers:
            low = name.lower()
            if low == "content-encoding":
                encoding = value
            if low in HOP_BY_HOP:
                continue
            headers.append((name, value))
        if encoding:
            headers.append(("X-Marsad-Content-Encoding", encoding))
        headers.append(("Content-Length", str(len(body))))
        version = http_version if http_version.startswith("HTTP/") else "HTTP/1.1"
        if version.startswith("HTTP/2") or version.startswith("HTTP/3"):
            version = "HTTP/1.1"  # WARC records HTTP/1.x message syntax
        warc_headers = {"WARC-Date": _warc_date(fetched_at)}
        if truncated:
            warc_headers["WARC-Truncated"] = truncated
        if ip:
            warc_headers["WARC-IP-Address"] = ip
        if kind:
            warc_headers["WARC-Marsad-Kind"] = kind  # extension field (WARC 1.1 allows named fields)
        if source:
            warc_headers["WARC-Marsad-Source"] = source
        writer = WARCWriter(io.BytesIO(), gzip=False, warc_version="1.1")
        http = StatusAndHeaders(f"{status} {reason or 'OK'}", headers, protocol=version)
        response = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), length=len(body), http_headers=http,
            warc_headers_dict=warc_headers,
        )  # fmt: skip
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        req_headers = list(request_headers)
        if not any(k.lower() == "host" for k, _ in req_headers):
            req_headers.insert(0, ("Host", parts.netloc))
        req_http = StatusAndHeaders(f"{method} {target} {version}", req_headers, is_http_request=True)
        request = writer.create_warc_record(
            url, "request", payload=io.BytesIO(b""), length=0, http_headers=req_http,
            warc_headers_dict={"WARC-Date": _warc_date(fetched_at)},
        )  # fmt: skip
        request.rec_headers.add_header("WARC-Concurrent-To", response.rec_headers.get_header("WARC-Record-ID"))
        data = _member(writer, response) + _member(writer, request)
        with self.lock:
            if self.fd is None or (self.size + len(data) > self.max_bytes and self.size > 0):
                self._open()
            offset = self._append(data)
            return str(self.path), offset

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def __enter__(self) -> WarcArchive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _to_response(record, path: str | None, offset: int | None) -> WarcResponse:  # type: ignore[no-untyped-def]
    http = record.http_headers
    raw = list(http.headers) if http else []
    headers: dict[str, str] = {}
    for name, value in raw:
        key = name.lower()
        headers[key] = f"{headers[key]}, {value}" if key in headers else value
    date_text = record.rec_headers.get_header("WARC-Date")
    date = None
    if date_text:
        try:
            date = datetime.fromisoformat(date_text.replace("Z", "+00:00"))
        except ValueError:
            date = None
    return WarcResponse(
        url=record.rec_headers.get_header("WARC-Target-URI"),
        status=int(http.get_statuscode() or 0) if http else 0,
        headers=headers,
        body=record.content_stream().read(),
        date=date,
        path=path,
        offset=offset,
        truncated=record.rec_headers.get_header("WARC-Truncated"),
        raw_headers=raw,
        warc_kind=record.rec_headers.get_header("WARC-Marsad-Kind"),
        source=record.rec_headers.get_header("WARC-Marsad-Source"),
    )


def read_response(path: str | Path, offset: int) -> WarcResponse:
    """The response record at `offset` of a WARC file (as recorded in Capture.warc_offset)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        with open(path, "rb") as fh:
            fh.seek(offset)
            for record in ArchiveIterator(fh):
                if record.rec_type != "response":
                    raise InputError(f"record at {offset} is a {record.rec_type} record", where=str(path))
                return _to_response(record, str(path), offset)
    except (OSError, ArchiveLoadFailed) as exc:
        raise InputError(str(exc), where=f"{path}@{offset}") from exc
    raise InputError("no record at offset", where=f"{path}@{offset}")


def iter_responses(paths: Iterable[str | Path], errors: list[str] | None = None) -> Iterator[WarcResponse]:
    """Every response record of the given WARC files, in file order.

    Without `errors`, a missing or unreadable file raises InputError. With a list, each problem
    ("<path>: <reason>" or "<path>@<offset>: <reason>") is appended to it instead and reading goes
    on: with the next record when one record could not be decoded, with the next file when the
    file cannot be opened or its stream is broken (records before the damage are still yielded).
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    for path in paths:
        try:
            fh = open(path, "rb")  # noqa: SIM115 - closed by the `with` below; only the open is guarded
        except OSError as exc:
            if errors is None:
                raise InputError(str(exc), where=str(path)) from exc
            errors.append(f"{path}: {exc}")
            continue
        with fh:
            archive = ArchiveIterator(fh)
            records = iter(archive)
            while True:
                try:
                    record = next(records)
                except StopIteration:
                    break
                except Exception as exc:
                    if errors is None:
                        if isinstance(exc, (OSError, ArchiveLoadFailed)):
                            raise InputError(str(exc), where=str(path)) from exc
                        raise
                    errors.append(f"{path}: {_describe(exc)}")
                    break
                if record.rec_type != "response":
                    continue
                try:
                    response = _to_response(record, str(path), None)  # reads the body first:
                    response.offset = archive.get_record_offset()  # the offset call skips to the end
                except Exception as exc:
                    if errors is None:
                        if isinstance(exc, (OSError, ArchiveLoadFailed)):
                            raise InputError(str(exc), where=str(path)) from exc
                        raise
                    errors.append(f"{path}@{_offset_of(archive)}: {_describe(exc)}")
                    continue
                yield response


def _describe(exc: BaseException, limit: int = 300) -> str:
    text = f"{type(exc).__name__}: {exc}"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _offset_of(archive) -> str:  # type: ignore[no-untyped-def]
    try:
        return str(archive.get_record_offset())
    except Exception:  # noqa: BLE001
        return "?"


def warc_files(directory: str | Path) -> list[Path]:
    """The WARC files of a folder in the order they were written (names sort by time)."""
    folder = Path(directory)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.name.endswith((".warc.gz", ".warc")))


def check_warcs(paths: Iterable[str | Path]) -> list[str]:
    """Problems found by reading every record and checking its digests (empty list: valid)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    problems: list[str] = []
    for path in paths:
        try:
            with open(path, "rb") as fh:
                for record in ArchiveIterator(fh, check_digests=True):
                    record.content_stream().read()
                    if record.digest_checker.passed is False:
                        problems.append(f"{path}: digest mismatch in {record.rec_headers.get_header('WARC-Record-ID')}")
        except (OSError, ArchiveLoadFailed) as exc:
            problems.append(f"{path}: {exc}")
    return problems
