"""Incremental story clustering with an in-memory index of the active stories.

Each story keeps a centroid: the sum of its topical articles' unit vectors (term prefixes, see
similarity.py), top CENTROID_TERMS entries, persisted in `stories.terms`. To find the stories a
new article may belong to without an all-pairs scan, the process keeps an inverted index from
each active story's top INDEX_TERMS centroid terms to the story. It is loaded from the store on
first use (stories active in the last ACTIVE_DAYS before the newest one), kept current by this
process, and picks up stories created by other processes (new ids) before every lookup;
stories whose last article is more than ACTIVE_DAYS older than the newest seen are evicted.

The article joins the story with the best score

    cosine(article, centroid) * exp(-max(0, gap_days - GRACE_DAYS) / TAU_DAYS)

(gap: days outside the story's first..last span) if the score is at least JOIN and they share
MIN_SHARED_DISTINCT distinctive terms (in few stories' top terms, or numbers); otherwise,
if it has enough text, it founds a new story.
"""

from __future__ import annotations

import heapq
import math
import time
import weakref
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from operator import itemgetter
from typing import Any

from marsad.link.similarity import cosine, norm, unit
from marsad.model import Story
from marsad.store.rows import iso

JOIN = 0.45  # SemEval dev: pairwise precision 0.86 / recall 0.72 for "same story" (Overall <= 2)
TAU_DAYS = 7.0
GRACE_DAYS = 1.0  # no decay within a day of the story's span
ACTIVE_DAYS = 30
CENTROID_TERMS = 100
INDEX_TERMS = 20
QUERY_TERMS = 12
MAX_STORY_CANDIDATES = 6
REFRESH_S = 1.0
TOP_TERMS = 40  # the article terms looked up in the index
MIN_SHARED_DISTINCT = 2
DISTINCT_SHARE = 0.02  # a term in the top terms of at most 2% of active stories is distinctive


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


@dataclass
class _Entry:
    story: Story
    centroid: dict[str, float]
    meta: dict[str, float]
    norm: float
    indexed: list[str] = field(default_factory=list)
    sources: set[str | None] | None = None


