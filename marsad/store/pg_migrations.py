"""Versioned schema migrations for the PostgreSQL store.

The same tables, columns and version numbers as the SQLite migrations (`migrations.py`):
m00N here creates what m00N creates there, so a test can compare the two schemas column by
column. Differences are the dialect only:

- ids are BIGSERIAL, INTEGER columns BIGINT, REAL columns DOUBLE PRECISION;
- every TEXT column is `COLLATE "C"`: comparisons and ORDER BY go by code point like SQLite's
  BINARY collation whatever the database's locale (ISO times, source keys and URLs sort the same);
- JSON stays TEXT (rows.py reads and writes it the same way on both backends);
- `articles_fts` is a plain table (rowid = article id, title, body: the space-joined
  `marsad.arabic.analyze` terms) with a generated `tsv` column
  `setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', body), 'B')`
  and a GIN index on it. The mixins' `LEFT JOIN articles_fts f ON f.rowid = a.id` works as is.
- `julianday(text)` is defined as an SQL function (days, like SQLite's) for shared store SQL.

Each migration runs in one transaction (PostgreSQL DDL is transactional) under an advisory lock,
so two processes opening a new database at once do not both migrate it. Never edit a migration
that has shipped: add a new one here and in migrations.py.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

Migration = Callable[[], str]

T = 'TEXT COLLATE "C"'  # SQLite TEXT with BINARY collation
_LOCK_KEY = 0x6D61_7273_6164  # "marsad": advisory lock serialising migrations


def m001_core() -> str:
    """Sources, captures, articles and the full-text index over analyzed terms."""
    return f"""
        CREATE TABLE sources (
            key {T} PRIMARY KEY,
            name {T}, name_latin {T}, homepage {T},
            feeds {T} NOT NULL DEFAULT '[]', sitemaps {T} NOT NULL DEFAULT '[]',
            domains {T} NOT NULL DEFAULT '[]',
            country {T}, kind {T} NOT NULL DEFAULT 'outlet', delay DOUBLE PRECISION,
            enabled BIGINT NOT NULL DEFAULT 1,
            profile {T},
            created_at {T} NOT NULL
        );
        CREATE TABLE captures (
            id BIGSERIAL PRIMARY KEY,
            url {T} NOT NULL,
            fetched_at {T} NOT NULL,
            status BIGINT, headers {T}, content_hash {T},
            warc_path {T}, warc_offset BIGINT,
            source {T}, kind {T} NOT NULL DEFAULT 'http'
        );
        CREATE INDEX captures_url ON captures(url);
        CREATE TABLE articles (
            id BIGSERIAL PRIMARY KEY,
            ident {T} NOT NULL UNIQUE,
            url {T}, canonical_url {T},
            title {T} NOT NULL, lead {T},
            body {T} NOT NULL,
            published {T}, published_utc {T}, published_precision {T}, published_evidence {T},
            updated {T},
            authors {T} NOT NULL DEFAULT '[]', dateline {T}, attribution {T} NOT NULL DEFAULT '[]',
            tags {T} NOT NULL DEFAULT '[]', related {T} NOT NULL DEFAULT '[]',
            language {T}, images {T} NOT NULL DEFAULT '[]',
            source {T}, site_name {T},
            first_seen {T} NOT NULL,
            capture_id BIGINT REFERENCES captures(id),
            body_hash {T}
        );
        CREATE INDEX articles_url ON articles(url);
        CREATE INDEX articles_source ON articles(source);
        CREATE INDEX articles_published ON articles(published_utc);
        CREATE INDEX articles_body_hash ON articles(body_hash);
        CREATE INDEX articles_time ON articles((COALESCE(published_utc, first_seen)));
        CREATE TABLE articles_fts (
            rowid BIGINT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            title TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL DEFAULT '',
            tsv tsvector GENERATED ALWAYS AS (
                setweight(to_tsvector('simple'::regconfig, title), 'A')
                || setweight(to_tsvector('simple'::regconfig, body), 'B')
            ) STORED
        );
        CREATE INDEX articles_fts_tsv ON articles_fts USING gin(tsv);
        CREATE OR REPLACE FUNCTION julianday(value text) RETURNS double precision
            LANGUAGE sql STABLE STRICT PARALLEL SAFE
            AS $$ SELECT extract(epoch FROM value::timestamptz)::double precision / 86400.0 + 2440587.5 $$;
        """


def m002_links() -> str:
    """Relations between articles and stories over time."""
    return f"""
        CREATE TABLE relations (
            src BIGINT NOT NULL REFERENCES articles(id),
            kind {T} NOT NULL,
            dst BIGINT REFERENCES articles(id),
            agency {T},
            score DOUBLE PRECISION NOT NULL DEFAULT 1.0,
            evidence {T} NOT NULL DEFAULT '{{}}'
        );
        CREATE UNIQUE INDEX relations_key ON relations(src, kind, COALESCE(dst, -1), COALESCE(agency, ''));
        CREATE INDEX relations_dst ON relations(dst);
        CREATE TABLE stories (
            id BIGSERIAL PRIMARY KEY,
            title {T} NOT NULL,
            first_time {T}, last_time {T},
            article_count BIGINT NOT NULL DEFAULT 0,
            outlet_count BIGINT NOT NULL DEFAULT 0,
            terms {T} NOT NULL DEFAULT '{{}}'
        );
        CREATE INDEX stories_last ON stories(last_time DESC NULLS LAST);
        ALTER TABLE articles ADD COLUMN story_id BIGINT REFERENCES stories(id);
        CREATE INDEX articles_story ON articles(story_id);
        """


def m003_crawl() -> str:
    """Persisted crawl frontier, source health, and LSH bands for near-duplicate lookup."""
    return f"""
        CREATE TABLE frontier (
            url {T} PRIMARY KEY,
            source {T},
            kind {T} NOT NULL DEFAULT 'article',
            state {T} NOT NULL DEFAULT 'pending',
            priority BIGINT NOT NULL DEFAULT 0,
            discovered_at {T} NOT NULL,
            next_at {T},
            attempts BIGINT NOT NULL DEFAULT 0,
            etag {T}, last_modified {T}, last_error {T}
        );
        CREATE INDEX frontier_state ON frontier(state, next_at);
        CREATE TABLE source_health (
            source {T} PRIMARY KEY,
            last_success {T}, last_error {T}, last_error_at {T},
            feed_latency DOUBLE PRECISION, fetched BIGINT NOT NULL DEFAULT 0, failed BIGINT NOT NULL DEFAULT 0
        );
        CREATE TABLE lsh_bands (
            band BIGINT NOT NULL,
            hash {T} NOT NULL,
            article_id BIGINT NOT NULL REFERENCES articles(id)
        );
        CREATE INDEX lsh_lookup ON lsh_bands(band, hash);
        CREATE TABLE paragraph_prints (
            print {T} NOT NULL,
            article_id BIGINT NOT NULL REFERENCES articles(id)
        );
        CREATE INDEX paragraph_prints_lookup ON paragraph_prints(print);
        """


def m004_link_indexes() -> str:
    """Indexes linking looks up by: canonical URL, and an article's bands and paragraph prints."""
    return """
        CREATE INDEX IF NOT EXISTS articles_canonical ON articles(canonical_url);
        CREATE INDEX IF NOT EXISTS lsh_article ON lsh_bands(article_id);
        CREATE INDEX IF NOT EXISTS paragraph_prints_article ON paragraph_prints(article_id);
        """


