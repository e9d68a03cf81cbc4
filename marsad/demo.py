"""The demo archive: a small, self-contained WARC of sample Arabic news pages.

Why it exists: marsad needs something to ingest, extract, link and search on a
fresh checkout, with no network and no third-party data, for the quick-start,
the web UI demo and an end-to-end test. The pages in ``marsad/data/demo/`` were
written for marsad (invented sites, people and events on reserved ``.example``
domains) and mimic the product's canonical case: an Arabic aggregator page that
wraps the article in a disclaimer, a source line, tags, a whole "إقرأ أيضاً"
second article and an author box. They also hold an agency story with two
republications days apart (one near-verbatim, one rewritten), so linking has a
copy chain to find, plus unrelated economy, sport and culture stories.

``pages.json`` in the same folder lists every page with its canonical URL (the
WARC target URI), its capture time (the WARC-Date), the publication time a
correct extraction should find, its story and its role.

``build_demo_warc`` turns the folder into a WARC/1.1 gzip file; the result is
committed as ``marsad/data/demo.warc.gz`` (``demo_warc()``). The build is
deterministic except for WARC record ids, and ``tests/test_demo.py`` checks the
committed archive against a fresh build so the two never drift. After editing a
page, rebuild with ``python -m marsad.demo``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from marsad.model import Source

PACKAGE_DIR = Path(__file__).resolve().parent
DEMO_DIR = PACKAGE_DIR / "data" / "demo"
DEMO_WARC = PACKAGE_DIR / "data" / "demo.warc.gz"
MANIFEST = "pages.json"
USER_AGENT = "marsad-demo/1.0 (+https://marsad.example/demo)"


@dataclass(frozen=True)
class DemoPage:
    """One sample page as listed in ``pages.json``."""

    file: str
    url: str  # canonical URL = WARC-Target-URI
    fetched: datetime  # WARC-Date (UTC)
    published: str  # ISO date or datetime a correct extraction should find
    published_precision: str  # day | minute
    date_form: str  # the visible date form(s) on the page
    story: str  # pages with the same story are about the same event
    role: str

    @property
    def path(self) -> Path:
        return DEMO_DIR / self.file

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or ""

    def html(self) -> bytes:
        return self.path.read_bytes()


def demo_pages(demo_dir: Path | None = None) -> list[DemoPage]:
    """The sample pages, in manifest order."""
    folder = Path(demo_dir) if demo_dir is not None else DEMO_DIR
    data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    pages = []
    for entry in data["pages"]:
        fetched = datetime.fromisoformat(entry["fetched"].replace("Z", "+00:00")).astimezone(UTC)
        pages.append(
            DemoPage(
                file=entry["file"], url=entry["url"], fetched=fetched, published=entry["published"],
                published_precision=entry["published_precision"], date_form=entry["date_form"],
                story=entry["story"], role=entry["role"],
            )
        )  # fmt: skip
    return pages


def demo_sources() -> list[Source]:
    """The four invented sites of the demo, as sources (wakala-anba.example is the agency)."""
    return [
        Source(key="almasalla-demo.example", name="المسلة", name_latin="Al-Masalla (demo)",
               homepage="https://almasalla-demo.example/", domains=["almasalla-demo.example"],
               country="IQ", kind="aggregator"),
        Source(key="wakala-anba.example", name="وكالة الأنباء", name_latin="Wakala Anba (demo agency)",
               homepage="https://wakala-anba.example/", domains=["wakala-anba.example"], kind="agency"),
        Source(key="akhbar-alkhaleej.example", name="أخبار الخليج", name_latin="Akhbar Al-Khaleej (demo)",
               homepage="https://akhbar-alkhaleej.example/", domains=["akhbar-alkhaleej.example"], kind="outlet"),
        Source(key="sada-almaghrib.example", name="صدى المغرب", name_latin="Sada Al-Maghrib (demo)",
               homepage="https://sada-almaghrib.example/", domains=["sada-almaghrib.example"],
               country="MA", kind="outlet"),
    ]  # fmt: skip


def _warc_date(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def build_demo_warc(path: Path, demo_dir: Path | None = None) -> Path:
    """Write the demo pages to `path` as a WARC/1.1 gzip file; returns `path`.

    One warcinfo record, then a request and a response record per page. Everything
    but the WARC-Record-ID (and so WARC-Concurrent-To) is a function of the pages.
    """
    folder = Path(demo_dir) if demo_dir is not None else DEMO_DIR
    pages = demo_pages(folder)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True, warc_version="1.1")
        info = writer.create_warcinfo_record(
            path.name,
            {
                "software": "marsad.demo",
                "format": "WARC File Format 1.1",
                "description": "Sample Arabic news pages written for marsad's demo; invented sites on reserved .example domains.",
            },
        )
        info.rec_headers.replace_header("WARC-Date", _warc_date(min(p.fetched for p in pages)))
        writer.write_record(info)
        for page in pages:
            body = (folder / page.file).read_bytes()
            parts = urlsplit(page.url)
            target = parts.path or "/"
            if parts.query:
                target += "?" + parts.query
            warc_date = _warc_date(page.fetched)
            req_headers = StatusAndHeaders(
                f"GET {target} HTTP/1.1",
                [("Host", parts.netloc), ("User-Agent", USER_AGENT), ("Accept", "text/html")],
                is_http_request=True,
            )
            request = writer.create_warc_record(
                page.url, "request", payload=BytesIO(b""), length=0,
                http_headers=req_headers, warc_headers_dict={"WARC-Date": warc_date},
            )  # fmt: skip
            resp_headers = StatusAndHeaders(
                "200 OK",
                [
                    ("Content-Type", "text/html; charset=utf-8"),
                    ("Content-Length", str(len(body))),
                    ("Date", format_datetime(page.fetched, usegmt=True)),
                ],
                protocol="HTTP/1.1",
            )
            response = writer.create_warc_record(
                page.url, "response", payload=BytesIO(body), length=len(body),
                http_headers=resp_headers, warc_headers_dict={"WARC-Date": warc_date},
            )  # fmt: skip
            writer.write_request_response_pair(request, response)
    return path


def demo_warc() -> Path:
    """The committed demo archive inside the package (``marsad/data/demo.warc.gz``)."""
    if not DEMO_WARC.exists():
        raise FileNotFoundError(f"demo archive missing: {DEMO_WARC} (run `python -m marsad.demo`)")
    return DEMO_WARC


if __name__ == "__main__":  # pragma: no cover - maintenance entry point
    print(build_demo_warc(DEMO_WARC))
