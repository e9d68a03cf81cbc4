"""robots.txt, fetched once per host through the polite fetcher and cached (protego).

RFC 9309 semantics: a 4xx robots.txt allows everything; a 5xx or an unreachable one disallows
everything for a while (retried after `ERROR_TTL`). Crawl-delay raises the host's gap.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from marsad.errors import FetchError

if TYPE_CHECKING:
    from marsad.collect.fetch import Fetcher

TTL = 24 * 3600.0
ERROR_TTL = 600.0
MAX_CRAWL_DELAY = 120.0
MAX_ROBOTS_BYTES = 500_000


@dataclass
class RobotsEntry:
    parser: Any | None  # protego.Protego, or None
    allow_all: bool
    expires: float
    sitemaps: list[str]
    crawl_delay: float | None = None
    status: int | None = None


def agent_token(user_agent: str) -> str:
    """The product token robots.txt groups match against ("marsad/0.1 (+…)" -> "marsad")."""
    return (user_agent.split("/")[0].split()[0] if user_agent.strip() else "*").lower()


class RobotsCache:
    def __init__(self, fetcher: Fetcher) -> None:
        self.fetcher = fetcher
        self.entries: dict[str, RobotsEntry] = {}
        self.locks: dict[str, asyncio.Lock] = {}
        self.agent = agent_token(fetcher.user_agent)

    @staticmethod
    def origin(url: str) -> str:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}".lower()

    async def entry(self, url: str) -> RobotsEntry:
        origin = self.origin(url)
        found = self.entries.get(origin)
        if found and found.expires > time.monotonic():
            return found
        lock = self.locks.setdefault(origin, asyncio.Lock())
        async with lock:
            found = self.entries.get(origin)
            if found and found.expires > time.monotonic():
                return found
            found = await self._load(origin)
            self.entries[origin] = found
            if found.crawl_delay:
                self.fetcher.set_host_delay(urlsplit(origin).hostname or "", min(found.crawl_delay, MAX_CRAWL_DELAY))
            return found

    async def _load(self, origin: str) -> RobotsEntry:
        from protego import Protego

        now = time.monotonic()
        try:
            resp = await self.fetcher.fetch(origin + "/robots.txt", kind="robots", check_robots=False, max_wait=0)
        except FetchError as exc:
            status = exc.status
            if status is not None and 400 <= status < 500 and status != 429:
                return RobotsEntry(None, True, now + TTL, [], status=status)
            return RobotsEntry(None, False, now + ERROR_TTL, [], status=status)
        if 400 <= resp.status < 500:
            return RobotsEntry(None, True, now + TTL, [], status=resp.status)
        if resp.status >= 500 or resp.status < 200 or resp.status >= 300:
            return RobotsEntry(None, False, now + ERROR_TTL, [], status=resp.status)
        text = resp.content[:MAX_ROBOTS_BYTES].decode("utf-8", "replace")
        parser = Protego.parse(text)
        delay = parser.crawl_delay(self.agent)
        return RobotsEntry(parser, False, now + TTL, list(parser.sitemaps), crawl_delay=delay, status=resp.status)

    async def allowed(self, url: str) -> bool:
        found = await self.entry(url)
        if found.parser is None:
            return found.allow_all
        return bool(found.parser.can_fetch(url, self.agent))

    async def sitemaps(self, url: str) -> list[str]:
        return list((await self.entry(url)).sitemaps)
