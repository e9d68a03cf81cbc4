"""Extraction on SAMPLE layouts of eight Arabic news sites marsad was not tuned on.

The pages in tests/extract/layouts/ were written for these tests: each is modeled on the article
page structure of one site (Al Jazeera Net, BBC News Arabic, Al Arabiya, Sky News Arabia, Asharq
Al-Awsat, Hespress, RT Arabic, Independent Arabia) with realistic boilerplate (menus, breaking-news
ticker, share bars, inline read-also boxes, captions and photo credits, tags, author boxes, most-read
lists, newsletter prompts, cookie banners, comment forms, footers). They are not copies of real
pages. The article text on each page (headline and paragraphs) is a real article from the ANT
multi-source corpus (../shared/corpora/ant-multisource, record named in each page's top comment and
in gold.json). layouts/gold.json holds the expected values and a note per page on where each value
is shown and which traps the page sets.

Extraction is checked per page and field in test_layout_fields.py.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest
from lxml import html as lxml_html

LAYOUTS = Path(__file__).resolve().parent / "layouts"


def norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


@cache
def gold() -> dict:
    return json.loads((LAYOUTS / "gold.json").read_text(encoding="utf-8"))


def page_bytes(key: str) -> bytes:
    return (LAYOUTS / gold()[key]["file"]).read_bytes()


KEYS = sorted(gold())


# --- the gold itself: every expected string is on its page ------------------------------------

def _visible_blocks(raw: bytes) -> list[str]:
    """Text of the page's <body> split at block elements and <br> (scripts and styles skipped)."""
    block = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article",
             "header", "footer", "nav", "aside", "main", "figure", "figcaption", "form", "table", "tr",
             "td", "blockquote", "br"}
    out: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        text = norm("".join(buf))
        buf.clear()
        if text:
            out.append(text)

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag and tag not in ("script", "style", "template", "noscript"):
            if tag in block:
                flush()
            buf.append(el.text or "")
            for child in el:
                walk(child)
            if tag in block:
                flush()
        buf.append(el.tail or "")

    walk(lxml_html.document_fromstring(raw.decode("utf-8")).find("body"))
    flush()
    return out


@pytest.mark.parametrize("key", KEYS)
def test_gold_is_on_the_page(key):
    g = gold()[key]
    blocks = _visible_blocks(page_bytes(key))
    text = " ".join(blocks)
    assert 4 <= len(g["body_paragraphs"]) <= 10 and 7 <= len(g["must_not_contain"]) <= 10
    assert [p for p in g["body_paragraphs"] if p not in blocks] == []
    assert [m for m in g["must_not_contain"] if m not in text] == []
    assert [m for m in g["must_not_contain"] if any(m in p for p in g["body_paragraphs"])] == []
    assert g["title"] in blocks
    assert all(t in text for t in g["tags"] + g["authors"] + [g["dateline"] or ""])
    assert b"SAMPLE LAYOUT" in page_bytes(key)[:300]


# Extraction itself (one test per page and field) is checked for every round in test_layout_fields.py.
