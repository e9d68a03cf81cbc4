"""The polite async fetcher: one place where marsad talks HTTP to news sites.

Per host: at most one request at a time and a minimum gap after each response (the larger of
the configured delay, the source's own delay and robots.txt Crawl-delay), stretched after 429 or
503 (Retry-After is honoured) and relaxed again after successes. robots.txt is fetched once per
host and cached (protego). Conditional GET with ETag / Last-Modified; redirects followed by hand
with a hop limit and loop detection; connect/read timeouts plus an overall deadline; bodies cut
at `max_body_bytes` (the response says so); gzip, deflate and brotli decoded; retries with
jittered exponential backoff. No cookies are kept or sent, no credentials (.netrc, proxies from
the environment) are used.

Safety: unless `allow_private_addresses`, every host name is resolved first and refused when
any address is private, loopback, link-local, reserved or multicast. The connection itself is
made by a network backend (`VettingBackend`) that resolves the name again, refuses the same way,
and connects to the vetted IP address (Host header, TLS SNI and certificate check still use the
name), so a name that rebinds to a private address between the check and the connection gets no
request at all. The address actually connected to is checked once more before the body is read.

Every response (redirects, 304s and errors included) goes with its request into the WARC archive
when one is given.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import random
import socket
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from http.cookiejar import CookieJar, DefaultCookiePolicy
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from marsad.collect.warc import WarcArchive
from marsad.errors import FetchError

log = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
              "text/xml", "application/x-rss+xml", "text/rss+xml", "text/html", "text/plain")  # fmt: skip
SITEMAP_TYPES = ("application/xml", "text/xml", "application/x-gzip", "application/gzip", "text/plain",
                 "application/octet-stream", "text/html")  # fmt: skip
ACCEPT = {
    "page": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
    "article": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
    "feed": "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5",
    "sitemap": "application/xml,text/xml;q=0.9,*/*;q=0.5",
    "robots": "text/plain,*/*;q=0.5",
}
REDIRECTS = (301, 302, 303, 307, 308)
RETRY_STATUS = (429, 500, 502, 503, 504)
MAX_PENALTY = 32.0


class RobotsDisallowed(FetchError):
    """robots.txt forbids the URL."""


class UnsafeAddress(FetchError):
    """The host resolves to a private/loopback/link-local address."""


@dataclass
class Response:
    url: str  # final URL after redirects
    requested_url: str
    status: int
    headers: dict[str, str]  # lower-case names
    content: bytes = b""
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    elapsed: float = 0.0
    truncated: bool = False  # body cut at max_body_bytes
    redirects: list[str] = field(default_factory=list)
    warc_path: str | None = None
    warc_offset: int | None = None
    attempts: int = 1

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


def address_allowed(ip: str) -> bool:
    """A public unicast address (private, loopback, link-local, reserved, multicast refused)."""
    try:
        addr = ipaddress.ip_address(ip.split("%")[0])
    except ValueError:
        return False
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
        addr = addr.ipv4_mapped
    return addr.is_global and not addr.is_multicast


async def resolve(host: str, port: int) -> list[str]:
    """The addresses of `host` (an IP literal resolves to itself), in resolver order, deduplicated."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class VettingBackend(httpcore.AsyncNetworkBackend):
    """An httpcore network backend that never opens a connection to a non-public address.

    connect_tcp resolves the host itself, refuses (UnsafeAddress) when any of its addresses is
    not public, and connects to the vetted IP address it checked (trying the next one when a
    connection fails). TLS is started afterwards by httpcore with the original host name as SNI
    and for certificate checking, and the Host header comes from the URL, so only the address
    lookup changes. `allowed()` true (allow_private_addresses, replay) connects as usual.
    """

    def __init__(self, inner: httpcore.AsyncNetworkBackend, allowed: Any) -> None:
        self.inner = inner
        self.allowed = allowed

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                          local_address: str | None = None, socket_options: Iterable[Any] | None = None
                          ) -> httpcore.AsyncNetworkStream:  # fmt: skip
        if self.allowed():
            return await self.inner.connect_tcp(host, port, timeout=timeout, local_address=local_address,
                                                socket_options=socket_options)  # fmt: skip
        try:
            addresses = await resolve(host, port)
        except (OSError, UnicodeError) as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        bad = [a for a in addresses if not address_allowed(a)]
        if bad or not addresses:
            raise UnsafeAddress(
                f"refused: {host} resolves to non-public address {', '.join(bad) or '(none)'} at connection "
                "time; nothing was sent (set allow_private_addresses to fetch it)"
            )
        last: Exception | None = None
        for address in addresses:
            try:
                return await self.inner.connect_tcp(address, port, timeout=timeout, local_address=local_address,
                                                    socket_options=socket_options)  # fmt: skip
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        assert last is not None
        raise last

    async def connect_unix_socket(self, path: str, timeout: float | None = None,
                                  socket_options: Iterable[Any] | None = None) -> httpcore.AsyncNetworkStream:  # fmt: skip
        if not self.allowed():
            raise UnsafeAddress(f"refused: unix socket {path}")
        return await self.inner.connect_unix_socket(path, timeout=timeout, socket_options=socket_options)

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


