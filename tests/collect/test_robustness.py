"""Failure paths of collection: torn WARC writes, bad WARCs and pages in reprocess, pages whose
processing raises, registry type errors, and the retry schedule of failed articles."""

from __future__ import annotations

import asyncio
import errno
import os
from datetime import UTC, datetime

import pytest

import marsad.collect.crawler as crawler_module
import marsad.pipeline
from marsad.collect import (
    WarcArchive,
    check_warcs,
    collect_once,
    load_sources,
    read_response,
    reprocess,
    warc_files,
)
from marsad.collect.crawler import MAX_ATTEMPTS, Crawler
from marsad.collect.warc import iter_responses
from marsad.errors import InputError
from marsad.model import Source
from tests.collect.conftest import rss
from tests.collect.samples import sample_article


def write_page(archive: WarcArchive, n: int) -> tuple[str, int]:
    return archive.write_exchange(url=f"https://x.test/news/{n}", status=200, body=sample_article(n),
                                  response_headers=[("Content-Type", "text/html; charset=utf-8")],
                                  kind="article")  # fmt: skip


def fail_next_write(monkeypatch, archive: WarcArchive, written: list[int]) -> None:
    """The next os.write on the archive's file writes half its data, then the disk is full."""
    real_write = os.write
    armed = [True]

    def write(fd, data):  # type: ignore[no-untyped-def]
        if armed[0] and fd == archive.fd:
            armed[0] = False
            half = max(1, len(data) // 2)
            written.append(real_write(fd, bytes(data[:half])))
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write)


# -- 1. a WARC write that fails part way ----------------------------------------------------------


def test_partial_warc_write_is_undone_and_later_offsets_stay_right(tmp_path, monkeypatch):
    archive = WarcArchive(tmp_path)
    first_path, first = write_page(archive, 1)
    torn: list[int] = []
    fail_next_write(monkeypatch, archive, torn)
    with pytest.raises(OSError, match="No space"):
        write_page(archive, 2)
    assert torn and torn[0] > 0  # bytes did reach the file before the failure
    path, offset = write_page(archive, 3)
    archive.close()
    assert path == first_path and os.path.getsize(path) == archive.size
    assert read_response(path, offset).url == "https://x.test/news/3"
    assert read_response(path, first).url == "https://x.test/news/1"
    assert check_warcs([path]) == []
    assert [r.url for r in iter_responses([path])] == ["https://x.test/news/1", "https://x.test/news/3"]


def test_partial_warc_write_that_cannot_be_cut_starts_a_new_file(tmp_path, monkeypatch):
    archive = WarcArchive(tmp_path)
    first_path, _ = write_page(archive, 1)
    fail_next_write(monkeypatch, archive, [])

    def no_truncate(fd, length):  # type: ignore[no-untyped-def]
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(os, "ftruncate", no_truncate)
    with pytest.raises(OSError):
        write_page(archive, 2)
    path, offset = write_page(archive, 3)
    archive.close()
    assert path != first_path  # never appended after the torn bytes
    assert read_response(path, offset).url == "https://x.test/news/3"
    assert check_warcs([path]) == []


# -- 2. reprocess over missing / damaged WARCs and pages the extractor chokes on -------------------


def test_reprocess_continues_past_missing_and_damaged_warcs(tmp_path, store, config):
    archive = WarcArchive(tmp_path / "good")
    for n in range(2):
        write_page(archive, n)
    archive.close()
    good = warc_files(tmp_path / "good")
    missing = tmp_path / "missing.warc.gz"
    garbage = tmp_path / "garbage.warc.gz"
    garbage.write_bytes(b"\x1f\x8b\x08\x00" + b"\xff" * 500)  # a broken gzip stream

    summary = reprocess(store, config, warc_paths=[missing, garbage, *good])

    assert summary.pages == 2 and summary.articles_new == 2, summary
    assert store.count_articles() == 2
    assert any(str(missing) in e for e in summary.errors), summary.errors
    assert any(str(garbage) in e for e in summary.errors), summary.errors
    assert "errors" in str(summary) and str(missing) in str(summary)
    with pytest.raises(InputError):  # strict reading is unchanged
        list(iter_responses([missing]))


def test_reprocess_continues_past_a_truncated_warc(tmp_path, store, config):
    archive = WarcArchive(tmp_path / "cut")
    write_page(archive, 1)
    _, second = write_page(archive, 2)
    archive.close()
    [path] = warc_files(tmp_path / "cut")
    with open(path, "r+b") as fh:  # the second record torn in its middle
        fh.truncate(second + 200)
    archive = WarcArchive(tmp_path / "good")
    write_page(archive, 3)
    archive.close()

    summary = reprocess(store, config, warc_paths=[path, *warc_files(tmp_path / "good")])

    assert summary.articles_new == 2, summary  # page 1 (before the damage) and page 3
    assert any(str(path) in e for e in summary.errors), summary.errors


