"""Flatten a DOM into text blocks: split at block elements and at <br>, as a reader sees paragraphs.

Iterative (lxml iterwalk), so 10,000 nested elements cannot overflow the Python stack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from marsad.extract.document import clean

BLOCK_TAGS = frozenset(
    ["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "table", "tbody", "thead", "tr", "td", "th", "blockquote", "section", "article", "header", "footer", "pre", "dl", "dt", "dd", "figure", "figcaption", "main", "form", "address", "hr", "aside", "nav", "center", "fieldset", "legend", "details", "summary"]
)
HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
_INVISIBLE_TAGS = frozenset(["script", "style", "noscript", "template", "svg", "head", "title"])
_ARABIC = re.compile(r"[\u0600-\u06FF]")


@dataclass
class Block:
    """One visual paragraph: its text, how much of it is link text, and the element that holds it."""

    text: str
    link_chars: int
    owner: etree._Element
    index: int
    ancestors: list = field(default_factory=list)

    @property
    def link_density(self) -> float:
        return self.link_chars / max(1, len(self.text))

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def tag(self) -> str:
        return self.owner.tag if isinstance(self.owner.tag, str) else ""


def blocks_of(root: etree._Element) -> list[Block]:
    """All non-empty text blocks under `root`, in document order."""
    out: list[Block] = []
    buf: list[str] = []
    link_buf = [0]
    stack: list[etree._Element] = [root]
    in_link = [0]

    def flush() -> None:
        text = clean("".join(buf))
        if text:
            owner = stack[-1]
            ratio = link_buf[0] / max(1, len("".join(buf)))
            out.append(Block(text=text, link_chars=int(ratio * len(text)), owner=owner,
                             index=len(out), ancestors=list(stack)))
        buf.clear()
        link_buf[0] = 0

    skip = 0  # inside <script>/<style>/...: no visible text
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _INVISIBLE_TAGS or not tag:
            if event == "start":
                skip += 1
            else:
                skip -= 1
                if el.tail and el is not root:
                    buf.append(el.tail)
                    if in_link[0]:
                        link_buf[0] += len(el.tail)
            continue
        if skip:
            continue
        if event == "start":
            if el is root:
                if el.text:
                    buf.append(el.text)
                continue
            if tag in BLOCK_TAGS or tag == "br":
                flush()
            if tag in BLOCK_TAGS:
                stack.append(el)
            if tag == "a":
                in_link[0] += 1
            if el.text and tag != "br":
                buf.append(el.text)
                if in_link[0]:
                    link_buf[0] += len(el.text)
        else:
            if el is root:
                flush()
                continue
            if tag == "a":
                in_link[0] -= 1
            if tag in BLOCK_TAGS:
                flush()
                if stack and stack[-1] is el:
                    stack.pop()
            if el.tail:
                buf.append(el.tail)
                if in_link[0]:
                    link_buf[0] += len(el.tail)
    flush()
    return out


def arabic_ratio(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if _ARABIC.match(c)) / len(letters)
