"""Images with their captions, the lead (standfirst/description) and the text's language."""

from __future__ import annotations

import re

from lxml import etree

from marsad.extract.blocks import arabic_ratio
from marsad.extract.boilerplate import CAPTION_CLASS
from marsad.extract.document import Document, clean, text_of
from marsad.model import Image

_SKIP_IMG = re.compile(r"logo|icon|avatar|pixel|spacer|sprite|blank|placeholder|\.svg|\.gif|data:", re.IGNORECASE)


def _caption(img: etree._Element) -> str | None:
    node = img
    for _ in range(3):
        node = node.getparent()
        if node is None:
            break
        for el in node.iter():
            if not isinstance(el.tag, str) or el is img:
                continue
            attrs = " ".join(filter(None, (el.get("class"), el.get("id"))))
            if el.tag == "figcaption" or (attrs and CAPTION_CLASS.search(attrs)):
                text = clean(text_of(el))
                if text:
                    return text
    alt = clean(img.get("alt") or img.get("title") or "")
    return alt or None


def extract_images(doc: Document, container: etree._Element | None) -> list[Image]:
    """og:image first, then the images inside the article container (captions kept apart from body)."""
    out: list[Image] = []
    og = doc.first("og:image", "twitter:image")
    if og:
        out.append(Image(url=doc.absolute(og) or og))
    if container is not None:
        scope = container.getparent() if container.getparent() is not None else container
        for img in scope.iter("img"):
            src = img.get("src") or img.get("data-src") or img.get("data-original") or ""
            if not src or _SKIP_IMG.search(src):
                continue
            url = doc.absolute(src) or src
            cap = _caption(img)
            same = next((i for i in out if i.url == url), None)
            if same is not None:
                same.caption = same.caption or cap
                continue
            out.append(Image(url=url, caption=cap))
            if len(out) >= 20:
                break
    return out


def extract_lead(doc: Document, title: str) -> str | None:
    for v in (doc.first("og:description"), doc.first("description"), doc.first("twitter:description")):
        if v and v != title:
            return v
    for v in doc.ld("description"):
        if isinstance(v, str) and clean(v) and clean(v) != title:
            return clean(v)
    return None


def language(paragraphs: list[str], title: str = "") -> str | None:
    """"ar" when the letters are (almost) all Arabic, "other" when (almost) none are, else "mixed"."""
    text = " ".join([title, *paragraphs])[:20000]
    if not text.strip():
        return None
    r = arabic_ratio(text)
    if r >= 0.8:
        return "ar"
    if r <= 0.2:
        return "other"
    return "mixed"
