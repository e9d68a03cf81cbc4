"""The work a backfill sends to Dask workers: pure functions from WARC records to plain results.

Each function opens the WARC itself (workers read the files where the driver sees them: a shared
filesystem or the same paths on every machine) and returns small picklable values. None of them
touches the store; the driver is the single writer.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, BinaryIO

from marsad.errors import NoArticle
from marsad.extract import SiteProfile, extract_article
from marsad.ingest.warcindex import index_warc, read_page
from marsad.model import Article
from marsad.pipeline import source_of

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

__all__ = ["Extracted", "RecordError", "extract_chunk", "index_warc", "learn_profile"]


@dataclass
class Extracted:
    """One extracted record: the article and what the driver needs to write its capture."""

    offset: int
    url: str
    article: Article
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    date: datetime | None = None
    content_hash: str = ""


@dataclass
class RecordError:
    """One record that gave no article, named by its offset and URL."""

    offset: int
    url: str
    message: str


def learn_profile(path: str, entries: list[tuple[int, str]]) -> dict[str, Any]:
    """Pass 1 for one site of one WARC: observe its pages in file order; the profile as a dict.

    The same pages in the same order as `marsad ingest`'s first pass over this WARC, so the
    profile is the same. Unreadable records are skipped (pass 2 reports them).
    """
    profile = SiteProfile()
    with open(path, "rb") as fh:
        for offset, _url in entries:
            try:
                page = read_page(fh, offset)
            except Exception as exc:  # noqa: BLE001 — reported once, by extract_chunk
                log.debug("%s@%s unreadable while learning: %r", path, offset, exc)
                continue
            profile.observe(page.payload, page.url)
    return profile.to_dict()


def extract_chunk(path: str, entries: list[tuple[int, str]], profiles: dict[str, dict[str, Any]]) -> list[Extracted | RecordError]:
    """Pass 2 for a run of records of one WARC: each record's article, or why it has none.

    `profiles` maps a source key to its learned profile (`SiteProfile.to_dict()`, which
    `from_dict` restores whole). Mirrors `marsad.pipeline.process_html` with `learn=False`, minus
    the store.
    """
    learned = {key: SiteProfile.from_dict(data) for key, data in profiles.items()}
    try:
        with open(path, "rb") as fh:
            return [_extract_one(fh, offset, url, learned) for offset, url in entries]
    except OSError as exc:
        return [RecordError(offset, url, f"cannot read: {exc}") for offset, url in entries]


def _extract_one(fh: BinaryIO, offset: int, url: str, learned: dict[str, SiteProfile]) -> Extracted | RecordError:
    try:
        page = read_page(fh, offset)
    except Exception as exc:  # noqa: BLE001 — zlib.error, ArchiveLoadFailed, InputError, ...
        return RecordError(offset, url, f"corrupt WARC record: {exc!r}")
    try:
        source = source_of(page.url)
        article = extract_article(page.payload, url=page.url, headers=page.headers, profile=learned.get(source or ""))
        article.source = source or source_of(article.canonical_url or article.url)
    except NoArticle as exc:
        return RecordError(offset, url, str(exc))
    except Exception as exc:  # one bad record never stops a backfill
        log.exception("unexpected error on %s", page.url)
        return RecordError(offset, url, f"unexpected error: {exc!r}")
    return Extracted(offset, page.url, article, page.status, page.headers, page.date,
                     hashlib.sha1(page.payload).hexdigest())  # fmt: skip