def test_reprocess_records_a_page_whose_extraction_raises_and_goes_on(tmp_path, store, config, monkeypatch):
    archive = WarcArchive(tmp_path)
    spots = [write_page(archive, n) for n in range(3)]
    archive.close()
    real = marsad.pipeline.process_html

    def flaky(store, html, *, url, **kw):  # type: ignore[no-untyped-def]
        if url.endswith("/news/1"):
            raise RuntimeError("extractor bug")
        return real(store, html, url=url, **kw)

    monkeypatch.setattr(marsad.pipeline, "process_html", flaky)
    summary = reprocess(store, config, warc_paths=warc_files(tmp_path))

    assert summary.pages == 3 and summary.articles_new == 2 and summary.failed == 1, summary
    [error] = summary.errors
    path, offset = spots[1]
    assert f"{path}@{offset} https://x.test/news/1" in error and "RuntimeError: extractor bug" in error


# -- 3. a page whose processing always raises ----------------------------------------------------


def test_page_whose_processing_raises_is_failed_after_max_attempts(server, store, config, monkeypatch):
    server.html("/a", sample_article(1))
    server.add("/feed", (200, {"Content-Type": "application/rss+xml"}, rss([server.url("/a")])))
    store.upsert_source(Source(key=server.address, homepage=server.url("/"), domains=[server.address],
                               feeds=[server.url("/feed")]))  # fmt: skip

    def boom(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("extractor bug")

    monkeypatch.setattr(marsad.pipeline, "process_html", boom)  # the crawler takes it at construction
    url = server.url("/a")
    states, errors = [], []
    for _ in range(MAX_ATTEMPTS + 1):
        summary = collect_once(store, config)
        row = store.frontier_row(url)
        states.append(row["state"])
        errors.append(row["last_error"])
        if row["state"] == "pending":
            assert row["next_at"] > datetime.now(UTC).isoformat()
            store.requeue(url)  # fast-forward: due now (attempts unchanged)
    assert states == ["pending"] * (MAX_ATTEMPTS - 1) + ["failed", "failed"], states
    assert all("RuntimeError: extractor bug" in e for e in errors), errors
    assert len(server.hits_for("/a")) == MAX_ATTEMPTS  # given up: not fetched again
    assert summary.fetched == 0
    assert store.count_articles() == 0


# -- 4. registry types ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, message",
    [
        ("homepage = 5", "homepage must be a string"),
        ('name = ["a"]', "name must be a string"),
        ("name_latin = 1.5", "name_latin must be a string"),
        ("country = true", "country must be a string"),
        ("kind = 3", "kind must be a string"),
        ('feeds = [1, 2]', "feeds must be a list of strings"),
        ("sitemaps = 7", "sitemaps must be a list of strings"),
        ('domains = [["a.com"]]', "domains must be a list of strings"),
        ('delay = "2"', "delay must be a number"),
        ("delay = true", "delay must be a number"),
        ("delay = -1", "delay must be zero or more"),
        ('enabled = "false"', "enabled must be true or false"),
        ("enabled = 0", "enabled must be true or false"),
    ],
)
def test_registry_type_errors_name_the_file_and_entry(tmp_path, line, message):
    bad = tmp_path / "s.toml"
    bad.write_text(f'[[source]]\nkey = "ok.com"\n\n[[source]]\nkey = "a.com"\n{line}\n', encoding="utf-8")
    with pytest.raises(InputError, match=rf"s.toml: source #2: {message}"):
        load_sources(bad)


def test_registry_good_types_load(tmp_path):
    good = tmp_path / "s.toml"
    good.write_text('[[source]]\nhomepage = "https://a.com/"\ndelay = 2\nenabled = false\n\n'
                    '[[source]]\nkey = "b.com"\ndelay = 1.5\nfeeds = "https://b.com/rss"\n', encoding="utf-8")  # fmt: skip
    a, b = load_sources(good)
    assert a.key == "a.com" and a.delay == 2.0 and a.enabled is False
    assert b.delay == 1.5 and b.enabled is True and b.feeds == ["https://b.com/rss"]


# -- 5. retry schedule of failed articles ----------------------------------------------------------


def test_failed_article_retry_schedule_is_1_then_4_minutes_then_failed(store, config, monkeypatch):
    monkeypatch.setattr(crawler_module.random, "uniform", lambda a, b: 1.0)
    source = Source(key="x.test", homepage="https://x.test/")
    crawler = Crawler(store, config, fetcher=None, sources=[source])  # type: ignore[arg-type]
    url = "https://x.test/a"
    store.enqueue([url], source=source.key, kind="article")
    waits = []
    for _ in range(MAX_ATTEMPTS):
        asyncio.run(crawler.fail(source, store.frontier_row(url), "HTTP 500"))
        row = store.frontier_row(url)
        if row["state"] == "failed":
            break
        waits.append(round((datetime.fromisoformat(row["next_at"]) - datetime.now(UTC)).total_seconds()))
    assert waits == [60, 240] and store.frontier_row(url)["state"] == "failed"
    assert MAX_ATTEMPTS == 3
    # Retry-After, when longer, wins
    other = "https://x.test/b"
    store.enqueue([other], source=source.key, kind="article")
    asyncio.run(crawler.fail(source, store.frontier_row(other), "HTTP 503", retry_after=600))
    wait = (datetime.fromisoformat(store.frontier_row(other)["next_at"]) - datetime.now(UTC)).total_seconds()
    assert 590 < wait <= 600
