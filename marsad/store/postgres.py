"""The PostgreSQL store: the same methods as SqliteStore, for larger deployments.

`open_postgres("postgresql://user@host/db")` connects, applies the PostgreSQL migrations
(pg_migrations.py: the same tables and columns as the SQLite ones) and returns a PostgresStore.

Most methods are SqliteStore's and the Crawl/Links mixins', unchanged: they run through
`self.db`, a `PgConnection` that translates their small SQLite dialect (pg_dialect.py). What
cannot translate is overridden here:

- full text: `articles_fts` holds the same analyzed terms with a generated, weighted tsvector
  (`simple` config; title A, body B) under a GIN index. `_fts_base` (shared by the inherited
  `fts_search` and `fts_facets`) translates the FTS5 MATCH strings of marsad.search into
  `to_tsquery('simple', …)` and rank with `ts_rank_cd` (title weighted 3x body, as the SQLite
  bm25 weights are): the same hits, totals, facets and date orders; other score values;
- `term_doc_counts` (FTS5 vocabulary table there) counts documents through the GIN index;
- `list_stories` keeps SQLite's NULL order (stories without a time last);
- `transaction()` uses psycopg transactions (nested = savepoints) under the same lock.

One connection per store, guarded by an RLock like the SQLite store; open one store per
thread or process that writes concurrently (PostgreSQL then handles the concurrency).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from marsad.errors import StoreError
from marsad.model import Story
from marsad.store.links import _row_to_story
from marsad.store.pg_dialect import PgConnection, Row, fts_to_tsquery, row_factory
from marsad.store.pg_migrations import migrate
from marsad.store.sqlite import SqliteStore

__all__ = ["PostgresStore", "is_postgres_location", "open_postgres", "redact_dsn"]

# ts_rank_cd weights {D, C, B, A}: title (A) counts 3x body (B), like bm25(articles_fts, 3.0, 1.0).
_WEIGHTS = "{0.1, 0.2, 0.3333333, 1.0}"
_SCORE = f"ts_rank_cd('{_WEIGHTS}'::float4[], f.tsv, q, 1)::float8"


def redact_dsn(dsn: str) -> str:
    """The DSN without its password (for display)."""
    dsn = re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", dsn)
    return re.sub(r"(password\s*=\s*)\S+", r"\1***", dsn, flags=re.I)


def _numeric_loader() -> type:
    from psycopg.adapt import Loader

    class NumericLoader(Loader):
        """NUMERIC as int when integral (SUM of integers) else float, as SQLite returns them."""

        def load(self, data: Any) -> int | float:
            text = bytes(data).decode()
            if "." in text or "e" in text or "E" in text or "N" in text or "I" in text:
                return float(text)
            return int(text)

    return NumericLoader


class PostgresStore(SqliteStore):
    """Domain-named methods over one PostgreSQL database (see the module docstring).

    It subclasses SqliteStore only to share its dialect-neutral methods; `backend` says which
    store it is. `path` is the DSN as given (so `open_store(store.path)` opens the same store);
    `location` is the DSN without password, for display.
    """

    backend = "postgresql"

    def __init__(self, dsn: str, *, readonly: bool = False, connect_timeout: int = 10) -> None:
        if dsn.startswith(("postgres:/", "postgresql:/")) and "://" not in dsn:
            raise StoreError(f"{dsn!r} lost a slash (was it passed through pathlib.Path?): expected postgresql://…")
        self.dsn = dsn
        self.path = dsn  # type: ignore[assignment]
        self.location = redact_dsn(dsn)
        self.readonly = readonly
        self.connect_timeout = connect_timeout
        self.lock = threading.RLock()
        self._savepoints = 0
        self._depth = 0  # open transaction() blocks
        self.applied_migrations: list[str] = []
        self.conn = self._connect(migrate_schema=not readonly)

    def _connect(self, *, migrate_schema: bool = False) -> Any:
        """Connect (UTC session, NUMERIC loader, read-only if asked), migrate, set up `self.db`."""
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise StoreError("the PostgreSQL store needs psycopg: pip install 'psycopg[binary]'") from exc
        try:
            conn = psycopg.connect(self.dsn, autocommit=True, row_factory=row_factory,
                                   connect_timeout=self.connect_timeout, application_name="marsad")  # fmt: skip
        except psycopg.Error as exc:
            raise StoreError(f"cannot open store {self.location}: {exc}".strip()) from exc
        try:
            conn.adapters.register_loader("numeric", _numeric_loader())
            conn.execute("SET TIME ZONE 'UTC'")
            if self.readonly:
                conn.execute("SET default_transaction_read_only = on")
            if migrate_schema:
                with self.lock:
                    self.applied_migrations = migrate(conn)
            id_tables = [
                r[0]
                for r in conn.execute(
                    "SELECT table_name FROM information_schema.columns "
                    "WHERE table_schema = current_schema() AND column_name = 'id'"
                ).fetchall()
            ]
        except psycopg.Error as exc:
            conn.close()
            raise StoreError(f"cannot prepare store {self.location}: {exc}".strip()) from exc
        self.db = PgConnection(conn, id_tables)  # type: ignore[assignment]
        return conn

    def _alive(self) -> None:
        """Reconnect when the server dropped the connection (a restart, a failover) between calls.

        Only outside a transaction: a transaction cut by a lost connection fails as a whole.
        """
        if self.conn.broken and self._depth == 0:
            self.conn = self._connect()

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> PostgresStore:
        return self

    @contextmanager
    def transaction(self) -> Iterator[PgConnection]:  # type: ignore[override]
        """One write transaction; rolled back whole on any error.

        Inside an open transaction (`batch()`) it is a savepoint: still all-or-nothing.
        """
        with self.lock:
            self._alive()
            self._depth += 1
            try:
                with self.conn.transaction():
                    yield self.db  # type: ignore[misc]
            finally:
                self._depth -= 1

    def query(self, sql: str, params: Any = ()) -> list[Row]:  # type: ignore[override]
        with self.lock:
            self._alive()
            return self.db.execute(sql, params).fetchall()

    # -- full-text search -----------------------------------------------------------------

    def _fts_base(self, match: str | None, where: list[tuple[str, Any]]) -> tuple[str, list[Any], str]:
        clauses, params = self._filters(where)
        tsquery = fts_to_tsquery(match) if match else ""
        if match:
            base = (
                "FROM to_tsquery('simple', ?) AS q CROSS JOIN articles_fts f "
                "JOIN articles a ON a.id = f.rowid WHERE f.tsv @@ q"
            )
            params = [tsquery, *params]
        else:
            base = "FROM articles a WHERE 1=1"
        if clauses:
            base += " AND " + " AND ".join(clauses)
        return base, params, _SCORE if match else "0.0::float8"

    def term_doc_counts(self, terms: list[str]) -> dict[str, int]:
        """Documents of the search index holding each term (title or body), via the GIN index."""
        uniq = sorted({t for t in terms if t})
        if not uniq:
            return {}
        rows = self.query(
            "SELECT t.term, (SELECT COUNT(*) FROM articles_fts f WHERE f.tsv @@ to_tsquery('simple', t.q)) "
            "FROM unnest(?::text[], ?::text[]) AS t(term, q)",
            [uniq, [fts_to_tsquery(_fts_quote(t)) for t in uniq]],
        )
        return {r[0]: int(r[1]) for r in rows if r[1]}

    def list_stories(self, *, since: str | None = None, limit: int = 50, min_articles: int = 1) -> list[Story]:
        """LinksMixin.list_stories with SQLite's NULL order (stories without a time last)."""
        sql = "SELECT * FROM stories WHERE article_count >= ?"
        params: list[Any] = [min_articles]
        if since:
            sql += " AND last_time >= ?"
            params.append(since)
        sql += " ORDER BY last_time DESC NULLS LAST, id DESC LIMIT ?"
        return [_row_to_story(r) for r in self.query(sql, [*params, limit])]  # type: ignore[arg-type]

    # -- statistics -------------------------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        out = super().stats()
        out["store"] = self.location
        return out


def _fts_quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def open_postgres(dsn: str, *, readonly: bool = False) -> PostgresStore:
    """Open (creating the schema and migrating as needed) the PostgreSQL store at `dsn`.

    `dsn` is a libpq URI (postgresql://user@host:5432/db) or key=value string; the password is
    best kept out of it (PGPASSWORD or ~/.pgpass). Raises StoreError when it cannot connect.
    """
    return PostgresStore(dsn, readonly=readonly)


def is_postgres_location(location: object) -> bool:
    """True for a PostgreSQL URL (postgres:// or postgresql://), also one a Path squashed to `postgresql:/`."""
    return str(location).startswith(("postgres:/", "postgresql:/"))
