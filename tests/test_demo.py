"""The demo archive: the committed demo.warc.gz is valid and matches marsad/data/demo/."""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from marsad.demo import DEMO_DIR, build_demo_warc, demo_pages, demo_sources, demo_warc
from marsad.ingest.warc import iter_warc_pages

RELATIVE_DATE = re.compile(r"منذ\s+(?:\d+\s+)?(?:ساعة|ساعتين|ساعات|دقيقة|دقيقتين|دقائق|يوم|يومين|أيام|أسبوع)")


def read_archive(path: Path) -> tuple[Counter[str], dict[str, dict]]:
    """Record-type counts and, per target URI, the request/response facts that must not drift."""
    types: Counter[str] = Counter()
    by_url: dict[str, dict] = {}
    with open(path, "rb") as fh:
        for record in ArchiveIterator(fh):
            assert record.rec_headers.protocol == "WARC/1.1"
            types[record.rec_type] += 1
            if record.rec_type not in ("request", "response"):
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            entry = by_url.setdefault(url, {})
            entry[f"{record.rec_type}_date"] = record.rec_headers.get_header("WARC-Date")
            if record.rec_type == "response":
                entry["status"] = record.http_headers.get_statuscode()
                entry["content_type"] = record.http_headers.get_header("Content-Type")
                entry["payload_digest"] = record.rec_headers.get_header("WARC-Payload-Digest")
                entry["payload"] = record.content_stream().read()
            else:
                entry["request_line"] = record.http_headers.protocol + " " + record.http_headers.statusline
    return types, by_url


def test_committed_archive_is_valid():
    pages = demo_pages()
    types, by_url = read_archive(demo_warc())
    assert types["response"] == len(pages)
    assert types["request"] == len(pages)
    assert types["warcinfo"] == 1
    assert set(by_url) == {p.url for p in pages}
    for page in pages:
        entry = by_url[page.url]
        assert entry["status"] == "200"
        assert entry["content_type"] == "text/html; charset=utf-8"
        assert entry["payload"] == page.html(), page.file
        assert entry["response_date"] == entry["request_date"] == page.fetched.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_rebuild_matches_committed_archive(tmp_path):
    """Rebuilding from marsad/data/demo/ gives the same URLs, dates and payloads (no drift)."""
    rebuilt = build_demo_warc(tmp_path / "demo.warc.gz")
    assert read_archive(rebuilt) == read_archive(demo_warc()), "demo.warc.gz is stale: run python -m marsad.demo"


def test_ingest_reader_sees_every_page():
    pages = list(iter_warc_pages(demo_warc()))
    assert [type(p).__name__ for p in pages] == ["WarcPage"] * len(demo_pages())
    assert {p.url for p in pages} == {p.url for p in demo_pages()}


def test_every_page_is_marked_and_well_formed():
    manifest = json.loads((DEMO_DIR / "pages.json").read_text(encoding="utf-8"))
    files = sorted(p.name for p in DEMO_DIR.glob("*.html"))
    assert files == sorted(e["file"] for e in manifest["pages"]), "pages.json and the .html files differ"
    for page in demo_pages():
        html = page.html().decode("utf-8")
        assert html.startswith("<!DOCTYPE html>")
        assert '<html lang="ar" dir="rtl">' in html
        assert "<!-- Sample page written for marsad's demo" in html
        assert 'class="demo-notice">صفحة نموذجية كُتبت لعرض marsad التوضيحي' in html
        assert f'<link rel="canonical" href="{page.url}">' in html
        assert '<meta property="og:title"' in html and '<meta property="og:site_name"' in html
        hosts = set(re.findall(r"https?://([^/\"'\s<>]+)", html)) - {"schema.org"}
        assert hosts and all(h.endswith(".example") for h in hosts), (page.file, hosts)
        assert not RELATIVE_DATE.search(html), f"{page.file}: relative dates are not allowed"


def test_demo_shape():
    """6-8 pages; every site twice; one agency story copied by two outlets days apart."""
    pages = demo_pages()
    assert 6 <= len(pages) <= 8
    assert all(n >= 2 for n in Counter(p.host for p in pages).values())
    assert {p.host for p in pages} == {s.key for s in demo_sources()}
    chain = sorted((p for p in pages if p.story == "desert-locust"), key=lambda p: p.fetched)
    assert [p.host for p in chain] == ["wakala-anba.example", "akhbar-alkhaleej.example", "sada-almaghrib.example"]
    assert all((b.fetched - a.fetched).days >= 1 for a, b in itertools.pairwise(chain))
    assert len({p.story for p in pages}) >= 4
    htmls = [p.html().decode("utf-8") for p in pages]
    with_meta = sum("article:published_time" in h for h in htmls)
    with_jsonld = sum('"NewsArticle"' in h for h in htmls)
    assert 0 < with_meta < len(pages) and 0 < with_jsonld < len(pages)
    seed_like = htmls[0]
    for marker in ("المصدر:", "كلمات دلالية:", "إقرأ أيضاً:", "About Post Author", "28 كانون الأول 2023"):
        assert marker in seed_like
