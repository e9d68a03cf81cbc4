"""Backfill WARC archives into the store with extraction spread over a Dask cluster.

Three kinds of tasks run on the cluster, all pure (bytes in, plain values out):

1. `index_warc` — one per WARC: the offset and URL of each HTML response record.
2. `learn_profile` — one per site of each WARC: that site's boilerplate profile, learned from
   its pages in file order (the first pass of `marsad ingest`; `SiteProfile` has no merge, so a
   site's pages are observed inside one task).
3. `extract_chunk` — one per `chunk` records: the articles, with the profiles of the chunk's
   sites as inputs (Dask moves them between workers; they never round-trip through here).

The driver (this process) is the only writer: it stores each chunk's articles with
`store_article` inside one `store.batch()`, in WARC and record order, so duplicate and story
linking see the articles in the same order as an in-process `marsad ingest` of the same files,
and the stored articles are the same. A bounded window of chunks is in flight at any time, so
memory stays flat however many records the archives hold.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections import deque
from collections.abc import Generator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from marsad.errors import InputError, MarsadError
from marsad.ingest.inputs import expand
from marsad.model import Capture
from marsad.pipeline import source_of, store_article
from marsad.scale.tasks import (
    Extracted,
    RecordError,
    extract_chunk,
    index_warc,
    learn_profile,
)

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

INSTALL_HINT = 'Dask is not installed: pip install "marsad[scale]" (or "dask[distributed]")'


class ScaleError(MarsadError):
    """The cluster cannot be reached or used."""


@dataclass
class BackfillReport:
    """What a backfill did. `errors` are (where, message); where is `path@offset url`."""

    added: int = 0
    duplicates: int = 0
    skipped: int = 0  # records whose capture was already stored by an earlier (interrupted) run
    errors: list[tuple[str, str]] = field(default_factory=list)
    warcs: int = 0
    records: int = 0  # HTML response records found
    seconds: float = 0.0
    workers: int = 0

    @property
    def failed(self) -> bool:
        """True only when nothing at all could be stored (or found already stored)."""
        return self.added + self.duplicates + self.skipped == 0 and bool(self.errors)

    @property
    def rate(self) -> float:
        """Records per second, end to end."""
        return self.records / self.seconds if self.seconds else 0.0


@dataclass
class _Warc:
    where: str  # as the user named it, for messages
    path: str  # resolved: what captures point at and what workers open
    entries: list[tuple[int, str]] = field(default_factory=list)
    sites: dict[str, Any] = field(default_factory=dict)  # source key -> Future of its profile dict


def connect(scheduler: str | None = None, workers: int = 2) -> tuple[Any, Any]:
    """(client, cluster): a new LocalCluster when `scheduler` is None (cluster is then ours to
    close), else a client of the running cluster at that address (or scheduler JSON file)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover — depends on the install
        raise ScaleError(INSTALL_HINT) from exc
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=":0", silence_logs=logging.ERROR)  # fmt: skip
        return Client(cluster), cluster
    try:
        if scheduler.endswith(".json") and Path(scheduler).is_file():
            client = Client(scheduler_file=scheduler, timeout="30s")
        else:
            client = Client(scheduler, timeout="30s")
    except (OSError, TimeoutError) as exc:
        raise ScaleError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
    return client, None


def check_workers(client: Any) -> int:
    """Number of workers; fails when there are none or when one runs another marsad version."""
    import marsad

    def version() -> str:
        import marsad as m

        return m.__version__

    try:
        client.wait_for_workers(1, timeout=60)
    except TimeoutError as exc:
        raise ScaleError("the Dask cluster has no workers (waited 60 s)") from exc
    try:
        versions = client.run(version)
    except Exception as exc:  # a worker without marsad installed, or gone
        raise ScaleError(f"a Dask worker cannot import marsad ({exc!r}); install marsad on every worker") from exc
    if not versions:
        raise ScaleError("the Dask cluster has no workers")
    wrong = {w: v for w, v in versions.items() if v != marsad.__version__}
    if wrong:
        raise ScaleError(f"Dask workers run another marsad version than {marsad.__version__}: {wrong}")
    return len(versions)


