"""marsad.collect: sources -> captures.

Sources registry and discovery (sources), URL hygiene (urls), feed and sitemap parsing (feeds),
the polite async fetcher with robots.txt (fetch, robots), the WARC archive (warc), the crawl pass
over the persisted frontier (crawler), re-extraction from WARC (reprocess) and the replay server
(replay). Only this package and marsad.web do network I/O.
"""

from __future__ import annotations

from marsad.collect.crawler import (
    Crawler,
    Summary,
    collect_async,
    collect_once,
    poll_interval,
    run_forever,
)
from marsad.collect.feeds import (
    Entry,
    Feed,
    FeedError,
    Sitemap,
    feed_links,
    parse_feed,
    parse_sitemap,
)
from marsad.collect.fetch import Fetcher, Response, RobotsDisallowed, UnsafeAddress
from marsad.collect.health import SourceHealth, health_report, status_of
from marsad.collect.replay import ReplayServer, replay_server
from marsad.collect.reprocess import ReprocessSummary, reprocess
from marsad.collect.sources import (
    check_sources,
    default_sources_path,
    discover,
    discover_async,
    load_sources,
    source_to_toml,
    sync_sources,
)
from marsad.collect.sources import load_sources as load_sources_file
from marsad.collect.urls import normalize_url, same_site, url_key
from marsad.collect.warc import (
    WarcArchive,
    check_warcs,
    iter_responses,
    read_response,
    warc_files,
)

__all__ = [
    "Crawler",
    "Entry",
    "Feed",
    "FeedError",
    "Fetcher",
    "ReplayServer",
    "ReprocessSummary",
    "Response",
    "RobotsDisallowed",
    "Sitemap",
    "SourceHealth",
    "Summary",
    "UnsafeAddress",
    "WarcArchive",
    "check_sources",
    "check_warcs",
    "collect_async",
    "collect_once",
    "default_sources_path",
    "discover",
    "discover_async",
    "feed_links",
    "health_report",
    "iter_responses",
    "load_sources",
    "load_sources_file",
    "normalize_url",
    "parse_feed",
    "parse_sitemap",
    "poll_interval",
    "read_response",
    "replay_server",
    "reprocess",
    "run_forever",
    "same_site",
    "source_to_toml",
    "status_of",
    "sync_sources",
    "url_key",
    "warc_files",
]  # fmt: skip
