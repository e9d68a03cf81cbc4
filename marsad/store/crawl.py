"""Store methods for crawling: the persisted frontier and per-source health.

The frontier is a table, so a crawl killed at any moment resumes where it stopped: a URL is
`pending` until the article it yields is stored, then `done` in the same transaction.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any


def _now() -> str:
    return datetime.now(UTC).isoformat()


class CrawlMixin:
    db: sqlite3.Connection
    lock: threading.RLock

    if TYPE_CHECKING:  # provided by the store class this is mixed into

        def query(self, sql: str, params: Any = ()) -> list[sqlite3.Row]: ...

        def transaction(self) -> Any: ...

    def enqueue(self, urls: Iterable[str], *, source: str | None, kind: str = "article", priority: int = 0) -> int:
        """Add URLs to the frontier; URLs already known are left as they are. Returns new count."""
        added = 0
        with self.transaction() as db:
            for url in urls:
                cur = db.execute(
                    "INSERT OR IGNORE INTO frontier (url, source, kind, priority, discovered_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (url, source, kind, priority, _now()),
                )
                added += cur.rowcount
        return added

    def due_urls(
        self, *, kind: str | None = None, limit: int = 100, source: str | None = None, now: str | None = None
    ) -> list[sqlite3.Row]:
        """Pending URLs whose time has come (of one source when given), highest priority first."""
        sql = "SELECT * FROM frontier WHERE state = 'pending' AND (next_at IS NULL OR next_at <= ?)"
        params: list[Any] = [now or _now()]
        if kind:
            sql += " AND kind = ?"
            params.append(kind)
        if source is not None:
            sql += " AND source = ?"
            params.append(source)
        sql += " ORDER BY priority DESC, discovered_at LIMIT ?"
        return self.query(sql, [*params, limit])

    def next_due_at(self, sources: list[str] | None = None) -> str | None:
        """Earliest next_at among pending URLs (of the given sources); None when nothing is pending."""
        sql = "SELECT MIN(COALESCE(next_at, '')) FROM frontier WHERE state = 'pending'"
        params: list[Any] = []
        if sources is not None:
            if not sources:
                return None
            sql += f" AND source IN ({','.join('?' for _ in sources)})"
            params += sources
        row = self.query(sql, params)[0][0]
        if row is None:
            return None
        return row or _now()

    def mark_seen(self, url: str, *, source: str | None, kind: str = "article", state: str = "done") -> None:
        """Record a URL as already handled (e.g. the target of a redirect) so it is not fetched again."""
        with self.transaction() as db:
            db.execute(
                "INSERT INTO frontier (url, source, kind, state, discovered_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(url) DO UPDATE SET state = excluded.state",
                (url, source, kind, state, _now()),
            )

    def requeue(self, url: str, *, next_at: str | None = None) -> None:
        """Make a URL pending again (a child sitemap whose lastmod changed)."""
        with self.transaction() as db:
            db.execute("UPDATE frontier SET state = 'pending', next_at = ? WHERE url = ?", (next_at, url))

    def drop_frontier(self, source: str) -> int:
        """Forget every frontier URL of a source (when the source is removed)."""
        with self.transaction() as db:
            return db.execute("DELETE FROM frontier WHERE source = ?", (source,)).rowcount

    def frontier_rows(self, *, source: str | None = None, kind: str | None = None, state: str | None = None,
                      limit: int = 100_000) -> list[sqlite3.Row]:  # fmt: skip
        sql = "SELECT * FROM frontier WHERE 1=1"
        params: list[Any] = []
        for column, value in (("source", source), ("kind", kind), ("state", state)):
            if value is not None:
                sql += f" AND {column} = ?"
                params.append(value)
        return self.query(sql + " ORDER BY discovered_at, url LIMIT ?", [*params, limit])

    def frontier_summary(self) -> dict[str, dict[str, int]]:
        """Counts by source and state: {source: {state: n}}."""
        out: dict[str, dict[str, int]] = {}
        for r in self.query("SELECT source, state, COUNT(*) AS n FROM frontier GROUP BY source, state"):
            out.setdefault(r["source"] or "", {})[r["state"]] = r["n"]
        return out

    def has_article_url(self, url: str) -> bool:
        """True when an article fetched from exactly this URL is stored (uses the url index)."""
        return bool(self.query("SELECT 1 FROM articles WHERE url = ? LIMIT 1", (url,)))

    def warc_paths(self) -> list[str]:
        """WARC files holding captures of this store, in the order they were first used."""
        rows = self.query(
            "SELECT warc_path, MIN(id) AS first FROM captures WHERE warc_path IS NOT NULL "
            "GROUP BY warc_path ORDER BY first"
        )
        return [r["warc_path"] for r in rows]

    def mark_url(
        self,
        url: str,
        state: str,
        *,
        error: str | None = None,
        next_at: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        db: sqlite3.Connection | None = None,
    ) -> None:
        """Set a frontier URL's state (pass `db` to do it inside a caller's transaction)."""
        sql = (
            "UPDATE frontier SET state = ?, last_error = ?, next_at = ?, attempts = attempts + 1, "
            "etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified) WHERE url = ?"
        )
        params = (state, error, next_at, etag, last_modified, url)
        if db is not None:
            db.execute(sql, params)
            return
        with self.transaction() as tx:
            tx.execute(sql, params)

    def claim_source(self, source: str, owner: str, seconds: float, *, steal_from: str | None = None) -> bool:
        """Take (or renew) the lease on a source for `seconds`; False while another collector holds
        an unexpired lease (unless it is `steal_from`: a holder known to be dead). One atomic upsert,
        so two collectors cannot both win."""
        now = datetime.now(UTC)
        until = (now + timedelta(seconds=seconds)).isoformat()
        with self.transaction() as db:
            cur = db.execute(
                "INSERT INTO source_leases (source, owner, until_at) VALUES (?, ?, ?) "
                "ON CONFLICT(source) DO UPDATE SET owner = excluded.owner, until_at = excluded.until_at "
                "WHERE source_leases.owner = excluded.owner OR source_leases.until_at <= ? "
                "OR source_leases.owner = ?",
                (source, owner, until, now.isoformat(), steal_from or ""),
            )
            return cur.rowcount == 1

    def release_source(self, source: str, owner: str) -> None:
        """Give a source back (only the lease's owner can)."""
        with self.transaction() as db:
            db.execute("DELETE FROM source_leases WHERE source = ? AND owner = ?", (source, owner))

    def source_leases(self) -> dict[str, tuple[str, str]]:
        """Unexpired leases: {source: (owner, until)}."""
        rows = self.query("SELECT source, owner, until_at FROM source_leases WHERE until_at > ?", (_now(),))
        return {r["source"]: (r["owner"], r["until_at"]) for r in rows}

    def frontier_row(self, url: str) -> sqlite3.Row | None:
        rows = self.query("SELECT * FROM frontier WHERE url = ?", (url,))
        return rows[0] if rows else None

    def frontier_counts(self) -> dict[str, int]:
        return {r["state"]: r["n"] for r in self.query("SELECT state, COUNT(*) AS n FROM frontier GROUP BY state")}

    def record_health(self, source: str, *, ok: bool, error: str | None = None, latency: float | None = None) -> None:
        now = _now()
        with self.transaction() as db:
            db.execute("INSERT OR IGNORE INTO source_health (source) VALUES (?)", (source,))
            if ok:
                db.execute(
                    "UPDATE source_health SET last_success = ?, fetched = fetched + 1, "
                    "feed_latency = COALESCE(?, feed_latency) WHERE source = ?",
                    (now, latency, source),
                )
            else:
                db.execute(
                    "UPDATE source_health SET last_error = ?, last_error_at = ?, failed = failed + 1 WHERE source = ?",
                    (error, now, source),
                )

    def source_health(self, source: str) -> dict[str, Any]:
        rows = self.query("SELECT * FROM source_health WHERE source = ?", (source,))
        health: dict[str, Any] = dict(rows[0]) if rows else {"source": source}
        per_day = self.query(
            "SELECT COUNT(*) * 1.0 / MAX(1, julianday(MAX(first_seen)) - julianday(MIN(first_seen)) + 1) "
            "FROM articles WHERE source = ?",
            (source,),
        )
        health["articles_per_day"] = round(float(per_day[0][0] or 0.0), 2)
        return health
