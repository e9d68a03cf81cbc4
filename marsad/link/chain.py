"""Provenance: who published a text first, and how each copy differs from it.

A copy group is the connected set of articles joined by duplicate_of, near_duplicate_of and
contains relations. Its first publisher is the earliest by published time (first-seen time for
undated articles, which are marked). `copy_chain` lists the group in time order, each entry
with its parent (the earlier article it was linked to), the time gap, what changed relative to
the first publisher and the evidence — the shape the web UI renders.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from marsad.link.agencies import credited_agencies
from marsad.link.core import COPY_KINDS, _aware, _order_key, paragraph_prints
from marsad.model import Article, Relation

MAX_GROUP = 500


@dataclass
class ChainEntry:
    article: Article
    parent_id: int | None  # None for the first publisher
    gap_s: float | None  # seconds after the first publisher (None when a time is missing)
    headline_changed: bool = False
    added_paragraphs: list[str] = field(default_factory=list)  # relative to the first publisher
    removed_paragraphs: list[str] = field(default_factory=list)
    evidence: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        a = self.article
        return {
            "id": a.id, "title": a.title, "source": a.source, "url": a.url,
            "published": a.published.isoformat() if a.published else None,
            "first_seen": a.first_seen.isoformat() if a.first_seen else None,
            "parent_id": self.parent_id, "gap_s": self.gap_s,
            "headline_changed": self.headline_changed,
            "added_paragraphs": self.added_paragraphs, "removed_paragraphs": self.removed_paragraphs,
            "evidence": self.evidence,
        }  # fmt: skip


def copy_group(store: Any, article_id: int) -> tuple[list[int], list[Relation]]:
    """Ids of the copy group of an article and the copy relations inside it."""
    seen = {article_id}
    frontier = [article_id]
    rels: dict[tuple, Relation] = {}
    while frontier and len(seen) < MAX_GROUP:
        found = store.relations_among(frontier, kinds=list(COPY_KINDS))
        frontier = []
        for r in found:
            rels[(r.src, r.kind, r.dst)] = r
            for end in (r.src, r.dst):
                if end is not None and end not in seen and len(seen) < MAX_GROUP:
                    seen.add(end)
                    frontier.append(end)
    return sorted(seen), list(rels.values())


class _Timed:
    """Adapter so chain code orders Articles like linking orders its documents."""

    def __init__(self, a: Article) -> None:
        self.a = a
        self.id = a.id or 0
        self.when = _aware(a.published or a.first_seen)


def _when(a: Article) -> datetime | None:
    return _aware(a.published or a.first_seen)


def _norm_title(t: str) -> str:
    from marsad.arabic import normalize

    return " ".join(normalize(t or "", matching=True).split())


def _paragraph_keys(paragraphs: list[str]) -> dict[str, str]:
    """Whitespace-collapsed paragraph -> paragraph as written (every paragraph, short ones too)."""
    out: dict[str, str] = {}
    for p in paragraphs:
        key = " ".join(p.split())
        if key:
            out.setdefault(key, p)
    return out


def _entries(articles: list[Article], rels: list[Relation], group_of: dict[int, int] | None = None) -> list[ChainEntry]:
    ordered = sorted(articles, key=lambda a: _order_key(_Timed(a)))  # type: ignore[arg-type]
    if not ordered:
        return []
    pos = {a.id: i for i, a in enumerate(ordered)}
    first = ordered[0]
    first_prints = paragraph_prints(first.body)
    first_text = _paragraph_keys(first.body)
    by_article: dict[int, list[Relation]] = {}
    for r in rels:
        for end in (r.src, r.dst):
            if end is not None:
                by_article.setdefault(end, []).append(r)
    out = []
    for a in ordered:
        w = _when(a)
        evidence: dict[str, Any] = {}
        if a.published is None:
            evidence["undated"] = True
        agencies = credited_agencies(a)
        if agencies:
            evidence["attribution"] = agencies
        parent = None
        if a is not first:
            best = None
            for r in by_article.get(a.id or -1, []):
                other = r.dst if r.src == a.id else r.src
                if other in pos and pos[other] < pos[a.id]:
                    key = (r.kind == "duplicate_of", r.score, -pos[other])
                    if best is None or key > best[0]:
                        best = (key, other, r)
            if best is not None:
                parent = best[1]
                pw = _when(ordered[pos[parent]])
                if w is not None and pw is not None:
                    evidence["gap_to_parent_s"] = (w - pw).total_seconds()
                evidence.update(relation=best[2].kind, score=best[2].score, **{
                    k: v for k, v in best[2].evidence.items() if k in ("jaccard", "shared", "same_url", "same_body")})
            elif group_of is None or group_of.get(a.id or -1) == group_of.get(first.id or -1):
                parent = first.id
        gap = None
        fw = _when(first)
        if w is not None and fw is not None:
            gap = (w - fw).total_seconds()
        prints = paragraph_prints(a.body)
        if a is first:
            shared = 1.0
        else:
            total = sum(prints.values())
            shared = sum(v for k, v in prints.items() if k in first_prints) / total if total else 0.0
        evidence["shared_with_first"] = round(shared, 4)
        mine = _paragraph_keys(a.body)
        out.append(ChainEntry(
            article=a, parent_id=parent, gap_s=gap,
            headline_changed=a is not first and _norm_title(a.title) != _norm_title(first.title),
            added_paragraphs=[p for k, p in mine.items() if k not in first_text] if a is not first else [],
            removed_paragraphs=[p for k, p in first_text.items() if k not in mine] if a is not first else [],
            evidence=evidence,
        ))  # fmt: skip
    return out


def copy_chain(store: Any, article_or_story_id: Article | int, *, story: bool = False) -> list[ChainEntry]:
    """The copy chain of an article (an Article or an article id), or with `story=True` of a story.

    For an article: its copy group in time order, the first entry being the first publisher
    (parent None). For a story: every article of the story in time order; copies point to
    the earlier copy they were linked to, other articles have no parent.
    """
    if story:
        ids = store.story_article_ids(int(article_or_story_id))  # type: ignore[arg-type]
        rels = [r for r in store.relations_among(ids, kinds=list(COPY_KINDS)) if r.src in ids and r.dst in ids]
        arts = store.get_articles(ids)
        entries = _entries(arts, rels, group_of={i: i for i in ids})  # no implicit parent
        return entries
    art_id = article_or_story_id.id if isinstance(article_or_story_id, Article) else int(article_or_story_id)
    if art_id is None:
        return []
    ids, rels = copy_group(store, art_id)
    return _entries(store.get_articles(ids), rels)


def first_publisher(store: Any, article_id: int) -> dict[str, Any]:
    """Provenance summary of an article's copy group: first publisher and evidence."""
    chain = copy_chain(store, article_id)
    if not chain:
        return {}
    first = chain[0]
    agencies: dict[str, str] = {}
    for e in chain:
        agencies.update(e.evidence.get("attribution", {}))
    return {
        "first_id": first.article.id,
        "first_source": first.article.source,
        "copies": len(chain) - 1,
        "undated": any(e.evidence.get("undated") for e in chain),
        "attribution": agencies,
        "chain": [e.to_dict() for e in chain],
    }
