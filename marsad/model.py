"""The nouns every stage shares: plain dataclasses, no I/O.

Stages talk to each other only through these types (see docs/architecture.md).
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any


@dataclass
class Link:
    """A related link ("اقرأ أيضاً", "مواضيع ذات صلة") or a related article in a text page."""

    title: str
    url: str | None = None
    published: datetime | None = None


@dataclass
class Image:
    url: str
    caption: str | None = None


@dataclass
class Dateline:
    """The line that opens an article: "بغداد/المسلة", "دمشق، سوريا (CNN) --"."""

    text: str
    place: str | None = None
    author: str | None = None
    agency: str | None = None


@dataclass
class Article:
    """What extraction yields from one capture (or what an importer reads from a corpus)."""

    title: str
    body: list[str] = field(default_factory=list)
    url: str | None = None
    canonical_url: str | None = None
    lead: str | None = None
    published: datetime | None = None
    published_precision: str | None = None  # year|month|day|minute|second
    published_evidence: str | None = None  # why this date was chosen
    updated: datetime | None = None
    authors: list[str] = field(default_factory=list)
    dateline: Dateline | None = None
    attribution: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    related: list[Link] = field(default_factory=list)
    language: str | None = None  # ar | other | mixed
    images: list[Image] = field(default_factory=list)
    source: str | None = None  # source key (usually the host name)
    site_name: str | None = None
    first_seen: datetime | None = None
    id: int | None = None
    capture_id: int | None = None
    story_id: int | None = None

    @classmethod
    def from_text(
        cls,
        title: str,
        text: str,
        published: datetime | None = None,
        url: str | None = None,
        source: str | None = None,
    ) -> Article:
        """Build an Article from plain text: paragraphs are the non-empty lines."""
        body = [line.strip() for line in (text or "").splitlines() if line.strip()]
        return cls(title=(title or "").strip(), body=body, published=published, url=url, source=source)

    @property
    def text(self) -> str:
        return "\n".join(self.body)

    @property
    def when(self) -> datetime | None:
        """The time used to order copies: published, else first seen."""
        return self.published or self.first_seen

    @property
    def when_precision(self) -> str | None:
        """Precision of `when`: the published precision ("day" for a date without a time, shown
        as the source's own calendar day); None (a full timestamp) for the first-seen time."""
        return self.published_precision if self.published else None

    def body_hash(self) -> str:
        """Hash of the matching-normalized body: equal for exact copies."""
        from marsad.arabic import normalize

        norm = normalize(self.text, matching=True)
        return hashlib.sha1(" ".join(norm.split()).encode("utf-8")).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (ISO 8601 datetimes); the shape of `marsad extract --json`."""
        data = asdict(self)
        return _jsonable(data)


@dataclass
class Capture:
    """One fetched HTTP response or one imported file/record."""

    url: str
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    content: bytes | None = None
    content_hash: str | None = None
    warc_path: str | None = None
    warc_offset: int | None = None
    source: str | None = None
    kind: str = "http"  # http | file | record
    id: int | None = None

    def __post_init__(self) -> None:
        if self.content is not None and self.content_hash is None:
            self.content_hash = hashlib.sha1(self.content).hexdigest()


@dataclass
class Source:
    """An outlet, agency or aggregator."""

    key: str  # stable id, usually the main host name
    name: str | None = None  # Arabic name
    name_latin: str | None = None
    homepage: str | None = None
    feeds: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    country: str | None = None
    kind: str = "outlet"  # outlet | agency | aggregator
    delay: float | None = None  # politeness override, seconds between requests
    enabled: bool = True


@dataclass
class Relation:
    """An edge between two articles, or an article and an agency."""

    src: int
    kind: str  # duplicate_of | near_duplicate_of | contains | attributed_to
    dst: int | None = None
    agency: str | None = None
    score: float = 1.0
    evidence: dict[str, Any] = field(default_factory=dict)


@dataclass
class Story:
    """A set of articles about one event over time."""

    id: int | None
    title: str
    first_time: datetime | None = None
    last_time: datetime | None = None
    article_count: int = 0
    outlet_count: int = 0


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value
