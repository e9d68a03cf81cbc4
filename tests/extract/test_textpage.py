"""The seed: a flattened aggregator page segmented per /work/shared/pages/seed-gold.json."""

from __future__ import annotations

import json

import pytest

from marsad.extract import TextPage, extract_text_page
from marsad.extract.evaluate import leaks
from tests.conftest import shared_path


@pytest.fixture(scope="module")
def gold():
    data = json.loads(shared_path("pages", "seed-gold.json").read_text(encoding="utf-8"))
    return next(iter(data.values()))


@pytest.fixture(scope="module")
def page(gold) -> TextPage:
    text = (shared_path("pages") / gold["file"]).read_text(encoding="utf-8")
    return extract_text_page(text)


def test_main_article(page, gold):
    art = page.article
    assert art.title == gold["title"]
    assert art.body == gold["body_paragraphs"]
    assert leaks(art.body, gold["must_not_contain"]) == []
    assert art.published.date().isoformat() == gold["published"]
    assert art.published_precision == "day"
    assert art.authors == gold["authors"]
    assert art.dateline.text == gold["dateline"] and art.dateline.place == "بغداد"
    assert art.attribution == gold["attribution"]
    assert art.tags == gold["tags"]


def test_related_article_has_its_own_date(page, gold):
    want = gold["related"][0]
    assert len(page.related) == 1
    rel = page.related[0]
    assert rel.title == want["title"]
    assert rel.published.date().isoformat() == want["date"]
    assert rel.body[0] == want["first_sentence"]
    assert [link.title for link in page.article.related] == [want["title"]]
    assert page.article.published < rel.published  # the later related date is not taken


def test_boilerplate_lines(page, gold):
    joined = "\n".join(page.boilerplate)
    for line in ("المسلة – متابعة – وكالات", "المصدر: المسلة", "إقرأ أيضاً:", "About Post Author"):
        assert line in joined
    for opt in gold["body_optional"]:
        assert opt not in page.article.body


def test_empty_text_page():
    page = extract_text_page("")
    assert page.article.title == "" and page.related == []


def test_read_also_list_of_bare_titles():
    lines = [
        "عنوان الخبر الرئيسي عن الاقتصاد",
        "تاريخ النشر: 5 مايو 2023",
        "القاهرة - أ ش أ: قال وزير المالية إن الاقتصاد ينمو بمعدل جيد هذا العام رغم التحديات الكثيرة.",
        "وأضاف أن الحكومة تعمل على خفض التضخم وزيادة الاستثمارات الأجنبية في البلاد.",
        "اقرأ أيضا:",
        "عنوان خبر مرتبط أول عن البورصة",
        "عنوان خبر مرتبط ثان عن الذهب",
    ]
    text = "\n".join(lines)
    page = extract_text_page(text)
    art = page.article
    assert art.title == "عنوان الخبر الرئيسي عن الاقتصاد" and len(art.body) == 2
    assert art.published.date().isoformat() == "2023-05-05"
    assert (art.dateline.place, art.dateline.agency) == ("القاهرة", "أ ش أ") and art.attribution == ["أ ش أ"]
    assert [r.title for r in page.related] == ["عنوان خبر مرتبط أول عن البورصة", "عنوان خبر مرتبط ثان عن الذهب"]
