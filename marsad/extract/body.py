"""Find the article's paragraphs: clean the tree, score containers, keep the article's blocks.

Readability-style container scoring (long, sentence-like, low-link blocks vote for their
parent and grandparent), then block filters for what sits inside real article containers:
captions, bylines, read-also boxes, share prompts, labels, disclaimers.
"""

from __future__ import annotations

import re

from lxml import etree

from marsad.extract.blocks import HEADINGS, Block, blocks_of
from marsad.extract.boilerplate import (
    BODY_HINT,
    BYLINE_RE,
    DROP_TAGS,
    SOURCE_LINE,
    STRUCTURAL_DROP,
    is_boilerplate_line,
    is_hidden,
    is_negative,
)
from marsad.extract.document import clean, text_of
from marsad.extract.related import RELATED_LABEL

_SENTENCE_END = re.compile(r"[.!?؟…:\"”»)]\s*$")
_DATE_WORDS = frozenset(
    ["يناير", "فبراير", "مارس", "أبريل", "ابريل", "إبريل", "مايو", "يونيو", "يوليو", "أغسطس", "اغسطس", "سبتمبر", "أكتوبر", "اكتوبر", "نوفمبر", "ديسمبر", "كانون", "شباط", "آذار", "اذار", "نيسان", "أيار", "ايار", "حزيران", "تموز", "آب", "اب", "أيلول", "ايلول", "تشرين", "الأول", "الاول", "الثاني", "السبت", "الأحد", "الاحد", "الإثنين", "الاثنين", "الثلاثاء", "الأربعاء", "الاربعاء", "الخميس", "الجمعة", "يوم", "ص", "م", "صباحا", "صباحًا", "صباحاً", "مساء", "مساءً", "مساءا", "هـ", "ه", "آخر", "اخر", "تحديث", "محدثة", "نشر", "النشر", "تاريخ", "بتاريخ", "في", "منذ", "gmt", "utc", "am", "pm", "updated", "published", "last", "update", "on"]
)
_PHOTO_CREDIT = re.compile(r"\([^()]{0,40}(?:أرشيف|ارشيف|صورة|تصوير|Getty|Shutterstock)[^()]{0,20}\)\s*$", re.IGNORECASE)
_MONTH_OR_DAY = re.compile(r"\d|[٠-٩]")


def is_date_line(text: str) -> bool:
    """A short line made only of date/time words and numbers ("الأحد، 04 آب/اغسطس 2013، آخر تحديث 02:21")."""
    if not _MONTH_OR_DAY.search(text):
        return False
    tokens = re.split(r"[\s/,،|()\-–:.+]+", text.lower())
    tokens = [t for t in tokens if t]
    rest = [t for t in tokens if t not in _DATE_WORDS and not re.fullmatch(r"[\d٠-٩]+(?:st|nd|rd|th)?|gmt[\d+]*|[a-z]{3,9}", t)]
    return len(rest) == 0


def dropped_elements(body: etree._Element) -> set[etree._Element]:
    """Elements whose subtree is never article text: scripts and media, navigation and asides,
    hidden elements and named non-article widgets. Found by lxml in C (tag iteration, XPath on
    attributes), so only elements that carry a class, id, role or style reach Python."""
    out = set(body.iter(*DROP_TAGS, *STRUCTURAL_DROP))
    # a widget-sounding wrapper around the headline ("background-overlay" around a whole theme) is
    # a page wrapper, not a widget: never drop an element that holds the <h1>
    holds_headline = {a for h in body.iter("h1") for a in h.iterancestors()}
    out.update(el for el in body.xpath(".//*[@class or @id or @role or @data-component]")
               if el not in holds_headline and is_negative(el))
    out.update(el for el in body.xpath(".//*[@style or @hidden or @aria-hidden]") if is_hidden(el))
    return out


def content_root(tree: etree._Element) -> etree._Element:
    body = tree.find("body")
    return tree if body is None else body


def _good(b: Block) -> bool:
    return b.words >= 8 and b.link_density < 0.35 and b.tag not in HEADINGS


