"""Editorial tags, in page order: visible tag links, else article:tag, else meta keywords.

A keyword that merely repeats the whole headline is dropped; duplicates collapse.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml import etree

from marsad.extract.agencies import AGENCIES, canonical
from marsad.extract.boilerplate import SHARE_WORDS
from marsad.extract.document import Document, clean, text_of

TAG_LABEL = re.compile(
    r"^(?:ال)?(?:كلمات|الكلمات) (?:ال)?(?:دلالية|دالة|مفتاحية)|^(?:ال)?وسوم|^تاجز|^(?:ال)?تاجات|^tags|^keywords|^هاشتاج",
    re.IGNORECASE,
)
_TAG_ATTR = re.compile(r"(?:^|[\s_-])(?:tags?|post-?tags|article-?tags|entry-?tags|tag-?list|tags-?list|"
                       r"keywords?|hashtags?|topics?|topic-?list)(?:$|[\s_-])", re.IGNORECASE)
# "مواضيع ذات صلة" heads topic tags on some sites and related articles on others: its list is
# read as tags only when every item is a short topic name
TOPIC_LABEL = re.compile(r"^(?:ال)?(?:مواضيع|موضوعات) (?:ذات صلة|متعلقة)$|^(?:ال)?مواضيع$|^related topics$|^topics$",
                         re.IGNORECASE)
TOPIC_WORDS = 4


def split_keywords(values: list[str]) -> list[str]:
    out: list[str] = []
    for v in values:
        for part in re.split(r"[,،;]", v):
            p = clean(part)
            if p and p not in out:
                out.append(p)
    return out


def _links_after_label(el: etree._Element) -> list[str]:
    container = el.getparent()
    for _ in range(3):
        if container is None:
            return []
        links = [a for a in container.iter("a")]
        if links:
            break
        container = container.getparent()
    else:
        return []
    out: list[str] = []
    started = False
    for node in container.iter():
        if node is el:
            started = True
            continue
        if started and node.tag == "a":
            t = clean(text_of(node))
            if t and len(t.split()) <= 8 and t not in out and t.lower() not in SHARE_WORDS:
                out.append(t)  # share buttons can share the label's box: not tags
    return out


def _topic_list(label: etree._Element) -> list[str]:
    """The short link texts of the list right after a topics label (empty unless all are short)."""
    nxt = label.getnext()
    if nxt is None:
        return []
    names = [clean(text_of(a)) for a in nxt.iter("a")]
    if len(names) < 2 or not all(n and len(n.split()) <= TOPIC_WORDS for n in names):
        return []
    return list(dict.fromkeys(names))


def visible_tags(doc: Document) -> list[str]:
    """Tag links after a tag label, else in a tag-classed list; searched from the headline on."""
    body = doc.tree.find("body")
    if body is None:
        return []
    h1 = next(body.iter("h1"), None)
    started = h1 is None
    elements = []
    for el in body.iter():
        if el is h1:
            started = True
        if started:
            elements.append(el)
    for el in elements:
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "a"):
            continue
        own = clean(el.text or "")
        if own and len(own) < 40 and TAG_LABEL.search(own):
            tags = _links_after_label(el)
            if tags:
                return tags
        if own and len(own) < 40 and TOPIC_LABEL.search(own):
            tags = _topic_list(el)
            if tags:
                return tags
    for el in elements:
        if not isinstance(el.tag, str) or el.tag in ("script", "style"):
            continue
        attrs = " ".join(filter(None, (el.get("class"), el.get("id"))))
        if attrs and _TAG_ATTR.search(attrs) and "cloud" not in attrs.lower():
            links = [clean(text_of(a)) for a in el.iter("a")]
            links = [t for t in links if t and len(t.split()) <= 8]
            if 1 <= len(links) <= 40:
                out: list[str] = []
                for t in links:
                    if t not in out and not TAG_LABEL.search(t):
                        out.append(t)
                return out
    return []


# keywords every page of a site carries: not the article's tags
GENERIC_KEYWORDS = frozenset(["أخبار", "اخبار", "الأخبار", "الاخبار", "خبر", "عاجل", "مقالات", "مقال", "رأي", "الرأي",
                              "مقالات الرأي", "كتاب", "كتّاب", "news", "breaking news", "home", "الرئيسية",
                              "أخبار عاجلة", "اخبار عاجلة", "آخر الأخبار", "اخر الاخبار", "آخر الاخبار", "latest news"])
_SECTION_KEYWORD = re.compile(r"^(?:ال)?(?:أخبار|اخبار) \S+$|^\S+ news$", re.IGNORECASE)  # "أخبار الأردن"


_MEDIA_NOUN = re.compile(r"^(?:صحيفة|جريدة|قناة|موقع|بوابة|شبكة|مجلة|وكالة)\s+")


def _sitewide(keyword: str, site_names: Sequence[str]) -> bool:
    """A keyword of the site's template: a generic word, or one naming the site ("كتاب عكاظ")."""
    k = keyword.lower()
    if k in GENERIC_KEYWORDS or _SECTION_KEYWORD.match(k):
        return True
    names = [n for n in site_names if n]
    names += [a for n in names for a in AGENCIES.get(canonical(n), [])]  # an agency's site: all its names
    cores = {_MEDIA_NOUN.sub("", n.strip().lower()) for n in names}
    return any(len(c) >= 3 and (c in k or k in c) for c in cores)


def extract_tags(doc: Document, title: str, site_names: Sequence[str] = (), authors: Sequence[str] = ()) -> list[str]:
    """Visible tags, else article:tag, else keywords; without the headline, the site's own name
    and generic words ("صحيفة عكاظ", "مقالات"), and (in keywords) the author's name."""
    tags = visible_tags(doc)
    from_meta = not tags
    if not tags:
        tags = split_keywords(doc.meta.get("article:tag", []))
    if not tags:
        tags = split_keywords(doc.meta.get("keywords", []) or doc.meta.get("news_keywords", []))
        kw = doc.ld("keywords")
        if not tags and kw:
            tags = split_keywords([k for x in kw for k in (x if isinstance(x, list) else [x]) if isinstance(k, str)])
    t = clean(title)
    out = [x.lstrip("#") for x in tags if x != t]
    if from_meta:  # visible tags are the editors' choice, even one naming the site
        out = [x for x in out if not _sitewide(x, site_names) and x not in authors]
    return out
