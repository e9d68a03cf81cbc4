"""The source registry (marsad/data/sources.toml or any TOML file) and feed/sitemap discovery."""

from __future__ import annotations

import asyncio
import re
import time
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from marsad.collect.feeds import (
    COMMON_FEED_PATHS,
    COMMON_SITEMAP_PATHS,
    FeedError,
    feed_links,
    looks_like_feed,
    looks_like_sitemap,
    page_meta,
    parse_feed,
    parse_sitemap,
)
from marsad.collect.fetch import FEED_TYPES, HTML_TYPES, SITEMAP_TYPES, Fetcher
from marsad.collect.urls import bare_host, host_of, normalize_url
from marsad.errors import FetchError, InputError
from marsad.model import Source

KINDS = ("outlet", "agency", "aggregator")
FIELDS = {"key", "name", "name_latin", "homepage", "feeds", "sitemaps", "domains", "country", "kind", "delay",
          "enabled"}  # fmt: skip
ARABIC = re.compile(r"[\u0600-\u06FF]")


def default_sources_path() -> Path:
    return Path(str(resources.files("marsad").joinpath("data/sources.toml")))


def source_key(url: str) -> str:
    """The key of a site: its host without www (as marsad.pipeline.source_of)."""
    host = host_of(url)
    return host[4:] if host.startswith("www.") else host


STRING_FIELDS = ("key", "name", "name_latin", "homepage", "country", "kind")


def _check_types(item: dict[str, Any], where: str) -> None:
    """Each field's TOML type, so a typo is an InputError naming the entry, not a traceback."""
    for name in STRING_FIELDS:
        value = item.get(name)
        if value is not None and not isinstance(value, str):
            raise InputError(f"{name} must be a string, not {type(value).__name__} {value!r}", where=where)
    delay = item.get("delay")
    if delay is not None and (isinstance(delay, bool) or not isinstance(delay, (int, float))):
        raise InputError(f"delay must be a number of seconds, not {type(delay).__name__} {delay!r}", where=where)
    if delay is not None and not delay >= 0:  # also refuses nan
        raise InputError(f"delay must be zero or more seconds, not {delay!r}", where=where)
    enabled = item.get("enabled")
    if enabled is not None and not isinstance(enabled, bool):
        raise InputError(f"enabled must be true or false (unquoted), not {type(enabled).__name__} {enabled!r}",
                         where=where)  # fmt: skip


