"""marsad.link: republished copies, the first publisher, and stories over time.

* `link_article(store, article)` — called by the pipeline right after an article is stored:
  exact copies (body hash, URL), near copies (MinHash LSH over word 3-grams, bands in the
  store), containment (paragraph fingerprints), agency credits, and the article's story.
* `story_similarity(a, b)` — topical similarity in [0, 1] used by clustering.
* `copy_chain(store, article_or_story_id)` — provenance: first publisher and each copy's changes.
* `rebuild(store)` — relink a whole store; `stories_json(store)` — stories for the CLI/API.

See docs/linking.md.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from marsad.link import stories
from marsad.link.chain import ChainEntry, copy_chain, copy_group, first_publisher
from marsad.link.core import LinkResult, link_article
from marsad.link.similarity import story_similarity

__all__ = [
    "ChainEntry",
    "LinkResult",
    "copy_chain",
    "copy_group",
    "first_publisher",
    "link_article",
    "rebuild",
    "stories_json",
    "story_similarity",
]


def rebuild(store: Any, *, progress: Callable[[int, int], None] | None = None, batch: int = 500) -> dict[str, int]:
    """Forget all links and relink every article of the store, oldest first."""
    store.clear_links()
    stories.forget(store)
    ids = store.article_ids_by_time()
    counts = {"articles": 0, "relations": 0, "stories": 0}
    for start in range(0, len(ids), batch):
        for article in store.get_articles(ids[start : start + batch]):
            res = link_article(store, article)
            counts["articles"] += 1
            counts["relations"] += len(res.relations)
            counts["stories"] += int(res.new_story)
        if progress:
            progress(min(start + batch, len(ids)), len(ids))
    return counts


def stories_json(
    store: Any, since: str | datetime | None = None, limit: int = 50, *, articles: int = 5, min_articles: int = 1
) -> list[dict[str, Any]]:
    """Latest stories as JSON-ready dicts (for `marsad stories [--since] [--json]`).

    `since` is an ISO date/time (or datetime): stories with activity on or after it.
    """
    if isinstance(since, datetime):
        since = since.isoformat()
    out = []
    for s in store.list_stories(since=since, limit=limit, min_articles=min_articles):
        ids = store.story_article_ids(s.id)
        members = store.get_articles(ids[:articles]) if articles else []
        out.append({
            "id": s.id, "title": s.title,
            "first_time": s.first_time.isoformat() if s.first_time else None,
            "last_time": s.last_time.isoformat() if s.last_time else None,
            "article_count": s.article_count, "outlet_count": s.outlet_count,
            "articles": [
                {"id": a.id, "title": a.title, "source": a.source, "url": a.url,
                 "published": a.published.isoformat() if a.published else None}
                for a in members
            ],
        })  # fmt: skip
    return out
