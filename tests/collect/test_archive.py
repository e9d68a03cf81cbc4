"""WARC archive validity, re-extraction from WARC, and crawling offline through the replay server."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
from warcio.archiveiterator import ArchiveIterator

from marsad.collect import (
    WarcArchive,
    check_warcs,
    collect_once,
    normalize_url,
    replay_server,
    reprocess,
    warc_files,
)
from marsad.collect.urls import host_of
from marsad.model import Source
from marsad.store import open_store
from tests.collect.conftest import real_pages, rss, sitemap
from tests.collect.samples import sample_article


def articles_of(store) -> list[tuple]:
    return sorted((a.url, a.title, tuple(a.body), a.published.isoformat() if a.published else None)
                  for a in store.iter_articles())  # fmt: skip


def crawl_local(servers, store, config):
    a, b = servers("127.0.0.1"), servers("127.0.0.2")
    for i, (_, _, html) in enumerate(real_pages()):
        a.html(f"/n/{i}", html)
    a.add("/feed", (200, {"Content-Type": "application/rss+xml"}, rss([a.url(f"/n/{i}") for i in range(11)])))
    for i in range(5):
        b.html(f"/s/{i}", sample_article(i))
    b.add("/sitemap.xml", (200, {"Content-Type": "text/xml"}, sitemap([b.url(f"/s/{i}") for i in range(5)])))
    store.upsert_source(Source(key="127.0.0.1", homepage=a.url("/"), feeds=[a.url("/feed")], domains=["127.0.0.1"]))
    store.upsert_source(Source(key="127.0.0.2", homepage=b.url("/"), sitemaps=[b.url("/sitemap.xml")],
                               domains=["127.0.0.2"]))  # fmt: skip
    return collect_once(store, config.replace(delay=0.05)), (a, b)


def test_warcs_validate_and_reprocess_gives_the_same_articles(servers, store, config, tmp_path):
    summary, running = crawl_local(servers, store, config)
    assert summary.articles_new == 16
    files = warc_files(Path(config.data_dir) / "warc")
    assert files
    # warcio's own checker (digests) and our reader agree the files are valid
    assert check_warcs(files) == []
    check = subprocess.run([str(Path(sys.executable).parent / "warcio"), "check", *map(str, files)],
                           capture_output=True, text=True)  # fmt: skip
    assert check.returncode == 0, check.stdout + check.stderr
    # every response has its request, and a WARC/1.1 header
    kinds: dict[str, int] = {}
    with open(files[0], "rb") as fh:
        for record in ArchiveIterator(fh):
            kinds[record.rec_type] = kinds.get(record.rec_type, 0) + 1
            assert record.rec_headers.protocol == "WARC/1.1"
    assert kinds["warcinfo"] == 1 and kinds["response"] == kinds["request"] >= 16 + 2 + 2  # pages, feeds, robots
    # each capture points at its own response record
    for article in store.iter_articles():
        capture = store.get_capture(article.capture_id)
        with open(capture.warc_path, "rb") as fh:
            fh.seek(capture.warc_offset)
            record = next(iter(ArchiveIterator(fh)))
            assert record.rec_type == "response"
            assert record.rec_headers.get_header("WARC-Target-URI") == capture.url
    # into a fresh store: the same articles, without network (servers stopped)
    for server in running:
        server.stop()
    fresh = open_store(tmp_path / "fresh.db")
    result = reprocess(fresh, config)
    assert result.pages == 16 and result.articles_new == 16 and result.no_article == 0
    assert articles_of(fresh) == articles_of(store)
    # into the same store: nothing new
    again = reprocess(store, config)
    assert again.articles_same == 16 and again.articles_new == 0
    assert store.count_articles() == 16


def test_warc_rotation(tmp_path):
    archive = WarcArchive(tmp_path, max_bytes=4_000)
    spots = [archive.write_exchange(url=f"https://x.test/{i}", status=200,
                                    response_headers=[("Content-Type", "text/html")], body=sample_article(i))
             for i in range(12)]  # fmt: skip
    archive.close()
    files = warc_files(tmp_path)
    assert len(files) > 1 and all(f.stat().st_size <= 4_000 + 2_000 for f in files)
    assert check_warcs(files) == []
    assert len({path for path, _ in spots}) == len(files)


def build_replay_warc(folder: Path) -> tuple[list[Path], list[Source], dict[str, dict]]:
    """WARC of the real pages at their real URLs, plus a feed or a news sitemap per host."""
    archive = WarcArchive(folder, prefix="test-input")
    by_host: dict[str, list[str]] = {}
    gold = {}
    for _key, record, html in real_pages():
        url = normalize_url(record["url"])
        gold[url] = record
        by_host.setdefault(host_of(url), []).append(url)
        archive.write_exchange(url=url, status=200, response_headers=[("Content-Type", "text/html; charset=utf-8")],
                               body=html)  # fmt: skip
    sources = []
    for n, (host, urls) in enumerate(sorted(by_host.items())):
        home = f"https://{host}/"
        if n % 2:
            feed = f"https://{host}/marsad-test/feed.xml"
            archive.write_exchange(url=feed, status=200, response_headers=[("Content-Type", "application/rss+xml")],
                                   body=rss(urls))  # fmt: skip
            sources.append(Source(key=host.removeprefix("www."), homepage=home, feeds=[feed]))
        else:
            smap = f"https://{host}/marsad-test/news-sitemap.xml"
            archive.write_exchange(url=smap, status=200, response_headers=[("Content-Type", "application/xml")],
                                   body=sitemap(urls, news=True))  # fmt: skip
            sources.append(Source(key=host.removeprefix("www."), homepage=home, sitemaps=[smap]))
    archive.close()
    return warc_files(folder), sources, gold


def test_crawl_offline_through_replay(store, config, tmp_path):
    files, sources, gold = build_replay_warc(tmp_path / "input")
    with replay_server(files) as server:
        # Host header form and absolute-URL path form both work
        some = next(iter(gold))
        parts = some.split("/", 3)
        by_host = httpx.get(f"{server.url}/{parts[3]}", headers={"Host": parts[2]})
        by_path = httpx.get(f"{server.url}/{some}")
        assert by_host.status_code == by_path.status_code == 200 and by_host.content == by_path.content
        assert httpx.get(f"{server.url}/https://nowhere.example/x").status_code == 404
        for source in sources:
            store.upsert_source(source)
        summary = collect_once(store, config.replace(allow_private_addresses=False, delay=0.05), replay=server.url)
    assert summary.feed_errors == 0 and summary.failed == 0, summary.errors
    assert summary.articles_new == len(gold) == 11
    titles = {a.url: a.title for a in store.iter_articles()}
    assert set(titles) == set(gold)
    assert sum(titles[u] == gold[u]["title"] for u in gold) >= 9  # extraction quality is not this test's job
    assert check_warcs(warc_files(Path(config.data_dir) / "warc")) == []
