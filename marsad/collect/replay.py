"""Serve archived responses over HTTP on 127.0.0.1, so a crawl can run offline against WARCs.

A request is matched to a record by host and path+query (scheme, www./m. host variants and
tracking parameters ignored, see marsad.collect.urls.url_key). The host and path come from, in
order: an absolute URL as request target (`GET http://host/path`, the proxy form), an absolute
URL as path (`GET /https://host/path`, what marsad's Fetcher sends in replay mode), or the Host
header with the path (`curl -H 'Host: www.albayan.ae' http://127.0.0.1:8090/path`).
Unknown URLs get 404. When a URL was archived more than once, the last successful response wins.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from marsad.collect.urls import url_key
from marsad.collect.warc import read_response

SKIP_HEADERS = {"content-encoding", "transfer-encoding", "content-length", "connection", "keep-alive",
                "x-marsad-content-encoding"}  # fmt: skip


def build_index(paths: Iterable[str | Path]) -> dict[str, tuple[str, int, int]]:
    """url_key -> (warc path, offset, status) of the response to serve."""
    from warcio.archiveiterator import ArchiveIterator

    index: dict[str, tuple[str, int, int]] = {}
    for path in paths:
        with open(path, "rb") as fh:
            it = ArchiveIterator(fh)
            for record in it:
                if record.rec_type != "response":
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                status = int(record.http_headers.get_statuscode() or 0) if record.http_headers else 0
                key = url_key(url)
                old = index.get(key)
                if old is None or status < 500 or old[2] >= 500:
                    index[key] = (str(path), it.get_record_offset(), status)
    return index


class ReplayServer:
    """A threaded HTTP server over an index of WARC records; `stop()` shuts it down."""

    def __init__(self, warc_paths: Iterable[str | Path], port: int = 0, host: str = "127.0.0.1") -> None:
        self.paths = [str(p) for p in warc_paths]
        self.index = build_index(self.paths)
        self.served = 0
        self.missed = 0
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            server_version = "marsad-replay"

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                owner.handle(self)

            def do_HEAD(self) -> None:
                owner.handle(self, head=True)

        self.httpd = ThreadingHTTPServer((host, port), Handler)
        self.httpd.daemon_threads = True
        self.host = host
        self.port = self.httpd.server_address[1]
        self.thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def target(self, handler: BaseHTTPRequestHandler) -> str:
        path = handler.path
        if path.startswith(("http://", "https://")):
            return path
        if path.startswith(("/http://", "/https://")):
            return path[1:]
        host = handler.headers.get("Host") or f"{self.host}:{self.port}"
        return f"http://{host}{path}"

    def lookup(self, url: str) -> tuple[str, int, int] | None:
        found = self.index.get(url_key(url))
        if found is None and ":" in url.split("/")[2]:  # Host header with the replay server's port
            parts = url.split("/")
            parts[2] = parts[2].rsplit(":", 1)[0]
            found = self.index.get(url_key("/".join(parts)))
        return found

    def handle(self, handler: BaseHTTPRequestHandler, head: bool = False) -> None:
        url = self.target(handler)
        found = self.lookup(url)
        if found is None:
            self.missed += 1
            body = f"not in archive: {url}\n".encode()
            handler.send_response(404)
            handler.send_header("Content-Type", "text/plain; charset=utf-8")
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            if not head:
                handler.wfile.write(body)
            return
        record = read_response(found[0], found[1])
        self.served += 1
        handler.send_response(record.status or 200)
        for name, value in record.raw_headers:
            if name.lower() not in SKIP_HEADERS:
                handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(record.body)))
        if record.date:
            handler.send_header("Memento-Datetime", record.date.strftime("%a, %d %b %Y %H:%M:%S GMT"))
        handler.end_headers()
        if not head:
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                handler.wfile.write(record.body)

    def start(self) -> ReplayServer:
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
        self.thread.start()
        return self

    def serve_forever(self) -> None:
        self.httpd.serve_forever()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> ReplayServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def replay_server(warc_paths: Iterable[str | Path], port: int = 0, *, host: str = "127.0.0.1",
                  start: bool = True) -> ReplayServer:  # fmt: skip
    """A replay server over the given WARC files, started in a background thread (port 0: any)."""
    server = ReplayServer(warc_paths, port=port, host=host)
    return server.start() if start else server
