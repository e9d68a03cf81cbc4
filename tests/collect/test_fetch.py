"""The polite fetcher against real HTTP servers on 127.0.0.x (no network mocks)."""

from __future__ import annotations

import asyncio
import gzip
import itertools
import time

import brotli
import httpcore
import httpx
import pytest

from marsad.collect.fetch import (
    Fetcher,
    RobotsDisallowed,
    UnsafeAddress,
    address_allowed,
    retry_after_seconds,
)
from marsad.collect.warc import WarcArchive, read_response
from marsad.errors import FetchError
from tests.collect.conftest import DELAY


def fetch_all(config, urls, **kwargs):
    async def run():
        out = []
        async with Fetcher(config, **kwargs) as fetcher:
            for url in urls:
                try:
                    out.append(await fetcher.fetch(url))
                except FetchError as exc:
                    out.append(exc)
        return out

    return asyncio.run(run())


def gaps(hits):
    return [b.at - a.at for a, b in itertools.pairwise(hits)]


def test_gaps_between_requests_to_one_host_respect_the_delay(server, servers, config):
    other = servers("127.0.0.2")
    for s in (server, other):
        for i in range(4):
            s.html(f"/p{i}", f"<html>{i}</html>")

    async def run():
        async with Fetcher(config) as fetcher:
            # both hosts at once: per-host gaps hold while hosts proceed in parallel
            async def host(s):
                for i in range(4):
                    await fetcher.fetch(s.url(f"/p{i}"))

            start = time.monotonic()
            await asyncio.gather(host(server), host(other))
            return time.monotonic() - start

    elapsed = asyncio.run(run())
    for s in (server, other):
        assert len(s.hits) == 5  # robots.txt + 4 pages
        assert min(gaps(s.hits)) >= DELAY * 0.95, gaps(s.hits)
    assert elapsed < 2 * 4 * DELAY + 0.5  # the two hosts were not serialized


def test_crawl_delay_from_robots_raises_the_gap(server, config):
    server.add("/robots.txt", (200, {"Content-Type": "text/plain"}, b"User-agent: *\nCrawl-delay: 0.5\n"))
    for i in range(3):
        server.html(f"/p{i}", "<html>x</html>")
    fetch_all(config, [server.url(f"/p{i}") for i in range(3)])
    page_hits = [h for h in server.hits if h.path.startswith("/p")]
    assert min(gaps(page_hits)) >= 0.5 * 0.95


def test_robots_disallow_is_honoured(server, config):
    server.add("/robots.txt", (200, {"Content-Type": "text/plain"},
                               b"User-agent: marsad\nDisallow: /private/\n\nUser-agent: *\nDisallow:\n"))  # fmt: skip
    server.html("/private/x", "<html>secret</html>")
    server.html("/public", "<html>ok</html>")
    blocked, ok = fetch_all(config, [server.url("/private/x"), server.url("/public")])
    assert isinstance(blocked, RobotsDisallowed)
    assert ok.status == 200
    assert not server.hits_for("/private/x")
    assert len(server.hits_for("/robots.txt")) == 1  # cached per host
    # respect_robots = false fetches it
    (forced,) = fetch_all(config.replace(respect_robots=False), [server.url("/private/x")])
    assert forced.status == 200


def test_robots_5xx_disallows_and_4xx_allows(servers, config):
    broken, missing = servers("127.0.0.1"), servers("127.0.0.2")
    broken.add("/robots.txt", (500, {}, b"oops"))
    for s in (broken, missing):
        s.html("/a", "<html>a</html>")
    (refused,) = fetch_all(config, [broken.url("/a")])
    (ok,) = fetch_all(config, [missing.url("/a")])
    assert isinstance(refused, RobotsDisallowed)
    assert ok.status == 200


def test_conditional_get_and_304(server, config):
    def feed(handler):
        if handler.headers.get("If-None-Match") == '"v1"':
            return 304, {"ETag": '"v1"'}, b""
        return 200, {"Content-Type": "application/rss+xml", "ETag": '"v1"',
                     "Last-Modified": "Mon, 11 Mar 2024 10:00:00 GMT"}, b"<rss version='2.0'><channel/></rss>"  # fmt: skip

    server.add("/feed", feed)

    async def run():
        async with Fetcher(config) as fetcher:
            first = await fetcher.fetch(server.url("/feed"), kind="feed")
            second = await fetcher.fetch(server.url("/feed"), kind="feed", etag=first.headers["etag"],
                                         last_modified=first.headers["last-modified"])  # fmt: skip
            return first, second

    first, second = asyncio.run(run())
    assert first.status == 200 and first.content
    assert second.not_modified and second.content == b""
    last = server.hits_for("/feed")[-1]
    assert last.headers["if-none-match"] == '"v1"'
    assert last.headers["if-modified-since"] == "Mon, 11 Mar 2024 10:00:00 GMT"


