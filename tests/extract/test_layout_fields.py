"""Extraction on every SAMPLE layout round (tests/extract/layouts*/), one test per page and field.

The pages were written for these tests, each modeled on the article page of an Arabic news site
marsad was not tuned on, with a real corpus article text (see each round's test_layouts*.py and
gold.json). The per-round modules check that the gold is on its page and that each page sets
the trap it claims; this module checks what marsad extracts from all of them, the same way.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

from marsad.extract import extract_article
from marsad.extract.evaluate import leaks, token_f1

HERE = Path(__file__).resolve().parent
ROUNDS = sorted(p.name for p in HERE.glob("layouts*") if (p / "gold.json").exists())
# pages whose HTML has no article text: the body must come from JSON-LD articleBody
JSONLD_BODY = {("layouts3", "eremnews-2018-08-08")}


@cache
def gold(round_: str) -> dict:
    return json.loads((HERE / round_ / "gold.json").read_text(encoding="utf-8"))


@cache
def article(round_: str, key: str):
    g = gold(round_)[key]
    return extract_article((HERE / round_ / g["file"]).read_bytes(), g["url"])


def norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


CASES = [pytest.param(r, k, id=f"{r}/{k}") for r in ROUNDS for k in sorted(gold(r))]


def test_every_round_is_here():
    assert ROUNDS == ["layouts", "layouts2", "layouts3", "layouts4", "layouts5", "layouts6"] and len(CASES) == 48


@pytest.mark.parametrize(("round_", "key"), CASES)
def test_body_f1(round_, key):
    f1 = token_f1(article(round_, key).body, gold(round_)[key]["body_paragraphs"])
    assert f1 >= 0.95, f"token F1 {f1:.3f}"


@pytest.mark.parametrize(("round_", "key"), CASES)
def test_body_no_leaks(round_, key):
    assert leaks(article(round_, key).body, gold(round_)[key]["must_not_contain"]) == []


@pytest.mark.parametrize(("round_", "key"), CASES)
def test_title(round_, key):
    assert norm(article(round_, key).title) == norm(gold(round_)[key]["title"])


@pytest.mark.parametrize(("round_", "key"), CASES)
def test_published_day(round_, key):
    published = article(round_, key).published
    assert published is not None and published.tzinfo is not None
    assert published.date().isoformat() == gold(round_)[key]["published"]


@pytest.mark.parametrize(("round_", "key"), CASES)
def test_authors(round_, key):
    assert article(round_, key).authors == gold(round_)[key]["authors"]


@pytest.mark.parametrize(("round_", "key"), CASES)
def test_tags(round_, key):
    assert article(round_, key).tags == gold(round_)[key]["tags"]


@pytest.mark.parametrize(("round_", "key"), CASES)
def test_attribution(round_, key):
    assert set(article(round_, key).attribution) == set(gold(round_)[key]["attribution"])


@pytest.mark.parametrize(("round_", "key"), CASES)
def test_dateline(round_, key):
    dateline = article(round_, key).dateline
    assert (norm(dateline.text) if dateline else None) == gold(round_)[key]["dateline"]


@pytest.mark.parametrize(("round_", "key"), CASES)
def test_body_comes_from_the_pages_own_container(round_, key):
    """From the page's HTML container, not a fallback: a page wrapper with a widget-like class
    name ("background-overlay") must not hide the article container. Only a page without text in
    its HTML takes the body from JSON-LD articleBody."""
    evidence = article(round_, key).published_evidence or ""
    if (round_, key) in JSONLD_BODY:
        assert "body from JSON-LD articleBody" in evidence
    else:
        assert "body from" not in evidence
