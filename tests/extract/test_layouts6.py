"""Extraction on a sixth round of SAMPLE layouts: eight more Arabic news sites marsad was not tuned on.

The pages in tests/extract/layouts6/ were written for these tests: each is modeled on the article
page structure of one site (Asharq News, Al Mayadeen, Al-Akhbar Lebanon, Elaph, Rai Al Youm,
Al Watan Saudi, Emarat Al Youm, Al Araby Al Jadeed) with realistic boilerplate, like rounds 1-5
(tests/extract/test_layouts.py ... test_layouts5.py). They are not copies of real pages. The
article text on each page (headline and paragraphs) is real: a record of the ANT multi-source
corpus (../shared/corpora/ant-multisource) or of SaudiNewsNet (../shared/corpora/saudinewsnet),
named in each page's top comment and in gold.json.

This round sets traps rounds 1-5 did not: a <main> holding two <article> elements (the story,
then the next story appended in full by infinite scroll), a text written twice (a <noscript>
fallback copy and the visible copy), subheadings written as <p><strong>...</strong></p> lines
inside the text, the byline "إعداد: فريق التحرير" that names no person, a gallery whose captions
are long sentences, a date line with Arabic-Indic digits and a 12-hour time ("٠٩:٤٤ م"), an
English quote paragraph inside the Arabic text, a Hijri date with the Gregorian day it
corresponds to ("... هـ الموافق 2015/8/4 م"), a "تابعونا على" social strip between paragraphs,
and a dateline naming a city and two agencies ("واشنطن - (رويترز، أ ف ب)"). layouts6/gold.json
notes, per page, where each value is shown, which trap it sets and how the gold decides the
debatable cases.

The checks are those of test_layouts5.py (every page here has 4 to 10 body paragraphs), plus one
check per trap that it is really on the page.

Extraction is checked per page and field in test_layout_fields.py.
"""

from __future__ import annotations

import html
import json
import re
from datetime import date

import pytest
from hijridate import Gregorian

from tests.extract.layout_round import Round, text_of
from tests.extract.test_layouts import _visible_blocks

ROUND = Round("layouts6")
gold, page_bytes, page_tree, KEYS = ROUND.gold, ROUND.page_bytes, ROUND.page_tree, ROUND.keys


def jsonld(key: str) -> list[dict]:
    return [json.loads(s.text) for s in page_tree(key).xpath('//script[@type="application/ld+json"]')]


# --- the gold itself: every expected string is on its page ------------------------------------

@pytest.mark.parametrize("key", KEYS)
def test_gold_is_on_the_page(key):
    ROUND.check_gold_on_page(key)


# --- each page sets the trap it is meant to set ------------------------------------------------

def test_main_holds_the_story_and_then_the_next_story_in_full():
    key = "asharq-2018-08-02"
    g = gold()[key]
    tree = page_tree(key)
    (main,) = tree.xpath("//main")
    story, following = main.xpath("./article")
    assert text_of(story.xpath(".//h1")[0]) == g["title"] == tree.xpath('//meta[@property="og:title"]/@content')[0]
    mine = [text_of(p) for p in story.xpath('.//div[contains(@class,"ArticleBody_body")]/p')]
    assert mine == g["body_paragraphs"]
    theirs = [text_of(p) for p in following.xpath('.//div[contains(@class,"ArticleBody_body")]/p')]
    assert text_of(following.xpath(".//h1")[0]) == g["must_not_contain"][0] != g["title"]
    assert len(theirs) == 7 and all(m in theirs for m in g["must_not_contain"][1:4])
    assert following.xpath(".//time/@datetime")[0].startswith("2018-07-18")
    assert sum(len(p.split()) for p in theirs) > sum(len(p.split()) for p in mine)  # the next story is longer


def test_the_byline_names_the_editorial_team_not_a_person():
    key = "almayadeen-2018-07-03"
    tree = page_tree(key)
    assert text_of(tree.xpath('//span[@class="news-author"]')[0]) == "إعداد: فريق التحرير"
    assert jsonld(key)[0]["author"] == {"@type": "Person", "name": "فريق التحرير"}
    assert tree.xpath('//meta[@name="author"]/@content') == ["فريق التحرير"]
    assert gold()[key]["authors"] == []


def test_the_subheadings_are_bold_paragraphs_inside_thetext_of():
    key = "alakhbar-2018-07-25"
    g = gold()[key]
    paras = page_tree(key).get_element_by_id("articleText").xpath("./p")
    assert [text_of(p) for p in paras] == g["body_paragraphs"]
    bold = [i for i, p in enumerate(paras)
            if [c.tag for c in p] == ["strong"] and not (p.text or "").strip() and text_of(p[0]) == text_of(p)]
    assert bold == [4, 8]
    assert [g["body_paragraphs"][i] for i in bold] == ["خطوة ترامب", "غضب بين الموظفين"]