def test_429_with_retry_after_backs_off_then_succeeds(server, config):
    calls = []

    def limited(handler):
        calls.append(time.monotonic())
        if len(calls) == 1:
            return 429, {"Retry-After": "1", "Content-Type": "text/plain"}, b"slow down"
        return 200, {"Content-Type": "text/html"}, b"<html>ok</html>"

    server.add("/x", limited)
    (resp,) = fetch_all(config, [server.url("/x")])
    assert resp.status == 200 and resp.attempts == 2
    assert calls[1] - calls[0] >= 1.0 * 0.95  # waited Retry-After, not just the delay


def test_429_with_long_retry_after_is_reported_for_scheduling(server, config):
    server.add("/x", (429, {"Retry-After": "3600"}, b""))
    (err,) = fetch_all(config, [server.url("/x")])
    assert isinstance(err, FetchError) and err.status == 429
    assert err.retry_after == pytest.approx(3600)
    assert len(server.hits_for("/x")) == 1  # did not hammer it


def test_503_backoff_raises_the_hosts_gap(server, config):
    server.add("/busy", (503, {}, b"busy"))
    server.html("/ok", "<html>ok</html>")
    err, ok = fetch_all(config.replace(retries=1), [server.url("/busy"), server.url("/ok")])
    assert isinstance(err, FetchError) and err.status == 503
    assert ok.status == 200
    busy = server.hits_for("/busy")
    assert len(busy) == 2  # one retry
    assert busy[1].at - busy[0].at >= DELAY  # backoff, at least the delay
    assert server.hits_for("/ok")[0].at - busy[1].at >= 2 * DELAY * 0.95  # gap doubled after a 503


def test_retry_after_parsing():
    assert retry_after_seconds("5") == 5
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412480 - 60) == pytest.approx(60)
    assert retry_after_seconds("soon") is None


def test_redirects_followed_and_loop_stopped(server, config):
    server.add("/old", (301, {"Location": "/new"}, b""))
    server.html("/new", "<html>moved</html>")
    server.add("/a", (302, {"Location": "/b"}, b""))
    server.add("/b", (302, {"Location": server.url("/a")}, b""))
    for i in range(10):
        server.add(f"/chain{i}", (302, {"Location": f"/chain{i + 1}"}, b""))
    moved, loop, chain = fetch_all(config.replace(delay=0.05), [server.url("/old"), server.url("/a"),
                                                                server.url("/chain0")])  # fmt: skip
    assert moved.status == 200 and moved.url == server.url("/new") and moved.redirects == [server.url("/old")]
    assert isinstance(loop, FetchError) and "redirect loop" in str(loop)
    assert len(server.hits_for("/a")) == 1 and len(server.hits_for("/b")) == 1
    assert isinstance(chain, FetchError) and "more than 5 redirects" in str(chain)
    assert not server.hits_for("/chain7")


def test_slow_server_times_out(server, config):
    def slow(handler):
        time.sleep(1.5)
        return 200, {"Content-Type": "text/html"}, b"<html>late</html>"

    server.add("/slow", slow)
    start = time.monotonic()
    (err,) = fetch_all(config.replace(timeout=0.4, retries=0), [server.url("/slow")])
    assert isinstance(err, FetchError) and "timeout" in str(err).lower()
    assert time.monotonic() - start < 1.4


