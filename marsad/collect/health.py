"""Per-source health: last success, last error, articles/day, feed latency, frontier counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from marsad.model import Source


@dataclass
class SourceHealth:
    source: Source
    status: str  # ok | failing | unknown | disabled
    last_success: str | None = None
    last_error: str | None = None
    last_error_at: str | None = None
    articles_per_day: float = 0.0
    feed_latency: float | None = None  # median seconds from a feed item's date to marsad seeing it
    fetched: int = 0
    failed: int = 0
    frontier: dict[str, int] = field(default_factory=dict)

    @property
    def healthy(self) -> bool:
        return self.status == "ok"


def status_of(health: dict[str, Any], enabled: bool = True) -> str:
    """ok when the last fetch of the source succeeded, failing when its last event is an error."""
    if not enabled:
        return "disabled"
    success, error_at = health.get("last_success"), health.get("last_error_at")
    if not success and not error_at:
        return "unknown"
    if error_at and (not success or error_at > success):
        return "failing"
    return "ok"


def source_health(store: Any, source: Source, frontier: dict[str, dict[str, int]] | None = None) -> SourceHealth:
    h = store.source_health(source.key)
    counts = (frontier if frontier is not None else store.frontier_summary()).get(source.key, {})
    return SourceHealth(
        source=source, status=status_of(h, source.enabled), last_success=h.get("last_success"),
        last_error=h.get("last_error"), last_error_at=h.get("last_error_at"),
        articles_per_day=float(h.get("articles_per_day") or 0.0), feed_latency=h.get("feed_latency"),
        fetched=int(h.get("fetched") or 0), failed=int(h.get("failed") or 0), frontier=counts,
    )  # fmt: skip


def health_report(store: Any) -> list[SourceHealth]:
    """Health of every registered source, in key order."""
    frontier = store.frontier_summary()
    return [source_health(store, s, frontier) for s in store.list_sources()]
