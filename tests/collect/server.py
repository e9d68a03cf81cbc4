"""A real HTTP server on 127.0.0.x for collect tests: routes, a request log, misbehaviours.

Not a mock: the fetcher talks TCP/HTTP to it. Routes map a path (with query) to a handler that
returns (status, headers, body) or a callable doing its own writing (slow, oversized bodies).
"""

from __future__ import annotations

import contextlib
import gzip
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Reply = tuple[int, dict[str, str], bytes]


@dataclass
class Hit:
    at: float
    path: str
    host: str
    headers: dict[str, str]


@dataclass
class TestServer:
    address: str = "127.0.0.1"
    routes: dict[str, Any] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)

    def start(self) -> TestServer:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                owner.hits.append(Hit(time.monotonic(), self.path, self.headers.get("Host", ""),
                                      {k.lower(): v for k, v in self.headers.items()}))  # fmt: skip
                route = owner.routes.get(self.path)
                if route is None:
                    route = owner.routes.get(self.path.split("?")[0])
                if route is None:
                    self._send(404, {"Content-Type": "text/plain"}, b"not found")
                    return
                if callable(route):
                    result = route(self)
                    if result is None:
                        return
                    status, headers, body = result
                else:
                    status, headers, body = route
                self._send(status, headers, body)

            def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                if "Content-Length" not in headers:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

        self.httpd = ThreadingHTTPServer((self.address, 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    @property
    def base(self) -> str:
        return f"http://{self.address}:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, route: Any) -> None:
        self.routes[path] = route

    def html(self, path: str, body: bytes | str, headers: dict[str, str] | None = None) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = (200, {"Content-Type": "text/html; charset=utf-8", **(headers or {})}, data)

    def hits_for(self, path: str) -> list[Hit]:
        return [h for h in self.hits if h.path == path]


def gzip_reply(body: bytes, ctype: str = "text/html; charset=utf-8") -> Reply:
    return 200, {"Content-Type": ctype, "Content-Encoding": "gzip"}, gzip.compress(body)


def handler(fn: Callable[[BaseHTTPRequestHandler], Reply | None]) -> Callable[[BaseHTTPRequestHandler], Reply | None]:
    return fn
