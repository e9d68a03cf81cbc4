"""The embedded default store: one SQLite file in WAL mode.

All SQL of marsad lives in this package. Writes go through one connection guarded by a lock
(the single-writer pattern); every article is written with its capture and its index row in one
transaction, so a crash never leaves half an article.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from marsad.errors import QueryError, StoreError
from marsad.model import Article, Capture, Source
from marsad.store.crawl import CrawlMixin
from marsad.store.links import LinksMixin
from marsad.store.migrations import migrate
from marsad.store.rows import (
    article_to_row,
    iso,
    row_to_article,
    row_to_source,
    source_to_row,
)

ARTICLE_COLUMNS = [
    "ident", "url", "canonical_url", "title", "lead", "body", "published", "published_utc",
    "published_precision", "published_evidence", "updated", "authors", "dateline",
    "attribution", "tags", "related", "language", "images", "source", "site_name",
    "first_seen", "capture_id", "body_hash",
]  # fmt: skip


class SqliteStore(CrawlMixin, LinksMixin):
    """Domain-named methods over one SQLite file; the only place that knows the schema."""

    backend = "sqlite"

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.location = str(path)  # for display (the PostgreSQL store hides its password here)
        self.lock = threading.RLock()
        self._savepoints = 0
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(
                str(path), isolation_level=None, check_same_thread=False, timeout=30
            )
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open store {path}: {exc}") from exc
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.execute("PRAGMA busy_timeout=30000")
        if not readonly:
            with self.lock:
                self.applied_migrations = migrate(self.db)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> SqliteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; rolled back whole on any error.

        Inside an open `batch()` it is a savepoint: still all-or-nothing for its own writes.
        """
        with self.lock:
            if self.db.in_transaction:
                self._savepoints += 1
                name = f"sp{self._savepoints}"
                self.db.execute(f"SAVEPOINT {name}")
                try:
                    yield self.db
                except BaseException:
                    self.db.execute(f"ROLLBACK TO {name}")
                    self.db.execute(f"RELEASE {name}")
                    raise
                self.db.execute(f"RELEASE {name}")
                return
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
                self.db.execute("COMMIT")
            except BaseException:
                if self.db.in_transaction:  # also when COMMIT itself failed (disk full, I/O error)
                    self.db.execute("ROLLBACK")
                raise

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group many writes into one commit (bulk imports); each article stays whole."""
        with self.transaction():
            yield

    def query(self, sql: str, params: Any = ()) -> list[sqlite3.Row]:
        with self.lock:
            return self.db.execute(sql, params).fetchall()

    # -- articles ---------------------------------------------------------------------------

    def add_article(
        self,
        article: Article,
        *,
        capture: Capture | None = None,
        title_terms: list[str] | None = None,
        body_terms: list[str] | None = None,
    ) -> tuple[int, bool]:
        """Store an article (and its capture and index terms) in one transaction.

        Returns (article id, inserted). An article whose identity is already stored is not
        written again: re-ingesting the same input adds nothing twice.
        """
        row = article_to_row(article)
        with self.transaction() as db:
            found = db.execute("SELECT id FROM articles WHERE ident = ?", (row["ident"],)).fetchone()
            if found:
                article.id = found["id"]
                return found["id"], False
            if capture is not None:
                row["capture_id"] = self._insert_capture(db, capture)
                article.capture_id = row["capture_id"]
            cols = ", ".join(ARTICLE_COLUMNS)
            marks = ", ".join("?" for _ in ARTICLE_COLUMNS)
            cur = db.execute(
                f"INSERT INTO articles ({cols}) VALUES ({marks})", [row[c] for c in ARTICLE_COLUMNS]
            )
            article_id = int(cur.lastrowid or 0)
            db.execute(
                "INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
                (article_id, " ".join(title_terms or []), " ".join(body_terms or [])),
            )
        article.id = article_id
        return article_id, True

    def get_article(self, article_id: int) -> Article | None:
        rows = self.query("SELECT * FROM articles WHERE id = ?", (article_id,))
        return row_to_article(rows[0]) if rows else None

    def get_articles(self, ids: list[int]) -> list[Article]:
        """Articles by id, in the order given."""
        if not ids:
            return []
        marks = ",".join("?" for _ in ids)
        rows = self.query(f"SELECT * FROM articles WHERE id IN ({marks})", ids)
        by_id = {r["id"]: row_to_article(r) for r in rows}
        return [by_id[i] for i in ids if i in by_id]

    def iter_articles(self, *, batch: int = 500, source: str | None = None) -> Iterator[Article]:
        """Every article in id order, read in batches so memory stays flat."""
        last = 0
        while True:
            sql = "SELECT * FROM articles WHERE id > ?"
            params: list[Any] = [last]
            if source:
                sql += " AND source = ?"
                params.append(source)
            rows = self.query(sql + " ORDER BY id LIMIT ?", [*params, batch])
            if not rows:
                return
            for row in rows:
                yield row_to_article(row)
            last = rows[-1]["id"]

    def articles_by_url(self, url: str) -> list[int]:
        rows = self.query("SELECT id FROM articles WHERE url = ? OR canonical_url = ? ORDER BY id", (url, url))
        return [r["id"] for r in rows]

    def needs_linking(self, article_id: int) -> bool:
        """True when a stored article has no story yet (its linking failed or never ran)."""
        rows = self.query("SELECT story_id FROM articles WHERE id = ?", (article_id,))
        return bool(rows) and rows[0]["story_id"] is None

    def body_hashes(self, ids: list[int]) -> dict[int, str]:
        """Stored body hashes (computed once at write time) of the given articles."""
        if not ids:
            return {}
        marks = ",".join("?" for _ in ids)
        rows = self.query(f"SELECT id, body_hash FROM articles WHERE id IN ({marks})", ids)
        return {r["id"]: r["body_hash"] for r in rows if r["body_hash"]}

    def articles_by_body_hash(self, body_hash: str) -> list[int]:
        rows = self.query("SELECT id FROM articles WHERE body_hash = ? ORDER BY id", (body_hash,))
        return [r["id"] for r in rows]

    def latest_articles(self, limit: int = 20, source: str | None = None) -> list[Article]:
        sql = "SELECT * FROM articles"
        params: list[Any] = []
        if source:
            sql += " WHERE source = ?"
            params.append(source)
        sql += " ORDER BY COALESCE(published_utc, first_seen) DESC, id DESC LIMIT ?"
        return [row_to_article(r) for r in self.query(sql, [*params, limit])]

    def count_articles(self) -> int:
        return int(self.query("SELECT COUNT(*) FROM articles")[0][0])

    # -- full-text search -----------------------------------------------------------------

    def _fts_base(self, match: str | None, where: list[tuple[str, Any]]) -> tuple[str, list[Any], str]:
        """FROM/WHERE of a search and its score expression (the one part each backend writes)."""
        clauses, params = self._filters(where)
        if match:
            base = (
                "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
                "WHERE articles_fts MATCH ?"
            )
            params = [match, *params]
            score = "-bm25(articles_fts, 3.0, 1.0)"
        else:
            base = "FROM articles a WHERE 1=1"
            score = "0.0"
        if clauses:
            base += " AND " + " AND ".join(clauses)
        return base, params, score

    def fts_search(
        self,
        match: str | None,
        *,
        where: list[tuple[str, Any]] | None = None,
        order: str = "rank",
        limit: int = 20,
        offset: int = 0,
    ) -> tuple[int, list[tuple[int, float]]]:
        """Run an FTS5 MATCH (over analyzed terms) plus filters; returns (total, [(id, score)]).

        `where` items are (filter name, value) from a fixed vocabulary, so no SQL comes from
        callers: source, story, lang, after, before, ids. Higher scores are better.
        """
        base, params, score = self._fts_base(match, where or [])
        try:
            total = int(self.query(f"SELECT COUNT(*) {base}", params)[0][0])
        except sqlite3.OperationalError as exc:  # the index refuses a query marsad.search let through
            raise QueryError(f"the search index cannot run this query ({exc})") from exc
        sort = {
            "rank": "score DESC, a.id DESC",
            "date": "COALESCE(a.published_utc, a.first_seen) DESC, a.id DESC",
            "date_asc": "COALESCE(a.published_utc, a.first_seen) ASC, a.id ASC",
        }[order]
        rows = self.query(
            f"SELECT a.id, {score} AS score {base} ORDER BY {sort} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return total, [(r["id"], float(r["score"])) for r in rows]

    def fts_facets(self, match: str | None, where: list[tuple[str, Any]] | None = None) -> dict[str, list]:
        """Counts by source and by day for a query."""
        base, params, _ = self._fts_base(match, where or [])
        by_source = self.query(
            f"SELECT a.source AS k, COUNT(*) AS n {base} GROUP BY a.source ORDER BY n DESC, k LIMIT 50", params
        )
        by_day = self.query(
            f"SELECT substr(COALESCE(a.published_utc, a.first_seen), 1, 10) AS k, COUNT(*) AS n {base} "
            "GROUP BY 1 ORDER BY 1",
            params,
        )
        return {
            "source": [(r["k"], r["n"]) for r in by_source],
            "day": [(r["k"], r["n"]) for r in by_day],
        }

    @staticmethod
    def _filters(where: list[tuple[str, Any]]) -> tuple[list[str], list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        for name, value in where:
            if name == "source":
                clauses.append("(a.source = ? OR a.site_name = ?)")
                params += [value, value]
            elif name == "story":
                clauses.append("a.story_id = ?")
                params.append(int(value))
            elif name == "lang":
                clauses.append("a.language = ?")
                params.append(value)
            elif name == "after":
                clauses.append("COALESCE(a.published_utc, a.first_seen) >= ?")
                params.append(value)
            elif name == "before":
                clauses.append("COALESCE(a.published_utc, a.first_seen) < ?")
                params.append(value)
            elif name == "ids":
                ids = [int(v) for v in value] or [-1]
                clauses.append(f"a.id IN ({','.join('?' for _ in ids)})")
                params += ids
            else:
                raise ValueError(f"unknown filter {name!r}")
        return clauses, params

    # -- captures ---------------------------------------------------------------------------

    def _insert_capture(self, db: sqlite3.Connection, capture: Capture) -> int:
        cur = db.execute(
            "INSERT INTO captures (url, fetched_at, status, headers, content_hash, warc_path, "
            "warc_offset, source, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                capture.url, iso(capture.fetched_at), capture.status,
                json.dumps(capture.headers), capture.content_hash, capture.warc_path,
                capture.warc_offset, capture.source, capture.kind,
            ),
        )  # fmt: skip
        capture.id = int(cur.lastrowid or 0)
        return capture.id

    def add_capture(self, capture: Capture) -> int:
        with self.transaction() as db:
            return self._insert_capture(db, capture)

    def get_capture(self, capture_id: int) -> Capture | None:
        rows = self.query("SELECT * FROM captures WHERE id = ?", (capture_id,))
        if not rows:
            return None
        r = rows[0]
        return Capture(
            id=r["id"], url=r["url"], fetched_at=datetime.fromisoformat(r["fetched_at"]),
            status=r["status"], headers=json.loads(r["headers"] or "{}"),
            content_hash=r["content_hash"], warc_path=r["warc_path"],
            warc_offset=r["warc_offset"], source=r["source"], kind=r["kind"],
        )  # fmt: skip

    def warc_offsets(self, warc_path: str) -> set[int]:
        """Offsets of a WARC file whose captures are already stored (resumable backfills)."""
        rows = self.query("SELECT warc_offset FROM captures WHERE warc_path = ?", (warc_path,))
        return {int(r[0]) for r in rows if r[0] is not None}

    def captures_in_warcs(self) -> list[Capture]:
        rows = self.query("SELECT id FROM captures WHERE warc_path IS NOT NULL ORDER BY id")
        return [c for c in (self.get_capture(r["id"]) for r in rows) if c]

    # -- sources ----------------------------------------------------------------------------

    def upsert_source(self, source: Source) -> None:
        row = source_to_row(source)
        cols = list(row)
        updates = ", ".join(f"{c} = excluded.{c}" for c in cols if c != "key")
        with self.transaction() as db:
            db.execute(
                f"INSERT INTO sources ({', '.join(cols)}, created_at) VALUES "
                f"({', '.join('?' for _ in cols)}, ?) ON CONFLICT(key) DO UPDATE SET {updates}",
                [*row.values(), datetime.now(UTC).isoformat()],
            )

    def get_source(self, key: str) -> Source | None:
        rows = self.query("SELECT * FROM sources WHERE key = ?", (key,))
        return row_to_source(rows[0]) if rows else None

    def list_sources(self) -> list[Source]:
        return [row_to_source(r) for r in self.query("SELECT * FROM sources ORDER BY key")]

    def remove_source(self, key: str) -> bool:
        with self.transaction() as db:
            cur = db.execute("DELETE FROM sources WHERE key = ?", (key,))
            return cur.rowcount > 0

    def get_profile(self, key: str) -> dict | None:
        rows = self.query("SELECT profile FROM sources WHERE key = ?", (key,))
        return json.loads(rows[0]["profile"]) if rows and rows[0]["profile"] else None

    def save_profile(self, key: str, profile: dict) -> None:
        """Store a source's learned boilerplate profile (creates a bare source if needed)."""
        with self.transaction() as db:
            db.execute(
                "INSERT INTO sources (key, created_at, profile) VALUES (?, ?, ?) "
                "ON CONFLICT(key) DO UPDATE SET profile = excluded.profile",
                (key, datetime.now(UTC).isoformat(), json.dumps(profile, ensure_ascii=False)),
            )

    # -- statistics -------------------------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        one = lambda sql: self.query(sql)[0][0]  # noqa: E731
        return {
            "store": self.location,
            "backend": self.backend,
            "articles": one("SELECT COUNT(*) FROM articles"),
            "sources": one("SELECT COUNT(DISTINCT source) FROM articles"),
            "registered_sources": one("SELECT COUNT(*) FROM sources"),
            "captures": one("SELECT COUNT(*) FROM captures"),
            "stories": one("SELECT COUNT(*) FROM stories"),
            "relations": one("SELECT COUNT(*) FROM relations"),
            "first_published": one("SELECT MIN(published_utc) FROM articles"),
            "last_published": one("SELECT MAX(published_utc) FROM articles"),
            "frontier_pending": one("SELECT COUNT(*) FROM frontier WHERE state = 'pending'"),
        }
