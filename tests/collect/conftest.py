"""Fixtures for collect tests: real local HTTP servers, a fast polite config, a temporary store."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from marsad.config import load_config
from marsad.store import open_store
from tests.collect.server import TestServer
from tests.conftest import shared_path

DELAY = 0.2
REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def servers() -> Iterator[callable]:
    """servers("127.0.0.2") starts a TestServer on that loopback address; all are stopped after."""
    started: list[TestServer] = []

    def start(address: str = "127.0.0.1") -> TestServer:
        server = TestServer(address).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def server(servers) -> TestServer:
    return servers("127.0.0.1")


@pytest.fixture
def config(tmp_path: Path):
    return load_config(
        env={
            "MARSAD_DELAY": str(DELAY),
            "MARSAD_ALLOW_PRIVATE_ADDRESSES": "1",
            "MARSAD_DATA_DIR": str(tmp_path / "data"),
            "MARSAD_DB": str(tmp_path / "marsad.db"),
            "MARSAD_TIMEOUT": "2",
            "MARSAD_RETRIES": "1",
            "MARSAD_POLL_INTERVAL": "600",
        }
    )


@pytest.fixture
def store(tmp_path: Path):
    s = open_store(tmp_path / "marsad.db")
    yield s
    s.close()


def real_pages() -> list[tuple[str, dict, bytes]]:
    """The 11 distinct real pages of ../shared/pages: (id, gold record, html)."""
    root = shared_path("pages")
    gold = json.loads((root / "gold.json").read_text(encoding="utf-8"))
    return [(key, rec, (root / rec["file"]).read_bytes()) for key, rec in gold.items()]


def transplanted_pages(limit: int | None = None) -> list[tuple[str, bytes]]:
    """Pages of ../shared/pages-transplanted: (template/n, html), in a stable order."""
    root = shared_path("pages-transplanted")
    files = sorted(root.glob("*/*.html.gz"), key=lambda p: (p.parent.name, int(p.name.split(".")[0])))
    out = [(f"{p.parent.name}/{p.name.split('.')[0]}", gzip.decompress(p.read_bytes())) for p in files]
    return out[:limit] if limit else out


def rss(items: list[str], title: str = "test feed", dates: list[str] | None = None) -> bytes:
    parts = []
    for i, url in enumerate(items):
        date = f"<pubDate>{dates[i]}</pubDate>" if dates else ""
        parts.append(f"<item><title>item {i}</title><link>{url}</link>{date}</item>")
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
        f"{''.join(parts)}</channel></rss>"
    ).encode()


def sitemap(urls: list[str], news: bool = False) -> bytes:
    rows = []
    for url in urls:
        extra = ""
        if news:
            extra = ("<news:news><news:publication><news:name>t</news:name><news:language>ar</news:language>"
                     "</news:publication><news:publication_date>2099-01-01T10:00:00+03:00</news:publication_date>"
                     "<news:title>t</news:title></news:news>")  # fmt: skip
        rows.append(f"<url><loc>{url}</loc>{extra}</url>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">' + "".join(rows) + "</urlset>"
    ).encode("utf-8")
