"""Ranked, filtered, faceted search with copies collapsed into one hit."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from marsad.arabic import analyze, normalize
from marsad.model import Article
from marsad.search.query import ParsedQuery, parse_query
from marsad.search.snippets import snippet_parts
from marsad.store import SqliteStore

SORTS = ("rank", "date", "date_asc")
_PHRASE_SCAN_LIMIT = 5000


@dataclass
class Hit:
    article: Article
    score: float
    snippet_parts: list[tuple[str, bool]]
    copies: int = 1  # this hit plus the copies collapsed into it
    copy_ids: list[int] = field(default_factory=list)

    @property
    def snippet(self) -> str:
        return "".join(text for text, _ in self.snippet_parts)

    def to_json(self) -> dict[str, Any]:
        a = self.article
        return {
            "id": a.id,
            "url": a.url,
            "title": a.title,
            "source": a.source,
            "published": a.published.isoformat() if a.published else None,
            "score": round(self.score, 4),
            "snippet": self.snippet,
            "copies": self.copies,
            "story": a.story_id,
        }


@dataclass
class SearchResult:
    query: str
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    offset: int = 0
    next_offset: int | None = None  # where the next page starts (copies make it more than offset+limit)

    def to_json(self) -> dict[str, Any]:
        return {"total": self.total, "results": [h.to_json() for h in self.hits]}


def phrase_ok(article: Article, phrases: list[str]) -> bool:
    text = " ".join(normalize(f"{article.title}\n{article.lead or ''}\n{article.text}", matching=True).split())
    return all(p in text for p in phrases)


def _matching_ids(store: SqliteStore, parsed: ParsedQuery, sort: str) -> tuple[int, list[tuple[int, float]]]:
    """All (id, score) for a phrase query, verified on the normalized text."""
    _, rows = store.fts_search(parsed.match, where=parsed.filters, order=sort, limit=_PHRASE_SCAN_LIMIT)
    articles = {a.id: a for a in store.get_articles([i for i, _ in rows])}
    kept = [(i, s) for i, s in rows if i in articles and phrase_ok(articles[i], parsed.phrases)]
    return len(kept), kept


COPY_KINDS = ["duplicate_of", "near_duplicate_of"]


def _copy_groups(store: SqliteStore, articles: dict[int, Article]) -> dict[int, int]:
    """Article id -> id standing for its group of copies: same body, or linked as a (near) copy.

    Union-find over the hits' copy relations (whose other end may be outside the hits, so two
    copies of one original collapse together) and over equal body hashes.
    """
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    by_hash: dict[str, int] = {}
    for article_id, body_hash in store.body_hashes(list(articles)).items():
        union(by_hash.setdefault(body_hash, article_id), article_id)
    for rel in store.relations_among(list(articles), kinds=COPY_KINDS):
        if rel.dst is not None:
            union(rel.src, rel.dst)
    return {article_id: find(article_id) for article_id in articles}


def _roots_shown_elsewhere(
    store: SqliteStore, parsed: ParsedQuery, groups: dict[int, int], articles: dict[int, Article]
) -> set[int]:
    """Originals outside this page's rows that match the query themselves.

    Their copies on this page are left out, so across pages every group of copies is one hit,
    shown where its original ranks.
    """
    outside = sorted({root for root in groups.values() if root not in articles})
    if not outside:
        return set()
    _, rows = store.fts_search(parsed.match, where=[*parsed.filters, ("ids", outside)], limit=len(outside))
    return {article_id for article_id, _ in rows}


def _title_key(text: str) -> str:
    return " ".join(analyze(text))


def _rerank(rows: list[tuple[int, float]], articles: dict[int, Article], parsed: ParsedQuery) -> list[tuple[int, float]]:
    """Lift articles whose title is the query (a pasted headline) or contains it, keeping BM25 order
    otherwise: a user who pastes a headline wants that article first, not a longer one that
    repeats its words."""
    query = _title_key(" ".join(parsed.words))
    if not query:
        return rows

    def bonus(article_id: int) -> int:
        article = articles.get(article_id)
        if article is None:
            return 0
        title = _title_key(article.title)
        return 2 if title == query else 1 if f" {query} " in f" {title} " else 0

    return sorted(rows, key=lambda row: -bonus(row[0]))  # stable: BM25 order within a bonus level


def search(
    store: SqliteStore,
    q: str,
    *,
    limit: int = 20,
    offset: int = 0,
    sort: str = "rank",
    collapse: bool = True,
    facets: bool = False,
) -> SearchResult:
    """Search the store. Raises QueryError for a query that cannot be parsed."""
    if sort not in SORTS:
        from marsad.errors import QueryError

        raise QueryError(f"sort must be one of {', '.join(SORTS)}")
    parsed = parse_query(q)
    fetch = limit * 4 if collapse else limit
    if sort == "rank" and offset == 0:
        fetch = max(fetch, 50)  # room for the headline re-rank below
    if parsed.phrases:
        total, rows = _matching_ids(store, parsed, sort)
        rows = rows[offset : offset + fetch]
    else:
        total, rows = store.fts_search(parsed.match, where=parsed.filters, order=sort, limit=fetch, offset=offset)
    # stored articles always have an id; the test narrows Article.id (int | None) to int
    articles = {a.id: a for a in store.get_articles([i for i, _ in rows]) if a.id is not None}
    if sort == "rank" and offset == 0:
        rows = _rerank(rows, articles, parsed)
    hits: list[Hit] = []
    by_key: dict[int, Hit] = {}
    groups = _copy_groups(store, articles) if collapse else {}
    elsewhere = _roots_shown_elsewhere(store, parsed, groups, articles) if collapse else set()
    next_offset: int | None = None
    for index, (article_id, score) in enumerate(rows):
        article = articles.get(article_id)
        if article is None:
            continue
        key = groups.get(article_id, article_id)
        if key in elsewhere:
            continue  # a copy of an original that matches too: it is shown with that original
        if key in by_key:
            by_key[key].copies += 1
            by_key[key].copy_ids.append(article_id)
            continue
        if len(hits) >= limit:
            if next_offset is None:
                next_offset = offset + index
            continue
        hit = Hit(article, score, snippet_parts(article, parsed.terms), copy_ids=[article_id])
        by_key[key] = hit
        hits.append(hit)
    if next_offset is None and offset + len(rows) < total:
        next_offset = offset + len(rows)
    result = SearchResult(q, total, hits, offset=offset, next_offset=next_offset)
    if facets:
        result.facets = _facets(store, parsed, parsed.filters)
    return result


def _facets(store: SqliteStore, parsed: ParsedQuery, where: list) -> dict[str, list]:
    """Counts by source and day; for phrase queries only over articles whose text has the phrase."""
    if not parsed.phrases:
        return store.fts_facets(parsed.match, where)
    narrowed = ParsedQuery(parsed.match, list(where), parsed.phrases, parsed.terms, parsed.words)
    _, rows = _matching_ids(store, narrowed, "rank")
    return store.fts_facets(None, [("ids", [i for i, _ in rows])])


def attention(store: SqliteStore, q: str, *, by_source: bool = False) -> dict[str, list[tuple[str, int]]]:
    """Articles per day matching a query; with `by_source`, one series per source (top 10)."""
    parsed = parse_query(q)
    counts = _facets(store, parsed, parsed.filters)
    series = {q: counts["day"]}
    if by_source:
        for source, _ in counts["source"][:10]:
            series[f"{q} — {source}"] = _facets(store, parsed, [*parsed.filters, ("source", source)])["day"]
    return series
