"""Extraction on a second round of SAMPLE layouts: eight more Arabic news sites marsad was not tuned on.

The pages in tests/extract/layouts2/ were written for these tests: each is modeled on the article
page structure of one site (Masrawy, Al-Masry Al-Youm, Okaz, Al Khaleej, Annahar, Al-Quds Al-Arabi,
Echorouk Online, Anadolu Agency Arabic) with realistic boilerplate, like round 1
(tests/extract/test_layouts.py). They are not copies of real pages. The article text on each page
(headline and paragraphs) is real: a record of the ANT multi-source corpus
(../shared/corpora/ant-multisource) or of SaudiNewsNet (../shared/corpora/saudinewsnet), named in
each page's top comment and in gold.json.

This round sets traps round 1 did not: an opinion column (columnist box above the text, the day's
other columns by other writers), a page served in windows-1256, an AMP page, a page whose only date
is the URL day plus "منذ ساعتين", a Hijri + Gregorian date in Arabic-Indic digits, an update time
shown before the publication time, paragraphs as <div>s, a full read-also teaser (headline, date,
first paragraph) inside the article container, an embedded tweet inside the text, and a two-author
byline. layouts2/gold.json notes, per page, where each value is shown and which trap it sets.

Extraction is checked per page and field in test_layout_fields.py.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

from tests.extract.test_layouts import _visible_blocks

LAYOUTS = Path(__file__).resolve().parent / "layouts2"


@cache
def gold() -> dict:
    return json.loads((LAYOUTS / "gold.json").read_text(encoding="utf-8"))


def page_bytes(key: str) -> bytes:
    return (LAYOUTS / gold()[key]["file"]).read_bytes()


def page_text_utf8(raw: bytes) -> bytes:
    """The page re-encoded as UTF-8 after decoding it with the charset its <meta> declares
    (the windows-1256 page), for round 1's UTF-8-only block reader."""
    m = re.search(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", raw[:2048], re.IGNORECASE)
    charset = m.group(1).decode("ascii") if m else "utf-8"
    return raw.decode(charset).encode("utf-8")


KEYS = sorted(gold())


# --- the gold itself: every expected string is on its page ------------------------------------

@pytest.mark.parametrize("key", KEYS)
def test_gold_is_on_the_page(key):
    g = gold()[key]
    raw = page_bytes(key)
    blocks = _visible_blocks(page_text_utf8(raw))
    text = " ".join(blocks)
    assert 4 <= len(g["body_paragraphs"]) <= 10 and 7 <= len(g["must_not_contain"]) <= 10
    assert [p for p in g["body_paragraphs"] if p not in blocks] == []
    assert [p for p in g["body_optional"] if p not in text] == []
    assert [m for m in g["must_not_contain"] if m not in text] == []
    assert [m for m in g["must_not_contain"] if any(m in p for p in g["body_paragraphs"])] == []
    assert g["title"] in blocks
    assert all(t in text for t in g["tags"] + g["authors"] + [g["dateline"] or ""])
    assert b"SAMPLE LAYOUT" in raw[:300] and raw[:raw.index(b"-->")].isascii()


def test_the_windows_1256_page_is_really_encoded_so():
    raw = page_bytes("okaz-2015-08-01")
    assert b'<meta charset="windows-1256">' in raw[:1024]
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert gold()["okaz-2015-08-01"]["title"] in raw.decode("windows-1256")


# Extraction itself (one test per page and field) is checked for every round in test_layout_fields.py.
