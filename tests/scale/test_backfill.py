"""marsad.scale.backfill on a real Dask LocalCluster against in-process `marsad ingest`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.ingest import ingest
from marsad.ingest.warc import iter_warc_pages
from marsad.ingest.warcindex import index_warc
from marsad.scale import backfill
from marsad.store import SqliteStore
from tests.scale.warcs import pages, write_warc

ARTICLES = (
    "SELECT ident, url, canonical_url, title, lead, body, published, published_precision, updated, authors, "
    "dateline, attribution, tags, related, language, images, source, site_name, first_seen, body_hash, story_id "
    "FROM articles ORDER BY id"
)
CAPTURES = "SELECT url, fetched_at, status, headers, content_hash, warc_path, warc_offset, source, kind FROM captures ORDER BY id"
RELATIONS = "SELECT src, kind, dst, agency, score FROM relations ORDER BY src, kind, dst, agency"


def rows(store: SqliteStore, sql: str) -> list[tuple]:
    return [tuple(r) for r in store.query(sql)]


def profiles(store: SqliteStore) -> dict[str, dict]:
    """Stored site profiles, compared as values (line order follows set order, per process)."""
    out = {}
    for r in store.query("SELECT key, profile FROM sources WHERE profile IS NOT NULL"):
        data = json.loads(r["profile"])
        data["seen"] = sorted(data["seen"])
        out[r["key"]] = data
    return out


@pytest.fixture(scope="module")
def stores(tmp_path_factory, warcs, cluster):
    root = tmp_path_factory.mktemp("stores")
    local = SqliteStore(root / "ingest.db")
    report = ingest(local, warcs)
    assert report.added == 60 and not report.errors
    dask = SqliteStore(root / "backfill.db")
    result = backfill(dask, warcs, scheduler=cluster.scheduler_address, chunk=7)  # chunks span sites
    return local, dask, result


def test_index_lists_the_records_ingest_reads(warcs):
    for path in warcs:
        entries, errors = index_warc(str(path))
        assert not errors
        assert entries == [(p.offset, p.url) for p in iter_warc_pages(path)]


def test_index_of_plain_warc_resyncs_after_a_damaged_record(tmp_path):
    path = write_warc(tmp_path / "plain.warc", pages("albayan-2020-06-03", 6), gzip=False)
    entries, errors = index_warc(str(path))
    assert not errors and entries == [(p.offset, p.url) for p in iter_warc_pages(path)]
    data = bytearray(path.read_bytes())
    third = entries[2][0]
    data[third : third + 8] = b"XXXX/9.9"  # the third record's first line is no WARC header any more
    path.write_bytes(bytes(data))
    damaged, errors = index_warc(str(path))
    assert damaged == entries[:2] + entries[3:]
    assert [offset for offset, _, _ in errors] == [third]


def test_backfill_stores_what_ingest_stores(stores):
    local, dask, report = stores
    assert (report.added, report.duplicates, report.errors, report.records, report.warcs) == (60, 0, [], 60, 2)
    assert report.workers == 2
    assert rows(dask, ARTICLES) == rows(local, ARTICLES)  # same articles, bodies, order, stories
    assert rows(dask, CAPTURES) == rows(local, CAPTURES)  # captures point at WARC path + offset
    assert rows(dask, RELATIONS) == rows(local, RELATIONS)  # duplicate/copy links in the same order
    assert profiles(dask) == profiles(local)
    capture = dask.get_capture(dask.get_article(1).capture_id)
    assert Path(capture.warc_path).name == "a.warc.gz" and capture.warc_offset > 0


def test_rerun_adds_nothing_twice(stores, warcs, cluster):
    _, dask, _ = stores
    before = (dask.count_articles(), len(rows(dask, CAPTURES)), len(rows(dask, RELATIONS)))
    again = backfill(dask, warcs, scheduler=cluster.scheduler_address)
    assert (again.added, again.skipped, again.errors) == (0, 60, [])  # resumed: nothing re-extracted
    forced = backfill(dask, warcs[:1], scheduler=cluster.scheduler_address, resume=False)
    assert (forced.added, forced.duplicates, forced.errors) == (0, 30, [])  # re-extracted, all known
    assert (dask.count_articles(), len(rows(dask, CAPTURES)), len(rows(dask, RELATIONS))) == before


def corrupt(path: Path, record: int) -> tuple[int, str]:
    """Overwrite the middle of the `record`-th HTML record's gzip member; its (offset, URL)."""
    entries, _ = index_warc(str(path))
    data = bytearray(path.read_bytes())
    start, url = entries[record]
    end = entries[record + 1][0]
    middle = (start + end) // 2
    data[middle : middle + 64] = b"\x00" * 64
    path.write_bytes(bytes(data))
    return start, url


def test_corrupt_record_is_named_and_the_rest_stored(tmp_path):
    path = write_warc(tmp_path / "bad.warc.gz", pages("akhbarelyom-2020-10-07", 12))
    offset, url = corrupt(path, 4)
    store = SqliteStore(tmp_path / "s.db")
    report = backfill(store, [path, tmp_path / "missing.warc.gz"], scheduler=None, workers=2)  # own LocalCluster
    assert report.added == 11 and store.count_articles() == 11
    assert report.workers == 2
    errors = dict(report.errors)
    assert set(errors) == {f"{path}@{offset} {url}", str(tmp_path / "missing.warc.gz")}
    assert errors[f"{path}@{offset} {url}"].startswith("corrupt WARC record: bad gzip data")
    assert url not in {a.url for a in store.latest_articles(limit=50)}


def test_cli_backfill(tmp_path, warcs, cluster):
    import typer

    from marsad.cli import main_options
    from marsad.cli.scale import register

    app = typer.Typer()
    app.callback()(main_options)
    register(app)
    not_warc = tmp_path / "page.html"
    not_warc.write_bytes(pages("alyaum-2020-12-01", 1)[0][1])
    db = tmp_path / "cli.db"
    result = CliRunner().invoke(app, ["--db", str(db), "-q", "backfill", str(warcs[1]), str(not_warc),
                                      "--scheduler", cluster.scheduler_address, "--chunk", "10"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "backfilled 30 new article(s)" in result.output and "1 skipped with errors" in result.output
    assert "2 Dask worker(s)" in result.output
    from marsad.cli.scale import backfill as command

    assert "Example: marsad backfill" in command.__doc__
