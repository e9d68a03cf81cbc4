"""`marsad ingest`: bring files, folders, WARCs and corpora into the store.

Bad input never stops a batch: each failure is reported with the file and record it came from,
the rest goes on, and an article is written whole or not at all. Pages of one site are first
all observed by that site's boilerplate profile, then extracted with it, so a folder of a site's
pages loses the site's repeated blocks from the first page on.
"""

from __future__ import annotations

import io
import json
import logging
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from marsad.errors import InputError, NoArticle
from marsad.extract import SiteProfile, site_key
from marsad.ingest.inputs import Input, decode_bytes, expand, open_text
from marsad.ingest.records import iter_csv, iter_json_array, iter_jsonl, record_to_article
from marsad.ingest.warc import iter_warc_pages
from marsad.model import Article, Capture
from marsad.pipeline import process_html, source_of, store_article
from marsad.store import SqliteStore

BATCH = 500  # records per commit on bulk imports
PROBE = 5  # a file whose first PROBE records all fail is taken as not article records
log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())


class Reporter(Protocol):
    def total(self, n: int) -> None: ...
    def advance(self, n: int = 1) -> None: ...
    def error(self, where: str, message: str) -> None: ...


class SilentReporter:
    def total(self, n: int) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass

    def error(self, where: str, message: str) -> None:
        log.warning("%s", message, extra={"where": where})


@dataclass
class IngestReport:
    added: int = 0
    duplicates: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    inputs: int = 0

    @property
    def failed(self) -> bool:
        """True only when nothing at all could be ingested."""
        return self.added + self.duplicates == 0 and bool(self.errors)