def vetting_transport(limits: httpx.Limits, allowed: Any) -> httpx.AsyncHTTPTransport:
    """httpx's default transport (no proxy, no env) whose connections go through VettingBackend."""
    transport = httpx.AsyncHTTPTransport(limits=limits, trust_env=False)
    pool = getattr(transport, "_pool", None)
    if not isinstance(pool, httpcore.AsyncConnectionPool) or not hasattr(pool, "_network_backend"):
        raise RuntimeError("unsupported httpx/httpcore version: cannot install the address-vetting backend")
    pool._network_backend = VettingBackend(pool._network_backend, allowed)
    return transport


class HostGate:
    """Per-host politeness: one request at a time, a minimum gap after each response."""

    def __init__(self, default_delay: float) -> None:
        self.default_delay = max(0.0, float(default_delay))
        self.delays: dict[str, float] = {}  # per-host floor (source delay, Crawl-delay)
        self.penalty: dict[str, float] = {}  # multiplier after 429/503
        self.next_at: dict[str, float] = {}
        self.locks: dict[str, asyncio.Lock] = {}

    def delay(self, host: str) -> float:
        base = max(self.default_delay, self.delays.get(host, 0.0))
        return base * self.penalty.get(host, 1.0)

    def set_delay(self, host: str, seconds: float | None) -> None:
        if seconds is not None and seconds > self.delays.get(host, 0.0):
            self.delays[host] = float(seconds)

    def hold_off(self, host: str, seconds: float) -> None:
        """No request to `host` before `seconds` from now (Retry-After, backoff)."""
        self.next_at[host] = max(self.next_at.get(host, 0.0), time.monotonic() + seconds)

    def slow_down(self, host: str) -> None:
        self.penalty[host] = min(MAX_PENALTY, self.penalty.get(host, 1.0) * 2)

    def relax(self, host: str) -> None:
        if host in self.penalty:
            self.penalty[host] = max(1.0, self.penalty[host] * 0.75)
            if self.penalty[host] == 1.0:
                del self.penalty[host]

    def wait_time(self, host: str) -> float:
        return max(0.0, self.next_at.get(host, 0.0) - time.monotonic())

    def lock(self, host: str) -> asyncio.Lock:
        lock = self.locks.get(host)
        if lock is None:
            lock = self.locks[host] = asyncio.Lock()
        return lock

    async def acquire(self, host: str) -> None:
        await self.lock(host).acquire()
        try:
            wait = self.wait_time(host)
            if wait > 0:
                await asyncio.sleep(wait)
        except BaseException:
            self.lock(host).release()
            raise

    def release(self, host: str) -> None:
        """The gap is counted from the end of a response, so the server sees at least `delay`."""
        self.hold_off(host, self.delay(host))
        self.lock(host).release()