def test_the_text_is_in_a_noscript_fallback_and_in_the_visible_copy():
    key = "elaph-2018-02-11"
    g = gold()[key]
    raw = page_bytes(key)
    box = page_tree(key).get_element_by_id("articleBody")
    (fallback,) = box.xpath("./noscript")
    visible = box.xpath('./div[contains(@class,"article-text")]')[0]
    assert [text_of(p) for p in fallback.xpath(".//p")] == g["body_paragraphs"]
    assert [text_of(p) for p in visible.xpath("./p")] == g["body_paragraphs"]
    inside = raw[raw.index(b'id="articleBody"'):raw.index(b'class="article-keywords"')]
    assert all(inside.count(html.escape(p, quote=False).encode()) == 2 for p in g["body_paragraphs"])
    blocks = _visible_blocks(raw)  # the reader sees each paragraph once
    assert all(blocks.count(p) == 1 for p in g["body_paragraphs"])


def test_the_follow_us_strip_sits_between_paragraphs_2_and_3():
    key = "raialyoum-2018-07-19"
    content = page_tree(key).xpath('//div[@class="entry-content"]')[0]
    kids = [c for c in content if isinstance(c.tag, str)]
    assert [c.tag for c in kids] == ["p", "p", "div", "p", "p", "p"]
    strip = kids[2]
    assert "code-block" in strip.get("class") and "style" in strip.attrib
    assert text_of(strip).startswith("تابعونا على") and len(strip.xpath(".//a")) == 4
    assert [text_of(p) for p in kids if p.tag == "p"] == gold()[key]["body_paragraphs"]


def test_the_dateline_names_a_city_and_two_agencies():
    key = "raialyoum-2018-07-19"
    g = gold()[key]
    first = text_of(page_tree(key).xpath('//div[@class="entry-content"]/p')[0])
    assert first.startswith(g["dateline"] + " - ") and g["dateline"] == "واشنطن - (رويترز، أ ف ب)"
    assert g["attribution"] == ["رويترز", "فرانس برس"]


def test_the_hijri_date_label_gives_the_gregorian_day_it_corresponds_to():
    key = "alwatan-2015-08-04"
    tree = page_tree(key)
    label = text_of(tree.get_element_by_id("ctl00_ContentPlaceHolder1_lblDate"))
    assert label == "الثلاثاء 1436/10/19 هـ الموافق 2015/8/4 م"
    assert tuple(Gregorian(2015, 8, 4).to_hijri().datetuple()) == (1436, 10, 19)
    assert date(2015, 8, 4).isoweekday() == 2 and gold()[key]["published"] == "2015-08-04"
    assert not tree.xpath('//meta[contains(@property,"time") or contains(@name,"date")]')
    assert not tree.xpath('//script[@type="application/ld+json"]') and not tree.xpath("//time")
    assert text_of(tree.get_element_by_id("ctl00_ContentPlaceHolder1_lblAuthor")) == gold()[key]["dateline"]


def test_the_gallery_captions_are_long_sentences():
    key = "emaratalyoum-2018-08-07"
    g = gold()[key]
    holder = page_tree(key).xpath('//div[@class="article-holder"]')[0]
    kids = [c.get("class") for c in holder if isinstance(c.tag, str)]
    assert kids.index("article-gallery swiper-container") < kids.index("article-body")
    captions = [text_of(p) for p in holder.xpath('.//div[@class="slide-text"]/p')]
    assert len(captions) == 3 and all(len(c.split()) >= 20 and c.endswith(".") for c in captions)
    assert captions == g["must_not_contain"][:3]


def test_an_english_quote_paragraph_is_part_of_thetext_of():
    key = "emaratalyoum-2018-08-07"
    g = gold()[key]
    (quote,) = page_tree(key).xpath('//div[@class="article-body"]/blockquote[@lang="en"]/p')
    assert text_of(quote) == g["body_paragraphs"][4] == "James Bond meets the boys. 😎"
    assert not re.search("[\u0600-\u06ff]", g["body_paragraphs"][4])
    assert all(re.search("[\u0600-\u06ff]", p) for i, p in enumerate(g["body_paragraphs"]) if i != 4)


def test_the_date_line_has_arabic_indic_digits_and_a_12_hour_time():
    key = "alaraby-2018-04-21"
    g = gold()[key]
    line = text_of(page_tree(key).xpath('//div[@class="article-date"]')[0])
    assert line == "السبت ٢١ أبريل ٢٠١٨ ٠٩:٤٤ م" and not re.search(r"[0-9]", line)
    western = line.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))
    hour, minute = map(int, re.search(r"(\d\d):(\d\d) م$", western).groups())
    assert g["published_datetime"].startswith(f"2018-04-21T{hour + 12}:{minute:02d}")
    assert jsonld(key)[0]["datePublished"] == "2018-04-21T20:44:54Z"  # the same instant in UTC


# Extraction itself (one test per page and field) is checked for every round in test_layout_fields.py.
