"""Read-also / related-article links that belong to the article (not site-wide lists).

A related box is found by its label ("اقرأ أيضاً", "مواضيع ذات صلة", "الموضوعات المتعلقة",
"انظر أيضا") or by a "related" class; in-body read-also cards are links inside the article
container that the body filter dropped. Truncated link texts ("...") take the title attribute.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from lxml import etree

from marsad.extract.document import Document, clean, text_of
from marsad.model import Link

RELATED_LABEL = re.compile(
    r"^(?:(?:إ|ا|أ)قرأ (?:أ|ا)يضا?[ًا]?|(?:ا|أ)نظر (?:أ|ا)يضا?[ًا]?|شاهد (?:أ|ا)يضا?[ًا]?|طالع (?:أ|ا)يضا?[ًا]?|"
    r"(?:ال)?(?:مواضيع|موضوعات|أخبار|اخبار|مقالات|قصص|تقارير) (?:ذات صلة|ذات علاقة|متعلقة|مرتبطة|مشابهة|قد تهمك)|"
    r"قد يهمك(?: (?:أ|ا)يضا?[ًا]?)?|ننصحك بقراءة|(?:ال)?مزيد حول هذه القصة|"
    r"(?:ال)?(?:موضوعات|مواضيع|أخبار|اخبار) (?:ال)?متعلقة|(?:ال)?مزيد حول|related(?: articles| posts| news)?|read also|see also)\s*:?$",
    re.IGNORECASE,
)
_NOT_RELATED = re.compile(r"most|popular|trending|الأكثر|الاكثر|previous|next|السابق|التالي", re.IGNORECASE)
_RELATED_ATTR = re.compile(r"related|read-?also|readalso|inject|see-?also|more-?on", re.IGNORECASE)
_OTHER_LABEL = re.compile(r"^[^\s:]{2,20}(?:\s[^\s:]{2,20})?\s*:$")
_DATEISH = re.compile(r"\s*[\d٠-٩]{1,4}[\s/.\-][^\s]+[\s/.\-][\d٠-٩]{2,4}.*$")


def _link_title(a: etree._Element) -> str:
    text = clean(text_of(a))
    title = clean(a.get("title") or "")
    if title and (text.endswith(("...", "…")) or not text):
        return title
    heading = next((h for h in a.iter("h1", "h2", "h3", "h4", "h5", "span", "p") if len(clean(text_of(h)).split()) >= 3), None)
    if heading is not None and len(clean(text_of(heading))) < len(text):
        text = clean(text_of(heading))
    return text


def _article_link(doc: Document, a: etree._Element, host: str | None) -> Link | None:
    href = doc.absolute(a.get("href"))
    if not href:
        return None
    title = _link_title(a)
    if len(title.split()) < 3 or len(title) > 250:
        return None
    link_host = (urlsplit(href).hostname or "").removeprefix("www.")
    if host and link_host and link_host != host and not link_host.endswith("." + host):
        return None
    path = urlsplit(href).path
    if path.count("/") < 1 or len(path) < 8:
        return None
    return Link(title=title, url=href)


def _box_links(doc: Document, box: etree._Element, host: str | None) -> list[Link]:
    out: list[Link] = []
    for a in box.iter("a"):
        link = _article_link(doc, a, host)
        if link and all(link.url != o.url for o in out):
            out.append(link)
    return out


def _widen(doc: Document, box: etree._Element | None, host: str | None) -> etree._Element | None:
    """Grow a labelled box to its parent while the parent is still only a list of article links."""
    if box is None:
        return None
    for _ in range(2):
        parent = box.getparent()
        if parent is None or parent.tag in ("body", "html"):
            break
        if any(_OTHER_LABEL.match(clean(x.text or "")) and not RELATED_LABEL.search(clean(x.text or ""))
               for x in parent.iter() if isinstance(x.tag, str) and not any(a is box for a in x.iterancestors())
               and x is not box):
            break  # the parent also holds another labelled list ("الموضوع:")
        anchors = list(parent.iter("a"))
        links = _box_links(doc, parent, host)
        text = len(clean(text_of(parent)))
        link_text = sum(len(clean(text_of(a))) for a in anchors)
        if not anchors or len(links) > 12 or len(links) < len(anchors) * 0.6 or link_text < 0.6 * text:
            break
        box = parent
    return box


@lru_cache(maxsize=65_536)
def _related_attrs(cls: str | None, ident: str | None) -> bool:
    attrs = " ".join(filter(None, (cls, ident)))
    return bool(attrs and _RELATED_ATTR.search(attrs) and not _NOT_RELATED.search(attrs))


def _short_text(el: etree._Element) -> str:
    """The element's own text when it is short enough to be a label (< 40 characters)."""
    text = el.text
    if not text or text.isspace() or (len(text) >= 400 and len(text.split()) > 20):  # before clean()
        return ""
    own = clean(text)
    return own if len(own) < 40 else ""


def extract_related(doc: Document, host: str | None, page_url: str | None = None,
                    container: etree._Element | None = None) -> list[Link]:
    """Related links in page order, deduplicated by URL, without the page itself.

    `container` is the article container in `doc.tree`: "related" widgets by class name count
    only inside it (in-body cards); elsewhere a box needs a read-also label.
    """
    body = doc.tree.find("body")
    if body is None:
        return []
    out: list[Link] = []
    seen_boxes: list[etree._Element] = []
    for el in body.iter():
        if not isinstance(el.tag, str) or el.tag in ("script", "style"):
            continue
        box = None
        own = _short_text(el)
        if own and RELATED_LABEL.search(own) and not _NOT_RELATED.search(own):
            box = el.getparent()
            for _ in range(4):
                if box is None or _box_links(doc, box, host):
                    break
                box = box.getparent()
            box = _widen(doc, box, host)
        elif container is not None and _related_attrs(el.get("class"), el.get("id")) \
                and any(a is container for a in el.iterancestors()):
            box = el
        if box is None or any(box is b or any(a is b for a in box.iterancestors()) for b in seen_boxes):
            continue
        links = _box_links(doc, box, host)
        if 1 <= len(links) <= 15:
            seen_boxes.append(box)
            out.extend(links)
    me = {doc.canonical, doc.url, page_url}
    result: list[Link] = []
    for link in out:
        if link.url in me or any(link.url == r.url for r in result):
            continue
        result.append(link)
    return result