def test_trickling_body_hits_the_overall_deadline(server, config):
    def trickle(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", "100000")
        handler.end_headers()
        try:
            for _ in range(100):
                handler.wfile.write(b"x" * 10)
                handler.wfile.flush()
                time.sleep(0.1)
        except (BrokenPipeError, ConnectionResetError):
            pass
        return None

    server.add("/trickle", trickle)
    start = time.monotonic()
    (err,) = fetch_all(config.replace(timeout=0.4, retries=0), [server.url("/trickle")])
    assert isinstance(err, FetchError) and "timed out" in str(err)
    assert time.monotonic() - start < 3


def test_oversized_body_is_cut_and_reported(server, config, tmp_path):
    big = b"<html>" + b"a" * 50_000 + b"</html>"
    server.add("/big", (200, {"Content-Type": "text/html"}, big))
    archive = WarcArchive(tmp_path / "warc")
    (resp,) = fetch_all(config.replace(max_body_bytes=10_000), [server.url("/big")], archive=archive)
    archive.close()
    assert resp.truncated and len(resp.content) == 10_000
    record = read_response(resp.warc_path, resp.warc_offset)
    assert record.truncated == "length" and len(record.body) == 10_000


def test_compressed_bodies_are_decoded(server, config):
    html = "<html><body>خبر عاجل</body></html>".encode()
    server.add("/gz", (200, {"Content-Type": "text/html", "Content-Encoding": "gzip"}, gzip.compress(html)))
    server.add("/br", (200, {"Content-Type": "text/html", "Content-Encoding": "br"}, brotli.compress(html)))
    gz, br = fetch_all(config.replace(delay=0.05), [server.url("/gz"), server.url("/br")])
    assert gz.content == html and br.content == html
    assert "br" in server.hits_for("/br")[0].headers["accept-encoding"]


def test_content_type_checked(server, config):
    server.add("/pic", (200, {"Content-Type": "image/jpeg"}, b"\xff\xd8" * 1000))

    async def run():
        async with Fetcher(config) as fetcher:
            return await fetcher.fetch(server.url("/pic"), accept=("text/html",))

    with pytest.raises(FetchError, match="unexpected content type 'image/jpeg'"):
        asyncio.run(run())


def test_user_agent_sent_and_no_cookies(server, config):
    server.html("/login", "<html>x</html>", {"Set-Cookie": "session=abc; Path=/"})
    server.html("/next", "<html>y</html>")
    fetch_all(config.replace(delay=0.05, user_agent="marsad-test/9 (+https://example.org)"),
              [server.url("/login"), server.url("/next")])  # fmt: skip
    for hit in server.hits:
        assert hit.headers["user-agent"] == "marsad-test/9 (+https://example.org)"
        assert "cookie" not in hit.headers
        assert "authorization" not in hit.headers


def test_private_addresses_refused_by_default(server, config):
    server.html("/a", "<html>a</html>")
    strict = config.replace(allow_private_addresses=False)
    urls = [server.url("/a"), f"http://localhost:{server.port}/a", "http://169.254.169.254/latest/meta-data/",
            "http://[::1]:1/", "http://10.0.0.1/", "file:///etc/passwd"]  # fmt: skip
    results = fetch_all(strict, urls)
    assert all(isinstance(r, FetchError) for r in results), results
    assert all(isinstance(r, UnsafeAddress) for r in results[:5])
    assert server.hits == []  # nothing reached the server
    assert not address_allowed("192.168.1.1") and not address_allowed("::ffff:127.0.0.1")
    assert address_allowed("8.8.8.8") and address_allowed("2001:4860:4860::8888")


def test_connected_peer_is_checked_again(server, config):
    """DNS rebinding: the name looked public when checked, but the connection lands on loopback.
    (A caller's own transport bypasses VettingBackend; the peer check after connecting remains.)"""
    server.html("/a", "<html>a</html>")

    async def run():
        strict = config.replace(allow_private_addresses=False, respect_robots=False)
        async with Fetcher(strict, transport=httpx.AsyncHTTPTransport(trust_env=False)) as fetcher:
            fetcher._dns["localhost"] = (time.monotonic() + 60, ["93.184.216.34"])  # the check's answer
            return await fetcher.fetch(f"http://localhost:{server.port}/a")

    with pytest.raises(UnsafeAddress, match=r"connected to non-public address 127\.0\.0\.1"):
        asyncio.run(run())


def test_rebinding_name_gets_no_request_at_all(server, config):
    """The name passes the early check (cached public answer) but resolves to 127.0.0.1 when the
    connection is made: the vetting network backend refuses before connecting, so the server
    sees nothing (no blind SSRF)."""
    server.html("/a", "<html>a</html>")

    async def run():
        async with Fetcher(config.replace(allow_private_addresses=False, respect_robots=False)) as fetcher:
            fetcher._dns["localhost"] = (time.monotonic() + 60, ["93.184.216.34"])  # the check's answer
            return await fetcher.fetch(f"http://localhost:{server.port}/a")

    with pytest.raises(UnsafeAddress) as refused:
        asyncio.run(run())
    time.sleep(0.2)  # a request in flight would have been logged by now
    assert server.hits == []  # not even the request line reached the server
    assert "refused: localhost resolves to non-public address" in str(refused.value)
    assert "127.0.0.1" in str(refused.value) and f"localhost:{server.port}/a" in str(refused.value)


def test_vetting_backend_connects_to_the_vetted_address(monkeypatch):
    """Connections go to the IP that was checked, never to the name (which could resolve anew)."""
    import marsad.collect.fetch as fetch_module

    class Inner:
        def __init__(self):
            self.hosts = []

        async def connect_tcp(self, host, port, **kw):
            self.hosts.append((host, port))
            if host == "8.8.4.4":
                raise httpcore.ConnectError("unreachable")
            return "stream"

        async def sleep(self, seconds):
            pass

    answers = {"news.example": ["8.8.4.4", "93.184.216.34"], "mixed.example": ["93.184.216.34", "10.0.0.5"]}

    async def fake_resolve(host, port):
        return answers[host]

    monkeypatch.setattr(fetch_module, "resolve", fake_resolve)
    inner = Inner()
    allowed = [False]
    backend = fetch_module.VettingBackend(inner, lambda: allowed[0])
    assert asyncio.run(backend.connect_tcp("news.example", 443, timeout=1)) == "stream"
    assert inner.hosts == [("8.8.4.4", 443), ("93.184.216.34", 443)]  # the next vetted IP on failure
    inner.hosts.clear()
    with pytest.raises(UnsafeAddress, match=r"10\.0\.0\.5"):
        asyncio.run(backend.connect_tcp("mixed.example", 80))
    assert inner.hosts == []  # one private answer: no connection at all
    allowed[0] = True  # allow_private_addresses / replay: the name is passed through untouched
    assert asyncio.run(backend.connect_tcp("mixed.example", 80)) == "stream"
    assert inner.hosts == [("mixed.example", 80)]
