"""Store methods for linking: relations, stories, persisted LSH bands, paragraph prints."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from marsad.model import Relation, Story
from marsad.store.rows import iso, parse_iso


class LinksMixin:
    db: sqlite3.Connection
    lock: threading.RLock

    if TYPE_CHECKING:  # provided by the store class this is mixed into

        def query(self, sql: str, params: Any = ()) -> list[sqlite3.Row]: ...

        def transaction(self) -> Any: ...

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
        """Articles sharing at least one LSH band with the given signature (one query)."""
        if not bands:
            return []
        cond = " OR ".join("(band = ? AND hash = ?)" for _ in bands)
        params: list[Any] = [x for i, h in enumerate(bands) for x in (i, h)]
        rows = self.query(f"SELECT DISTINCT article_id FROM lsh_bands WHERE {cond}", params)
        found = {r[0] for r in rows}
        found.discard(exclude if exclude is not None else -1)
        return sorted(found)

    def add_paragraph_prints(self, article_id: int, prints: list[str]) -> None:
        with self.transaction() as db:
            db.executemany(
                "INSERT INTO paragraph_prints (print, article_id) VALUES (?, ?)",
                [(p, article_id) for p in set(prints)],
            )

    def paragraph_candidates(
        self, prints: list[str], exclude: int | None = None, common: int | None = None
    ) -> dict[int, int]:
        """Article id -> number of shared paragraph fingerprints.

        With `common`, prints held by more than `common` articles (site boilerplate, stock
        background paragraphs) are ignored.
        """
        shared = self.paragraph_matches(prints, exclude=exclude, common=common)
        counts: dict[int, int] = {}
        for ids in shared.values():
            for a in ids:
                counts[a] = counts.get(a, 0) + 1
        return counts

    def paragraph_print_counts(self, prints: list[str]) -> dict[str, int]:
        """How many articles hold each print (prints held by none are left out)."""
        uniq = sorted(set(prints))
        if not uniq:
            return {}
        marks = ",".join("?" for _ in uniq)
        rows = self.query(
            f"SELECT print, COUNT(*) FROM paragraph_prints WHERE print IN ({marks}) GROUP BY print", uniq
        )
        return {r[0]: int(r[1]) for r in rows}

    def paragraph_matches(
        self, prints: list[str], exclude: int | None = None, common: int | None = None
    ) -> dict[str, list[int]]:
        """Print -> ids of the articles holding it (without `exclude`).

        With `common`, prints held by more than `common` articles are left out; ask
        `paragraph_holders` for the counts too.
        """
        holders = self.paragraph_holders(prints)
        return {
            p: [a for a in ids if a != exclude]
            for p, ids in holders.items()
            if (common is None or len(ids) <= common) and any(a != exclude for a in ids)
        }

    def paragraph_holders(self, prints: list[str]) -> dict[str, list[int]]:
        """Print -> ids of every article holding it (one query)."""
        uniq = sorted(set(prints))
        if not uniq:
            return {}
        marks = ",".join("?" for _ in uniq)
        out: dict[str, list[int]] = {}
        for r in self.query(f"SELECT print, article_id FROM paragraph_prints WHERE print IN ({marks})", uniq):
            out.setdefault(r[0], []).append(r[1])
        return out

    # -- linking reads and writes --------------------------------------------------------------

    def exact_copies(self, article_id: int, body_hash: str | None, urls: list[str]) -> list[tuple[int, str]]:
        """Other articles with the same body hash or the same URL: [(id, "body_hash"|"url")]."""
        urls = sorted({u for u in urls if u})
        parts, params = [], []
        if body_hash:
            parts.append("SELECT id, 'body_hash' FROM articles WHERE body_hash = ? AND id != ?")
            params += [body_hash, article_id]
        if urls:
            marks = ",".join("?" for _ in urls)
            parts.append(f"SELECT id, 'url' FROM articles WHERE (url IN ({marks}) OR canonical_url IN ({marks})) AND id != ?")
            params += [*urls, *urls, article_id]
        if not parts:
            return []
        return [(r[0], r[1]) for r in self.query(" UNION ALL ".join(parts), params)]

    def link_rows(self, ids: list[int], *, body: bool = True) -> list[dict[str, Any]]:
        """What linking reads about articles: a few columns and their indexed terms."""
        if not ids:
            return []
        marks = ",".join("?" for _ in ids)
        rows = self.query(
            "SELECT a.id, a.title, a.body, a.url, a.canonical_url, a.source, a.site_name, a.published_utc, "
            "a.first_seen, a.story_id, a.attribution, a.dateline, a.body_hash, f.title AS title_terms, "
            "f.body AS body_terms, EXISTS(SELECT 1 FROM lsh_bands b WHERE b.article_id = a.id) AS has_bands, "
            "EXISTS(SELECT 1 FROM paragraph_prints p WHERE p.article_id = a.id) AS has_prints "
            "FROM articles a LEFT JOIN articles_fts f ON f.rowid = a.id "
            f"WHERE a.id IN ({marks})",
            list(ids),
        )
        out = []
        for r in rows:
            d = dict(r)
            d["body"] = json.loads(d["body"] or "[]") if body else None
            d["attribution"] = json.loads(d["attribution"] or "[]")
            d["dateline"] = json.loads(d["dateline"]) if d["dateline"] else None
            out.append(d)
        return out

    def save_links(
        self,
        article_id: int,
        *,
        bands: list[str] | None = None,
        prints: list[str] | None = None,
        relations: list[Relation] | None = None,
        story: Story | None = None,
        story_terms: dict[str, float] | None = None,
        new_story: bool = False,
    ) -> int | None:
        """Write what linking found for one article in one transaction; returns its story id."""
        with self.transaction() as db:
            if bands:
                db.executemany(
                    "INSERT INTO lsh_bands (band, hash, article_id) VALUES (?, ?, ?)",
                    [(i, h, article_id) for i, h in enumerate(bands)],
                )
            if prints:
                db.executemany(
                    "INSERT INTO paragraph_prints (print, article_id) VALUES (?, ?)",
                    [(p, article_id) for p in sorted(set(prints))],
                )
            if relations:
                db.executemany(
                    "INSERT OR IGNORE INTO relations (src, kind, dst, agency, score, evidence) VALUES (?, ?, ?, ?, ?, ?)",
                    [(rel.src, rel.kind, rel.dst, rel.agency, rel.score, json.dumps(rel.evidence, ensure_ascii=False))
                     for rel in relations],
                )  # fmt: skip
            if story is not None:
                terms = json.dumps(story_terms, ensure_ascii=False) if story_terms is not None else None
                if new_story or story.id is None:
                    cur = db.execute(
                        "INSERT INTO stories (title, first_time, last_time, article_count, outlet_count, terms) "
                        "VALUES (?, ?, ?, ?, ?, ?)",
                        (story.title, iso(story.first_time), iso(story.last_time), story.article_count,
                         story.outlet_count, terms or "{}"),
                    )  # fmt: skip
                    story.id = int(cur.lastrowid or 0)
                else:
                    db.execute(
                        "UPDATE stories SET title = ?, first_time = ?, last_time = ?, article_count = ?, "
                        "outlet_count = ?, terms = COALESCE(?, terms) WHERE id = ?",
                        (story.title, iso(story.first_time), iso(story.last_time), story.article_count,
                         story.outlet_count, terms, story.id),
                    )  # fmt: skip
                db.execute("UPDATE articles SET story_id = ? WHERE id = ?", (story.id, article_id))
                return story.id
        return None

    def term_doc_counts(self, terms: list[str]) -> dict[str, int]:
        """Documents of the search index holding each term (FTS5 vocabulary, both columns)."""
        uniq = sorted(set(terms))
        if not uniq:
            return {}
        if not getattr(self, "_vocab_ready", False):
            with self.lock:
                self.db.execute(
                    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.link_vocab USING fts5vocab(main, articles_fts, 'row')"
                )
            self._vocab_ready = True
        marks = ",".join("?" for _ in uniq)
        return {r[0]: int(r[1]) for r in self.query(f"SELECT term, doc FROM temp.link_vocab WHERE term IN ({marks})", uniq)}

    def stories_with_terms(self, ids: list[int]) -> list[tuple[Story, dict[str, float]]]:
        if not ids:
            return []
        marks = ",".join("?" for _ in ids)
        rows = self.query(f"SELECT * FROM stories WHERE id IN ({marks})", list(ids))
        return [(_row_to_story(r), json.loads(r["terms"] or "{}")) for r in rows]

    def max_story_id(self) -> int:
        return int(self.query("SELECT MAX(id) FROM stories")[0][0] or 0)

    def latest_story_time(self) -> datetime | None:
        return parse_iso(self.query("SELECT MAX(last_time) FROM stories")[0][0])

    def active_stories(self, since: str | None) -> list[tuple[Story, dict[str, float]]]:
        """Stories (with their terms) whose last article is at or after `since` (all if None),
        plus those without a time."""
        if since is None:
            rows = self.query("SELECT * FROM stories")
        else:
            rows = self.query("SELECT * FROM stories WHERE last_time >= ? OR last_time IS NULL", (since,))
        return [(_row_to_story(r), json.loads(r["terms"] or "{}")) for r in rows]

    def stories_after_id(self, story_id: int) -> list[tuple[Story, dict[str, float]]]:
        rows = self.query("SELECT * FROM stories WHERE id > ? ORDER BY id", (story_id,))
        return [(_row_to_story(r), json.loads(r["terms"] or "{}")) for r in rows]

    def story_sources(self, story_id: int) -> list[str | None]:
        return [r[0] for r in self.query("SELECT DISTINCT source FROM articles WHERE story_id = ?", (story_id,))]

    def story_has_source(self, story_id: int, source: str | None, exclude: int | None = None) -> bool:
        rows = self.query(
            "SELECT 1 FROM articles WHERE story_id = ? AND source IS ? AND id != ? LIMIT 1",
            (story_id, source, exclude if exclude is not None else -1),
        )
        return bool(rows)

    def relations_among(self, ids: list[int], kinds: list[str] | None = None) -> list[Relation]:
        """Relations with either end in `ids` (optionally of the given kinds)."""
        if not ids:
            return []
        marks = ",".join("?" for _ in ids)
        sql = f"SELECT * FROM relations WHERE (src IN ({marks}) OR dst IN ({marks}))"
        params: list[Any] = [*ids, *ids]
        if kinds:
            sql += f" AND kind IN ({','.join('?' for _ in kinds)})"
            params += kinds
        return [
            Relation(src=r["src"], kind=r["kind"], dst=r["dst"], agency=r["agency"], score=r["score"],
                     evidence=json.loads(r["evidence"]))
            for r in self.query(sql, params)
        ]  # fmt: skip

    def max_article_id(self) -> int:
        """The largest article id (a cheap stand-in for the article count)."""
        return int(self.query("SELECT MAX(id) FROM articles")[0][0] or 0)

    def article_ids_by_time(self) -> list[int]:
        """Every article id, oldest first (published time, else first seen)."""
        rows = self.query("SELECT id FROM articles ORDER BY COALESCE(published_utc, first_seen), id")
        return [r[0] for r in rows]

    def article_ids(self, *, after_id: int = 0, limit: int = 1000) -> list[int]:
        rows = self.query("SELECT id FROM articles WHERE id > ? ORDER BY id LIMIT ?", (after_id, limit))
        return [r[0] for r in rows]

    def clear_links(self) -> None:
        """Forget every relation, band, paragraph print and story (for a full relink)."""
        with self.transaction() as db:
            db.execute("UPDATE articles SET story_id = NULL WHERE story_id IS NOT NULL")
            db.execute("DELETE FROM relations")
            db.execute("DELETE FROM lsh_bands")
            db.execute("DELETE FROM paragraph_prints")
            db.execute("DELETE FROM stories")

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
