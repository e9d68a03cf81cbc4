"""The source registry, discovery against a local site, and the collect CLI commands."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.collect import discover, load_sources, sync_sources
from marsad.collect.sources import source_to_toml
from marsad.errors import InputError
from tests.collect.conftest import rss, sitemap
from tests.collect.samples import sample_article, sample_homepage

REGIONS = {
    "Gulf": {"SA", "AE", "QA", "KW", "BH", "OM"},
    "Levant": {"LB", "JO", "SY", "PS"},
    "Iraq": {"IQ"},
    "Egypt": {"EG"},
    "Maghreb": {"MA", "DZ", "TN", "LY"},
}


def test_bundled_registry(store):
    sources = load_sources()
    assert len(sources) >= 30
    countries = Counter(s.country for s in sources)
    for region, codes in REGIONS.items():
        assert sum(countries[c] for c in codes) >= 2, region
    assert {s.kind for s in sources} == {"outlet", "agency", "aggregator"}
    for s in sources:
        assert s.name and s.name_latin and s.homepage.startswith("https://"), s.key
        assert any("\u0600" <= ch <= "\u06ff" for ch in s.name), s.key
        assert s.domains
    assert len({s.key for s in sources}) == len(sources)
    assert sync_sources(store, sources) == len(sources)
    assert store.get_source("hespress.com").name == "هسبريس"
    assert sync_sources(store, sources) == len(sources) and len(store.list_sources()) == len(sources)


def test_registry_errors_name_the_place(tmp_path):
    bad = tmp_path / "s.toml"
    bad.write_text('[[source]]\nkey = "a.com"\nkind = "blog"\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"s.toml: source #1: kind must be"):
        load_sources(bad)
    round_trip = tmp_path / "r.toml"
    round_trip.write_text("".join(source_to_toml(s) for s in load_sources()[:3]), encoding="utf-8")
    assert [s.key for s in load_sources(round_trip)] == [s.key for s in load_sources()[:3]]


def test_discover_feeds_and_sitemaps(servers, config):
    linked, probed = servers("127.0.0.1"), servers("127.0.0.2")
    linked.html("/", '<html><head><meta property="og:site_name" content="موقع تجريبي">'
                     '<link rel="alternate" type="application/rss+xml" href="/rss/latest.xml">'
                     '<link rel="alternate" type="application/rss+xml" href="/rss/broken.xml"></head></html>')  # fmt: skip
    linked.add("/rss/latest.xml", (200, {"Content-Type": "application/rss+xml"}, rss([linked.url("/a")])))
    linked.html("/rss/broken.xml", "<html>gone</html>")
    linked.add("/robots.txt", (200, {"Content-Type": "text/plain"},
                               f"User-agent: *\nDisallow:\nSitemap: {linked.url('/news.xml')}\n".encode()))  # fmt: skip
    linked.add("/news.xml", (200, {"Content-Type": "application/xml"}, sitemap([linked.url("/a")], news=True)))
    probed.html("/", sample_homepage([]))
    probed.add("/feed", (200, {"Content-Type": "application/rss+xml"}, rss([probed.url("/b")])))
    probed.add("/sitemap.xml", (200, {"Content-Type": "application/xml"}, sitemap([probed.url("/b")])))

    one = discover(linked.url("/"), config.replace(delay=0.02))
    assert one.key == "127.0.0.1" and one.name == "موقع تجريبي"
    assert one.feeds == [linked.url("/rss/latest.xml")]  # the broken one is checked and dropped
    assert one.sitemaps == [linked.url("/news.xml")]
    two = discover(probed.url("/"), config.replace(delay=0.02))
    assert two.feeds == [probed.url("/feed")] and two.sitemaps == [probed.url("/sitemap.xml")]


def invoke(args, db: Path, config, **env):
    runner = CliRunner()
    environment = {"MARSAD_DB": str(db), "MARSAD_DATA_DIR": config.data_dir, "MARSAD_DELAY": "0.05",
                   "MARSAD_ALLOW_PRIVATE_ADDRESSES": "1", "MARSAD_TIMEOUT": "2", **env}  # fmt: skip
    result = runner.invoke(app, args, env=environment, catch_exceptions=False)
    return result


def test_cli_sources_and_collect(server, config, tmp_path):
    db = tmp_path / "cli.db"
    for i in range(3):
        server.html(f"/a/{i}", sample_article(i))
    server.add("/feed", (200, {"Content-Type": "application/rss+xml"}, rss([server.url(f"/a/{i}") for i in range(3)])))
    server.html("/", '<html><head><link rel="alternate" type="application/rss+xml" href="/feed"></head></html>')

    result = invoke(["sources", "load"], db, config)
    assert result.exit_code == 0 and "loaded" in result.output
    result = invoke(["sources", "remove", "hespress.com"], db, config)
    assert result.exit_code == 0
    assert invoke(["sources", "remove", "hespress.com"], db, config).exit_code == 1
    # keep only the local site enabled for the crawl
    from marsad.store import open_store

    store = open_store(db)
    for source in store.list_sources():
        source.enabled = False
        store.upsert_source(source)
    result = invoke(["sources", "add", server.url("/")], db, config)
    assert result.exit_code == 0 and server.url("/feed") in result.output, result.output

    result = invoke(["collect", "--once"], db, config)
    assert result.exit_code == 0, result.output
    assert "3 new articles" in result.output
    assert store.count_articles() == 3

    result = invoke(["sources", "list", "--json"], db, config)
    rows = {json.loads(line)["key"]: json.loads(line) for line in result.output.splitlines()}
    assert rows["127.0.0.1"]["status"] == "ok" and rows["127.0.0.1"]["frontier"]["done"] == 3
    assert "hespress.com" not in rows and len(rows) >= 30
    result = invoke(["sources", "list"], db, config)
    assert result.exit_code == 0 and "127.0.0.1" in result.output

    result = invoke(["sources", "check", "127.0.0.1"], db, config)
    assert result.exit_code == 0 and "1 of 1 feeds/sitemaps work" in result.output

    result = invoke(["reprocess"], db, config)
    assert result.exit_code == 0 and "3 articles unchanged" in result.output, result.output
