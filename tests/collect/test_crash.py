"""kill -9 in the middle of a crawl, several times, then resume: nothing lost, nothing twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from marsad.collect import check_warcs, collect_once, warc_files
from marsad.model import Source
from marsad.store import open_store
from tests.collect.conftest import REPO_ROOT, rss, transplanted_pages

CRAWL = """
import sys
from marsad.config import load_config
from marsad.collect import collect_once
from marsad.store import open_store
store = open_store(sys.argv[1])
print(collect_once(store, load_config()), flush=True)
"""


def test_kill_and_resume(servers, tmp_path):
    hosts = [servers("127.0.0.1"), servers("127.0.0.2")]
    pages = transplanted_pages()
    expected: set[str] = set()
    for n, server in enumerate(hosts):
        chosen = pages[n * 30 : n * 30 + 20]
        urls = []
        for i, (_, html) in enumerate(chosen):
            server.html(f"/article/{i}", html)
            urls.append(server.url(f"/article/{i}"))
        server.add("/feed", (200, {"Content-Type": "application/rss+xml"}, rss(urls)))
        expected.update(urls)
    db = tmp_path / "crawl.db"
    store = open_store(db)
    for server in hosts:
        store.upsert_source(Source(key=server.address, homepage=server.url("/"), feeds=[server.url("/feed")],
                                   domains=[server.address]))  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "MARSAD_DELAY": "0.05", "MARSAD_ALLOW_PRIVATE_ADDRESSES": "1",
           "MARSAD_DATA_DIR": str(tmp_path / "data"), "MARSAD_TIMEOUT": "5"}  # fmt: skip

    kills = 0
    seen = 0
    for _ in range(3):
        proc = subprocess.Popen([sys.executable, "-c", CRAWL, str(db)], env=env, cwd=tmp_path,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and proc.poll() is None:
            if store.count_articles() >= seen + 6:
                break
            time.sleep(0.02)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait(timeout=10)
        seen = store.count_articles()
    assert kills >= 2, "the crawl finished before it could be killed"
    assert 0 < seen < len(expected)

    # resume in this process, with the same config
    from marsad.config import load_config

    summary = collect_once(store, load_config(env=env))
    assert summary.failed == 0, summary.errors
    urls = [a.url for a in store.iter_articles()]
    assert len(urls) == len(set(urls)), "an article was stored twice"
    assert set(urls) == expected, "an article was lost"
    assert store.count_articles() == len(expected)
    counts = store.frontier_counts()
    assert counts.get("done") == len(expected) and counts.get("pending") == 2  # the two feeds
    captures = store.query("SELECT COUNT(*) FROM captures")[0][0]
    assert captures == len(expected)
    # every WARC file written by the killed processes is still readable up to its last whole record
    assert check_warcs(warc_files(Path(tmp_path / "data" / "warc"))) == []
