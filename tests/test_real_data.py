"""End to end on real data: all of ../shared/pages and all 31.5k ANT articles into one store."""

from __future__ import annotations

import gzip
import json
import random

import pytest

from marsad.ingest import ingest
from marsad.search import search
from marsad.store import open_store
from tests.conftest import shared_path

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def real_store(tmp_path_factory):
    store = open_store(tmp_path_factory.mktemp("real") / "real.db")
    pages = ingest(store, [shared_path("pages")])
    ant = ingest(store, sorted(shared_path("corpora", "ant-multisource").glob("*.jsonl.gz")))
    return store, pages, ant


def _ant_records():
    for path in sorted(shared_path("corpora", "ant-multisource").glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                yield json.loads(line)


def test_everything_is_ingested(real_store):
    _store, pages, ant = real_store
    records = list(_ant_records())
    assert len(records) > 31_000
    assert ant.errors == [], ant.errors[:5]
    distinct = {(r["src"], r["url"], r["title"], r["text"]) for r in records}
    assert ant.added == len(distinct) and ant.added + ant.duplicates == len(records)
    assert pages.added >= 10, pages.errors  # 12 files, one page is a byte-identical copy


def test_exact_title_search_returns_the_article_first(real_store):
    store, _, _ = real_store
    records = [r for r in _ant_records() if len(r["title"].split()) >= 4]
    rng = random.Random(7)
    misses = []
    for record in rng.sample(records, 200):
        result = search(store, record["title"], limit=5, collapse=False)
        top = result.hits[0].article if result.hits else None
        # Wire copies share titles: the top hit must carry this exact title (the same story text).
        if top is None or top.title.strip() != record["title"].strip():
            misses.append(record["title"])
    assert not misses, misses[:5]


def test_page_titles_are_searchable(real_store):
    store, _, _ = real_store
    gold = json.loads(shared_path("pages", "gold.json").read_text(encoding="utf-8"))
    for key, page in gold.items():
        result = search(store, page["title"], limit=3)
        assert result.hits and result.hits[0].article.title == page["title"], key
