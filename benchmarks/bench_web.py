"""Page render times of the web UI over a real store (in-process ASGI client, no network)."""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from marsad.config import load_config
from marsad.ingest import ingest
from marsad.store import open_store
from marsad.web import create_app

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("MARSAD_SHARED", REPO.parent / "shared"))
ROUNDS = 200


def _timed(client: TestClient, paths: list[str]) -> tuple[float, float]:
    times = []
    for path in paths:
        start = time.perf_counter()
        response = client.get(path)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, (path, response.status_code)
    times.sort()
    return statistics.median(times) * 1000, times[int(len(times) * 0.95) - 1] * 1000


def run() -> str:
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "web.db")
        inputs = sorted((SHARED / "corpora" / "ant-multisource").glob("*.jsonl.gz"))
        ingest(store, inputs)  # with linking, so there are stories and copy chains
        stats = store.stats()
        client = TestClient(create_app(store, load_config(None, env={})))
        stories = [s.id for s in store.list_stories(limit=500, min_articles=2)]
        rng = random.Random(5)
        articles = [rng.randint(1, stats["articles"]) for _ in range(ROUNDS)]
        rows = [
            ("home `/`", _timed(client, ["/"] * ROUNDS)),
            ("story `/stories/{id}` (stories with 2+ articles)", _timed(client, [f"/stories/{rng.choice(stories)}" for _ in range(ROUNDS)])),
            ("article `/articles/{id}`", _timed(client, [f"/articles/{i}" for i in articles])),
            ("search page `/search?q=…`", _timed(client, [f"/search?q={w}" for w in rng.choices(["ترامب", "السعودية", "النفط", "غزة", "الانتخابات"], k=ROUNDS)])),
        ]  # fmt: skip
    lines = [
        f"## Web pages ({stats['articles']:,} ANT articles, {stats['stories']:,} stories; {ROUNDS} requests each, in-process)",
        "",
        "| page | p50 ms | p95 ms |",
        "|---|---|---|",
    ]
    lines += [f"| {name} | {p50:.1f} | {p95:.1f} |" for name, (p50, p95) in rows]
    return "\n".join(lines)
