"""Re-extract every archived article page from WARC files, without network.

Pages are read in the order they were fetched (WARC files sort by time) and given to
marsad.pipeline.process_html again, so each site's boilerplate profile learns in the same order
as during the crawl. Into the same store, an unchanged extractor yields the same articles
(identity unchanged: nothing is added); into an empty store, it rebuilds the same articles.
Only responses the crawler fetched as article pages are re-extracted (WARC-Marsad-Kind header),
and for WARCs from other tools every 200 HTML response.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.collect.warc import iter_responses, warc_files
from marsad.errors import NoArticle
from marsad.model import Capture

log = logging.getLogger(__name__)


@dataclass
class ReprocessSummary:
    files: int = 0
    pages: int = 0
    articles_new: int = 0
    articles_same: int = 0
    no_article: int = 0
    failed: int = 0  # pages whose extraction raised (see errors)
    errors: list[str] = field(default_factory=list)  # unreadable files and records, failed pages

    def __str__(self) -> str:
        text = (
            f"{self.pages} pages from {self.files} WARC files: {self.articles_same} articles unchanged, "
            f"{self.articles_new} new, {self.no_article} not articles"
        )
        if self.failed:
            text += f", {self.failed} failed"
        if self.errors:
            text += f"; {len(self.errors)} errors:" + "".join(f"\n  {e}" for e in self.errors[:10])
            if len(self.errors) > 10:
                text += f"\n  ... and {len(self.errors) - 10} more"
        return text


def _is_article_page(record: Any) -> bool:
    if record.status != 200 or record.truncated == "unspecified":
        return False
    kind = record.warc_kind
    if kind is not None:
        return kind == "article"
    ctype = record.headers.get("content-type", "").split(";")[0].strip().lower()
    return ctype in ("text/html", "application/xhtml+xml", "")


def reprocess(store: Any, config: Any = None, *, warc_paths: Iterable[str | Path] | None = None,
              link: bool = True, source: str | None = None) -> ReprocessSummary:  # fmt: skip
    """Re-extract archived pages into `store`. WARC files: `warc_paths`, else those of the store's
    captures, else every WARC under `<data_dir>/warc`."""
    from marsad.pipeline import Profiles, process_html, source_of

    if warc_paths is None:
        paths = [Path(p) for p in store.warc_paths()]
        if config is not None:
            known = {str(p) for p in paths}
            paths += [p for p in warc_files(Path(str(config.data_dir)) / "warc") if str(p) not in known]
            paths.sort(key=lambda p: p.name)
    else:
        paths = [Path(p) for p in warc_paths]
    summary = ReprocessSummary(files=len(paths))
    profiles = Profiles(store)
    # a missing or damaged WARC file, or one bad record, is reported and skipped: the rest goes on
    for record in iter_responses(paths, errors=summary.errors):
        if not _is_article_page(record):
            continue
        if source and source_of(record.url) != source:
            continue
        summary.pages += 1
        capture = Capture(
            url=record.url, fetched_at=record.date or Capture(url="").fetched_at, status=record.status,
            headers=record.headers, content=record.body, warc_path=record.path, warc_offset=record.offset,
            source=record.source or source_of(record.url),
        )  # fmt: skip
        try:
            stored = process_html(store, record.body, url=record.url, headers=record.headers, capture=capture,
                                  link=link, profiles=profiles)  # fmt: skip
        except NoArticle:
            summary.no_article += 1
            continue
        except Exception as exc:
            log.warning("reprocess %s (%s@%s) failed", record.url, record.path, record.offset, exc_info=True)
            summary.failed += 1
            summary.errors.append(f"{record.path}@{record.offset} {record.url}: {type(exc).__name__}: {exc}")
            continue
        if stored.inserted:
            summary.articles_new += 1
        else:
            summary.articles_same += 1
    profiles.flush()
    return summary
