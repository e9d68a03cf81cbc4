"""Extraction on a fourth round of SAMPLE layouts: eight more Arabic news sites marsad was not tuned on.

The pages in tests/extract/layouts4/ were written for these tests: each is modeled on the article
page structure of one site (Al-Ahram Gate, El Watan News, Al Rai Kuwait, Al Ayam Bahrain, Shafaq
News, Alhurra, France 24 Arabic, Le360 Arabic) with realistic boilerplate, like rounds 1-3
(tests/extract/test_layouts.py, test_layouts2.py, test_layouts3.py). They are not copies of real
pages. The article text on each page (headline and paragraphs) is real: a record of the ANT
multi-source corpus (../shared/corpora/ant-multisource), named in each page's top comment and in
gold.json.

This round sets traps rounds 1-3 did not: a text split into several div.paragraph blocks with ad
slots labelled "إعلان" between them, a bold "بغداد/ شفق نيوز-" dateline opening the first
paragraph, a headline in <h2 class="title"> while the page's <h1> is the logo text, an og:title
with the site name appended and a <title> with another site suffix, a UTC-only meta date late at
night beside a visible Western-month + Hijri date of the next (local) day, a video embed with a
caption line and a "شاهد أيضا" video carousel, a closing "المصدر: فرانس 24 / أ ف ب" credit
(publisher + agency), a French-Arabic bilingual page with a French menu and French labels, a
reader-comments section with long sentence-like comments, and a writer's box with a bio paragraph
right after the text. layouts4/gold.json notes, per page, where each value is shown, which trap it
sets and how the gold decides the debatable cases.

The checks are those of test_layouts3.py (no page of this round has its text only in JSON-LD or
in __NEXT_DATA__, so every body must come from the page's own HTML container), plus one check per
page that the trap it is meant to set is really on the page. Tags taken from meta keywords are
looked for in the page's meta data.

Extraction is checked per page and field in test_layout_fields.py.
"""

from __future__ import annotations

import pytest

from tests.extract.layout_round import Round, text_of

ROUND = Round("layouts4")
gold, page_bytes, page_tree, KEYS = ROUND.gold, ROUND.page_bytes, ROUND.page_tree, ROUND.keys


# --- the gold itself: every expected string is on its page ------------------------------------

@pytest.mark.parametrize("key", KEYS)
def test_gold_is_on_the_page(key):
    ROUND.check_gold_on_page(key)


# --- each page sets the trap it is meant to set ------------------------------------------------

def test_the_split_page_has_ad_slots_between_its_paragraph_blocks():
    tree = page_tree("elwatannews-2018-04-22")
    body = tree.get_element_by_id("article-body")
    kids = [c.get("class", "").split()[0] for c in body if isinstance(c.tag, str)]
    assert kids.count("paragraph") == 4 and kids.count("ad-slot") == 3
    assert kids[0] == kids[-1] == "paragraph"
    labels = [text_of(s) for s in body.xpath('.//span[@class="ad-label"]')]
    assert labels == ["إعلان"] * 3


def test_the_comments_are_long_and_sentence_like():
    tree = page_tree("elwatannews-2018-04-22")
    comments = [text_of(p) for p in tree.xpath('//section[@id="comments"]//p[@class="comment-text"]')]
    assert len(comments) == 3 and all(len(c.split()) >= 20 and "،" in c for c in comments)
    assert set(comments) <= set(gold()["elwatannews-2018-04-22"]["must_not_contain"])


def test_the_first_paragraph_opens_with_a_bold_dateline():
    tree = page_tree("shafaq-2018-06-10")
    first = tree.xpath('//div[@class="post-content"]/p')[0]
    assert first[0].tag == "strong" and text_of(first[0]) == "بغداد/ شفق نيوز-"


def test_the_h1_is_the_logo_and_the_headline_is_an_h2():
    tree = page_tree("alayam-2018-03-28")
    g = gold()["alayam-2018-03-28"]
    assert [text_of(h) for h in tree.iter("h1")] == ["صحيفة الأيام البحرينية"]
    assert [text_of(h) for h in tree.xpath('//h2[@class="title"]')] == [g["title"]]
    assert not tree.xpath('//meta[@property="og:title"]')


def test_og_title_and_title_carry_different_site_suffixes():
    tree = page_tree("ahram-2018-06-10")
    g = gold()["ahram-2018-06-10"]
    og = tree.xpath('//meta[@property="og:title"]/@content')[0]
    title = text_of(tree.find(".//title"))
    assert og.startswith(g["title"]) and title.startswith(g["title"])
    assert og != g["title"] and title != g["title"] and og[len(g["title"]):] != title[len(g["title"]):]
    assert [text_of(h) for h in tree.iter("h1")] == [g["title"]]


def test_the_meta_date_is_utc_on_the_day_before_the_visible_date():
    tree = page_tree("alrai-2018-07-23")
    g = gold()["alrai-2018-07-23"]
    meta = tree.xpath('//meta[@property="article:published_time"]/@content')[0]
    assert meta.endswith("Z") and meta[:10] == "2018-07-22" != g["published"]
    assert text_of(tree.xpath('//div[@class="article-date"]')[0]) == "23 يوليو 2018 | 10 ذو القعدة 1439 | 12:25 ص"


def test_the_video_caption_and_carousel_sit_inside_the_article_content():
    tree = page_tree("alhurra-2018-04-18")
    content = tree.get_element_by_id("article-content")
    assert content.xpath('.//div[@class="wsw"]//video') and content.xpath('.//p[@class="media-pholder__caption"]')
    carousel = content.xpath('.//section[@class="media-carousel"]')
    assert carousel and text_of(carousel[0].find("h2")) == "شاهد أيضا" and len(carousel[0].xpath(".//li")) == 4


def test_the_text_closes_with_a_publisher_and_agency_credit():
    tree = page_tree("france24-2018-03-16")
    last = tree.xpath('//div[contains(@class, "t-content__body")]/p')[-1]
    assert text_of(last) == "المصدر: فرانس 24 / أ ف ب"


def test_the_bilingual_page_has_a_french_menu():
    tree = page_tree("le360-2018-09-12")
    assert tree.get("lang") == "ar"
    menu = [text_of(a) for a in tree.xpath('//nav[@class="main-menu"]//a')]
    assert menu[:4] == ["Accueil", "Politique", "Economie", "Société"]


def test_the_writer_bio_follows_the_text_inside_the_body_container():
    tree = page_tree("ahram-2018-06-10")
    content = tree.get_element_by_id("ContentPlaceHolder1_divContent")
    kids = [c for c in content if isinstance(c.tag, str)]
    assert [c.tag for c in kids[:-1]] == ["p"] * 7 and "author-box" in kids[-1].get("class", "")
    bio = text_of(kids[-1].xpath(".//p")[0])
    assert bio.startswith("مروة السيد صحافية مصرية تغطي") and bio in gold()["ahram-2018-06-10"]["must_not_contain"]


# Extraction itself (one test per page and field) is checked for every round in test_layout_fields.py.
