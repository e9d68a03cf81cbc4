"""One crawl pass over every enabled source, and the loop that repeats it.

    collect_once(store, config) -> Summary

1. Each enabled source's feeds and sitemaps are put in the frontier (a source with neither gets
   its homepage, whose same-site links are harvested).
2. One async worker per source takes the source's due frontier URLs, highest priority first:
   feeds and sitemaps are fetched (conditional GET) and parsed, their article URLs normalized,
   kept when on the source's domains and enqueued; article pages are fetched, archived to WARC
   and given to marsad.pipeline.process_html. Workers run concurrently; politeness is per host.
3. A URL is marked done only after its article is stored. A crawl killed at any point resumes
   from the frontier: a URL whose article is already stored is skipped, and the store's
   add_article is idempotent, so nothing is lost and nothing is stored twice.

Feeds are re-polled adaptively: the interval follows the feed's own publishing rate (median gap
between its recent items), halves when most items were new and doubles when nothing changed,
between poll_interval/8 and poll_interval×8.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import os
import random
import socket
import statistics
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from marsad.collect.feeds import Entry, FeedError, page_links, parse_feed, parse_sitemap
from marsad.collect.fetch import (
    FEED_TYPES,
    HTML_TYPES,
    SITEMAP_TYPES,
    Fetcher,
    Response,
    RobotsDisallowed,
    UnsafeAddress,
)
from marsad.collect.urls import host_of, normalize_url, same_site
from marsad.collect.warc import WarcArchive
from marsad.errors import FetchError, NoArticle
from marsad.model import Capture, Source

log = logging.getLogger(__name__)

PRIORITY = {"feed": 10, "sitemap": 9, "page": 8, "article": 5, "link": 1}
LEASE_SECONDS = 600.0  # a source's lease; renewed while its worker runs, so a dead collector's expires
MAX_ATTEMPTS = 3  # article fetches before a URL is given up ("failed")
MAX_CHILD_SITEMAPS = 20
RECENT_CHILD_DAYS = 7


@dataclass
class Summary:
    """Counts of one pass."""

    sources: int = 0
    feeds: int = 0
    sitemaps: int = 0
    pages: int = 0  # homepages scanned for links
    not_modified: int = 0
    feed_errors: int = 0
    urls_found: int = 0  # new URLs put in the frontier
    fetched: int = 0  # article pages fetched
    articles_new: int = 0
    articles_known: int = 0  # extracted but already stored (same identity)
    skipped: int = 0  # frontier URL whose article was already stored
    no_article: int = 0
    failed: int = 0
    blocked: int = 0  # robots.txt disallowed
    truncated: int = 0
    bytes: int = 0
    requests: int = 0
    seconds: float = 0.0
    busy: int = 0  # sources skipped: another collector holds their lease
    errors: list[str] = field(default_factory=list)

    def error(self, message: str) -> None:
        if len(self.errors) < 50:
            self.errors.append(message)

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items()}

    def __str__(self) -> str:
        return (
            f"{self.sources} sources: {self.feeds} feeds, {self.sitemaps} sitemaps polled "
            f"({self.not_modified} unchanged, {self.feed_errors} failed); {self.urls_found} new URLs; "
            f"{self.fetched} pages fetched -> {self.articles_new} new articles "
            f"({self.articles_known} known, {self.no_article} not articles, {self.failed} failed, "
            f"{self.blocked} blocked by robots.txt, {self.truncated} cut); {self.requests} requests, "
            f"{self.bytes:,} bytes in {self.seconds:.1f}s"
            + (f"; {self.busy} sources left to other collectors" if self.busy else "")
        )


def _iso(seconds_from_now: float = 0.0) -> str:
    return (datetime.now(UTC) + timedelta(seconds=seconds_from_now)).isoformat()


def _dead_local_owner(owner: str) -> bool:
    """True when a lease owner ("host:pid:nonce") is a process of this machine that no longer runs."""
    host, _, rest = owner.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, another user's
        return False
    return False


def poll_interval(base: float, entries: list[Entry], new: int, changed: bool) -> float:
    """Next poll delay of a feed: its publishing rate, faster when it turned over, slower when idle."""
    low, high = base / 8, base * 8
    stamps: list[datetime] = [d for d in (e.published or e.lastmod for e in entries) if d is not None]
    dates = sorted(stamps, reverse=True)[:20]
    interval = base
    if len(dates) >= 3:
        gaps = [(a - b).total_seconds() for a, b in itertools.pairwise(dates) if a > b]
        if gaps:
            interval = statistics.median(gaps)
    if not changed or new == 0:
        interval *= 2
    elif entries and new >= max(1, len(entries) // 2):
        interval /= 2
    interval = min(high, max(low, interval))
    return interval * random.uniform(0.9, 1.1)


class Crawler:
    """State of one pass: the store, the fetcher, the sources, the summary."""

    def __init__(self, store: Any, config: Any, fetcher: Fetcher, sources: list[Source], *,
                 max_pages: int | None = None, max_age_days: float | None = 7.0,
                 stop: threading.Event | None = None, concurrency: int = 16, link: bool = True,
                 owner: str | None = None, lease_seconds: float = LEASE_SECONDS) -> None:  # fmt: skip
        self.store = store
        # who holds this pass's source leases: several collectors can share one store's frontier
        self.owner = owner or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.lease_seconds = lease_seconds
        self.config = config
        self.fetcher = fetcher
        self.sources = [s for s in sources if s.enabled]
        self.by_key = {s.key: s for s in self.sources}
        self.max_pages = max_pages
        self.max_age = timedelta(days=max_age_days) if max_age_days else None
        self.stop = stop
        self.concurrency = max(1, concurrency)
        self.link = link
        self.base_interval = float(config.poll_interval)
        self.summary = Summary(sources=len(self.sources))
        self.listed: set[str] = set()  # feeds and homepages the sources list now (set by seed)
        # imported here, once, in the calling thread (not concurrently in worker threads)
        from marsad.pipeline import Profiles, process_html

        self.process_html = process_html
        self.profiles = Profiles(store)  # site profiles learned this pass, saved now and then

    # -- setup ------------------------------------------------------------------------------

    def seed(self) -> None:
        for source in self.sources:
            home = normalize_url(source.homepage) if source.homepage else None
            prefer = host_of(home) if home else None
            feeds = [normalize_url(u, prefer_host=None) or u for u in source.feeds]
            sitemaps = [normalize_url(u) or u for u in source.sitemaps]
            self.store.enqueue(feeds, source=source.key, kind="feed", priority=PRIORITY["feed"])
            self.store.enqueue(sitemaps, source=source.key, kind="sitemap", priority=PRIORITY["sitemap"])
            self.listed.update(feeds)
            if not feeds and not sitemaps and home:
                self.store.enqueue([home], source=source.key, kind="page", priority=PRIORITY["page"])
                self.listed.add(home)
            if source.delay is not None:
                for url in [*feeds, *sitemaps, *((home and [home]) or [])]:
                    self.fetcher.set_host_delay(url, source.delay)
                if prefer:
                    self.fetcher.set_host_delay(prefer, source.delay)

    def stopped(self) -> bool:
        if self.stop is not None and self.stop.is_set():
            return True
        return self.max_pages is not None and self.summary.fetched >= self.max_pages

    # -- the pass ---------------------------------------------------------------------------

    async def run(self) -> Summary:
        start = time.monotonic()
        self.seed()
        limit = asyncio.Semaphore(self.concurrency)

        async def worker(source: Source) -> None:
            async with limit:
                await self.run_source(source)

        try:
            await asyncio.gather(*(worker(s) for s in self.sources))
        finally:  # profiles keyed by a page's host rather than its source key are saved here
            await self.db(self.profiles.flush)
        self.summary.seconds = time.monotonic() - start
        self.summary.requests = self.fetcher.requests
        return self.summary

    async def db(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        """A store call in a worker thread, so a busy store never stalls the other sources' I/O."""
        return await asyncio.to_thread(fn, *args, **kwargs)

    async def run_source(self, source: Source) -> None:
        """Work one source's due URLs while holding its lease (skip it when another collector does)."""
        if not await self.claim(source):
            self.summary.busy += 1
            return
        try:
            await self.work_source(source)
        finally:
            try:
                await self.db(self.profiles.flush, source.key)  # before the next holder reads it
            except Exception:
                log.exception("saving the site profile of %s", source.key)
            try:
                await self.db(self.store.release_source, source.key, self.owner)
            except Exception:  # an unreleased lease only expires later
                log.exception("releasing the lease on %s", source.key)

    async def claim(self, source: Source) -> bool:
        """The source's lease; a lease left by a dead collector of this machine (killed, crashed)
        is taken over at once instead of waiting for it to expire."""
        if await self.db(self.store.claim_source, source.key, self.owner, self.lease_seconds):
            return True
        holder = (await self.db(self.store.source_leases)).get(source.key)
        if holder is None or not _dead_local_owner(holder[0]):
            return False
        log.info("%s: taking over the lease of %s (process gone)", source.key, holder[0])
        return bool(await self.db(self.store.claim_source, source.key, self.owner, self.lease_seconds,
                                  steal_from=holder[0]))  # fmt: skip

    async def work_source(self, source: Source) -> None:
        renewed = time.monotonic()
        while not self.stopped():
            rows = await self.db(self.store.due_urls, source=source.key, limit=50)
            if not rows:
                return
            for row in rows:
                if self.stopped():
                    return
                if time.monotonic() - renewed > self.lease_seconds / 3:
                    if not await self.db(self.store.claim_source, source.key, self.owner, self.lease_seconds):
                        self.summary.error(f"{source.key}: lease taken over by another collector")
                        return
                    renewed = time.monotonic()
                try:
                    await self.handle(source, row)
                except Exception as exc:
                    log.exception("crawling %s", row["url"])
                    if row["kind"] == "article":  # counted against MAX_ATTEMPTS like a fetch failure
                        try:
                            await self.fail(source, row, f"internal: {type(exc).__name__}: {exc}")
                            continue
                        except Exception:
                            log.exception("recording the failure of %s", row["url"])
                    self.summary.error(f"{row['url']}: {exc}")
                    await self.db(self.store.mark_url, row["url"], "pending", error=f"internal: {exc}", next_at=_iso(self.base_interval))

    async def handle(self, source: Source, row: Any) -> None:
        kind = row["kind"]
        if kind in ("feed", "sitemap", "page"):
            await self.poll(source, row)
        else:
            await self.article(source, row)

    # -- feeds, sitemaps, homepages ---------------------------------------------------------

    def keep(self, source: Source, url: str, base: str | None = None) -> str | None:
        home = normalize_url(source.homepage) if source.homepage else None
        norm = normalize_url(url, base=base, prefer_host=host_of(home) if home else None)
        if not norm:
            return None
        domains = source.domains or ([host_of(home)] if home else [source.key])
        return norm if same_site(norm, domains) else None

    async def poll(self, source: Source, row: Any) -> None:
        url, kind = row["url"], row["kind"]
        if kind in ("feed", "page") and url not in self.listed:  # the source no longer lists it
            await self.db(self.store.mark_url, url, "retired", error="no longer listed by the source")
            return
        accept = {"feed": FEED_TYPES, "sitemap": SITEMAP_TYPES, "page": HTML_TYPES}[kind]
        try:
            resp = await self.fetcher.fetch(url, kind=kind, etag=row["etag"], last_modified=row["last_modified"],
                                            accept=accept, source=source.key)  # fmt: skip
            if not (resp.ok or resp.not_modified):
                raise FetchError(f"HTTP {resp.status}", url=url, status=resp.status)
        except FetchError as exc:
            self.summary.feed_errors += 1
            self.summary.error(str(exc))
            retry = max(self.base_interval, float(getattr(exc, "retry_after", 0) or 0))
            state = "blocked" if isinstance(exc, RobotsDisallowed) else "pending"
            await self.db(self.store.mark_url, url, state, error=str(exc), next_at=_iso(retry))
            await self.db(self.store.record_health, source.key, ok=False, error=f"{kind} {url}: {exc}")
            return
        setattr(self.summary, {"feed": "feeds", "sitemap": "sitemaps", "page": "pages"}[kind],
                getattr(self.summary, {"feed": "feeds", "sitemap": "sitemaps", "page": "pages"}[kind]) + 1)  # fmt: skip
        self.summary.bytes += len(resp.content)
        if resp.not_modified:
            self.summary.not_modified += 1
            await self.db(self.store.mark_url, url, "pending", next_at=_iso(poll_interval(self.base_interval, [], 0, False)))
            await self.db(self.store.record_health, source.key, ok=True)
            return
        try:
            entries, children = self.parse(kind, resp)
        except FeedError as exc:
            self.summary.feed_errors += 1
            self.summary.error(f"{url}: {exc}")
            await self.db(self.store.mark_url, url, "pending", error=str(exc), next_at=_iso(self.base_interval),
                                etag=resp.headers.get("etag"), last_modified=resp.headers.get("last-modified"))  # fmt: skip
            await self.db(self.store.record_health, source.key, ok=False, error=f"{kind} {url}: {exc}")
            return
        now = datetime.now(UTC)
        urls: list[str] = []
        latencies: list[float] = []
        for entry in entries:
            norm = self.keep(source, entry.url, base=resp.url)
            if not norm:
                continue
            when = entry.published or entry.lastmod
            if kind == "sitemap" and self.max_age and when and now - when > self.max_age:
                continue
            urls.append(norm)
            if when and kind == "feed":
                latencies.append(max(0.0, (now - when).total_seconds()))
        priority = PRIORITY["link"] if kind == "page" else PRIORITY["article"]
        new = await self.db(self.store.enqueue, urls, source=source.key, kind="article", priority=priority)
        for child in children:
            norm = normalize_url(child.url, base=resp.url)
            if not norm:
                continue
            if await self.db(self.store.enqueue, [norm], source=source.key, kind="sitemap", priority=PRIORITY["sitemap"]):
                continue
            known = await self.db(self.store.frontier_row, norm)
            if known and known["state"] != "pending" and child.lastmod:
                await self.db(self.store.requeue, norm)
        self.summary.urls_found += new
        interval = poll_interval(self.base_interval, entries, new, True)
        await self.db(self.store.mark_url, url, "pending", next_at=_iso(interval), etag=resp.headers.get("etag"),
                            last_modified=resp.headers.get("last-modified"))  # fmt: skip
        latency = None
        if kind == "feed" and new and latencies:
            latency = statistics.median(latencies[: max(1, new)])
        await self.db(self.store.record_health, source.key, ok=True, latency=latency)

    def parse(self, kind: str, resp: Response) -> tuple[list[Entry], list[Entry]]:
        if kind == "feed":
            return parse_feed(resp.content, resp.url).entries, []
        if kind == "page":
            return [Entry(url=u) for u in page_links(resp.content, resp.url) if _looks_like_article(u)], []
        sitemap = parse_sitemap(resp.content, resp.url)
        if sitemap.kind == "urlset":
            return sitemap.entries, []
        children = sitemap.entries
        now = datetime.now(UTC)
        dated = [c for c in children if c.lastmod]
        if dated:
            recent = [c for c in dated if now - c.lastmod <= timedelta(days=RECENT_CHILD_DAYS)]  # type: ignore[operator]
            children = sorted(recent, key=lambda c: c.lastmod, reverse=True)  # type: ignore[arg-type, return-value]
        else:
            children = sorted(children, key=lambda c: "news" not in c.url.lower())
        return [], children[:MAX_CHILD_SITEMAPS]

    # -- article pages ----------------------------------------------------------------------

    async def article(self, source: Source, row: Any) -> None:
        url = row["url"]
        if await self.db(self.store.has_article_url, url):
            self.summary.skipped += 1
            await self.db(self.store.mark_url, url, "done", error=None)
            return
        try:
            resp = await self.fetcher.fetch(url, kind="article", accept=HTML_TYPES, source=source.key)
        except RobotsDisallowed as exc:
            self.summary.blocked += 1
            await self.db(self.store.mark_url, url, "blocked", error=str(exc))
            return
        except FetchError as exc:
            await self.fail(source, row, str(exc), permanent=isinstance(exc, UnsafeAddress),
                      retry_after=float(getattr(exc, "retry_after", 0) or 0))  # fmt: skip
            return
        self.summary.fetched += 1
        self.summary.bytes += len(resp.content)
        if not resp.ok:
            await self.fail(source, row, f"HTTP {resp.status}", permanent=resp.status in (400, 401, 403, 404, 410, 451))
            return
        note = None
        if resp.truncated:
            self.summary.truncated += 1
            note = f"body cut at {len(resp.content)} bytes (max_body_bytes)"
            self.summary.error(f"{url}: {note}")
        final = normalize_url(resp.url) or resp.url
        if final != url:
            await self.db(self.store.mark_seen, final, source=source.key)
        capture = Capture(
            url=resp.url, fetched_at=resp.fetched_at, status=resp.status, headers=resp.headers,
            content=resp.content, warc_path=resp.warc_path, warc_offset=resp.warc_offset, source=source.key,
        )  # fmt: skip
        try:
            stored = await asyncio.to_thread(self.process, resp, capture)
        except NoArticle as exc:
            self.summary.no_article += 1
            await self.db(self.store.mark_url, url, "done", error=str(exc))
            await self.db(self.store.record_health, source.key, ok=True)
            return
        except Exception as exc:
            log.exception("processing %s", url)
            await self.fail(source, row, f"processing failed: {type(exc).__name__}: {exc}")
            return
        if stored.inserted:
            self.summary.articles_new += 1
        else:
            self.summary.articles_known += 1
        await self.db(self.store.mark_url, url, "done", error=note)
        await self.db(self.store.record_health, source.key, ok=True)

    def process(self, resp: Response, capture: Capture) -> Any:
        return self.process_html(self.store, resp.content, url=resp.url, headers=resp.headers, capture=capture,
                                 link=self.link, profiles=self.profiles)  # fmt: skip

    async def fail(self, source: Source, row: Any, error: str, *, permanent: bool = False, retry_after: float = 0) -> None:
        attempts = int(row["attempts"] or 0) + 1
        self.summary.error(f"{row['url']}: {error}")
        await self.db(self.store.record_health, source.key, ok=False, error=f"{row['url']}: {error}")
        if permanent or attempts >= MAX_ATTEMPTS:
            self.summary.failed += 1
            await self.db(self.store.mark_url, row["url"], "failed", error=error)
            return
        # 1 min after the first failed attempt, then 4, 16, ... (× jitter), or Retry-After if longer
        wait = max(retry_after, 60.0 * (4 ** (attempts - 1)) * random.uniform(0.8, 1.2))
        await self.db(self.store.mark_url, row["url"], "pending", error=error, next_at=_iso(wait))


