"""330 template-transplanted pages: SiteProfile observes each site first, then extraction."""

from __future__ import annotations

from collections import defaultdict

from marsad.extract import extract_article
from marsad.extract.evaluate import leaks, token_f1
from tests.extract.gold import (
    norm,
    transplanted_articles,
    transplanted_gold,
    transplanted_pages,
)


def test_body_f1_leaks_and_titles_with_profiles():
    gold, arts = transplanted_gold(), transplanted_articles()
    assert len(arts) == 330
    scores = {k: token_f1(arts[k].body, g["body_paragraphs"]) for k, g in gold.items()}
    leaking = {k: leaks(arts[k].body, g["must_not_contain"]) for k, g in gold.items()}
    leaking = {k: v for k, v in leaking.items() if v}
    wrong_titles = [k for k, g in gold.items() if norm(arts[k].title) != norm(g["title"])]
    assert sum(scores.values()) / len(scores) >= 0.99
    assert min(scores.values()) >= 0.90
    assert leaking == {}
    assert wrong_titles == []


def test_every_template_is_good():
    gold, arts = transplanted_gold(), transplanted_articles()
    per: dict[str, list[float]] = defaultdict(list)
    for k, g in gold.items():
        per[g["template"] if "template" in g else k.split("/")[0]].append(token_f1(arts[k].body, g["body_paragraphs"]))
    assert len(per) == 11
    for template, scores in per.items():
        assert sum(scores) / len(scores) >= 0.98, template


def test_without_profile_still_no_leaks_on_first_pages():
    gold, pages = transplanted_gold(), transplanted_pages()
    for k in [k for k in gold if k.endswith("/1")]:
        art = extract_article(pages[k], gold[k]["url"])
        assert leaks(art.body, gold[k]["must_not_contain"]) == [], k