class StoryIndex:
    """The active stories of one store, indexed by their top terms (per process)."""

    def __init__(self, store: Any) -> None:
        self.entries: dict[int, _Entry] = {}
        self.postings: dict[str, set[int]] = {}
        self.newest: datetime | None = None
        self.max_id = 0
        self.since_evict = 0
        self.checked = time.monotonic()
        self._load(store)

    # -- maintenance -------------------------------------------------------------------------

    def _load(self, store: Any, new_only: bool = False) -> None:
        if new_only:
            rows = store.stories_after_id(self.max_id)
        else:
            last = _aware(store.latest_story_time())
            since = iso(last - timedelta(days=ACTIVE_DAYS)) if last is not None else None
            rows = store.active_stories(since)
        for story, terms in rows:
            self._put(story, terms)
            self.max_id = max(self.max_id, story.id or 0)

    def refresh(self, store: Any) -> None:
        """Pick up stories other processes created since the last look (at most once a second)."""
        now = time.monotonic()
        if now - self.checked < REFRESH_S:
            return
        self.checked = now
        top = store.max_story_id()
        if top > self.max_id:
            self._load(store, new_only=True)
            self.max_id = max(self.max_id, top)

    def _put(self, story: Story, terms: dict[str, float]) -> _Entry:
        centroid = {k: v for k, v in terms.items() if not k.startswith(" ")}
        meta = {k: v for k, v in terms.items() if k.startswith(" ")}
        old = self.entries.get(story.id or 0)
        if old is not None:
            for t in old.indexed:
                self.postings.get(t, set()).discard(story.id or 0)
        top = heapq.nlargest(INDEX_TERMS, centroid, key=centroid.__getitem__)
        entry = _Entry(story, centroid, meta, norm(centroid), top, old.sources if old else None)
        self.entries[story.id or 0] = entry
        for t in top:
            self.postings.setdefault(t, set()).add(story.id or 0)
        last = _aware(story.last_time)
        if last and (self.newest is None or last > self.newest):
            self.newest = last
        return entry

    def _evict(self) -> None:
        if self.newest is None:
            return
        cutoff = self.newest - timedelta(days=ACTIVE_DAYS)
        old = [s for s, e in self.entries.items() if (lt := _aware(e.story.last_time)) is not None and lt < cutoff]
        for sid in old:
            for t in self.entries[sid].indexed:
                self.postings.get(t, set()).discard(sid)
            del self.entries[sid]

    # -- lookups -----------------------------------------------------------------------------

    def match(self, vec: dict[str, float], when: datetime | None) -> tuple[int | None, dict[str, Any]]:
        """The best story for an article vector, or None; with the evidence of the choice."""
        n_active = max(len(self.entries), 1)
        postings = self.postings
        top = heapq.nlargest(TOP_TERMS, vec.items(), key=itemgetter(1))
        sf = {t: len(postings[t]) for t, _ in top if t in postings}
        log_n = math.log(n_active + 1)
        weighted = sorted(((w * (log_n - math.log(sf[t] + 1)), t) for t, w in top if sf.get(t)), reverse=True)
        query = [t for _, t in weighted[:QUERY_TERMS]]
        if not query:
            return None, {}
        hits: dict[int, float] = {}
        for t in query:
            idf = log_n - math.log(sf[t] + 1) + 1e-3
            for sid in postings[t]:
                hits[sid] = hits.get(sid, 0.0) + idf
        limit = max(3, DISTINCT_SHARE * n_active)
        distinct = {t for t, _ in top if (t[0].isdigit() and len(t) > 1) or 0 < sf.get(t, 0) <= limit}
        nv = norm(vec)
        best: tuple[float, int, dict[str, Any]] | None = None
        for sid in sorted(hits, key=lambda s: -hits[s])[:MAX_STORY_CANDIDATES]:
            e = self.entries[sid]
            sim = cosine(vec, e.centroid, nv, e.norm)
            if sim < JOIN:
                continue
            shared = len(distinct & e.centroid.keys())
            if shared < MIN_SHARED_DISTINCT:
                continue
            gap = 0.0
            first, last = _aware(e.story.first_time), _aware(e.story.last_time)
            if when and first and last:
                if when > last:
                    gap = (when - last).total_seconds() / 86400
                elif when < first:
                    gap = (first - when).total_seconds() / 86400
            score = sim * math.exp(-max(0.0, gap - GRACE_DAYS) / TAU_DAYS)
            if score >= JOIN and (best is None or score > best[0]):
                best = (score, sid, {"similarity": round(sim, 4), "score": round(score, 4),
                                     "gap_days": round(gap, 2), "shared_terms": shared})  # fmt: skip
        if best is None:
            return None, {}
        return best[1], best[2]

    def get(self, store: Any, story_id: int) -> _Entry | None:
        e = self.entries.get(story_id)
        if e is None:
            found = store.stories_with_terms([story_id])
            if not found:
                return None
            e = self._put(*found[0])
        return e

    def sources(self, store: Any, e: _Entry) -> set[str | None]:
        if e.sources is None:
            e.sources = set(store.story_sources(e.story.id or 0))
        return e.sources

    def add(
        self, store: Any, story_id: int | None, vec: dict[str, float], *, title: str, source: str | None,
        when: datetime | None, undated: bool, topical: bool, similarity: float = 0.0,
    ) -> tuple[Story, dict[str, float] | None, bool]:
        """Add an article to a story (None: found a new one). Returns (story, terms to persist
        or None if unchanged, new?)."""
        if story_id is None:
            story = Story(id=None, title=title, first_time=when, last_time=when, article_count=1, outlet_count=1)
            centroid = {k: round(v, 4) for k, v in heapq.nlargest(CENTROID_TERMS, unit(vec).items(), key=itemgetter(1))}
            return story, {**centroid, " title_score": 1.0}, True
        e = self.get(store, story_id)
        if e is None:
            return self.add(store, None, vec, title=title, source=source, when=when, undated=undated, topical=topical)
        story = e.story
        srcs = self.sources(store, e)
        story.article_count += 1
        if source not in srcs:
            srcs.add(source)
            story.outlet_count += 1
        if when and (not undated or story.first_time is None):
            story.first_time = min(filter(None, [_aware(story.first_time), when]))
            story.last_time = max(filter(None, [_aware(story.last_time), when]))
        if not topical:
            return story, None, False
        if similarity > e.meta.get(" title_score", 0.0) and title:
            story.title = title
            e.meta[" title_score"] = similarity
        merged = dict(e.centroid)
        for k, v in unit(vec).items():
            merged[k] = merged.get(k, 0.0) + v
        top = heapq.nlargest(CENTROID_TERMS, merged.items(), key=itemgetter(1))
        terms = {**{k: round(v, 4) for k, v in top}, **e.meta}
        return story, terms, False

    def saved(self, story: Story, terms: dict[str, float] | None, source: str | None) -> None:
        """Record a story as written (after the store assigned its id)."""
        sid = story.id or 0
        if terms is not None:
            e = self._put(story, terms)
        else:
            found = self.entries.get(sid)
            if found is None:
                return
            e = found
            e.story = story
            last = _aware(story.last_time)
            if last and (self.newest is None or last > self.newest):
                self.newest = last
        if e.sources is None and story.article_count == 1:
            e.sources = {source}
        self.max_id = max(self.max_id, sid)
        self.since_evict += 1
        if self.since_evict >= 1000:
            self.since_evict = 0
            self._evict()


_INDEXES: weakref.WeakKeyDictionary[Any, StoryIndex] = weakref.WeakKeyDictionary()


def index_for(store: Any) -> StoryIndex:
    idx = _INDEXES.get(store)
    if idx is None:
        idx = StoryIndex(store)
        _INDEXES[store] = idx
    else:
        idx.refresh(store)
    return idx


def forget(store: Any) -> None:
    """Drop the in-memory index of a store (after its links were cleared)."""
    _INDEXES.pop(store, None)
