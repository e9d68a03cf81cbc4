"""Flatten a DOM into text blocks: split at block elements and at <br>, as a reader sees paragraphs.

Iterative (lxml iterwalk), so 10,000 nested elements cannot overflow the Python stack.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field

from lxml import etree

from marsad.extract.document import clean

BLOCK_TAGS = frozenset(
    ["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "table", "tbody", "thead", "tr", "td", "th", "blockquote", "section", "article", "header", "footer", "pre", "dl", "dt", "dd", "figure", "figcaption", "main", "form", "address", "hr", "aside", "nav", "center", "fieldset", "legend", "details", "summary"]
)
HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
_INVISIBLE_TAGS = frozenset(["script", "style", "noscript", "template", "svg", "head", "title"])


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


def iter_blocks(root: etree._Element, dropped: Collection[etree._Element] = ()) -> Iterator[Block]:
    """Non-empty text blocks under `root`, in document order, lazily (a caller looking near the
    headline stops early). Elements in `dropped` and invisible elements (script, style, ...) are
    skipped with their subtrees; their tail text stays where it is."""
    buf: list[str] = []
    link_chars = 0
    in_link = 0
    stack: list[etree._Element] = [root]
    index = 0

    def take() -> Block | None:
        """The block the buffered text makes (None when it is only whitespace); empties the buffer."""
        nonlocal link_chars, index
        raw = "".join(buf)
        text = clean(raw)
        ratio = link_chars / max(1, len(raw))
        buf.clear()
        link_chars = 0
        if not text:
            return None
        index += 1
        return Block(text=text, link_chars=int(ratio * len(text)), owner=stack[-1], index=index - 1,
                     ancestors=list(stack))

    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = el.tag if isinstance(el.tag, str) else ""
        if el is root:
            if event == "start":
                if el.text:
                    buf.append(el.text)
                continue
            break
        skipped = not tag or tag in _INVISIBLE_TAGS or el in dropped
        if event == "start":
            if skipped:
                walker.skip_subtree()
                continue
            if tag in BLOCK_TAGS or tag == "br":
                if buf and (b := take()) is not None:
                    yield b
                if tag != "br":
                    stack.append(el)
            if tag == "a":
                in_link += 1
            if el.text and tag != "br":
                buf.append(el.text)
                if in_link:
                    link_chars += len(el.text)
            continue
        if tag == "a" and not skipped:
            in_link -= 1
        if tag in BLOCK_TAGS and not skipped:
            if buf and (b := take()) is not None:
                yield b
            if stack[-1] is el:
                stack.pop()
        if el.tail:
            buf.append(el.tail)
            if in_link:
                link_chars += len(el.tail)
    if buf and (b := take()) is not None:
        yield b


def blocks_of(root: etree._Element, dropped: Collection[etree._Element] = ()) -> list[Block]:
    """All non-empty text blocks under `root`, in document order."""
    return list(iter_blocks(root, dropped))


_LETTER = re.compile(r"[^\W\d_]")
_ARABIC_LETTER = re.compile(r"(?=[^\W\d_])[\u0600-\u06FF]")


def arabic_ratio(text: str) -> float:
    """Share of letters that are Arabic (0.0 for text without letters)."""
    letters = len(_LETTER.findall(text))
    return len(_ARABIC_LETTER.findall(text)) / letters if letters else 0.0