class Ingest:
    """One ingest run over many paths."""

    def __init__(self, store: SqliteStore, *, mapping: dict[str, str] | None = None,
                 reporter: Reporter | None = None, link: bool = True) -> None:  # fmt: skip
        self.store = store
        self.mapping = mapping
        self.reporter = reporter or SilentReporter()
        self.link = link
        self.report = IngestReport()
        self._batch: Any = None

    def run(self, paths: list[str | Path]) -> IngestReport:
        items: list[Input] = []
        for item in expand(paths):
            if isinstance(item, InputError):
                self._fail(item.where or "", str(item))
            else:
                items.append(item)
        self.report.inputs = len(items)
        html = [i for i in items if i.kind == "html"]
        warcs = [i for i in items if i.kind == "warc"]
        others = [i for i in items if i.kind not in ("html", "warc")]
        self.reporter.total(len(html) + sum(self._count(i) for i in others) + len(warcs))
        if html:
            self._html(html)
        for item in warcs:
            self._warc(item)
        for item in others:
            self._records(item)
        return self.report

    # -- bookkeeping --------------------------------------------------------------------------

    def _fail(self, where: str, message: str) -> None:
        self.report.errors.append((where, message))
        self.reporter.error(where, message)

    def _stored(self, inserted: bool) -> None:
        if inserted:
            self.report.added += 1
        else:
            self.report.duplicates += 1

    def _count(self, item: Input) -> int:
        """Records in an input, for the progress bar's ETA (cheap line counts)."""
        try:
            if item.kind in ("jsonl", "csv"):
                return max(1, item.read_bytes().count(b"\n"))
            if item.kind == "json":
                return max(1, item.read_bytes().count(b"\n    {"))
        except InputError:
            return 1
        return 1

    # -- HTML pages ----------------------------------------------------------------------------

    def _html(self, items: list[Input]) -> None:
        profiles: dict[str, SiteProfile] = {}
        keys: dict[str, str | None] = {}
        for item in items:  # pass 1: learn each site's boilerplate from all its pages
            try:
                data = item.read_bytes()
                key = site_key(data, None)
            except Exception:  # noqa: BLE001 — reported in pass 2, where the page is read again
                keys[item.where] = None
                continue
            keys[item.where] = key
            if key:
                if key not in profiles:
                    saved = self.store.get_profile(key)
                    profiles[key] = SiteProfile.from_dict(saved) if saved else SiteProfile()
                profiles[key].observe(data, None)
        for key, profile in profiles.items():
            self.store.save_profile(key, profile.to_dict())
        for item in items:  # pass 2: extract with the learned profile
            self._one_html(item, profiles.get(keys.get(item.where) or ""))
            self.reporter.advance()

    def _one_html(self, item: Input, profile: SiteProfile | None) -> None:
        try:
            data = item.read_bytes()
            capture = Capture(url=f"file://{Path(item.path).resolve()}" + (f"!{item.member}" if item.member else ""),
                              content=data, kind="file")  # fmt: skip
            stored = process_html(self.store, data, capture=capture, profile=profile, learn=False, link=self.link)
            self._stored(stored.inserted)
        except (InputError, NoArticle) as exc:
            self._fail(item.where, str(exc))
        except Exception as exc:
            log.exception("unexpected error on %s", item.where)
            self._fail(item.where, f"unexpected error: {exc!r}")

    # -- WARC archives ---------------------------------------------------------------------------

    def _warc(self, item: Input) -> None:
        profiles: dict[str, SiteProfile] = defaultdict(SiteProfile)
        try:
            for page in iter_warc_pages(item.path):
                if isinstance(page, InputError):
                    continue
                key = source_of(page.url)
                if key:
                    profiles[key].observe(page.payload, page.url)
        except InputError:
            pass  # reported in pass 2
        for page in iter_warc_pages(item.path):
            if isinstance(page, InputError):
                self._fail(page.where or item.where, str(page))
                continue
            capture = Capture(
                url=page.url, fetched_at=page.date or datetime.now().astimezone(), status=page.status,
                headers=page.headers, content=page.payload, warc_path=str(Path(item.path).resolve()),
                warc_offset=page.offset, source=source_of(page.url),
            )  # fmt: skip
            try:
                stored = process_html(
                    self.store, page.payload, url=page.url, headers=page.headers, capture=capture,
                    profile=profiles.get(source_of(page.url) or ""), learn=False, link=self.link,
                )  # fmt: skip
                self._stored(stored.inserted)
            except NoArticle as exc:
                self._fail(f"{item.where}@{page.offset} {page.url}", str(exc))
            except Exception as exc:
                log.exception("unexpected error on %s", page.url)
                self._fail(f"{item.where}@{page.offset} {page.url}", f"unexpected error: {exc!r}")
        for key, profile in profiles.items():
            self.store.save_profile(key, profile.to_dict())
        self.reporter.advance()

    # -- article records -----------------------------------------------------------------------------

    def _iter_records(self, item: Input) -> Iterator[tuple[str, Any]]:
        if item.kind == "text":
            text = decode_bytes(item.read_bytes())
            lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
            if not lines:
                raise InputError("empty text file", where=item.where)
            yield item.where, {"title": lines[0][:150], "text": "\n".join(lines),
                               "source": Path(item.where.split("!")[0]).parent.name or None}  # fmt: skip
            return
        if item.kind == "jsonl":
            yield from iter_jsonl(open_text(item), item.where)
        elif item.kind == "csv":
            yield from iter_csv(open_text(item), item.where)
        elif item.kind == "json":
            text = decode_bytes(item.read_bytes())
            try:
                json.loads(text)
            except json.JSONDecodeError:
                yield from iter_jsonl(io.StringIO(text), item.where)  # JSON lines named .json
            else:
                yield from iter_json_array(text, item.where)
        else:
            raise InputError(f"unsupported input kind {item.kind}", where=item.where)

    def _records(self, item: Input) -> None:
        good = 0
        bad: list[tuple[str, str]] = []  # failures before the first good record, held back

        def failed(where: str, message: str) -> bool:
            """Report one bad record; True when the file looks like no article records at all."""
            if good:
                self._fail(where, message)
                return False
            bad.append((where, message))
            if len(bad) < PROBE:
                return False
            self._fail(item.where, f"not article records (first {PROBE} records fail: {bad[0][1]}); file skipped")
            return True

        try:
            for n, (where, record) in enumerate(self._iter_records(item)):
                if n % BATCH == 0:
                    self._commit_batch()
                self.reporter.advance()
                if isinstance(record, InputError):
                    if failed(where, str(record)):
                        return
                    continue
                try:
                    article = record_to_article(record, self.mapping if item.kind != "text" else None, where=where)
                    if item.kind == "text":
                        article.source = record.get("source")
                    self._stored(store_article(self.store, article, link=self.link).inserted)
                except InputError as exc:
                    if failed(where, str(exc)):
                        return
                    continue
                except Exception as exc:
                    log.exception("unexpected error on %s", where)
                    self._fail(where, f"unexpected error: {exc!r}")
                    continue
                if not good:
                    for held in bad:  # a few bad records at the top of a good file: report them now
                        self._fail(*held)
                good += 1
        except InputError as exc:
            self._fail(item.where, str(exc))
        except Exception as exc:
            log.exception("unexpected error reading %s", item.where)
            self._fail(item.where, f"unexpected error reading the file: {exc!r}")
        finally:
            if not good and 0 < len(bad) < PROBE:
                for held in bad:
                    self._fail(*held)
            self._commit_batch(reopen=False)

    def _commit_batch(self, reopen: bool = True) -> None:
        """Commit the open batch of records (one commit per BATCH records, not per record)."""
        if self._batch is not None:
            self._batch.__exit__(None, None, None)
            self._batch = None
        if reopen:
            self._batch = self.store.batch()
            self._batch.__enter__()


def ingest(store: SqliteStore, paths: list[str | Path], **options: Any) -> IngestReport:
    """Ingest files and folders into the store; see `Ingest`."""
    return Ingest(store, **options).run(paths)


__all__ = ["Article", "Ingest", "IngestReport", "ingest"]