def _looks_like_article(url: str) -> bool:
    """A homepage link that is probably an article: a deep or numbered or long-slug path."""
    path = urlsplit(url).path.strip("/")
    if not path:
        return False
    parts = path.split("/")
    return len(parts) >= 3 or any(ch.isdigit() for ch in path) or len(parts[-1]) > 30


# -- public API -------------------------------------------------------------------------------


def warc_dir(config: Any) -> Path:
    return Path(str(config.data_dir)) / "warc"


async def collect_async(store: Any, config: Any, *, sources: list[Source] | None = None, replay: str | None = None,
                        archive: WarcArchive | None = None, **kwargs: Any) -> Summary:  # fmt: skip
    own_archive = archive is None
    if archive is None:
        archive = WarcArchive(warc_dir(config), max_bytes=int(config.warc_max_bytes))
    try:
        async with Fetcher(config, archive=archive, replay=replay) as fetcher:
            crawler = Crawler(store, config, fetcher, sources if sources is not None else store.list_sources(),
                              **kwargs)  # fmt: skip
            return await crawler.run()
    finally:
        if own_archive:
            archive.close()


def collect_once(store: Any, config: Any, **kwargs: Any) -> Summary:
    """One full pass over every enabled source of the store; returns its counts.

    Keywords: sources (instead of the store's), replay (base URL of a replay server: crawl
    offline), max_pages, max_age_days (sitemap entries older than this are ignored; default 7),
    concurrency (sources crawled at once, default 16), stop (threading.Event), link.
    """
    return asyncio.run(collect_async(store, config, **kwargs))


def run_forever(store: Any, config: Any, stop_event: threading.Event, **kwargs: Any) -> None:
    """collect_once again and again until `stop_event` is set (meant for a background thread)."""
    if getattr(config, "sources_file", ""):
        from marsad.collect.sources import load_sources, sync_sources

        try:
            sync_sources(store, load_sources(config.sources_file))
        except Exception:
            log.exception("cannot load sources_file %s", config.sources_file)
    base = float(config.poll_interval)
    archive = kwargs.pop("archive", None) or WarcArchive(warc_dir(config), max_bytes=int(config.warc_max_bytes))
    try:
        while not stop_event.is_set():
            try:
                summary = collect_once(store, config, stop=stop_event, archive=archive, **kwargs)
                log.info("collect pass: %s", summary)
            except Exception:
                log.exception("collect pass failed")
            keys = [s.key for s in store.list_sources() if s.enabled]
            due = store.next_due_at(keys)
            wait = base if due is None else (datetime.fromisoformat(due) - datetime.now(UTC)).total_seconds()
            stop_event.wait(min(base, max(1.0, wait)))
    finally:
        archive.close()
