"""Where the stages meet: capture -> article -> index terms -> stored -> linked.

Reads top to bottom. The same functions run in-process for `marsad ingest` and in the crawler for
`marsad collect`; `marsad backfill` runs the extraction half on Dask workers (marsad.scale).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from marsad.arabic import analyze
from marsad.extract import SiteProfile, extract_article
from marsad.model import Article, Capture
from marsad.store import SqliteStore

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())


@dataclass
class Stored:
    """Outcome of storing one article."""

    article: Article
    inserted: bool


def source_of(url: str | None) -> str | None:
    """Source key from a URL: its host without a leading www."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host or None


def index_terms(article: Article) -> tuple[list[str], list[str]]:
    """The analyzed terms FTS indexes: title, and lead + body."""
    body = "\n".join([article.lead or "", *article.body])
    return analyze(article.title), analyze(body)


def store_article(store: SqliteStore, article: Article, capture: Capture | None = None, *, link: bool = True) -> Stored:
    """Store one article in one transaction, then link it to copies and stories."""
    if article.first_seen is None:
        article.first_seen = capture.fetched_at if capture else datetime.now(UTC)
    if article.source is None:
        article.source = source_of(article.canonical_url or article.url)
    title_terms, body_terms = index_terms(article)
    article_id, inserted = store.add_article(article, capture=capture, title_terms=title_terms, body_terms=body_terms)
    if link and (inserted or store.needs_linking(article_id)):
        from marsad.link import link_article  # idempotent: a re-run after a failed link completes it

        link_article(store, article)
    return Stored(article, inserted)


def load_profile(store: SqliteStore, source: str | None) -> SiteProfile | None:
    if not source:
        return None
    data = store.get_profile(source)
    return SiteProfile.from_dict(data) if data else SiteProfile()


class Profiles:
    """The site profiles a long run (a crawl pass, a reprocess) is learning, kept in memory.

    A profile of a busy site holds thousands of lines (a megabyte of JSON): reading and writing it
    for every page cost twice the extraction itself. Here each is loaded once, saved after every
    `save_every` pages it learns from, and on `flush()` (end of a source's turn, end of the run).
    Thread-safe across sources; one source's pages are expected from one thread at a time.
    """

    def __init__(self, store: SqliteStore, save_every: int = 25) -> None:
        self.store = store
        self.save_every = save_every
        self._profiles: dict[str, SiteProfile] = {}
        self._unsaved: dict[str, int] = {}
        self._lock = threading.Lock()

    def get(self, source: str | None) -> SiteProfile | None:
        if not source:
            return None
        with self._lock:
            if source not in self._profiles:
                self._profiles[source] = load_profile(self.store, source) or SiteProfile()
            return self._profiles[source]

    def learn(self, source: str | None, html: bytes, url: str | None) -> SiteProfile | None:
        """Observe one page of `source`; save the profile every `save_every` pages learned."""
        profile = self.get(source)
        if profile is None or not source or not profile.observe(html, url):
            return profile
        with self._lock:
            self._unsaved[source] = self._unsaved.get(source, 0) + 1
            due = self._unsaved[source] >= self.save_every
        if due:
            self.flush(source)
        return profile

    def flush(self, source: str | None = None) -> None:
        """Save the profiles with unsaved learning (of one source, or all)."""
        with self._lock:
            keys = [source] if source is not None else list(self._unsaved)
            todo = [(k, self._profiles[k].to_dict()) for k in keys if self._unsaved.pop(k, 0)]
        for key, data in todo:
            self.store.save_profile(key, data)


def process_html(
    store: SqliteStore,
    html: bytes,
    *,
    url: str | None = None,
    headers: dict | None = None,
    capture: Capture | None = None,
    profile: SiteProfile | None = None,
    learn: bool = True,
    link: bool = True,
    profiles: Profiles | None = None,
) -> Stored:
    """Extract an article from one HTML page and store it.

    With `learn`, the page also teaches its site's boilerplate profile, which is saved so later
    pages of the site (in this run or the next) lose that boilerplate: through `profiles` (a long
    run's in-memory profiles, saved now and then), else loaded and saved for this page alone.
    Raises NoArticle.
    """
    from marsad.extract import site_key

    source = site_key(html, url) if url is None else source_of(url)
    if profile is None and profiles is not None:
        profile = profiles.learn(source, html, url) if learn else profiles.get(source)
    else:
        if profile is None:
            profile = load_profile(store, source)
        if learn and profile is not None and source:
            profile.observe(html, url)
            store.save_profile(source, profile.to_dict())
    article = extract_article(html, url=url, headers=headers, profile=profile)
    article.source = source or source_of(article.canonical_url or article.url)
    return store_article(store, article, capture, link=link)
