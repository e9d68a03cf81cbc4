"""Read models the API, pages and feeds share: pages of articles and stories, story, source
and article details. Everything goes through store methods; no SQL here."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from marsad.model import Article, Relation, Source, Story
from marsad.store.rows import iso, utc_iso

OUTLET_LIMIT_RELATIONS = 300  # latest articles of a source scanned for copy relations


class BadCursor(ValueError):
    """A pagination cursor that was not made by this server."""


CURSOR_PATTERN = r"^[^~]{0,64}~[0-9]{1,19}$"


def encode_cursor(time_key: str, item_id: int | None) -> str:
    """A keyset position, readable: "<sort time>~<id>". Any such string is a valid position."""
    return f"{time_key.replace('~', '')[:64]}~{item_id or 0}"


def decode_cursor(cursor: str) -> tuple[str, int]:
    if not re.fullmatch(CURSOR_PATTERN[1:-1], cursor):
        raise BadCursor("invalid cursor")
    time_key, _, item_id = cursor.rpartition("~")
    return time_key, int(item_id)


def article_time_key(article: Article) -> str:
    """The value the store orders articles by: COALESCE(published_utc, first_seen)."""
    return (utc_iso(article.published) if article.published else iso(article.first_seen)) or ""


def story_time_key(story: Story) -> str:
    return iso(story.last_time) or ""


def day_of(article: Article) -> str | None:
    """The article's day for per-day counts: the source's own calendar day when only the date is
    known (midnight at +03:00 is the previous day in UTC), else the UTC day."""
    if article.published and article.published_precision in ("year", "month", "day"):
        return article.published.date().isoformat()
    key = article_time_key(article)
    return key[:10] or None


# -- pages of articles and stories (keyset cursors) ---------------------------------------------


def articles_page(store: Any, *, cursor: str | None, limit: int, source: str | None = None
                  ) -> tuple[list[Article], str | None]:  # fmt: skip
    """Newest first; the cursor is the (time, id) of the last article of the previous page."""
    where: list[tuple[str, Any]] = [("source", source)] if source else []
    after: tuple[str, int] | None = None
    if cursor:
        after = decode_cursor(cursor)
        # "before" is a strict string comparison; this bound also keeps ties at the same time.
        where.append(("before", after[0] + "\uffff"))
    found: list[Article] = []
    offset = 0
    while len(found) <= limit:
        _, rows = store.fts_search(None, where=where, order="date", limit=limit + 1, offset=offset)
        if not rows:
            break
        offset += len(rows)
        for article in store.get_articles([i for i, _ in rows]):
            if after is None or (article_time_key(article), article.id or 0) < after:
                found.append(article)
        if len(rows) < limit + 1:
            break
    page = found[:limit]
    more = len(found) > limit
    next_cursor = encode_cursor(article_time_key(page[-1]), page[-1].id) if more and page else None
    return page, next_cursor


def stories_page(store: Any, *, cursor: str | None, limit: int) -> tuple[list[Story], str | None]:
    """Latest activity first; the cursor is the (last_time, id) of the last story shown."""
    after: tuple[str, int] | None = None
    if cursor:
        after = decode_cursor(cursor)
    want = limit + 1
    fetch = want + 50
    while True:
        stories = store.list_stories(limit=fetch)
        rest = [s for s in stories if after is None or (story_time_key(s), s.id or 0) < after]
        if len(rest) >= want or len(stories) < fetch:
            break
        fetch *= 4
    page = rest[:limit]
    more = len(rest) > limit
    next_cursor = encode_cursor(story_time_key(page[-1]), page[-1].id) if more and page else None
    return page, next_cursor


# -- stories ---------------------------------------------------------------------------------


def per_day(articles: list[Article]) -> list[tuple[str, int]]:
    counts = Counter(d for d in (day_of(a) for a in articles) if d)
    return sorted(counts.items())


@dataclass
class StoryCard:
    story: Story
    first: Article | None
    days: list[tuple[str, int]]


def story_cards(store: Any, stories: list[Story]) -> list[StoryCard]:
    cards = []
    for story in stories:
        articles = store.get_articles(store.story_article_ids(story.id))
        cards.append(StoryCard(story, articles[0] if articles else None, per_day(articles)))
    return cards


@dataclass
class ChainStep:
    """One article of a story's copy chain (from marsad.link.copy_chain), with its parent loaded."""

    article: Article
    parent: Article | None  # the earlier article it was copied from; None if it is no copy
    first: bool  # the story's first publisher
    gap_s: float | None  # seconds after the first publisher
    headline_changed: bool
    added: list[str]  # paragraphs not in the first publisher's text
    removed: list[str]  # paragraphs of the first publisher left out
    evidence: dict[str, Any]


def copy_chain(store: Any, story_id: int, articles: list[Article]) -> list[ChainStep]:
    from marsad.link import copy_chain as link_chain

    by_id = {a.id: a for a in articles}
    steps = []
    for n, entry in enumerate(link_chain(store, story_id, story=True)):
        parent = None
        if entry.parent_id is not None:
            parent = by_id.get(entry.parent_id) or store.get_article(entry.parent_id)
        steps.append(ChainStep(
            article=entry.article, parent=parent, first=n == 0, gap_s=entry.gap_s,
            headline_changed=entry.headline_changed, added=list(entry.added_paragraphs),
            removed=list(entry.removed_paragraphs), evidence=dict(entry.evidence),
        ))  # fmt: skip
    return steps


