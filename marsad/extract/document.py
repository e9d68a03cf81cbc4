"""Parse a page once into a `Document`: the lxml tree plus the metadata every field reader needs.

Guards live here so that no later stage can hang: a size cap, a nesting cap (deeply nested
markup is flattened by the parser settings), and a cheap "is this HTML at all" test.
"""

from __future__ import annotations

import html as htmllib
import json
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from lxml import etree

from marsad.errors import NoArticle
from marsad.extract.encoding import decode_html

MAX_BYTES = 5_000_000  # real article pages are < 2 MB; bigger ones are dumps or traps (and slow)
_INVISIBLE = re.compile("[\u200b-\u200f\ufeff\u2066-\u2069\u202a-\u202e\u00ad]")  # zero-width, bidi, soft hyphen
_TAG = re.compile(r"<\s*(html|head|body|div|p|meta|title|article|span|a|table|br)\b", re.IGNORECASE)


def text_of(el: etree._Element) -> str:
    """All text under `el` (its tail excluded), as lxml.html's text_content() but on plain elements,
    which lxml creates without a per-element class lookup."""
    return etree.tostring(el, method="text", encoding=str, with_tail=False)


def clean(text: str | None) -> str:
    """Entity-decode and collapse all whitespace (NBSP included) to one space."""
    if not text:
        return ""
    if "&" in text:
        text = htmllib.unescape(text)
    if _INVISIBLE.search(text):
        text = _INVISIBLE.sub("", text)
    return " ".join(text.split())


@dataclass
class Document:
    """A parsed page and its machine-readable metadata."""

    tree: etree._Element
    url: str | None
    meta: dict[str, list[str]] = field(default_factory=dict)  # lower-cased name/property -> values
    jsonld: list[dict] = field(default_factory=list)  # flattened JSON-LD objects
    canonical: str | None = None
    html_lang: str | None = None
    cache: dict = field(default_factory=dict)  # per-page results shared by field readers

    def first(self, *names: str) -> str | None:
        """The first non-empty meta value among `names`."""
        for name in names:
            for value in self.meta.get(name.lower(), []):
                if value and value.strip():
                    return clean(value)
        return None

    def ld(self, key: str, types: tuple[str, ...] = ()) -> list:
        """Values of `key` in JSON-LD objects (optionally only objects of the given @type)."""
        out = []
        for obj in self.jsonld:
            t = obj.get("@type")
            tl = t if isinstance(t, list) else [t]
            if types and not any(str(x) in types for x in tl):
                continue
            if key in obj and obj[key] not in (None, "", []):
                out.append(obj[key])
        return out

    def absolute(self, href: str | None) -> str | None:
        if not href:
            return None
        href = href.strip()
        if href.startswith(("javascript:", "mailto:", "#")):
            return None
        base = self.canonical or self.url
        return urljoin(base, href) if base else href


ARTICLE_TYPES = ("NewsArticle", "Article", "ReportageNewsArticle", "BlogPosting", "WebPage",
                 "AnalysisNewsArticle", "OpinionNewsArticle", "LiveBlogPosting")


def _walk_jsonld(value, out: list[dict], depth: int = 0) -> None:
    if depth > 8:
        return
    if isinstance(value, list):
        for v in value:
            _walk_jsonld(v, out, depth + 1)
    elif isinstance(value, dict):
        out.append(value)
        if "@graph" in value:
            _walk_jsonld(value["@graph"], out, depth + 1)


def _parse_jsonld(tree: etree._Element) -> list[dict]:
    out: list[dict] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").lower().strip() != "application/ld+json":
            continue
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            try:  # common breakage: raw newlines/control chars or trailing commas
                data = json.loads(re.sub(r",\s*([}\]])", r"\1", re.sub(r"[\x00-\x1f]", " ", raw)))
            except ValueError:
                continue
        _walk_jsonld(data, out)
    return out


_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\ufffd]")  # control bytes and decoding failures


def looks_like_html(text: str) -> bool:
    """At least one common HTML tag in the first 64 KB, and not mostly control bytes."""
    head = text[:65536]
    if not _TAG.search(head):
        return False
    ctrl = len(_CONTROL.findall(head, 0, 4096))
    return ctrl < 0.05 * max(1, len(head[:4096]))


_TAGS = re.compile(r"<[^>]*>")
_WRAPPERS = re.compile(r"</?(?:div|span|section|font|center|b|i|u|em|strong|small|big|ins|del)\b[^>]*>", re.IGNORECASE)


def _document(text: str, parser: etree.HTMLParser) -> etree._Element | None:
    """The <html> root of a parsed page (None for a page libxml2 finds empty)."""
    return etree.fromstring(text, parser)


def _unnest_if_truncated(tree: etree._Element, text: str, parser) -> etree._Element:
    """libxml2 drops content nested deeper than its limit (256); when most of the page's text is
    missing after parsing, parse again without wrapper tags so the text survives."""
    parsed = len(text_of(tree))
    if parsed > 20_000:
        return tree
    raw = len(_TAGS.sub("", text[:2_000_000]))
    if raw < 500 or parsed >= 0.3 * raw:
        return tree
    try:
        flat = _document(_WRAPPERS.sub(" ", text), parser)
    except (etree.ParserError, ValueError):
        return tree
    return flat if flat is not None and len(text_of(flat)) > parsed else tree


def parse(data: bytes | str, url: str | None = None, headers: dict | None = None) -> Document:
    """Decode and parse; raise NoArticle("empty input" | "too large" | "not HTML")."""
    if data is None or len(data) == 0 or (isinstance(data, bytes) and not data.strip()):
        raise NoArticle("empty input", url=url)
    if len(data) > MAX_BYTES:
        raise NoArticle("too large", url=url)
    text = data if isinstance(data, str) else decode_html(data, headers)
    if not looks_like_html(text):
        raise NoArticle("not HTML", url=url)
    text = text.replace("\x00", "")
    parser = etree.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=False)
    try:
        tree = _document(text, parser)
    except (etree.ParserError, ValueError) as exc:
        raise NoArticle("not HTML", url=url) from exc
    if tree is None:
        raise NoArticle("not HTML", url=url)
    tree = _unnest_if_truncated(tree, text, parser)
    doc = Document(tree=tree, url=url)
    for m in tree.iter("meta"):
        name = (m.get("property") or m.get("name") or m.get("itemprop") or m.get("http-equiv") or "").strip().lower()
        content = m.get("content")
        if name and content is not None:
            doc.meta.setdefault(name, []).append(content)
    doc.jsonld = _parse_jsonld(tree)
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            doc.canonical = link.get("href").strip()
            break
    if doc.canonical and url and not urlsplit(doc.canonical).netloc:
        doc.canonical = urljoin(url, doc.canonical)
    doc.html_lang = (tree.get("lang") or tree.get("xml:lang") or "").strip() or None
    return doc


def site_key_of(doc: Document) -> str | None:
    """Host of the page: from the URL, else canonical, else og:url (lower-case, no www.)."""
    for cand in (doc.url, doc.canonical, doc.first("og:url")):
        if cand:
            host = urlsplit(cand.strip()).hostname
            if host and not re.fullmatch(r"[\d.]+", host):
                return host.lower().removeprefix("www.")
    return None
