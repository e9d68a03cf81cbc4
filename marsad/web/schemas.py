"""Pydantic shapes of the JSON API (they make /api/openapi.json precise)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from marsad.model import Article, Source, Story


class ErrorBody(BaseModel):
    code: str = Field(description="machine-readable: invalid_query, invalid_input, not_found, unauthorized...")
    message: str = Field(description="what went wrong, for people")


class ErrorOut(BaseModel):
    error: ErrorBody


class DatelineOut(BaseModel):
    text: str
    place: str | None = None
    author: str | None = None
    agency: str | None = None


class LinkOut(BaseModel):
    title: str
    url: str | None = None
    published: str | None = None


class ImageOut(BaseModel):
    url: str
    caption: str | None = None


class ArticleSummary(BaseModel):
    id: int
    url: str | None
    title: str
    source: str | None
    published: str | None
    first_seen: str | None
    story: int | None


class ArticleOut(ArticleSummary):
    canonical_url: str | None
    lead: str | None
    body: list[str]
    published_precision: str | None
    published_evidence: str | None
    updated: str | None
    authors: list[str]
    dateline: DatelineOut | None
    attribution: list[str]
    tags: list[str]
    related: list[LinkOut]
    language: str | None
    images: list[ImageOut]
    site_name: str | None
    relations: list[RelationOut] = []


class RelationOut(BaseModel):
    src: int
    kind: str
    dst: int | None
    agency: str | None
    score: float
    evidence: dict[str, Any]


class ArticlePage(BaseModel):
    items: list[ArticleSummary]
    next_cursor: str | None = Field(description="pass as ?cursor= for the next page; null at the end")


class StoryOut(BaseModel):
    id: int
    title: str
    first_time: str | None
    last_time: str | None
    article_count: int
    outlet_count: int


class StoryPage(BaseModel):
    items: list[StoryOut]
    next_cursor: str | None


class ChainOut(BaseModel):
    article: int
    parent: int | None
    source: str | None
    first: bool = Field(description="the story's first publisher")
    gap_seconds: float | None = Field(description="seconds after the first publisher")
    headline_changed: bool
    added_paragraphs: int
    removed_paragraphs: int
    evidence: dict[str, Any]


class StoryDetailOut(StoryOut):
    articles: list[ArticleSummary]
    outlets: list[Pair] = Field(description="[source, articles] pairs")
    chain: list[ChainOut] = Field(description="every article in time order; copies name their parent")


class HealthOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    last_success: str | None = None
    last_error: str | None = None
    last_error_at: str | None = None
    fetched: int = 0
    failed: int = 0
    articles_per_day: float = 0.0


class SourceOut(BaseModel):
    key: str
    name: str | None
    name_latin: str | None
    homepage: str | None
    feeds: list[str]
    sitemaps: list[str]
    country: str | None
    kind: str
    enabled: bool
    registered: bool
    articles: int
    health: HealthOut


class SourceList(BaseModel):
    items: list[SourceOut]


HTTP_URL = r"^https?://[A-Za-z0-9.\-]+(:[0-9]{1,5})?([/?#][^\x00-\x20\x7f]*)?$"
# (key, count) pairs; plain JSON arrays (a tuple type would give OpenAPI 3.1 an invalid `items`)
Pair = Annotated[list[str | int], Field(min_length=2, max_length=2, description="[key, count]")]
HttpUrl = Annotated[str, Field(max_length=2000, pattern=HTTP_URL)]


class SourceIn(BaseModel):
    homepage: HttpUrl = Field(description="http(s) URL of the outlet's site")
    key: str | None = Field(default=None, min_length=1, max_length=200, pattern=r"^[A-Za-z0-9.\-_]+$",
                            description="stable id; default: the homepage host without www.")  # fmt: skip
    name: str | None = Field(default=None, max_length=300)
    feeds: list[HttpUrl] = Field(default_factory=list, max_length=50, description="RSS/Atom feed URLs")
    kind: str = Field(default="outlet", pattern="^(outlet|agency|aggregator)$")


class SearchHitOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    url: str | None
    title: str
    source: str | None
    published: str | None
    score: float
    snippet: str


class SearchOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    total: int
    results: list[SearchHitOut]


class AttentionOut(BaseModel):
    query: str
    series: dict[str, list[Pair]] = Field(description="series name -> [[yyyy-mm-dd, articles], ...]")


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def article_summary(a: Article) -> dict[str, Any]:
    return {"id": a.id, "url": a.url, "title": a.title, "source": a.source, "published": _iso(a.published),
            "first_seen": _iso(a.first_seen), "story": a.story_id}  # fmt: skip


def article_full(a: Article) -> dict[str, Any]:
    data = a.to_dict()
    data.pop("story_id", None)
    data.pop("capture_id", None)
    data.pop("text", None)
    data.update(article_summary(a))
    return data


def story_out(s: Story) -> dict[str, Any]:
    return {"id": s.id, "title": s.title, "first_time": _iso(s.first_time), "last_time": _iso(s.last_time),
            "article_count": s.article_count, "outlet_count": s.outlet_count}  # fmt: skip


def source_out(key: str, source: Source | None, health: dict[str, Any], articles: int) -> dict[str, Any]:
    s = source or Source(key=key)
    health = {k: v for k, v in health.items() if k != "source"}
    return {"key": key, "name": s.name, "name_latin": s.name_latin, "homepage": s.homepage, "feeds": s.feeds,
            "sitemaps": s.sitemaps, "country": s.country, "kind": s.kind, "enabled": s.enabled,
            "registered": source is not None, "articles": articles, "health": health}  # fmt: skip


ArticleOut.model_rebuild()
