"""Versioned schema migrations for the SQLite store.

Each migration is a function returning SQL, run once in its own transaction (BEGIN … COMMIT
inside one script, since sqlite3's executescript commits whatever is pending) and recorded in
`migrations`.
Opening a store made by an older marsad applies the missing ones in order. Never edit a
migration that has shipped: add a new one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

Migration = Callable[[], str]


def m001_core() -> str:
    """Sources, captures, articles and the FTS5 index over analyzed terms."""
    return """
        CREATE TABLE sources (
            key TEXT PRIMARY KEY,
            name TEXT, name_latin TEXT, homepage TEXT,
            feeds TEXT NOT NULL DEFAULT '[]', sitemaps TEXT NOT NULL DEFAULT '[]',
            domains TEXT NOT NULL DEFAULT '[]',
            country TEXT, kind TEXT NOT NULL DEFAULT 'outlet', delay REAL,
            enabled INTEGER NOT NULL DEFAULT 1,
            profile TEXT,
            created_at TEXT NOT NULL
        );
        CREATE TABLE captures (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL,
            fetched_at TEXT NOT NULL,
            status INTEGER, headers TEXT, content_hash TEXT,
            warc_path TEXT, warc_offset INTEGER,
            source TEXT, kind TEXT NOT NULL DEFAULT 'http'
        );
        CREATE INDEX captures_url ON captures(url);
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            ident TEXT NOT NULL UNIQUE,
            url TEXT, canonical_url TEXT,
            title TEXT NOT NULL, lead TEXT,
            body TEXT NOT NULL,
            published TEXT, published_utc TEXT, published_precision TEXT, published_evidence TEXT,
            updated TEXT,
            authors TEXT NOT NULL DEFAULT '[]', dateline TEXT, attribution TEXT NOT NULL DEFAULT '[]',
            tags TEXT NOT NULL DEFAULT '[]', related TEXT NOT NULL DEFAULT '[]',
            language TEXT, images TEXT NOT NULL DEFAULT '[]',
            source TEXT, site_name TEXT,
            first_seen TEXT NOT NULL,
            capture_id INTEGER REFERENCES captures(id),
            body_hash TEXT
        );
        CREATE INDEX articles_url ON articles(url);
        CREATE INDEX articles_source ON articles(source);
        CREATE INDEX articles_published ON articles(published_utc);
        CREATE INDEX articles_body_hash ON articles(body_hash);
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, body, tokenize = 'unicode61 remove_diacritics 0'
        );
        """


def m002_links() -> str:
    """Relations between articles and stories over time."""
    return """
        CREATE TABLE relations (
            src INTEGER NOT NULL REFERENCES articles(id),
            kind TEXT NOT NULL,
            dst INTEGER REFERENCES articles(id),
            agency TEXT,
            score REAL NOT NULL DEFAULT 1.0,
            evidence TEXT NOT NULL DEFAULT '{}'
        );
        CREATE UNIQUE INDEX relations_key ON relations(src, kind, IFNULL(dst, -1), IFNULL(agency, ''));
        CREATE INDEX relations_dst ON relations(dst);
        CREATE TABLE stories (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            first_time TEXT, last_time TEXT,
            article_count INTEGER NOT NULL DEFAULT 0,
            outlet_count INTEGER NOT NULL DEFAULT 0,
            terms TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX stories_last ON stories(last_time);
        ALTER TABLE articles ADD COLUMN story_id INTEGER REFERENCES stories(id);
        CREATE INDEX articles_story ON articles(story_id);
        """


def m003_crawl() -> str:
    """Persisted crawl frontier, source health, and LSH bands for near-duplicate lookup."""
    return """
        CREATE TABLE frontier (
            url TEXT PRIMARY KEY,
            source TEXT,
            kind TEXT NOT NULL DEFAULT 'article',
            state TEXT NOT NULL DEFAULT 'pending',
            priority INTEGER NOT NULL DEFAULT 0,
            discovered_at TEXT NOT NULL,
            next_at TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            etag TEXT, last_modified TEXT, last_error TEXT
        );
        CREATE INDEX frontier_state ON frontier(state, next_at);
        CREATE TABLE source_health (
            source TEXT PRIMARY KEY,
            last_success TEXT, last_error TEXT, last_error_at TEXT,
            feed_latency REAL, fetched INTEGER NOT NULL DEFAULT 0, failed INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE lsh_bands (
            band INTEGER NOT NULL,
            hash TEXT NOT NULL,
            article_id INTEGER NOT NULL REFERENCES articles(id)
        );
        CREATE INDEX lsh_lookup ON lsh_bands(band, hash);
        CREATE TABLE paragraph_prints (
            print TEXT NOT NULL,
            article_id INTEGER NOT NULL REFERENCES articles(id)
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
    return """
        CREATE TABLE source_leases (
            source TEXT PRIMARY KEY,
            owner TEXT NOT NULL,
            until_at TEXT NOT NULL
        );
        """


MIGRATIONS: list[Migration] = [m001_core, m002_links, m003_crawl, m004_link_indexes, m005_source_leases]


def current_version(db: sqlite3.Connection) -> int:
    db.execute(
        "CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)"
    )
    row = db.execute("SELECT MAX(version) FROM migrations").fetchone()
    return int(row[0] or 0)


def migrate(db: sqlite3.Connection, upto: int | None = None) -> list[str]:
    """Apply every migration newer than the store's version; returns the names applied."""
    applied = []
    version = current_version(db)
    target = len(MIGRATIONS) if upto is None else upto
    for number, step in enumerate(MIGRATIONS[:target], start=1):
        if number <= version:
            continue
        stamp = datetime.now(UTC).isoformat()
        script = (
            f"BEGIN;\n{step()}\n"
            f"INSERT INTO migrations (version, name, applied_at) VALUES ({number}, '{step.__name__}', '{stamp}');\n"
            "COMMIT;"
        )
        try:
            db.executescript(script)
        except sqlite3.Error:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        applied.append(step.__name__)
    return applied
