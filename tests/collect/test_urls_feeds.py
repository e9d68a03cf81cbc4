"""URL hygiene and feed/sitemap parsing (pure functions)."""

from __future__ import annotations

import gzip

import pytest

from marsad.collect.feeds import FeedError, feed_links, parse_feed, parse_sitemap
from marsad.collect.urls import normalize_url, same_site, url_key
from tests.collect.conftest import rss, sitemap


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://WWW.Example.com:443/news/1?utm_source=tw&utm_medium=x&id=5#comments", "https://www.example.com/news/1?id=5"),
        ("https://example.com/a?fbclid=1&gclid=2&b=2&a=1", "https://example.com/a?a=1&b=2"),
        ("https://example.com/news/123/amp", "https://example.com/news/123"),
        ("https://example.com/2024/03/slug/amp/", "https://example.com/2024/03/slug/"),
        ("https://example.com/amp/news/123", "https://example.com/news/123"),
        ("https://example.com/news/123?amp=1", "https://example.com/news/123"),
        ("https://example.com/news/123?outputType=amp", "https://example.com/news/123"),
        ("https://amp.example.com/news/1", "https://example.com/news/1"),
        ("https://m.example.com/news/1", "https://example.com/news/1"),
        ("http://example.com:80//a//b", "http://example.com/a/b"),
        ("https://www.youm7.com/story/2020/8/24/وزير-الرى/4943459",
         "https://www.youm7.com/story/2020/8/24/%D9%88%D8%B2%D9%8A%D8%B1-%D8%A7%D9%84%D8%B1%D9%89/4943459"),
        ("https://elbaladtv.net/%d8%aa%d8%b1/", "https://elbaladtv.net/%D8%AA%D8%B1/"),
    ],
)
def test_normalize(url, expected):
    assert normalize_url(url) == expected


def test_variants_of_one_article_normalize_to_one_url():
    variants = [
        "https://www.youm7.com/story/1",
        "https://m.youm7.com/story/1?utm_source=facebook",
        "https://amp.youm7.com/story/1/amp",
        "https://youm7.com/story/1#top",
        "https://www.youm7.com/story/1?amp",
    ]
    assert {normalize_url(v, prefer_host="www.youm7.com") for v in variants} == {"https://www.youm7.com/story/1"}
    assert len({url_key(v) for v in variants}) == 1


def test_not_http_and_relative():
    assert normalize_url("mailto:a@b.c") is None
    assert normalize_url("javascript:void(0)") is None
    assert normalize_url("/x/y?utm_campaign=z", base="https://a.com/feed") == "https://a.com/x/y"


def test_same_site():
    assert same_site("https://m.alarabiya.net/x", ["alarabiya.net"])
    assert same_site("https://gate.ahram.org.eg/News/1.aspx", ["ahram.org.eg"])
    assert not same_site("https://evil-alarabiya.net/x", ["alarabiya.net"])
    assert not same_site("https://facebook.com/share", ["alarabiya.net"])
    assert same_site("https://anything.org/", ["*"])


def test_parse_rss_and_atom():
    feed = parse_feed(rss(["/a/1", "https://x.com/a/2"], dates=["Tue, 12 Mar 2024 10:00:00 +0300"] * 2),
                      "https://x.com/feed")  # fmt: skip
    assert [e.url for e in feed.entries] == ["https://x.com/a/1", "https://x.com/a/2"]
    assert feed.entries[0].published.isoformat() == "2024-03-12T07:00:00+00:00"
    atom = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
      <entry><title>a</title><link rel="alternate" href="https://x.com/1"/><updated>2024-03-12T10:00:00Z</updated></entry></feed>"""
    assert [e.url for e in parse_feed(atom).entries] == ["https://x.com/1"]


@pytest.mark.parametrize("body", [b"", b"<html><body>not a feed</body></html>", b"\x00\x01garbage",
                                  b"<rss><channel><item><title>broken"])  # fmt: skip
def test_invalid_feeds_raise(body):
    with pytest.raises(FeedError):
        parse_feed(body)


def test_parse_sitemaps_index_gzip_and_news():
    news = parse_sitemap(sitemap(["https://x.com/1", "https://x.com/2"], news=True))
    assert news.kind == "urlset" and news.news
    assert [e.url for e in news.entries] == ["https://x.com/1", "https://x.com/2"]
    assert news.entries[0].published.isoformat() == "2099-01-01T10:00:00+03:00"
    assert news.entries[0].title == "t"
    index = gzip.compress(b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap>'
                          b"<loc>/s-2024-03.xml</loc><lastmod>2024-03-12</lastmod></sitemap></sitemapindex>")  # fmt: skip
    parsed = parse_sitemap(index, "https://x.com/sitemap.xml.gz")
    assert parsed.kind == "index" and parsed.entries[0].url == "https://x.com/s-2024-03.xml"
    with pytest.raises(FeedError):
        parse_sitemap(rss(["https://x.com/1"]))
    with pytest.raises(FeedError):
        parse_sitemap(b"<html>no</html>")


def test_feed_links_from_html():
    html = b"""<html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml">
      <link rel="alternate" type="application/atom+xml" href="https://x.com/atom">
      <link rel="alternate" hreflang="en" href="/en"><link rel="stylesheet" href="/s.css"></head></html>"""
    assert feed_links(html, "https://x.com/") == ["https://x.com/rss.xml", "https://x.com/atom"]