def m005_source_leases() -> str:
    """Which collector works a source now: several collectors (machines or processes) share one
    store's frontier, each source crawled by one of them at a time so per-host politeness holds."""
    return f"""
        CREATE TABLE source_leases (
            source {T} PRIMARY KEY,
            owner {T} NOT NULL,
            until_at {T} NOT NULL
        );
        """


MIGRATIONS: list[Migration] = [m001_core, m002_links, m003_crawl, m004_link_indexes, m005_source_leases]


def current_version(conn: Any) -> int:
    row = conn.execute("SELECT to_regclass('migrations') IS NOT NULL").fetchone()
    if not row[0]:
        return 0
    return int(conn.execute("SELECT COALESCE(MAX(version), 0) FROM migrations").fetchone()[0])


def migrate(conn: Any, upto: int | None = None) -> list[str]:
    """Apply every migration newer than the database's version; returns the names applied.

    `conn` is a psycopg connection in autocommit mode.
    """
    applied: list[str] = []
    target = len(MIGRATIONS) if upto is None else upto
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
        conn.execute(
            "CREATE TABLE IF NOT EXISTS migrations (version BIGINT PRIMARY KEY, name TEXT, applied_at TEXT)"
        )
    for number, step in enumerate(MIGRATIONS[:target], start=1):
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
            if current_version(conn) >= number:
                continue  # already there (or applied meanwhile by another process)
            conn.execute(step())
            conn.execute(
                "INSERT INTO migrations (version, name, applied_at) VALUES (%s, %s, %s)",
                (number, step.__name__, datetime.now(UTC).isoformat()),
            )
        applied.append(step.__name__)
    return applied