class Fetcher:
    """Async HTTP fetcher; use as `async with Fetcher(config) as f: await f.fetch(url)`.

    `replay`: base URL of a marsad replay server ("http://127.0.0.1:8090"); every request is
    then sent there as "/<absolute URL>" and no DNS lookup of the original host is made.
    """

    def __init__(
        self,
        config: Any,
        *,
        archive: WarcArchive | None = None,
        replay: str | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.config = config
        self.archive = archive
        self.replay = replay.rstrip("/") if replay else None
        self.user_agent = str(config.user_agent)
        self.timeout = float(config.timeout)
        self.max_body = int(config.max_body_bytes)
        self.max_redirects = int(config.max_redirects)
        self.retries = int(config.retries)
        self.allow_private = bool(config.allow_private_addresses)
        self.respect_robots = bool(config.respect_robots)
        self.gate = HostGate(float(config.delay))
        self.transport = transport
        self.client: httpx.AsyncClient | None = None
        self._dns: dict[str, tuple[float, list[str]]] = {}
        from marsad.collect.robots import RobotsCache

        self.robots = RobotsCache(self)
        self.requests = 0  # HTTP requests sent (all hops, retries, robots.txt)

    async def __aenter__(self) -> Fetcher:
        await self.open()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def open(self) -> None:
        if self.client is not None:
            return
        no_cookies = CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))
        limits = httpx.Limits(max_connections=200, max_keepalive_connections=100)
        transport = self.transport
        if transport is None:  # a caller's own transport (tests, mocks) is used as given
            transport = vetting_transport(limits, lambda: self.allow_private or bool(self.replay))
        self.client = httpx.AsyncClient(
            follow_redirects=False,
            timeout=httpx.Timeout(self.timeout),
            headers={"User-Agent": self.user_agent},
            cookies=no_cookies,  # a jar whose policy accepts no cookie
            trust_env=False,  # no proxies or .netrc credentials from the environment
            limits=limits,
            transport=transport,
        )

    async def close(self) -> None:
        if self.client is not None:
            await self.client.aclose()
            self.client = None

    # -- safety ---------------------------------------------------------------------------

    async def check_address(self, url: str) -> None:
        """Refuse URLs whose host resolves to a non-public address (unless allowed)."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError("only http and https URLs are fetched", url=url)
        if self.allow_private or self.replay:
            return
        host = parts.hostname
        cached = self._dns.get(host)
        if cached and cached[0] > time.monotonic():
            addresses = cached[1]
        else:
            try:
                infos = await asyncio.get_running_loop().getaddrinfo(
                    host, parts.port or (443 if parts.scheme == "https" else 80), type=socket.SOCK_STREAM
                )
            except (socket.gaierror, UnicodeError) as exc:
                raise FetchError(f"cannot resolve {host}: {exc}", url=url) from exc
            addresses = sorted({str(info[4][0]) for info in infos})
            self._dns[host] = (time.monotonic() + 300, addresses)
        bad = [a for a in addresses if not address_allowed(a)]
        if bad or not addresses:
            raise UnsafeAddress(
                f"refused: {host} resolves to non-public address {', '.join(bad) or '(none)'} "
                "(set allow_private_addresses to fetch it)",
                url=url,
            )

    # -- fetching -------------------------------------------------------------------------

    def set_host_delay(self, url_or_host: str, seconds: float | None) -> None:
        host = urlsplit(url_or_host).hostname if "://" in url_or_host else url_or_host
        if host:
            self.gate.set_delay(host.lower(), seconds)

    async def fetch(
        self,
        url: str,
        *,
        kind: str = "page",
        etag: str | None = None,
        last_modified: str | None = None,
        accept: Iterable[str] | None = None,
        max_wait: float | None = None,
        check_robots: bool = True,
        source: str | None = None,
    ) -> Response:
        """GET `url` politely; returns the final Response (2xx, 304 or another final status).

        Raises FetchError for network errors after retries, refused addresses, robots.txt
        disallow, redirect loops, content types not in `accept`, and 429/5xx still failing
        after retries (`status` set). `max_wait` caps how long a Retry-After is waited for here
        (default: 4 × timeout); longer waits raise at once so the caller can schedule later.
        `kind` (article, page, feed, sitemap, robots) and `source` are written to the WARC record.
        """
        if self.client is None:
            await self.open()
        max_wait = 4 * self.timeout if max_wait is None else max_wait
        host = (urlsplit(url).hostname or "").lower()
        last_error: FetchError | None = None
        for attempt in range(self.retries + 1):
            try:
                resp = await self._follow(url, kind=kind, etag=etag, last_modified=last_modified,
                                          accept=accept, check_robots=check_robots, source=source)  # fmt: skip
            except (RobotsDisallowed, UnsafeAddress):
                raise
            except FetchError as exc:
                if not getattr(exc, "retryable", False) or attempt >= self.retries:
                    raise
                last_error = exc
                wait = self._backoff(host, attempt)
                log.info("retrying %s in %.2fs after %s", url, wait, exc)
                self.gate.hold_off(host, wait)
                continue
            resp.attempts = attempt + 1
            if resp.status in RETRY_STATUS:
                asked = retry_after_seconds(resp.headers.get("retry-after"))
                if resp.status in (429, 503):
                    self.gate.slow_down(host)
                wait = self._backoff(host, attempt) if asked is None else asked
                self.gate.hold_off(host, wait)
                if attempt < self.retries and wait <= max_wait:
                    log.info("HTTP %s from %s: waiting %.2fs", resp.status, url, wait)
                    continue
                err = FetchError(f"HTTP {resp.status}", url=url, status=resp.status)
                err.retry_after = wait  # type: ignore[attr-defined]
                raise err
            if resp.ok or resp.status == 304:
                self.gate.relax(host)
            return resp
        assert last_error is not None
        raise last_error

    def _backoff(self, host: str, attempt: int) -> float:
        base = max(self.gate.delay(host), 0.25)
        return base * (2 ** attempt) * random.uniform(0.5, 1.5)

    async def _follow(self, url: str, *, kind: str, etag: str | None, last_modified: str | None,
                      accept: Iterable[str] | None, check_robots: bool, source: str | None = None
                      ) -> Response:  # fmt: skip
        seen = {url}
        current = url
        redirects: list[str] = []
        for hop in range(self.max_redirects + 1):
            await self.check_address(current)
            if check_robots and self.respect_robots and not await self.robots.allowed(current):
                raise RobotsDisallowed("disallowed by robots.txt", url=current)
            resp = await self._request(
                current, kind=kind,
                etag=etag if hop == 0 else None, last_modified=last_modified if hop == 0 else None,
                accept=accept, requested=url, source=source,
            )  # fmt: skip
            location = resp.headers.get("location")
            if resp.status in REDIRECTS and location:
                target = urljoin(current, location.strip()).split("#")[0]
                if target in seen:
                    raise FetchError(f"redirect loop: {' -> '.join([*redirects, current, target])}", url=url,
                                     status=resp.status)  # fmt: skip
                seen.add(target)
                redirects.append(current)
                current = target
                continue
            resp.redirects = redirects
            return resp
        raise FetchError(f"more than {self.max_redirects} redirects", url=url)

    async def _request(self, url: str, *, kind: str, etag: str | None, last_modified: str | None,
                       accept: Iterable[str] | None, requested: str, source: str | None = None
                       ) -> Response:  # fmt: skip
        assert self.client is not None
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        headers = {"Accept": ACCEPT.get(kind, "*/*"), "Accept-Language": "ar,en;q=0.5"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        send_url = f"{self.replay}/{url}" if self.replay else url
        await self.gate.acquire(host)
        try:
            return await self._exchange(url, send_url, headers, accept, requested, kind, source)
        finally:
            self.gate.release(host)

    async def _exchange(self, url: str, send_url: str, headers: dict[str, str],
                        accept: Iterable[str] | None, requested: str, kind: str | None = None,
                        source: str | None = None) -> Response:  # fmt: skip
        assert self.client is not None
        fetched_at = datetime.now(UTC)
        start = time.monotonic()
        request = self.client.build_request("GET", send_url, headers=headers)
        if self.replay:
            request.headers["Host"] = urlsplit(url).netloc
        self.requests += 1
        chunks: list[bytes] = []
        size = 0
        truncated: str | None = None
        peer = None
        deadline = self.timeout * 3
        try:
            async with asyncio.timeout(deadline):
                response = await self.client.send(request, stream=True)
                try:
                    stream = response.extensions.get("network_stream")
                    if stream is not None:
                        addr = stream.get_extra_info("server_addr")
                        peer = str(addr[0]) if addr else None
                    if peer and not self.allow_private and not self.replay and not address_allowed(peer):
                        raise UnsafeAddress(f"refused: connected to non-public address {peer}", url=url)
                    ctype = response.headers.get("content-type", "").split(";")[0].strip().lower()
                    rejected = (
                        accept is not None and response.status_code == 200 and ctype
                        and not any(ctype == a or (ctype.endswith("+xml") and a.endswith("xml")) for a in accept)
                    )
                    if rejected:
                        truncated = "unspecified"
                    elif response.status_code != 304 and response.request.method != "HEAD":
                        async for chunk in response.aiter_bytes():
                            if size + len(chunk) > self.max_body:
                                chunks.append(chunk[: self.max_body - size])
                                size = self.max_body
                                truncated = "length"
                                break
                            chunks.append(chunk)
                            size += len(chunk)
                finally:
                    await response.aclose()
        except UnsafeAddress as exc:
            if exc.url is None:  # refused by VettingBackend before connecting: name the URL
                raise UnsafeAddress(str(exc), url=url) from None
            raise
        except TimeoutError as exc:
            err = FetchError(f"timed out after {deadline:.1f}s (whole response)", url=url)
            err.retryable = True  # type: ignore[attr-defined]
            raise err from exc
        except httpx.TimeoutException as exc:
            err = FetchError(f"timeout ({type(exc).__name__}, {self.timeout:.1f}s)", url=url)
            err.retryable = True  # type: ignore[attr-defined]
            raise err from exc
        except httpx.DecodingError as exc:
            raise FetchError(f"cannot decode body: {exc}", url=url) from exc
        except (httpx.TransportError, OSError) as exc:
            err = FetchError(f"{type(exc).__name__}: {exc}", url=url)
            err.retryable = True  # type: ignore[attr-defined]
            raise err from exc
        elapsed = time.monotonic() - start
        body = b"".join(chunks)
        resp_headers: dict[str, str] = {}
        for name, value in response.headers.multi_items():
            key = name.lower()
            resp_headers[key] = f"{resp_headers[key]}, {value}" if key in resp_headers else value
        result = Response(
            url=url, requested_url=requested, status=response.status_code, headers=resp_headers,
            content=body, fetched_at=fetched_at, elapsed=elapsed, truncated=truncated == "length",
        )  # fmt: skip
        if self.archive is not None:
            sent = [(k, v) for k, v in request.headers.multi_items()]
            if self.replay:
                sent = [(k, urlsplit(url).netloc if k.lower() == "host" else v) for k, v in sent]
            path, offset = await asyncio.to_thread(
                self.archive.write_exchange,
                url=url, status=response.status_code, reason=response.reason_phrase,
                response_headers=response.headers.multi_items(), body=body, request_headers=sent,
                http_version=response.http_version, fetched_at=fetched_at, truncated=truncated, ip=peer,
                kind=kind, source=source,
            )  # fmt: skip
            result.warc_path, result.warc_offset = path, offset
        if truncated == "unspecified":
            raise FetchError(f"unexpected content type {result.content_type!r}", url=url, status=response.status_code)
        if truncated == "length":
            log.warning("body of %s cut at %d bytes", url, self.max_body)
        return result