def _container(blocks: list[Block], root: etree._Element) -> etree._Element | None:
    """The element whose paragraphs score highest (parent full, grandparent half, then a third)."""
    scores: dict[int, float] = {}
    elems: dict[int, etree._Element] = {}
    for b in blocks:
        if not _good(b):
            continue
        value = 1 + min(len(b.text), 600) / 100 + b.text.count("،") + b.text.count(",") + b.text.count(".")
        chain = [b.owner] + [a for a in reversed(b.ancestors) if a is not b.owner]
        for depth, el in enumerate(chain[:4]):
            key = id(el)
            elems[key] = el
            scores[key] = scores.get(key, 0.0) + value / (1, 1, 2, 3)[depth]
    if not scores:
        return None
    for key, el in elems.items():
        attrs = " ".join(filter(None, (el.get("class"), el.get("id"), el.get("itemprop"))))
        if el.get("itemprop") == "articleBody" or BODY_HINT.search(attrs):
            scores[key] *= 1.5
    best = max(scores, key=lambda k: scores[k])
    # two <article>s (the story, then the next one loaded below by infinite scroll): the story is
    # the one holding the headline, unless its text is much thinner than the best elsewhere
    h1 = next(root.iter("h1"), None)
    story = next(h1.iterancestors("article"), None) if h1 is not None else None
    if story is not None and not _inside(elems[best], story):
        inside = [k for k, el in elems.items() if _inside(el, story)]
        if inside and scores[(own := max(inside, key=lambda k: scores[k]))] >= 0.25 * scores[best]:
            return elems[own]
    return elems[best]


def _inside(el: etree._Element, ancestor: etree._Element) -> bool:
    return el is ancestor or any(a is ancestor for a in el.iterancestors())


def _within(b: Block, containers: list[etree._Element]) -> bool:
    return any(a is c for a in b.ancestors for c in containers) or any(b.owner is c for c in containers)


def _siblings(container: etree._Element, blocks: list[Block], dropped: set[etree._Element]
              ) -> list[etree._Element]:
    """The container plus adjacent siblings that hold only paragraph-like text: a split-off lead
    just before it, or the rest of the text in an element just like it after it (same tag and
    class). Not a sibling with an image (a photo and its caption) and not a one-off notice after
    the text ("يعرض موقع وكالة الأناضول ...")."""
    out = [container]
    parent = container.getparent()
    if parent is None:
        return out
    for step in (container.getprevious, container.getnext):
        sib = step()
        while sib is not None and (not isinstance(sib.tag, str) or sib in dropped):
            sib = sib.getprevious() if step == container.getprevious else sib.getnext()
        if sib is None or sib.tag in HEADINGS or _has_image(sib, dropped):
            continue
        if step == container.getnext and (sib.tag, sib.get("class")) != (container.tag, container.get("class")):
            continue
        mine = [b for b in blocks if b.owner is sib or any(a is sib for a in b.ancestors)]
        if mine and all(_good(b) and _SENTENCE_END.search(b.text) for b in mine) and len(mine) <= 3:
            out.append(sib)
    return out


def _visible(el: etree._Element, within: etree._Element, dropped: set[etree._Element]) -> bool:
    """`el` is not inside a dropped element (looking up to `within`)."""
    while el is not None and el is not within:
        if el in dropped:
            return False
        el = el.getparent()
    return within not in dropped


def _has_image(el: etree._Element, dropped: set[etree._Element]) -> bool:
    return any(_visible(img, el, dropped) for img in el.iter("img", "picture"))


def _is_label(text: str) -> bool:
    return len(text.split()) <= 5 and text.rstrip().endswith((":", "：", ":-"))


def keep_block(b: Block, title: str | None) -> bool:
    """Generic in-container filters (the profile filter runs separately)."""
    text = b.text
    if title and text.strip() == title.strip():
        return False
    if b.tag == "h1":
        return False
    if is_boilerplate_line(text):
        return False
    if b.link_density > 0.5 and (b.words < 25 or b.link_density > 0.8):
        return False
    if b.words <= 12 and BYLINE_RE.match(text):
        return False
    if b.words <= 14 and is_date_line(text):
        return False
    if b.words <= 20 and _PHOTO_CREDIT.search(text):
        return False  # a caption: "الرئيس التركي رجب طيب أردوغان (الأناضول - أرشيف)"
    return not text.startswith("©")


