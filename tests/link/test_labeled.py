"""Near-duplicate precision on marsad's own labels: 200 ANT multi-source pairs read by hand.

benchmarks/data/ant_near_duplicates.jsonl holds identifiers and labels only ("same": one text
is a copy, republication or light rewrite of the other; "different": another event,
development or template fill sharing text). The articles of those pairs are read from the ANT
corpus, stored and linked in corpus order, and the near_duplicate_of links between them are
scored against the labels (docs/linking.md, "Near-duplicate precision").
"""

from __future__ import annotations

import gzip
import json

from benchmarks.bench_link import labeled_pairs, labeled_scores, labeled_urls
from marsad.ingest import record_to_article
from marsad.model import Article
from marsad.pipeline import store_article
from marsad.store import SqliteStore
from tests.conftest import shared_path


def _ant_records(urls: set[str]) -> list[Article]:
    """The ANT records of the labeled URLs, as `marsad ingest` reads them, in corpus order."""
    out, seen = [], set()
    for path in sorted(shared_path("corpora", "ant-multisource").glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                if r.get("url") in urls and r["docno"] not in seen:
                    seen.add(r["docno"])
                    out.append(record_to_article(r))
    return out


def test_labeled_ant_near_duplicates(tmp_path):
    pairs = labeled_pairs()
    assert len(pairs) == 200
    assert {p["label"] for p in pairs} == {"same", "different"}
    store = SqliteStore(tmp_path / "labeled.db")
    for a in _ant_records(labeled_urls(pairs)):
        store_article(store, a)
    s = labeled_scores(store, pairs)
    store.close()
    assert s["missing"] == 0, s
    assert (s["same"], s["different"]) == (164, 36)
    # measured (this subset and all of ANT give the same): 147 of 149 linked pairs 'same' (0.987),
    # 147 of 164 'same' pairs linked as near_duplicate_of (0.896), all 164 in a copy relation
    # (near or contains). Before the lead/headline checks: 164 / 200 (0.82), recall 1.0.
    assert s["precision"] >= 0.98, (s["precision"], [p["reason"] for p in s["false"]])
    assert s["recall_same"] >= 0.88, s["recall_same"]
    assert s["copy_same"] >= 160, s["copy_same"]