def _source_from_dict(item: dict[str, Any], where: str) -> Source:
    if not isinstance(item, dict):
        raise InputError(f"expected a [[source]] table, not {type(item).__name__}", where=where)
    unknown = set(item) - FIELDS
    if unknown:
        raise InputError(f"unknown field(s) {', '.join(sorted(unknown))}", where=where)
    _check_types(item, where)
    homepage = item.get("homepage")
    key = item.get("key") or (source_key(homepage) if homepage else None)
    if not key:
        raise InputError("a source needs a key or a homepage", where=where)
    kind = item.get("kind", "outlet")
    if kind not in KINDS:
        raise InputError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}", where=where)
    lists = {}
    for name in ("feeds", "sitemaps", "domains"):
        value = item.get(name, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise InputError(f"{name} must be a list of strings", where=where)
        lists[name] = value
    domains = lists["domains"] or [bare_host(host_of(homepage)) if homepage else key]
    delay = item.get("delay")
    return Source(
        key=str(key), name=item.get("name"), name_latin=item.get("name_latin"), homepage=homepage,
        feeds=lists["feeds"], sitemaps=lists["sitemaps"], domains=domains, country=item.get("country"),
        kind=kind, delay=float(delay) if delay is not None else None, enabled=bool(item.get("enabled", True)),
    )  # fmt: skip


def load_sources(path: str | Path | None = None) -> list[Source]:
    """Sources of a TOML file ([[source]] tables); the bundled registry when no path is given."""
    file = Path(path) if path else default_sources_path()
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise InputError(str(exc), where=str(file)) from exc
    items = data.get("source", data.get("sources", []))
    if not isinstance(items, list):
        raise InputError("expected [[source]] tables", where=str(file))
    sources: list[Source] = []
    seen: set[str] = set()
    for number, item in enumerate(items, start=1):
        source = _source_from_dict(item, f"{file}: source #{number}")
        if source.key in seen:
            raise InputError(f"duplicate key {source.key!r}", where=f"{file}: source #{number}")
        seen.add(source.key)
        sources.append(source)
    return sources


def sync_sources(store: Any, sources: list[Source]) -> int:
    """Insert or update every source in the store (by key); returns how many."""
    for source in sources:
        store.upsert_source(source)
    return len(sources)


def source_to_toml(source: Source) -> str:
    """One [[source]] table, for exporting a discovered source into a registry file."""

    def q(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = ["[[source]]", f"key = {q(source.key)}"]
    for name in ("name", "name_latin", "homepage", "country"):
        value = getattr(source, name)
        if value:
            lines.append(f"{name} = {q(value)}")
    for name in ("feeds", "sitemaps", "domains"):
        lines.append(f"{name} = [{', '.join(q(v) for v in getattr(source, name))}]")
    lines.append(f"kind = {q(source.kind)}")
    if source.delay is not None:
        lines.append(f"delay = {source.delay}")
    if not source.enabled:
        lines.append("enabled = false")
    return "\n".join(lines) + "\n"


# -- discovery ------------------------------------------------------------------------------


async def discover_async(url: str, fetcher: Fetcher, *, probe: bool = True) -> Source:
    """Find a site's feeds and sitemaps from its homepage, robots.txt and common paths.

    Feeds: <link rel=alternate type=rss/atom> of the page, else the first common paths (/feed,
    /rss, /rss.xml ...) that parse as feeds. Sitemaps: robots.txt `Sitemap:` lines, else common
    paths (/sitemap.xml, /news-sitemap.xml ...) that parse as sitemaps. Every candidate is
    fetched and parsed, so only working URLs are kept.
    """
    homepage = normalize_url(url)
    if not homepage:
        raise InputError("not an http(s) URL", where=url)
    resp = await fetcher.fetch(homepage, kind="page", accept=HTML_TYPES)
    if not resp.ok:
        raise FetchError(f"HTTP {resp.status}", url=homepage, status=resp.status)
    homepage = resp.url
    parts = urlsplit(homepage)
    origin = f"{parts.scheme}://{parts.netloc}"
    meta = page_meta(resp.content)
    site_name = meta.get("site_name") or (meta.get("title") or "").split("|")[0].split(" - ")[0].strip() or None
    source = Source(key=source_key(homepage), homepage=homepage, domains=[bare_host(parts.hostname or "")])
    if site_name and ARABIC.search(site_name):
        source.name = site_name
    elif site_name:
        source.name_latin = site_name

    async def works(candidate: str, kind: str) -> bool:
        try:
            got = await fetcher.fetch(candidate, kind=kind, accept=FEED_TYPES if kind == "feed" else SITEMAP_TYPES)
        except FetchError:
            return False
        if not got.ok:
            return False
        try:
            if kind == "feed":
                return looks_like_feed(got.content) and parse_feed(got.content, got.url) is not None
            return looks_like_sitemap(got.content) and parse_sitemap(got.content, got.url) is not None
        except FeedError:
            return False

    for link in feed_links(resp.content, homepage):
        norm = normalize_url(link) or link
        if norm not in source.feeds and await works(norm, "feed"):
            source.feeds.append(norm)
    if not source.feeds and probe:
        for path in COMMON_FEED_PATHS:
            candidate = origin + path
            if await works(candidate, "feed"):
                source.feeds.append(candidate)
                break
    robots_sitemaps = await fetcher.robots.sitemaps(homepage) if fetcher.respect_robots else []
    if not robots_sitemaps and not fetcher.respect_robots:
        entry = await fetcher.robots.entry(homepage)
        robots_sitemaps = entry.sitemaps
    for link in robots_sitemaps:
        norm = normalize_url(link, base=origin) or link
        if norm not in source.sitemaps and await works(norm, "sitemap"):
            source.sitemaps.append(norm)
    if not source.sitemaps and probe:
        for path in COMMON_SITEMAP_PATHS:
            candidate = origin + path
            if await works(candidate, "sitemap"):
                source.sitemaps.append(candidate)
    return source


def discover(url: str, config: Any, **kwargs: Any) -> Source:
    """Synchronous `discover_async` with its own fetcher (no archive)."""

    async def run() -> Source:
        async with Fetcher(config, **kwargs) as fetcher:
            return await discover_async(url, fetcher)

    return asyncio.run(run())


# -- checking -------------------------------------------------------------------------------


@dataclass
class Check:
    source: str
    kind: str  # feed | sitemap | homepage
    url: str
    ok: bool
    status: int | None = None
    entries: int = 0
    seconds: float = 0.0
    error: str | None = None


async def check_async(sources: list[Source], fetcher: Fetcher, store: Any | None = None) -> list[Check]:
    """Fetch and parse every feed and sitemap (or the homepage when a source has neither)."""
    results: list[Check] = []

    async def one(source: Source) -> list[Check]:
        out: list[Check] = []
        targets = [("feed", u) for u in source.feeds] + [("sitemap", u) for u in source.sitemaps]
        if not targets and source.homepage:
            targets = [("homepage", source.homepage)]
        for kind, url in targets:
            start = time.monotonic()
            check = Check(source.key, kind, url, ok=False)
            try:
                accept = {"feed": FEED_TYPES, "sitemap": SITEMAP_TYPES, "homepage": HTML_TYPES}[kind]
                resp = await fetcher.fetch(url, kind="page" if kind == "homepage" else kind, accept=accept,
                                           source=source.key)  # fmt: skip
                check.status = resp.status
                if not resp.ok:
                    raise FetchError(f"HTTP {resp.status}", url=url, status=resp.status)
                if kind == "feed":
                    check.entries = len(parse_feed(resp.content, resp.url).entries)
                elif kind == "sitemap":
                    check.entries = len(parse_sitemap(resp.content, resp.url).entries)
                check.ok = True
            except (FetchError, FeedError) as exc:
                check.error = str(exc)
            check.seconds = time.monotonic() - start
            if store is not None:
                store.record_health(source.key, ok=check.ok, error=None if check.ok else f"{kind} {url}: {check.error}")
            out.append(check)
        return out

    for group in await asyncio.gather(*(one(s) for s in sources)):
        results.extend(group)
    return results


def check_sources(store: Any, config: Any, keys: list[str] | None = None, **kwargs: Any) -> list[Check]:
    """`check_async` over the store's sources (or the given keys), recording health."""
    sources = [s for s in store.list_sources() if not keys or s.key in keys]

    async def run() -> list[Check]:
        async with Fetcher(config, **kwargs) as fetcher:
            return await check_async(sources, fetcher, store)

    return asyncio.run(run())