@dataclass
class StoryDetail:
    story: Story
    articles: list[Article]
    outlets: list[tuple[str, int]]
    days: list[tuple[str, int]]
    chain: list[ChainStep]

    def article_at(self, when: datetime | None) -> Article | None:
        """The article a story time (first/last) comes from: shown with its precision and zone."""
        return next((a for a in self.articles if when is not None and a.when == when), None)


def story_detail(store: Any, story_id: int) -> StoryDetail | None:
    story = store.get_story(story_id)
    if story is None:
        return None
    articles = store.get_articles(store.story_article_ids(story_id))
    outlets = Counter(a.source or "?" for a in articles).most_common()
    return StoryDetail(story, articles, outlets, per_day(articles), copy_chain(store, story_id, articles))


# -- articles --------------------------------------------------------------------------------


@dataclass
class RelationView:
    relation: Relation
    other: Article | None  # the article at the other end, if any
    outgoing: bool  # True: this article -> other (this one copies / is attributed)


@dataclass
class ArticleDetail:
    article: Article
    relations: list[RelationView]
    story: Story | None
    siblings: list[Article]
    archived: bool
    copies: list[Any] = field(default_factory=list)  # marsad.link ChainEntry of the copy group, if any




def article_detail(store: Any, article_id: int) -> ArticleDetail | None:
    article = store.get_article(article_id)
    if article is None:
        return None
    relations = store.relations_of(article_id)
    others = {
        a.id: a
        for a in store.get_articles(sorted({r.dst if r.src == article_id else r.src for r in relations} - {None}))
    }
    views = []
    for rel in relations:
        outgoing = rel.src == article_id
        other_id = rel.dst if outgoing else rel.src
        views.append(RelationView(rel, others.get(other_id) if other_id is not None else None, outgoing))
    story = store.get_story(article.story_id) if article.story_id else None
    siblings: list[Article] = []
    if story is not None:
        ids = [i for i in store.story_article_ids(story.id) if i != article_id][:20]
        siblings = store.get_articles(ids)
    archived = False
    if article.capture_id:
        capture = store.get_capture(article.capture_id)
        archived = bool(capture and capture.warc_path)
    from marsad.link import copy_chain as link_chain

    chain = link_chain(store, article_id)
    return ArticleDetail(article, views, story, siblings, archived, chain if len(chain) > 1 else [])


# -- sources ---------------------------------------------------------------------------------


@dataclass
class SourceDetail:
    key: str
    source: Source | None
    health: dict[str, Any]
    days: list[tuple[str, int]]
    total: int
    latest: list[Article]
    copies_from: list[tuple[str, int]] = field(default_factory=list)  # this source copies them
    copied_by: list[tuple[str, int]] = field(default_factory=list)  # they copy this source
    agencies: list[tuple[str, int]] = field(default_factory=list)


def source_keys(store: Any) -> list[str]:
    """Registered sources and sources seen on articles."""
    keys = {s.key for s in store.list_sources()}
    keys.update(k for k, _ in store.fts_facets(None)["source"] if k)
    return sorted(keys)


def source_detail(store: Any, key: str) -> SourceDetail | None:
    source = store.get_source(key)
    facets = store.fts_facets(None, where=[("source", key)])
    total = sum(n for _, n in facets["source"])
    if source is None and total == 0:
        return None
    detail = SourceDetail(
        key=key, source=source, health=store.source_health(key), days=facets["day"], total=total,
        latest=store.latest_articles(limit=20, source=key),
    )  # fmt: skip
    copies_from: Counter[str] = Counter()
    copied_by: Counter[str] = Counter()
    agencies: Counter[str] = Counter()
    scanned = store.latest_articles(limit=OUTLET_LIMIT_RELATIONS, source=key)
    pending: list[tuple[int, bool]] = []  # (other article id, True when this source is the copier)
    for article in scanned:
        for rel in store.relations_of(article.id):
            if rel.kind == "attributed_to" and rel.agency and rel.src == article.id:
                agencies[rel.agency] += 1
            elif rel.src == article.id and rel.dst is not None:
                pending.append((rel.dst, True))
            elif rel.dst == article.id:
                pending.append((rel.src, False))
    others = {a.id: a for a in store.get_articles(sorted({i for i, _ in pending}))}
    for other_id, copier in pending:
        other = others.get(other_id)
        if other is None or other.source == key:
            continue
        (copies_from if copier else copied_by)[other.source or "?"] += 1
    detail.copies_from = copies_from.most_common(20)
    detail.copied_by = copied_by.most_common(20)
    detail.agencies = agencies.most_common(20)
    return detail


def parse_day(value: str | None) -> str | None:
    """A yyyy-mm-dd string, checked; None when empty."""
    if not value:
        return None
    datetime.strptime(value, "%Y-%m-%d")
    return value
