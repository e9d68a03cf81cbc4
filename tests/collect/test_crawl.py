"""collect_once end to end against local servers: feeds, sitemaps, health, hygiene, polling."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

from marsad.collect import collect_once, health_report, run_forever
from marsad.collect.crawler import poll_interval
from marsad.collect.feeds import Entry
from marsad.model import Source
from tests.collect.conftest import real_pages, rss, sitemap
from tests.collect.samples import sample_article, sample_homepage


def site(server, key=None, **kw) -> Source:
    return Source(key=key or server.address, homepage=server.url("/"), domains=[server.address], **kw)


def test_one_pass_over_feeds_and_sitemaps(servers, store, config):
    a, b, elsewhere = servers("127.0.0.1"), servers("127.0.0.2"), servers("127.0.0.3")
    pages = real_pages()[:5]
    for i, (_, _, html) in enumerate(pages):
        a.html(f"/news/{i}", html)
    elsewhere.html("/offsite", sample_article(99))
    items = [a.url(f"/news/{i}") for i in range(len(pages))]
    # variants of the same articles: tracking parameters, AMP, fragment; and an off-site link
    items += [a.url("/news/0?utm_source=rss&fbclid=x"), a.url("/news/1/amp"), a.url("/news/2#comments"),
              elsewhere.url("/offsite")]  # fmt: skip
    a.add("/feed", (200, {"Content-Type": "application/rss+xml"}, rss(items)))
    for i in range(4):
        b.html(f"/story/{i}", sample_article(i))
    b.add("/robots.txt", (200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /story/3\n"))
    b.add("/news-sitemap.xml", (200, {"Content-Type": "application/xml"},
                                sitemap([b.url(f"/story/{i}") for i in range(4)], news=True)))  # fmt: skip
    store.upsert_source(site(a, feeds=[a.url("/feed")]))
    store.upsert_source(site(b, sitemaps=[b.url("/news-sitemap.xml")]))

    summary = collect_once(store, config)

    assert summary.feeds == 1 and summary.sitemaps == 1 and summary.feed_errors == 0
    assert summary.articles_new == 5 + 3, summary
    assert summary.blocked == 1  # /story/3 disallowed by robots.txt
    assert store.count_articles() == 8
    for i in range(len(pages)):
        assert len(a.hits_for(f"/news/{i}")) == 1  # each article fetched once despite its variants
    assert not a.hits_for("/news/1/amp")
    assert elsewhere.hits == []  # off-site link not followed
    assert not b.hits_for("/story/3")
    counts = store.frontier_counts()
    assert counts["done"] == 8 and counts["blocked"] == 1 and counts["pending"] == 2  # the feed and the sitemap
    for article in store.iter_articles():
        capture = store.get_capture(article.capture_id)
        assert capture.warc_path and capture.warc_offset is not None and capture.status == 200
    health = {h.source.key: h for h in health_report(store)}
    assert health["127.0.0.1"].status == "ok" and health["127.0.0.2"].status == "ok"
    assert health["127.0.0.1"].articles_per_day == 5

    again = collect_once(store, config)  # nothing due: feeds wait for their next poll
    assert again.fetched == 0 and again.requests == 0


def test_invalid_feed_marks_source_unhealthy_while_others_continue(servers, store, config):
    bad, good = servers("127.0.0.1"), servers("127.0.0.2")
    bad.html("/feed", "<html><body>this is not a feed</body></html>")
    for i in range(3):
        good.html(f"/a/{i}", sample_article(i))
    good.add("/rss", (200, {"Content-Type": "application/rss+xml"}, rss([good.url(f"/a/{i}") for i in range(3)])))
    store.upsert_source(site(bad, feeds=[bad.url("/feed")]))
    store.upsert_source(site(good, feeds=[good.url("/rss")]))

    summary = collect_once(store, config)

    assert summary.feed_errors == 1 and summary.articles_new == 3
    health = {h.source.key: h for h in health_report(store)}
    assert health["127.0.0.1"].status == "failing" and "invalid feed" in health["127.0.0.1"].last_error
    assert health["127.0.0.2"].status == "ok"
    assert store.frontier_row(bad.url("/feed"))["state"] == "pending"  # retried at a later poll


def test_feed_polled_again_with_conditional_get(server, store, config):
    def feed(handler):
        if handler.headers.get("If-None-Match") == '"1"':
            return 304, {"ETag": '"1"'}, b""
        return 200, {"Content-Type": "application/rss+xml", "ETag": '"1"'}, rss([server.url("/a")])

    server.add("/feed", feed)
    server.html("/a", sample_article(1))
    store.upsert_source(site(server, feeds=[server.url("/feed")]))
    first = collect_once(store, config)
    assert store.frontier_row(server.url("/feed"))["etag"] == '"1"'
    store.mark_url(server.url("/feed"), "pending", next_at=None)  # make it due now
    second = collect_once(store, config)
    assert first.articles_new == 1 and second.not_modified == 1 and second.fetched == 0
    assert server.hits_for("/feed")[-1].headers["if-none-match"] == '"1"'


def test_source_without_feeds_is_crawled_from_its_homepage(server, store, config):
    links = ["/2024/03/12/first-story", "/news/12345", "/about", "https://other.example/2024/x/y"]
    server.html("/", sample_homepage(links))
    server.html("/2024/03/12/first-story", sample_article(1))
    server.html("/news/12345", sample_article(2))
    store.upsert_source(site(server))
    summary = collect_once(store, config)
    assert summary.pages == 1 and summary.articles_new == 2
    assert not server.hits_for("/about")  # not article-like


def test_failed_articles_are_retried_later_or_given_up(server, store, config):
    server.add("/gone", (404, {}, b"no"))
    server.add("/broken", (500, {}, b"err"))
    server.add("/feed", (200, {"Content-Type": "application/rss+xml"}, rss([server.url("/gone"), server.url("/broken")])))
    store.upsert_source(site(server, feeds=[server.url("/feed")]))
    summary = collect_once(store, config.replace(retries=0))
    assert store.frontier_row(server.url("/gone"))["state"] == "failed"
    broken = store.frontier_row(server.url("/broken"))
    assert broken["state"] == "pending" and broken["next_at"] > datetime.now(UTC).isoformat()
    assert summary.failed == 1 and len(summary.errors) == 2


def test_adaptive_poll_interval():
    now = datetime.now(UTC)
    busy = [Entry(url=f"u{i}", published=now - timedelta(minutes=2 * i)) for i in range(10)]
    quiet = [Entry(url=f"u{i}", published=now - timedelta(days=i)) for i in range(10)]
    base = 900.0
    fast = poll_interval(base, busy, new=6, changed=True)
    slow = poll_interval(base, quiet, new=0, changed=True)
    unchanged = poll_interval(base, [], new=0, changed=False)
    assert fast <= base / 8 * 1.1  # new items every 2 minutes, most were new: poll at the floor
    assert slow >= base * 8 * 0.9  # one item a day, nothing new: back off to the ceiling
    assert base * 1.5 <= unchanged <= base * 2.5  # a 304: slower than the base


def test_run_forever_stops_on_event(server, store, config):
    server.html("/a", sample_article(1))
    server.add("/feed", (200, {"Content-Type": "application/rss+xml"}, rss([server.url("/a")])))
    store.upsert_source(site(server, feeds=[server.url("/feed")]))
    stop = threading.Event()
    thread = threading.Thread(target=run_forever, args=(store, config, stop), daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while store.count_articles() == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    stop.set()
    thread.join(timeout=5)
    assert not thread.is_alive() and store.count_articles() == 1


def test_feed_removed_from_a_source_is_retired(server, store, config):
    server.add("/old", (200, {"Content-Type": "application/rss+xml"}, rss([])))
    server.add("/new", (200, {"Content-Type": "application/rss+xml"}, rss([])))
    store.upsert_source(site(server, feeds=[server.url("/old")]))
    collect_once(store, config)
    store.upsert_source(site(server, feeds=[server.url("/new")]))
    store.mark_url(server.url("/old"), "pending", next_at=None)
    collect_once(store, config)
    assert store.frontier_row(server.url("/old"))["state"] == "retired"
    assert len(server.hits_for("/old")) == 1 and len(server.hits_for("/new")) == 1


def test_oversized_page_is_cut_and_reported_by_the_pass(server, store, config):
    server.html("/big", sample_article(1, size_pad=300_000))
    server.add("/feed", (200, {"Content-Type": "application/rss+xml"}, rss([server.url("/big")])))
    store.upsert_source(site(server, feeds=[server.url("/feed")]))
    summary = collect_once(store, config.replace(max_body_bytes=100_000))
    assert summary.truncated == 1
    assert any("body cut at 100000 bytes" in e for e in summary.errors)
    row = store.frontier_row(server.url("/big"))
    assert row["state"] == "done" and "body cut at 100000 bytes" in row["last_error"]
    assert summary.articles_new == 1  # the article text came before the cut


def test_site_profiles_are_learned_in_memory_and_saved_now_and_then(server, store, config):
    """A busy site's profile is a megabyte of JSON: a pass keeps it in memory and saves it every
    few pages and at the end, instead of reading and writing it for every page."""
    pages = 30
    for i in range(pages):
        server.html(f"/news/{i}", sample_article(i))
    server.add("/feed", (200, {"Content-Type": "application/rss+xml"},
                         rss([server.url(f"/news/{i}") for i in range(pages)])))  # fmt: skip
    store.upsert_source(site(server, feeds=[server.url("/feed")]))
    saves = []
    real_save = store.save_profile

    def counting_save(key, profile):  # type: ignore[no-untyped-def]
        saves.append(profile["pages"])
        real_save(key, profile)

    store.save_profile = counting_save
    summary = collect_once(store, config)

    assert summary.articles_new == pages
    assert saves == [25, pages]  # every 25 pages learned, then the rest when the source is done
    assert store.get_profile(server.address)["pages"] == pages
