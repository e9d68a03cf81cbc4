"""Where the headline sits, and the text blocks just around it.

Dates, datelines and bylines that belong to the article are shown next to its headline (above
the text or in an info block under the title), outside the body container; what sits further
away is the masthead or other articles. Both the visible-date reader and the dateline search
look in this window, built once per page.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from lxml import etree

from marsad.extract.blocks import Block, iter_blocks
from marsad.extract.document import Document, clean, text_of

BEFORE, AFTER = 6, 14  # blocks kept before and after the headline's block


@dataclass
class Window:
    """Blocks around the headline, and the index of the headline's own block."""

    blocks: list[Block]
    anchor: int

    def after(self, limit: int = AFTER) -> list[Block]:
        """Blocks following the headline, nearest first."""
        return [b for b in self.blocks if self.anchor < b.index <= self.anchor + limit]


def headline_element(doc: Document, title: str) -> etree._Element | None:
    """The element showing the headline: an <h1>/<h2>, else any element whose text is the title."""
    if not title:
        return None
    for h in doc.tree.iter("h1", "h2"):
        if clean(text_of(h)) == title:
            return h
    body = doc.tree.find("body")
    for el in body.iter() if body is not None else []:
        if isinstance(el.tag, str) and el.tag not in ("script", "style", "title", "a") and el.text \
                and title[:20] in el.text and clean(text_of(el)) == title:
            return el
    return None


def headline_window(doc: Document, title: str) -> Window | None:
    """The blocks around the headline (None when the headline is not shown on the page).
    Built lazily (blocks after the window are never made) and cached on the document."""
    key = ("headline_window", title)
    if key in doc.cache:
        return doc.cache[key]
    window = None
    body = doc.tree.find("body")
    h = headline_element(doc, title) if body is not None else None
    if h is not None:
        before: deque[Block] = deque(maxlen=BEFORE)
        near: list[Block] = []
        anchor = None
        for b in iter_blocks(body):
            if anchor is None:
                if b.owner is h or any(a is h for a in b.ancestors):
                    anchor = b.index
                    near = [*before, b]
                else:
                    before.append(b)
            elif b.index < anchor + AFTER:
                near.append(b)
            else:
                break
        if anchor is not None:
            window = Window(near, anchor)
    doc.cache[key] = window
    return window
