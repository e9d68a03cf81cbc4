"""Build real WARC files from ../shared/pages-transplanted pages (HTML.gz), for the scale tests."""

from __future__ import annotations

import gzip
import json
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.conftest import shared_path


def pages(template: str, n: int) -> list[tuple[str, bytes]]:
    """(url, html) of the first `n` transplanted pages of one template (one site)."""
    root = shared_path("pages-transplanted")
    gold = json.loads((root / "gold.json").read_text(encoding="utf-8"))
    out = []
    for i in range(1, n + 1):
        key = f"{template}/{i}"
        out.append((gold[key]["url"], gzip.decompress((root / f"{key}.html.gz").read_bytes())))
    return out


def write_warc(path: Path, items: list[tuple[str, bytes]], *, extras: bool = True, gzip: bool = True) -> Path:
    """A (gzipped) WARC with one response record per page (plus a warcinfo and a non-HTML record)."""
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        if extras:
            writer.write_record(writer.create_warcinfo_record(path.name, {"software": "marsad tests"}))
        for n, (url, html) in enumerate(items):
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            date = f"2024-05-{1 + n % 28:02d}T12:00:00Z"
            writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(html),
                                                          http_headers=http, warc_headers_dict={"WARC-Date": date}))
            if extras and n == 3:  # a non-HTML response must be skipped, as `marsad ingest` does
                js = StatusAndHeaders("200 OK", [("Content-Type", "application/javascript")], protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(url + ".js", "response", payload=BytesIO(b"var a=1;"),
                                                              http_headers=js))
    return path


def interleave(*groups: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """Pages of several sites mixed, as a crawl writes them."""
    out = []
    for i in range(max(len(g) for g in groups)):
        out.extend(g[i] for g in groups if i < len(g))
    return out
