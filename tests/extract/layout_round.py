"""One round of SAMPLE layouts (tests/extract/layoutsN/): its gold, its pages, and the check that
every gold string is on its page. Shared by the per-round test modules (rounds 4 on)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from lxml import html as lxml_html

from marsad.extract.evaluate import leaks
from tests.extract.test_layouts import _visible_blocks, norm
from tests.extract.test_layouts2 import page_text_utf8
from tests.extract.test_layouts3 import meta_text

HERE = Path(__file__).resolve().parent


class Round:
    def __init__(self, folder: str) -> None:
        self.folder = HERE / folder

    @cache  # noqa: B019 - a handful of Round objects live for the whole test session
    def gold(self) -> dict:
        return json.loads((self.folder / "gold.json").read_text(encoding="utf-8"))

    @property
    def keys(self) -> list[str]:
        return sorted(self.gold())

    def page_bytes(self, key: str) -> bytes:
        return (self.folder / self.gold()[key]["file"]).read_bytes()

    def page_tree(self, key: str):
        """The page parsed from its declared charset (two samples are not UTF-8)."""
        return lxml_html.document_fromstring(page_text_utf8(self.page_bytes(key)).decode("utf-8"))

    def check_gold_on_page(self, key: str, min_paragraphs: int = 4) -> None:
        """Every expected string is on the page, no forbidden one is in the gold body, and the page
        says at its top (in ASCII) that it is a sample."""
        g = self.gold()[key]
        raw = self.page_bytes(key)
        utf8 = page_text_utf8(raw)
        blocks = _visible_blocks(utf8)
        text = " ".join(blocks)
        assert min_paragraphs <= len(g["body_paragraphs"]) <= 10 and 7 <= len(g["must_not_contain"]) <= 10
        assert [p for p in g["body_paragraphs"] if p not in blocks] == []
        assert [p for p in g["body_optional"] if p not in text] == []
        assert [m for m in g["must_not_contain"] if m not in text] == []
        assert [m for m in g["must_not_contain"] if any(m in p for p in g["body_paragraphs"])] == []
        assert leaks(g["body_paragraphs"], g["must_not_contain"]) == []
        assert g["title"] in blocks
        assert all(t in text or t in meta_text(utf8) for t in g["tags"])
        assert all(t in text for t in g["authors"] + [g["dateline"] or ""])
        assert b"SAMPLE LAYOUT" in raw[:300] and raw[:raw.index(b"-->")].isascii()


def text_of(el) -> str:
    return norm(el.text_content())
