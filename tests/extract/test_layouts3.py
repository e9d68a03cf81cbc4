"""Extraction on a third round of SAMPLE layouts: eight more Arabic news sites marsad was not tuned on.

The pages in tests/extract/layouts3/ were written for these tests: each is modeled on the article
page structure of one site (SANA and Petra - two news agencies' own sites -, Al Ghad, Enab Baladi,
Arabi21, Erem News, Al Ittihad, Sabq) with realistic boilerplate, like rounds 1 and 2
(tests/extract/test_layouts.py, test_layouts2.py). They are not copies of real pages. The article
text on each page (headline and paragraphs) is real: a record of the ANT multi-source corpus
(../shared/corpora/ant-multisource) or of SaudiNewsNet (../shared/corpora/saudinewsnet), named in
each page's top comment and in gold.json.

This round sets traps rounds 1-2 did not: an agency's own site (the agency is the publisher, not a
source of its own text, while another agency it quotes is), an inline dated agency dateline
("عمان 14 حزيران (بترا) -"), a Next.js page whose __NEXT_DATA__ JSON repeats the text and holds
other stories' full texts, a page whose body container is empty in the HTML (text only in JSON-LD
articleBody), a post split over two pages ("الصفحة 1 من 2") with a print-version link, a numbered
list and a data table inside the body, a long quoted passage in <blockquote>, a correction line
closing the text, a byline with a degree and a job title, a Levantine double month date
("21 تموز/يوليو 2015") as the only date, and a Hijri-only visible date beside a meta date.
layouts3/gold.json notes, per page, where each value is shown, which trap it sets and how the
gold decides the debatable cases (table cells, the correction line, the writer's degree).

The checks are those of test_layouts2.py, with two adaptations for the pages that need them:
* the JSON-LD-only page (JSONLD_BODY) has its body paragraphs in the JSON-LD articleBody, not in
  the HTML, and its body is expected to come from there ("body from JSON-LD articleBody");
* gold strings that a page holds outside its visible text are looked for where the page holds
  them: must_not_contain strings in the __NEXT_DATA__ JSON of the Next.js page (other stories'
  texts), and tags taken from meta keywords / article:tag in the page's meta data.

Extraction is checked per page and field in test_layout_fields.py.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest
from lxml import html as lxml_html

from tests.extract.test_layouts import _visible_blocks, norm

LAYOUTS = Path(__file__).resolve().parent / "layouts3"
JSONLD_BODY = {"eremnews-2018-08-08"}  # body container empty in the HTML; text in JSON-LD articleBody
NEXT_DATA_PAGE = "sabq-2015-08-02"


@cache
def gold() -> dict:
    return json.loads((LAYOUTS / "gold.json").read_text(encoding="utf-8"))


def page_bytes(key: str) -> bytes:
    return (LAYOUTS / gold()[key]["file"]).read_bytes()


KEYS = sorted(gold())


# --- where a page holds text outside its visible blocks ---------------------------------------

def _json_strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _json_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _json_strings(v)]
    return []


def _scripts(raw: bytes, xpath: str) -> list:
    tree = lxml_html.document_fromstring(raw.decode("utf-8"))
    return [json.loads(s.text or "null") for s in tree.xpath(xpath)]


def jsonld_body_lines(raw: bytes) -> list[str]:
    """The paragraphs of the page's JSON-LD articleBody (one per line)."""
    lines: list[str] = []
    for data in _scripts(raw, '//script[@type="application/ld+json"]'):
        for item in data.get("@graph", [data]) if isinstance(data, dict) else data:
            if isinstance(item, dict) and isinstance(item.get("articleBody"), str):
                lines += [norm(x) for x in item["articleBody"].splitlines() if x.strip()]
    return lines


def next_data_text(raw: bytes) -> str:
    """Every string of the __NEXT_DATA__ JSON, HTML tags removed, whitespace-normalized."""
    strings = [s for data in _scripts(raw, '//script[@id="__NEXT_DATA__"]') for s in _json_strings(data)]
    return " ".join(norm(re.sub(r"<[^>]+>", " ", s)) for s in strings)


def meta_text(raw: bytes) -> str:
    """Contents of the <meta> tags and strings of the JSON-LD (where keywords and tags also live)."""
    tree = lxml_html.document_fromstring(raw.decode("utf-8"))
    metas = [m.get("content") or "" for m in tree.iter("meta")]
    ld = [s for d in _scripts(raw, '//script[@type="application/ld+json"]') for s in _json_strings(d)]
    return " | ".join(norm(s) for s in metas + ld)


# --- the gold itself: every expected string is on its page ------------------------------------

@pytest.mark.parametrize("key", KEYS)
def test_gold_is_on_the_page(key):
    g = gold()[key]
    raw = page_bytes(key)
    blocks = _visible_blocks(raw)
    text = " ".join(blocks)
    hidden = next_data_text(raw)
    where_body = jsonld_body_lines(raw) if key in JSONLD_BODY else blocks
    assert 4 <= len(g["body_paragraphs"]) <= 10 and 7 <= len(g["must_not_contain"]) <= 10
    assert [p for p in g["body_paragraphs"] if p not in where_body] == []
    assert [p for p in g["body_optional"] if p not in text] == []
    assert [m for m in g["must_not_contain"] if m not in text and m not in hidden] == []
    assert [m for m in g["must_not_contain"] if any(m in p for p in g["body_paragraphs"])] == []
    assert g["title"] in blocks
    assert all(t in text or t in meta_text(raw) for t in g["tags"])
    assert all(t in text for t in g["authors"] + [g["dateline"] or ""])
    assert b"SAMPLE LAYOUT" in raw[:300] and raw[:raw.index(b"-->")].isascii()


def test_the_jsonld_page_has_no_article_paragraph_in_its_html():
    key = next(iter(JSONLD_BODY))
    raw = page_bytes(key)
    text = " ".join(_visible_blocks(raw))
    assert [p for p in gold()[key]["body_paragraphs"] if p in text] == []
    assert b'id="article-body"' in raw and b"skeleton__line" in raw


def test_the_next_data_page_holds_the_story_and_other_stories_in_its_json():
    raw = page_bytes(NEXT_DATA_PAGE)
    g = gold()[NEXT_DATA_PAGE]
    hidden = next_data_text(raw)
    text = " ".join(_visible_blocks(raw))
    assert all(p in hidden for p in g["body_paragraphs"])  # the story itself, again
    only_json = [m for m in g["must_not_contain"] if m not in text]
    assert len(only_json) == 3 and all(m in hidden for m in only_json)


def test_the_paginated_page_is_page_one_of_two_with_a_print_link():
    raw = page_bytes("enabbaladi-2018-02-24")
    text = " ".join(_visible_blocks(raw))
    assert "الصفحة 1 من 2" in text and "نسخة للطباعة" in text and b'rel="next"' in raw


# Extraction itself (one test per page and field) is checked for every round in test_layout_fields.py.
