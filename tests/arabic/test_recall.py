"""Search recall on real articles: a query word typed in another surface form still matches.

Uses the held-out sample (the stemmer's guards were tuned on another one); the benchmark
reports both and compares with Snowball.
"""

from __future__ import annotations

from benchmarks.bench_arabic import HELDOUT_SEED, load_articles, plain_analyzer, recall
from marsad.arabic import analyze
from tests.conftest import shared_path


def test_recall_floor() -> None:
    articles = load_articles(shared_path("corpora", "ant-multisource"), n=200, seed=HELDOUT_SEED)
    assert len(articles) == 200
    ours, total = recall(articles, analyze, seed=HELDOUT_SEED)
    plain, _ = recall(articles, plain_analyzer, seed=HELDOUT_SEED)
    assert total >= 900
    assert ours >= 0.97, ours
    assert ours > plain + 0.5
