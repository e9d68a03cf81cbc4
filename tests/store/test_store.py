"""The SQLite store: migrations, one-transaction writes, idempotent re-adds, FTS over terms."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import pytest

from marsad.model import Article, Capture, Source
from marsad.store import open_store
from marsad.store.migrations import MIGRATIONS, migrate


def sample(title: str = "عنوان تجريبي", body: str = "فقرة أولى\nفقرة ثانية", **kw) -> Article:
    """A sample article written for the tests."""
    return Article.from_text(title, body, url=kw.pop("url", "https://a.example/1"), source="a.example", **kw)


def test_new_store_is_wal_and_fully_migrated(tmp_path):
    store = open_store(tmp_path / "m.db")
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    versions = [r[0] for r in store.db.execute("SELECT version FROM migrations ORDER BY version")]
    assert versions == list(range(1, len(MIGRATIONS) + 1))
    tables = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type IN ('table')")}
    assert {"sources", "captures", "articles", "relations", "stories", "articles_fts", "frontier"} <= tables


def test_store_made_by_older_version_is_migrated_keeping_its_data(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite3.connect(path, isolation_level=None)
    migrate(db, upto=1)  # what the first release created
    db.execute(
        "INSERT INTO articles (ident, title, body, first_seen) VALUES ('x', 'قديم', '[\"نص\"]', '2024-01-01T00:00:00')"
    )
    db.close()
    store = open_store(path)
    assert store.applied_migrations == [m.__name__ for m in MIGRATIONS[1:]]
    article = store.get_article(1)
    assert article is not None and article.title == "قديم" and article.story_id is None
    store.set_article_story(1, store.create_story(__import__("marsad.model").model.Story(None, "قصة")))
    assert store.get_article(1).story_id == 1


def test_add_article_roundtrip_and_idempotent(tmp_path):
    store = open_store(tmp_path / "m.db")
    art = sample(published=datetime(2024, 3, 12, 10, 0, tzinfo=UTC))
    art.tags = ["العراق", "واشنطن"]
    first = store.add_article(art, capture=Capture(url=art.url, content=b"<html></html>"), title_terms=["عنوان"], body_terms=["فقر"])
    again = store.add_article(sample(published=art.published), title_terms=["عنوان"], body_terms=["فقر"])
    assert first[1] is True and again == (first[0], False)
    got = store.get_article(first[0])
    assert got.title == art.title and got.body == art.body and got.tags == art.tags
    assert got.published == art.published and got.capture_id is not None
    assert store.count_articles() == 1
    total, rows = store.fts_search('"عنوان"')
    assert total == 1 and rows[0][0] == first[0]


def test_failed_write_leaves_no_half_article(tmp_path):
    store = open_store(tmp_path / "m.db")
    art = sample()
    art.capture_id = 999  # no such capture: the foreign key fails inside the transaction
    with pytest.raises(sqlite3.IntegrityError):
        store.add_article(art, title_terms=["عنوان"], body_terms=[])
    assert store.count_articles() == 0
    assert store.query("SELECT COUNT(*) FROM articles_fts")[0][0] == 0


def test_filters_and_sorting(tmp_path):
    store = open_store(tmp_path / "m.db")
    for i, (src, day) in enumerate([("a.example", 1), ("b.example", 5), ("a.example", 9)]):
        art = Article.from_text(f"خبر {i}", "نص", url=f"https://{src}/{i}", source=src,
                                published=datetime(2024, 3, day, tzinfo=UTC))
        store.add_article(art, title_terms=["خبر"], body_terms=["نص"])
    total, rows = store.fts_search('"خبر"', where=[("source", "a.example")], order="date")
    assert total == 2 and [store.get_article(i).title for i, _ in rows] == ["خبر 2", "خبر 0"]
    total, _ = store.fts_search('"خبر"', where=[("after", "2024-03-02"), ("before", "2024-03-09")])
    assert total == 1
    facets = store.fts_facets('"خبر"')
    assert dict(facets["source"]) == {"a.example": 2, "b.example": 1}
    assert [d for d, _ in facets["day"]] == ["2024-03-01", "2024-03-05", "2024-03-09"]


def test_sources_and_profiles(tmp_path):
    store = open_store(tmp_path / "m.db")
    store.upsert_source(Source(key="a.example", name="أ", feeds=["https://a.example/feed"]))
    store.upsert_source(Source(key="a.example", name="أ ب", feeds=["https://a.example/rss"]))
    (src,) = store.list_sources()
    assert src.name == "أ ب" and src.feeds == ["https://a.example/rss"]
    store.save_profile("a.example", {"lines": {"x": 3}})
    assert store.get_profile("a.example") == {"lines": {"x": 3}}
    assert store.get_source("a.example").name == "أ ب"
    assert store.remove_source("a.example") and store.list_sources() == []


def test_a_failed_commit_is_rolled_back_and_later_writes_persist(tmp_path):
    store = open_store(tmp_path / "m.db")
    store.db.execute("CREATE TABLE probe (x INTEGER REFERENCES articles(id) DEFERRABLE INITIALLY DEFERRED)")
    with pytest.raises(sqlite3.IntegrityError), store.transaction() as db:  # the deferred foreign key fails at COMMIT
        db.execute("INSERT INTO probe VALUES (999)")
    assert not store.db.in_transaction
    store.add_article(sample(), title_terms=["عنوان"], body_terms=[])
    store.close()
    assert open_store(tmp_path / "m.db").count_articles() == 1
