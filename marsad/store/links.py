"""Store methods for linking: relations, stories, persisted LSH bands, paragraph prints."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable
from typing import Any

from marsad.model import Relation, Story
from marsad.store.rows import iso, parse_iso


class LinksMixin:
    db: sqlite3.Connection
    lock: threading.RLock

    def query(self, sql: str, params: Any = ()) -> list[sqlite3.Row]: ...  # provided by the store

    def transaction(self) -> Any: ...  # provided by the store

    # -- relations --------------------------------------------------------------------------

    def add_relations(self, relations: Iterable[Relation]) -> int:
        added = 0
        with self.transaction() as db:
            for rel in relations:
                cur = db.execute(
                    "INSERT OR IGNORE INTO relations (src, kind, dst, agency, score, evidence) VALUES (?, ?, ?, ?, ?, ?)",
                    (rel.src, rel.kind, rel.dst, rel.agency, rel.score, json.dumps(rel.evidence, ensure_ascii=False)),
                )
                added += cur.rowcount
        return added

    def relations_of(self, article_id: int) -> list[Relation]:
        """Relations where the article is either end."""
        rows = self.query("SELECT * FROM relations WHERE src = ? OR dst = ?", (article_id, article_id))
        return [
            Relation(src=r["src"], kind=r["kind"], dst=r["dst"], agency=r["agency"], score=r["score"],
                     evidence=json.loads(r["evidence"]))
            for r in rows
        ]  # fmt: skip

    # -- LSH bands and paragraph fingerprints -------------------------------------------------

    def add_bands(self, article_id: int, bands: list[str]) -> None:
        with self.transaction() as db:
            db.executemany(
                "INSERT INTO lsh_bands (band, hash, article_id) VALUES (?, ?, ?)",
                [(i, h, article_id) for i, h in enumerate(bands)],
            )

    def band_candidates(self, bands: list[str], exclude: int | None = None) -> list[int]:
        """Articles sharing at least one LSH band with the given signature."""
        if not bands:
            return []
        found: set[int] = set()
        for i, h in enumerate(bands):
            for r in self.query("SELECT article_id FROM lsh_bands WHERE band = ? AND hash = ?", (i, h)):
                found.add(r["article_id"])
        found.discard(exclude if exclude is not None else -1)
        return sorted(found)

    def add_paragraph_prints(self, article_id: int, prints: list[str]) -> None:
        with self.transaction() as db:
            db.executemany(
                "INSERT INTO paragraph_prints (print, article_id) VALUES (?, ?)",
                [(p, article_id) for p in set(prints)],
            )

    def paragraph_candidates(self, prints: list[str], exclude: int | None = None) -> dict[int, int]:
        """Article id -> number of shared paragraph fingerprints."""
        counts: dict[int, int] = {}
        for p in set(prints):
            for r in self.query("SELECT article_id FROM paragraph_prints WHERE print = ?", (p,)):
                if r["article_id"] != exclude:
                    counts[r["article_id"]] = counts.get(r["article_id"], 0) + 1
        return counts

    # -- stories ----------------------------------------------------------------------------

    def create_story(self, story: Story, terms: dict[str, float] | None = None) -> int:
        with self.transaction() as db:
            cur = db.execute(
                "INSERT INTO stories (title, first_time, last_time, article_count, outlet_count, terms) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (story.title, iso(story.first_time), iso(story.last_time), story.article_count,
                 story.outlet_count, json.dumps(terms or {}, ensure_ascii=False)),
            )  # fmt: skip
            story.id = int(cur.lastrowid or 0)
        return story.id

    def update_story(self, story: Story, terms: dict[str, float] | None = None) -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE stories SET title = ?, first_time = ?, last_time = ?, article_count = ?, "
                "outlet_count = ?, terms = COALESCE(?, terms) WHERE id = ?",
                (story.title, iso(story.first_time), iso(story.last_time), story.article_count,
                 story.outlet_count, json.dumps(terms, ensure_ascii=False) if terms is not None else None,
                 story.id),
            )  # fmt: skip

    def set_article_story(self, article_id: int, story_id: int) -> None:
        with self.transaction() as db:
            db.execute("UPDATE articles SET story_id = ? WHERE id = ?", (story_id, article_id))

    def get_story(self, story_id: int) -> Story | None:
        rows = self.query("SELECT * FROM stories WHERE id = ?", (story_id,))
        return _row_to_story(rows[0]) if rows else None

    def story_terms(self, story_id: int) -> dict[str, float]:
        rows = self.query("SELECT terms FROM stories WHERE id = ?", (story_id,))
        return json.loads(rows[0]["terms"]) if rows else {}

    def list_stories(self, *, since: str | None = None, limit: int = 50, min_articles: int = 1) -> list[Story]:
        sql = "SELECT * FROM stories WHERE article_count >= ?"
        params: list[Any] = [min_articles]
        if since:
            sql += " AND last_time >= ?"
            params.append(since)
        sql += " ORDER BY last_time DESC, id DESC LIMIT ?"
        return [_row_to_story(r) for r in self.query(sql, [*params, limit])]

    def story_article_ids(self, story_id: int) -> list[int]:
        rows = self.query(
            "SELECT id FROM articles WHERE story_id = ? ORDER BY COALESCE(published_utc, first_seen), id",
            (story_id,),
        )
        return [r["id"] for r in rows]


def _row_to_story(r: sqlite3.Row) -> Story:
    return Story(
        id=r["id"], title=r["title"], first_time=parse_iso(r["first_time"]),
        last_time=parse_iso(r["last_time"]), article_count=r["article_count"],
        outlet_count=r["outlet_count"],
    )  # fmt: skip