def _caption(b: Block, dropped: set[etree._Element]) -> bool:
    """A short line sitting next to an image inside its own small wrapper is a caption."""
    if b.words > 25 or (_SENTENCE_END.search(b.text) and b.words > 12):
        return False
    owner = b.owner
    if not _has_image(owner, dropped):
        return False
    return len(text_of(owner)) < 400


def _trim_edges(kept: list[Block]) -> list[Block]:
    """Drop short non-sentence lines at the edges (leftover labels, names, credits)."""
    def weak(b: Block) -> bool:
        if _is_label(b.text):  # "الكلمات الدلالية:" at an edge; "وأضاف:" inside the text stays
            return True
        t = b.text.strip(" -–—")
        if b.words < 6 and t.startswith("(") and t.endswith(")"):
            return True  # "(أبوظبي - البيان)", "--(بترا)": source lines, not paragraphs
        return b.words < 4 and not _SENTENCE_END.search(b.text)
    while kept and weak(kept[-1]):
        kept.pop()
    while kept and weak(kept[0]):
        kept.pop(0)
    return kept


_LABEL_ONLY_TAGS = frozenset(["p", "span", "strong", "b", "h2", "h3", "h4", "h5", "h6", "label", "div"])


def _read_also_boxes(inside: list[Block], containers: list[etree._Element]) -> list[etree._Element]:
    """In-text "اقرأ أيضاً" boxes without a widget class: the element holding the label and its
    teaser (headline, date, first paragraph). Found from the label; taken only when the box is
    small next to the article (at most 4 blocks and a third of its words)."""
    total = sum(b.words for b in inside) or 1
    boxes: list[etree._Element] = []
    for b in inside:
        if b.words > 4 or not RELATED_LABEL.search(b.text.strip(" -–—:：")):
            continue
        box = b.owner.getparent() if b.owner.tag in _LABEL_ONLY_TAGS and len(b.owner) == 0 else b.owner
        if box is None or any(_inside(c, box) for c in containers):
            continue  # the label sits directly in the article container: no box to take
        members = [x for x in inside if _inside(x.owner, box)]
        if len(members) <= 4 and sum(x.words for x in members) <= total / 3:
            boxes.append(box)
    return boxes


def _dropped_credits(containers: list[etree._Element], dropped: set[etree._Element]) -> list[Block]:
    out = []
    for c in containers:
        for el in c.iter():
            if el in dropped and isinstance(el.tag, str):
                text = clean(text_of(el))
                if len(text.split()) <= 8 and SOURCE_LINE.match(text):
                    out.append(Block(text=text, link_chars=0, owner=el, index=-1))
    return out


def body_blocks(tree: etree._Element, title: str | None = None
                ) -> tuple[list[Block], etree._Element | None, list[Block]]:
    """The article's blocks in order, the chosen container (None when nothing qualifies), and the
    short source/credit lines dropped at the body's edges (read by dateline and attribution)."""
    root = content_root(tree)
    dropped = dropped_elements(root)
    blocks = blocks_of(root, dropped)
    container = _container(blocks, root)
    if container is None:
        return [], None, []
    containers = _siblings(container, blocks, dropped)
    inside = [b for b in blocks if _within(b, containers)]
    boxed = _read_also_boxes(inside, containers)
    inside = [b for b in inside if not any(_inside(b.owner, box) for box in boxed)]
    kept = [b for b in inside if keep_block(b, title) and not _caption(b, dropped)]
    trimmed = _trim_edges(list(kept))
    ids = {id(b) for b in trimmed}
    edges = [b for b in kept if id(b) not in ids]
    # "المصدر: د ب أ" closing the text is boilerplate for the body but names its source, even when
    # it sits in an element dropped as a widget (class "source-credit")
    edges += [b for b in inside if b.words <= 8 and SOURCE_LINE.match(b.text) and b not in edges]
    edges += _dropped_credits(containers, dropped)
    return trimmed, container, edges


def looks_like_listing(container: etree._Element) -> bool:
    """A homepage/section listing: many linked headlines, a lot of link text."""
    linked_heads = 0
    for h in container.iter("h2", "h3", "h4"):
        if h.find(".//a") is not None or (h.getparent() is not None and h.getparent().tag == "a"):
            linked_heads += 1
    text = len(" ".join(text_of(container).split()))
    links = sum(len(" ".join(text_of(a).split())) for a in container.iter("a"))
    return linked_heads >= 5 and links > 0.3 * max(1, text)
