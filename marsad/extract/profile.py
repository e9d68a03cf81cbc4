"""Per-site boilerplate model: lines that repeat across a site's pages are template, not article.

`observe()` every page of one site first (keyed by `site_key`), then extract with the profile.
A line counts as boilerplate once the profile has seen at least `min_pages` distinct pages and
the line occurs on at least `min_pages` of them and on at least `ratio` (25 %) of all pages seen
(50 % for lines longer than 40 words), so a site mixing several templates is still learned.
Lines are compared after whitespace collapse and digit masking, so counters and dates in a
repeated widget do not hide it. Identical pages (same URL or same text) are counted once, so a
page seen twice cannot turn its own text into boilerplate. Nothing learned on one site is used
on another: a profile refuses pages of a different host.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from marsad.errors import NoArticle
from marsad.extract.blocks import blocks_of
from marsad.extract.body import content_root, dropped_elements
from marsad.extract.document import clean, parse, site_key_of

_DIGITS = re.compile(r"[0-9٠-٩۰-۹]+")
MAX_LINES = 20_000  # distinct lines kept per site; one-off lines are forgotten first
MAX_SEEN = 5_000  # page identities remembered for de-duplication (most recent)


def line_key(text: str) -> str:
    return _DIGITS.sub("0", clean(text))[:300]


class SiteProfile:
    """Boilerplate lines learned from several pages of one site."""

    def __init__(self, site: str | None = None, min_pages: int = 3, ratio: float = 0.25) -> None:
        self.site = site
        self.min_pages = min_pages
        self.ratio = ratio
        self.pages = 0
        self.counts: dict[str, int] = {}
        self._seen: dict[str, None] = {}  # insertion-ordered set, bounded by MAX_SEEN

    def __repr__(self) -> str:
        return f"SiteProfile(site={self.site!r}, pages={self.pages}, lines={len(self.counts)})"

    @property
    def ready(self) -> bool:
        return self.pages >= self.min_pages

    def observe(self, html: bytes, url: str | None = None) -> bool:
        """Learn from one page; False when the page is unusable, a repeat, or of another site."""
        try:
            doc = parse(html, url)
        except NoArticle:
            return False
        key = site_key_of(doc)
        if self.site is None:
            self.site = key
        elif key is not None and key != self.site:
            return False
        body = content_root(doc.tree)
        texts = [b.text for b in blocks_of(body, dropped_elements(body))]
        lines = {line_key(t) for t in texts}
        lines.discard("")
        ident = hashlib.sha1(("\n".join(texts)).encode("utf-8")).hexdigest()  # exact text, digits too
        page_id = doc.canonical or url
        if ident in self._seen or (page_id and page_id in self._seen):
            return False
        self._seen[ident] = None
        if page_id:
            self._seen[page_id] = None
        while len(self._seen) > MAX_SEEN:
            del self._seen[next(iter(self._seen))]
        self.pages += 1
        for line in lines:
            self.counts[line] = self.counts.get(line, 0) + 1
        if len(self.counts) > MAX_LINES:  # forget one-off lines first
            self.counts = {k: v for k, v in self.counts.items() if v > 1}
        return True

    def is_boilerplate(self, text: str) -> bool:
        if not self.ready:
            return False
        return self._learned(line_key(text))

    def _learned(self, key: str) -> bool:
        n = self.counts.get(key, 0)
        # long prose must repeat on at least half of the pages (wire copies, updated versions of one
        # story share paragraphs); short template lines on `ratio` of them (sites mix templates)
        need = 0.5 if len(key.split()) > 40 else self.ratio
        return n >= self.min_pages and n >= need * self.pages

    def boilerplate_lines(self) -> list[str]:
        """The learned template lines (most frequent first)."""
        if not self.ready:
            return []
        lines = [k for k in self.counts if self._learned(k)]
        return sorted(lines, key=lambda k: -self.counts[k])

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready and complete, so a profile saved after every page keeps learning (the
        ingest pipeline observes one page, saves, loads for the next)."""
        return {"site": self.site, "min_pages": self.min_pages, "ratio": self.ratio, "pages": self.pages,
                "counts": dict(self.counts), "seen": list(self._seen)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SiteProfile:
        p = cls(site=data.get("site"), min_pages=int(data.get("min_pages", 3)), ratio=float(data.get("ratio", 0.25)))
        p.pages = int(data.get("pages", 0))
        p.counts = {str(k): int(v) for k, v in (data.get("counts") or {}).items()}
        p._seen = dict.fromkeys(data.get("seen") or [])
        return p


def site_key(html: bytes, url: str | None = None) -> str | None:
    """Host (lower-case, without www.) that groups pages into one site: URL, canonical, og:url."""
    try:
        return site_key_of(parse(html, url))
    except NoArticle:
        return None
