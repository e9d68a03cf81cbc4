"""Feeds (RSS/Atom through feedparser) and sitemaps (XML, sitemap index, Google News).

Pure functions over bytes: no network here. Each returns `Entry` items whose URLs are resolved
against the document's URL; normalization and same-site checks are the crawler's job.
"""

from __future__ import annotations

import calendar
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin

from marsad.errors import MarsadError

FEED_TYPES = (
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json",
    "application/xml", "text/xml",
)  # fmt: skip
COMMON_FEED_PATHS = ("/feed", "/rss", "/rss.xml", "/feed.xml", "/atom.xml", "/feed/", "/rss/", "/index.xml")
COMMON_SITEMAP_PATHS = (
    "/sitemap.xml", "/sitemap_index.xml", "/news-sitemap.xml", "/sitemap-news.xml", "/sitemap_news.xml",
    "/googlenews.xml",
)  # fmt: skip
MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemap protocol's own limit (uncompressed)


class FeedError(MarsadError):
    """A feed or sitemap that cannot be parsed."""


@dataclass
class Entry:
    url: str
    title: str | None = None
    published: datetime | None = None  # feed pubDate / news:publication_date
    lastmod: datetime | None = None  # sitemap lastmod


@dataclass
class Feed:
    title: str | None = None
    entries: list[Entry] = field(default_factory=list)


@dataclass
class Sitemap:
    kind: str  # urlset | index
    entries: list[Entry] = field(default_factory=list)  # pages (urlset) or child sitemaps (index)
    news: bool = False  # a Google News sitemap (news:news elements)


def _struct_to_dt(value) -> datetime | None:  # type: ignore[no-untyped-def]
    if not value:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    except (TypeError, ValueError, OverflowError):
        return None


def parse_feed(content: bytes, url: str | None = None) -> Feed:
    """Entries of an RSS/Atom feed. Raises FeedError when the bytes are not a feed."""
    import feedparser

    if not content or not content.strip():
        raise FeedError("invalid feed: empty")
    parsed = feedparser.parse(content, response_headers={"content-location": url} if url else None)
    version = parsed.get("version") or ""
    entries: list[Entry] = []
    for item in parsed.entries:
        link = item.get("link") or ""
        if not link:
            for alt in item.get("links", []):
                if alt.get("rel", "alternate") == "alternate" and alt.get("href"):
                    link = alt["href"]
                    break
        if not link and str(item.get("id", "")).startswith("http"):
            link = item["id"]
        if not link:
            continue
        entries.append(
            Entry(
                url=urljoin(url or "", link.strip()),
                title=(item.get("title") or "").strip() or None,
                published=_struct_to_dt(item.get("published_parsed") or item.get("updated_parsed")),
            )
        )
    if not entries and (not version or parsed.get("bozo")):
        reason = str(parsed.get("bozo_exception") or "not RSS or Atom")
        raise FeedError(f"invalid feed: {reason}")
    return Feed(title=(parsed.feed.get("title") or "").strip() or None, entries=entries)


def _parse_w3c_date(text: str | None) -> datetime | None:
    if not text:
        return None
    text = text.strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def maybe_gunzip(content: bytes, limit: int = MAX_SITEMAP_BYTES) -> bytes:
    """Decompress a gzip body (sitemap.xml.gz), bounded by `limit` bytes of output."""
    if content[:2] != b"\x1f\x8b":
        return content
    try:
        inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
        out = inflater.decompress(content, limit)
    except zlib.error as exc:
        raise FeedError(f"bad gzip: {exc}") from exc
    if inflater.unconsumed_tail:
        raise FeedError(f"sitemap larger than {limit} bytes once decompressed")
    return out


def parse_sitemap(content: bytes, url: str | None = None) -> Sitemap:
    """Pages of a urlset or child sitemaps of a sitemap index (gzip accepted).

    Reads `loc`, `lastmod`, and Google News `news:publication_date` / `news:title`.
    Raises FeedError on anything else.
    """
    from lxml import etree

    content = maybe_gunzip(content)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)
    try:
        root = etree.fromstring(content.strip(), parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise FeedError(f"invalid sitemap: {exc}") from exc
    if root is None:
        raise FeedError("invalid sitemap: empty document")
    tag = etree.QName(root).localname.lower()
    if tag not in ("urlset", "sitemapindex"):
        raise FeedError(f"invalid sitemap: root element <{tag}>")
    kind = "index" if tag == "sitemapindex" else "urlset"
    child = "sitemap" if kind == "index" else "url"
    out = Sitemap(kind=kind)
    for node in root:
        if not isinstance(node.tag, str) or etree.QName(node).localname.lower() != child:
            continue
        loc = lastmod = published = title = None
        for sub in node.iter():
            if not isinstance(sub.tag, str):
                continue
            name = etree.QName(sub).localname.lower()
            text = (sub.text or "").strip()
            if name == "loc" and loc is None and sub.getparent() is node:
                loc = text
            elif name == "lastmod":
                lastmod = _parse_w3c_date(text)
            elif name == "publication_date":
                published = _parse_w3c_date(text)
                out.news = True
            elif name == "title" and etree.QName(sub).namespace and "news" in etree.QName(sub).namespace:
                title = text or None
        if loc:
            out.entries.append(Entry(url=urljoin(url or "", loc), title=title, published=published, lastmod=lastmod))
    return out


def looks_like_feed(content: bytes) -> bool:
    head = content[:2048].lstrip().lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def looks_like_sitemap(content: bytes) -> bool:
    try:
        head = maybe_gunzip(content)[:4096].lower()
    except FeedError:
        return False
    return b"<urlset" in head or b"<sitemapindex" in head


def feed_links(html: bytes | str, base: str) -> list[str]:
    """Feed URLs that a page announces: <link rel="alternate" type="application/rss+xml" href=…>."""
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(html if isinstance(html, str) else html.decode("utf-8", "replace"))
    found: list[str] = []
    for node in tree.css("link[href]"):
        rel = (node.attributes.get("rel") or "").lower().split()
        kind = (node.attributes.get("type") or "").lower().strip()
        if "alternate" in rel and kind in ("application/rss+xml", "application/atom+xml", "application/rdf+xml"):
            href = urljoin(base, (node.attributes.get("href") or "").strip())
            if href not in found:
                found.append(href)
    return found


def page_meta(html: bytes | str) -> dict[str, str]:
    """Site name and title of a homepage, for naming a discovered source."""
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(html if isinstance(html, str) else html.decode("utf-8", "replace"))
    meta: dict[str, str] = {}
    node = tree.css_first('meta[property="og:site_name"]')
    if node and node.attributes.get("content"):
        meta["site_name"] = (node.attributes.get("content") or "").strip()
    title = tree.css_first("title")
    if title and title.text(strip=True):
        meta["title"] = title.text(strip=True)
    html_node = tree.css_first("html")
    if html_node and html_node.attributes.get("lang"):
        meta["lang"] = (html_node.attributes.get("lang") or "").strip()
    return meta


def page_links(html: bytes | str, base: str) -> list[str]:
    """Every <a href> of a page, resolved (used for sources that have no feed or sitemap)."""
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(html if isinstance(html, str) else html.decode("utf-8", "replace"))
    out: list[str] = []
    seen: set[str] = set()
    for node in tree.css("a[href]"):
        href = (node.attributes.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        full = urljoin(base, href)
        if full not in seen:
            seen.add(full)
            out.append(full)
    return out