def _stored_offsets(store: Any, path: str) -> set[int]:
    """Offsets of this WARC whose capture (hence article) an earlier run already stored."""
    return store.warc_offsets(path)


class Backfill:
    """One backfill run; see the module docstring."""

    def __init__(self, store: Any, client: Any, *, chunk: int = 200, window: int | None = None,
                 link: bool = True, resume: bool = True, reporter: Any = None) -> None:  # fmt: skip
        from marsad.ingest.runner import SilentReporter

        self.store = store
        self.client = client
        self.chunk = max(1, chunk)
        self.link = link
        self.resume = resume
        self.reporter = reporter or SilentReporter()
        self.report = BackfillReport()
        self.window = window or 2 * max(1, len(client.scheduler_info().get("workers", {}))) + 2
        self.warcs: list[_Warc] = []
        self._indexes: list[Any] = []
        self._todo = 0  # records to extract, known so far (the progress total)
        self._token = uuid.uuid4().hex[:12]  # task keys unique to this run, even on a shared cluster

    # -- bookkeeping --------------------------------------------------------------------------

    def _fail(self, where: str, message: str) -> None:
        self.report.errors.append((where, message))
        self.reporter.error(where, f"{where}: {message}")

    # -- planning ------------------------------------------------------------------------------

    def _learn(self, i: int) -> None:
        """Wait for WARC i's index, then submit one profile task per site of it."""
        if i >= len(self.warcs) or self.warcs[i].sites:
            return
        warc = self.warcs[i]
        try:
            entries, errors = self._indexes[i].result()
        except Exception as exc:  # noqa: BLE001 — a lost worker, an unreadable file system, ...
            entries, errors = [], [(-1, "", f"cannot index: {exc!r}")]
        self._indexes[i] = None  # the index now lives here only
        for offset, url, message in errors:
            where = warc.where if offset < 0 else f"{warc.where}@{offset}" + (f" {url}" if url else "")
            self._fail(where, message)
        warc.entries = entries
        self.report.records += len(entries)
        groups: dict[str, list[tuple[int, str]]] = {}
        for offset, url in entries:
            key = source_of(url)
            if key:
                groups.setdefault(key, []).append((offset, url))
        for key, group in groups.items():
            warc.sites[key] = self.client.submit(learn_profile, warc.path, group, priority=-10 * i + 1,
                                                 key=f"marsad-learn-{self._token}-{i}-{key}")  # fmt: skip
        if not groups:
            warc.sites[""] = None  # learned: nothing to learn

    def _plan(self) -> Generator[tuple[int, list[tuple[int, str]] | None, Any], None, None]:
        """(WARC index, entries, future) per chunk in order; entries None closes a WARC."""
        for i, warc in enumerate(self.warcs):
            self._learn(i)
            self._learn(i + 1)  # profiles of the next WARC are learned while this one is extracted
            done = _stored_offsets(self.store, warc.path) if self.resume else set()
            todo = [e for e in warc.entries if e[0] not in done]
            self.report.skipped += len(warc.entries) - len(todo)
            self._todo += len(todo)
            self.reporter.total(self._todo)
            for start in range(0, len(todo), self.chunk):
                part = todo[start : start + self.chunk]
                profiles = {k: warc.sites[k] for k in {source_of(u) for _, u in part} if k and k in warc.sites}
                future = self.client.submit(extract_chunk, warc.path, part, profiles, priority=-10 * i + 5,
                                            key=f"marsad-extract-{self._token}-{i}-{start}")  # fmt: skip
                yield i, part, future
            yield i, None, None

    # -- storing ---------------------------------------------------------------------------------

    def _store(self, warc: _Warc, results: list[Extracted | RecordError]) -> None:
        with self.store.batch():
            for result in results:
                if isinstance(result, RecordError):
                    self._fail(f"{warc.where}@{result.offset} {result.url}", result.message)
                    continue
                capture = Capture(
                    url=result.url, fetched_at=result.date or datetime.now().astimezone(), status=result.status,
                    headers=result.headers, content_hash=result.content_hash, warc_path=warc.path,
                    warc_offset=result.offset, source=source_of(result.url),
                )  # fmt: skip
                try:
                    stored = store_article(self.store, result.article, capture, link=self.link)
                except Exception as exc:  # one bad record never stops a backfill
                    log.exception("cannot store %s", result.url)
                    self._fail(f"{warc.where}@{result.offset} {result.url}", f"unexpected error: {exc!r}")
                    continue
                if stored.inserted:
                    self.report.added += 1
                else:
                    self.report.duplicates += 1
        self.reporter.advance(len(results))

    def _close_warc(self, warc: _Warc) -> None:
        """Save the WARC's learned profiles, as `marsad ingest` does after each WARC."""
        for key, future in warc.sites.items():
            if future is None:
                continue
            try:
                self.store.save_profile(key, future.result())
            except Exception as exc:  # noqa: BLE001 — its pages were reported as failed already
                log.warning("profile of %s in %s not learned: %r", key, warc.where, exc)
        warc.sites = {"": None}
        warc.entries = []

    def run(self, paths: list[str | Path]) -> BackfillReport:
        started = time.perf_counter()
        for item in expand(paths):
            if isinstance(item, InputError):
                self._fail(item.where or "", str(item).removeprefix(f"{item.where}: "))
            elif item.kind != "warc" or item.member is not None:
                self._fail(item.where, "not a WARC file (use marsad ingest for pages and corpora)")
            else:
                self.warcs.append(_Warc(item.where, str(Path(item.path).resolve())))
        self.report.warcs = len(self.warcs)
        self._indexes = [self.client.submit(index_warc, w.path, priority=100, key=f"marsad-index-{self._token}-{i}")
                         for i, w in enumerate(self.warcs)]  # fmt: skip
        pending: deque[tuple[int, list | None, Any]] = deque()
        plan = self._plan()
        try:
            for step in plan:
                pending.append(step)
                while sum(1 for _, part, _ in pending if part is not None) >= self.window:
                    self._consume(pending.popleft())
            while pending:
                self._consume(pending.popleft())
        finally:
            plan.close()
            for _, _, future in pending:
                if future is not None:
                    future.cancel()
        self.report.seconds = time.perf_counter() - started
        return self.report

    def _consume(self, step: tuple[int, list | None, Any]) -> None:
        i, part, future = step
        warc = self.warcs[i]
        if part is None:
            self._close_warc(warc)
            return
        try:
            results = future.result()
        except Exception as exc:  # noqa: BLE001 — a lost worker, a task killed for memory, ...
            log.warning("chunk of %s failed: %r", warc.where, exc)
            results = [RecordError(offset, url, f"task failed: {exc!r}") for offset, url in part]
        finally:
            future.release()
        self._store(warc, results)


def backfill(
    store: Any,
    warc_paths: list[str | Path],
    *,
    scheduler: str | None = None,
    workers: int = 2,
    chunk: int = 200,
    link: bool = True,
    resume: bool = True,
    reporter: Any = None,
) -> BackfillReport:
    """Extract and store every HTML page of WARC archives, extraction running on a Dask cluster.

    `scheduler=None` starts a LocalCluster of `workers` single-threaded worker processes (closed
    at the end); an address (`tcp://host:8786`) or a scheduler JSON file uses a running cluster,
    whose workers must see the WARC files at the same paths. Only this process writes the store.
    With `resume`, records whose capture an earlier run stored are not extracted again.
    The result equals `marsad ingest` of the same WARCs (same articles, same bodies, same links).
    """
    client, cluster = connect(scheduler, workers)
    try:
        n = check_workers(client)
        run = Backfill(store, client, chunk=chunk, link=link, resume=resume, reporter=reporter)
        report = run.run(list(warc_paths))
        report.workers = n
        return report
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
