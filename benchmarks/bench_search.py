"""Search latency and recall over the real corpora, side by side with plain FTS5 and PostgreSQL.

- marsad: `marsad.search.search` over the store (FTS5 over analyzed terms, BM25, copies collapsed).
- FTS5 unicode61: the same articles in a plain FTS5 table with SQLite's default tokenizer.
- PostgreSQL `arabic`: `to_tsvector('arabic', …)` with a GIN index, `plainto_tsquery('arabic', q)`
  (only when PostgreSQL binaries are on the machine).

Queries: 200 titles sampled from the store, each as written and as a user types it (no hamza,
ة→ه, ى→ي: the matching-normalized form); recall@10 = the article is in the top 10.
The 1M run replicates the real rows with new ids and shifted dates.
"""

from __future__ import annotations

import os
import random
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from marsad.arabic import normalize
from marsad.ingest import ingest
from marsad.search import search
from marsad.store import open_store

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("MARSAD_SHARED", REPO.parent / "shared"))
QUERIES = 200


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[int(len(ordered) * 0.95) - 1] * 1000


def _sample(db: sqlite3.Connection, n: int) -> list[tuple[int, str]]:
    rows = db.execute("SELECT id, title FROM articles WHERE length(title) > 25").fetchall()
    return random.Random(11).sample(rows, n)


def _marsad(store, queries):
    times, found = [], 0
    for article_id, title in queries:
        start = time.perf_counter()
        result = search(store, title.replace('"', " ").replace("(", " ").replace(")", " "), limit=10, collapse=False)
        times.append(time.perf_counter() - start)
        found += any(h.article.id == article_id for h in result.hits)
    return times, found / len(queries)


def _plain_fts(path: Path, queries):
    db = sqlite3.connect(path)
    db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS plain USING fts5(title, body)")
    if not db.execute("SELECT COUNT(*) FROM plain").fetchone()[0]:
        db.execute("INSERT INTO plain (rowid, title, body) SELECT id, title, body FROM articles")
        db.commit()
    times, found = [], 0
    for article_id, title in queries:
        words = ['"' + w.replace('"', "") + '"' for w in title.split() if w.replace('"', "")]
        start = time.perf_counter()
        rows = db.execute(
            "SELECT rowid FROM plain WHERE plain MATCH ? ORDER BY bm25(plain) LIMIT 10", (" AND ".join(words),)
        ).fetchall()
        times.append(time.perf_counter() - start)
        found += any(r[0] == article_id for r in rows)
    return times, found / len(queries)


def _postgres(path: Path, variants):
    from tests.pg_server import PgServer, find_bindir  # the test suite's throwaway server

    bindir = find_bindir()
    if bindir is None:
        return None
    import psycopg

    src = sqlite3.connect(path)
    server = PgServer(bindir).start()
    try:
        with psycopg.connect(server.dsn("postgres"), autocommit=True) as conn:
            conn.execute("CREATE TABLE a (id BIGINT PRIMARY KEY, doc TSVECTOR)")
            rows = src.execute("SELECT id, title, body FROM articles").fetchall()
            with conn.cursor() as cur:
                cur.executemany(
                    "INSERT INTO a VALUES (%s, setweight(to_tsvector('arabic', %s), 'A') || to_tsvector('arabic', %s))",
                    rows,
                )
            conn.execute("CREATE INDEX a_doc ON a USING GIN (doc)")
            conn.execute("ANALYZE a")
            out = {}
            for name, queries in variants.items():
                times, found = [], 0
                for article_id, title in queries:
                    start = time.perf_counter()
                    got = conn.execute(
                        "SELECT id FROM a, plainto_tsquery('arabic', %s) q WHERE doc @@ q "
                        "ORDER BY ts_rank_cd(doc, q) DESC LIMIT 10",
                        (title,),
                    ).fetchall()
                    times.append(time.perf_counter() - start)
                    found += any(r[0] == article_id for r in got)
                out[name] = (times, found / len(queries))
            return out
    finally:
        server.stop()


def _replicate(path: Path, factor: int) -> None:
    """Grow the store to `factor` times its rows: new ids, idents and shifted dates."""
    db = sqlite3.connect(path)
    top = db.execute("SELECT MAX(id) FROM articles").fetchone()[0]
    for k in range(1, factor):
        db.execute(
            "INSERT INTO articles (id, ident, url, title, body, published, published_utc, source, first_seen, body_hash) "
            "SELECT id + ?, ident || ?, url || ?, title, body, published, "
            "strftime('%Y-%m-%dT%H:%M:%S', published_utc, ?), source, first_seen, body_hash "
            "FROM articles WHERE id <= ?",
            (k * top, f"#{k}", f"#{k}", f"+{k * 17} days", top),
        )
        db.execute(
            "INSERT INTO articles_fts (rowid, title, body) SELECT rowid + ?, title, body FROM articles_fts WHERE rowid <= ?",
            (k * top, top),
        )
        db.commit()
    db.close()


def _row(name, times, recall):
    p50, p95 = _percentiles(times)
    return f"| {name} | {p50:.1f} | {p95:.1f} | {recall:.3f} |"


def run() -> str:
    lines = ["## Search (latency over 200 title queries; recall@10 of the known article)", ""]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "search.db"
        store = open_store(path)
        inputs = sorted((SHARED / "corpora" / "saudinewsnet").glob("*.zip"))
        inputs += sorted((SHARED / "corpora" / "ant-multisource").glob("*.jsonl.gz"))
        ingest(store, inputs, link=False)
        count = store.count_articles()
        queries = _sample(store.db, QUERIES)
        typed = [(i, normalize(t, matching=True)) for i, t in queries]
        lines += [f"### {count:,} real articles (SaudiNewsNet + ANT)", "",
                  "| engine, query form | p50 ms | p95 ms | recall@10 |", "|---|---|---|---|"]  # fmt: skip
        for label, qs in (("as written", queries), ("as typed (no hamza, ة→ه)", typed)):
            lines.append(_row(f"marsad, {label}", *_marsad(store, qs)))
            lines.append(_row(f"FTS5 unicode61, {label}", *_plain_fts(path, qs)))
        pg = _postgres(path, {"as written": queries, "as typed (no hamza, ة→ه)": typed})
        if pg:
            for label, (times, recall) in pg.items():
                lines.append(_row(f"PostgreSQL arabic, {label}", times, recall))
        else:
            lines.append("| PostgreSQL arabic | not run: no PostgreSQL on this machine | | |")
        store.close()
        factor = max(1, round(1_000_000 / count))
        _replicate(path, factor)
        big = open_store(path)
        total = big.count_articles()
        lines += ["", f"### {total:,} articles (the real ones replicated ×{factor}, dates shifted)", "",
                  "| engine | p50 ms | p95 ms | recall@10 |", "|---|---|---|---|"]  # fmt: skip
        times, _ = _marsad(big, queries)
        # replicas share titles, so recall of one specific id is not meaningful at 1M: latency only
        p50, p95 = _percentiles(times)
        lines.append(f"| marsad | {p50:.1f} | {p95:.1f} | n/a (replicas) |")
        big.close()
    return "\n".join(lines)
