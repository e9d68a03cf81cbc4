"""Several collectors sharing one store's frontier: each source is crawled by one of them at a
time (a lease in the store), so no page is fetched twice and per-host politeness holds.

Real local HTTP servers; real SQLite files and a real PostgreSQL server (tests/pg_server.py).
Two collectors run in one event loop here, as two processes or machines would against one store.
"""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys

import pytest

from marsad.collect import collect_once
from marsad.collect.crawler import collect_async
from marsad.collect.warc import WarcArchive
from marsad.model import Source
from marsad.store import open_store
from marsad.store.postgres import open_postgres
from tests.collect.conftest import rss
from tests.collect.samples import sample_article
from tests.pg_server import pg_dsn, pg_server  # noqa: F401  (pytest fixtures)

SITES = 5
PER_SITE = 4


def _sites(servers, store) -> list:
    started = []
    for s in range(SITES):
        server = servers(f"127.0.0.{s + 1}")
        for i in range(PER_SITE):
            server.html(f"/news/{i}", sample_article(s * PER_SITE + i))
        server.add("/feed", (200, {"Content-Type": "application/rss+xml"},
                             rss([server.url(f"/news/{i}") for i in range(PER_SITE)])))  # fmt: skip
        store.upsert_source(Source(key=server.address, homepage=server.url("/"), domains=[server.address],
                                   feeds=[server.url("/feed")]))  # fmt: skip
        started.append(server)
    return started


async def _two_collectors(store_a, store_b, config, tmp_path):
    archives = [WarcArchive(tmp_path / "warc-a"), WarcArchive(tmp_path / "warc-b")]
    try:
        return await asyncio.gather(
            collect_async(store_a, config, archive=archives[0], owner="host-a:1:a"),
            collect_async(store_b, config, archive=archives[1], owner="host-b:1:b"),
        )
    finally:
        for archive in archives:
            archive.close()


def _assert_each_page_fetched_once(started, summaries, store) -> None:
    for server in started:
        assert len(server.hits_for("/feed")) == 1
        for i in range(PER_SITE):
            assert len(server.hits_for(f"/news/{i}")) == 1, (server.address, i)
    assert sum(s.articles_new for s in summaries) == SITES * PER_SITE
    assert store.count_articles() == SITES * PER_SITE
    assert store.frontier_counts()["done"] == SITES * PER_SITE
    assert store.source_leases() == {}  # every lease given back at the end of the pass


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_two_collectors_on_one_store_fetch_every_page_once(backend, servers, config, tmp_path, request):
    if backend == "sqlite":
        store_a, store_b = open_store(tmp_path / "shared.db"), open_store(tmp_path / "shared.db")
    else:
        dsn = request.getfixturevalue("pg_dsn")
        store_a, store_b = open_postgres(dsn), open_postgres(dsn)
    try:
        started = _sites(servers, store_a)
        summaries = asyncio.run(_two_collectors(store_a, store_b, config, tmp_path))
        _assert_each_page_fetched_once(started, summaries, store_a)
    finally:
        store_a.close()
        store_b.close()


def test_a_source_leased_by_another_collector_is_left_alone(servers, store, config):
    started = _sites(servers, store)
    busy = started[0].address
    assert store.claim_source(busy, "other-host:42:x", 600)

    summary = collect_once(store, config)

    assert summary.busy == 1 and "left to other collectors" in str(summary)
    assert started[0].hits == []
    assert summary.articles_new == (SITES - 1) * PER_SITE
    assert busy in store.source_leases()  # still the other collector's

    store.release_source(busy, "someone-else")  # only the owner can give a lease back
    assert busy in store.source_leases()
    store.release_source(busy, "other-host:42:x")
    assert collect_once(store, config).articles_new == PER_SITE


def test_an_expired_lease_is_taken_over(servers, store, config):
    started = _sites(servers, store)
    assert store.claim_source(started[0].address, "other-host:42:x", -1)  # its holder stopped renewing
    summary = collect_once(store, config)
    assert summary.busy == 0 and summary.articles_new == SITES * PER_SITE


def test_the_lease_of_a_dead_local_collector_is_taken_over_at_once(servers, store, config):
    """A collector killed with -9 cannot give its leases back; restarted on the same machine, the
    next collector sees that the holder's process is gone and does not wait for the expiry."""
    started = _sites(servers, store)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True).stdout.strip()  # fmt: skip
    assert store.claim_source(started[0].address, f"{socket.gethostname()}:{dead}:x", 600)
    assert store.claim_source(started[1].address, f"{socket.gethostname()}:1:y", 600)  # pid 1 runs

    summary = collect_once(store, config)

    assert summary.busy == 1 and started[1].hits == []
    assert summary.articles_new == (SITES - 1) * PER_SITE


@pytest.mark.parametrize("seconds", [600, -1])
def test_claims_are_exclusive_and_renewable(store, seconds):
    assert store.claim_source("a.example", "one", seconds)
    assert store.claim_source("a.example", "one", 600)  # renewal by the holder
    assert not store.claim_source("a.example", "two", 600)
    assert store.claim_source("a.example", "two", 600, steal_from="one")  # holder known dead
    assert store.source_leases()["a.example"][0] == "two"
