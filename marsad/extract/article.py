"""extract_article: one page in, one Article out (or NoArticle with the reason).

Reads top to bottom: parse -> title -> body (generic rules, then the site profile) -> dates ->
people and provenance (authors, dateline, attribution) -> tags, related links, images, language.
"""

from __future__ import annotations

import re

from marsad.errors import NoArticle
from marsad.extract.attribution import extract_attribution
from marsad.extract.authors import extract_authors
from marsad.extract.blocks import Block
from marsad.extract.body import body_blocks, looks_like_listing
from marsad.extract.dateline import parse_dateline, parse_source_line, parse_standalone
from marsad.extract.dates import extract_dates
from marsad.extract.document import (
    ARTICLE_TYPES,
    Document,
    clean,
    parse,
    site_key_of,
    text_of,
)
from marsad.extract.headline import headline_window
from marsad.extract.media import extract_images, extract_lead, language
from marsad.extract.profile import SiteProfile
from marsad.extract.related import extract_related
from marsad.extract.tags import extract_tags
from marsad.extract.title import extract_title, site_names
from marsad.model import Article, Dateline

_ARABIC = re.compile(r"[\u0600-\u06FF]")  # an Arabic dateline names its place in Arabic
MIN_WORDS = 25  # fewer words than this in the body: not an article page


def _fallback_body(html: bytes | str, url: str | None) -> list[str]:
    """trafilatura as a second opinion when marsad's container scoring finds nothing."""
    try:
        import trafilatura

        text = trafilatura.extract(html, url=url, include_comments=False, include_tables=False,
                                   favor_precision=True, deduplicate=True)
    except Exception:  # pragma: no cover - component failure is not fatal  # noqa: BLE001
        return []
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if not any(len(line.split()) >= 8 for line in lines):
        return []
    return lines


def _jsonld_body(doc: Document) -> list[str]:
    """articleBody of the page's JSON-LD, for pages that render their text with JavaScript."""
    for value in doc.ld("articleBody", ARTICLE_TYPES):
        if isinstance(value, str):
            text = re.sub(r"<[^>]+>", "\n", value)
            lines = [clean(line) for line in re.split(r"\n+|\r+", text)]
            lines = [line for line in lines if line]
            if sum(len(line.split()) for line in lines) >= MIN_WORDS:
                return lines
    return []


def _mostly_links(doc: Document) -> bool:
    """Navigation-only pages: most visible text is link text."""
    body = doc.tree.find("body")
    if body is None:
        return True
    total = len(" ".join(text_of(body).split()))
    links = sum(len(" ".join(text_of(a).split())) for a in body.iter("a"))
    return total == 0 or links > 0.6 * total


def _site_name(doc: Document) -> str | None:
    for v in (doc.first("og:site_name"), doc.first("application-name")):
        if v:
            return v
    for pub in doc.ld("publisher"):
        if isinstance(pub, dict) and isinstance(pub.get("name"), str):
            return pub["name"].strip()
    return None


def _credit_lines(dropped_edges: list[Block]) -> list[str]:
    return [b.text for b in dropped_edges]


def _header_dateline(doc: Document, title: str, names: list[str]) -> Dateline | None:
    """A source line in the info block under the headline ("لندن - رويترز", next to the date),
    outside the body container. Only one naming an agency or outlet: a bare "place - name" line
    up there is as likely a section path or a byline."""
    window = headline_window(doc, title)
    for b in window.after(6) if window else []:
        if b.words <= 6 and b.link_density < 0.5 and "©" not in b.text:  # not a photo credit
            found = parse_standalone(b.text, names)
            if found and found.agency and _ARABIC.search(found.place or ""):
                return found
    return None


def extract_article(html: bytes, url: str | None = None, headers: dict | None = None,
                    profile: SiteProfile | None = None) -> Article:
    """The article on a page; raises NoArticle("empty input" | "not HTML" | "too large" |
    "no article found (homepage?)")."""
    doc = parse(html, url, headers)
    host = site_key_of(doc)
    title = extract_title(doc)
    names = site_names(doc)
    blocks, container, edges = body_blocks(doc.tree, title)
    use_profile = profile is not None and profile.ready and (profile.site is None or profile.site == host)

    learned = profile if use_profile else None

    def site_clean(lines: list[str]) -> list[str]:
        return [p for p in lines if not learned.is_boilerplate(p)] if learned is not None else lines

    paragraphs = site_clean([b.text for b in blocks])
    original = container  # an element of doc.tree: body_blocks reads the tree without copying it
    evidence_body = "container"
    if original is not None and looks_like_listing(original):
        raise NoArticle("no article found (homepage?)", url=url)
    if sum(len(p.split()) for p in paragraphs) < MIN_WORDS:
        paragraphs = site_clean(_jsonld_body(doc))
        evidence_body = "JSON-LD articleBody"
    if sum(len(p.split()) for p in paragraphs) < MIN_WORDS:
        paragraphs = site_clean(_fallback_body(html, url))
        evidence_body = "trafilatura"
        if sum(len(p.split()) for p in paragraphs) < MIN_WORDS or _mostly_links(doc) \
                or ((doc.first("og:type") or "").lower() == "website" and not doc.ld("datePublished")):
            raise NoArticle("no article found (homepage?)", url=url)
    dates = extract_dates(doc, title, host)
    dateline = None
    if len(paragraphs) > 1 and (dateline := parse_standalone(paragraphs[0], names)):
        paragraphs = paragraphs[1:]  # a dateline on its own line above the text is not a paragraph
    if dateline is None and paragraphs:
        dateline = parse_dateline(paragraphs[0], names)
    if dateline is None:
        dateline = next(filter(None, (parse_source_line(b.text) or parse_standalone(b.text, names)
                                      for b in edges)), None)  # fmt: skip
    if dateline is None:
        dateline = _header_dateline(doc, title, names)
    if dateline is None and len(paragraphs) > 1 and (last := parse_standalone(paragraphs[-1], names)) \
            and last.agency and len(paragraphs[-1].split()) <= 5:
        dateline, paragraphs = last, paragraphs[:-1]  # "نواكشوط (الأناضول)" closing the text
    authors = extract_authors(doc, names)
    if dateline and dateline.author and not authors:
        authors = [dateline.author]
    attribution = extract_attribution(paragraphs + _credit_lines(edges), names,
                                      dateline.agency if dateline else None)
    article = Article(
        title=title,
        body=paragraphs,
        url=url,
        canonical_url=doc.canonical or doc.first("og:url"),
        lead=extract_lead(doc, title),
        published=dates.published,
        published_precision=dates.precision,
        published_evidence=dates.evidence,
        updated=dates.updated,
        authors=authors,
        dateline=dateline,
        attribution=attribution,
        tags=extract_tags(doc, title, names, authors),
        related=extract_related(doc, host, url, original),
        language=language(paragraphs, title),
        images=extract_images(doc, original),
        source=host,
        site_name=_site_name(doc),
    )
    if evidence_body != "container" and article.published_evidence:
        article.published_evidence += f" | body from {evidence_body} (no article container in the HTML)"
    return article
