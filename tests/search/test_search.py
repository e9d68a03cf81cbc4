"""Search over a real store: Arabic matching, phrases, filters, collapsing, snippets, facets."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from marsad.errors import QueryError
from marsad.model import Article
from marsad.pipeline import store_article
from marsad.search import attention, search
from marsad.store import open_store

# Sample articles written for these tests.
SAMPLES = [
    ("a.example", 1, "واشنطن تبحث الانسحاب من العراق", "قالت الولايات المتحدة إنها تدرس انسحاب قواتها من العراق."),
    ("b.example", 2, "بغداد ترحب بانسحاب القوات", "رحبت الحكومة العراقية بانسحاب القوات الأجنبية."),
    ("c.example", 3, "المدرسة الجديدة تفتح أبوابها", "افتتحت مدرسة جديدة في عمّان إلى جانب الطريق."),
    ("d.example", 4, "مُبَارَاة كُرَة القَدَم", "انتهت المباراة بالتعادل."),
]


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "m.db")
    for src, day, title, body in SAMPLES:
        store_article(s, Article.from_text(title, body, url=f"https://{src}/{day}", source=src,
                                           published=datetime(2024, 3, day, tzinfo=UTC)))
    # an exact copy republished by an aggregator a day later
    store_article(s, Article.from_text(SAMPLES[0][2], SAMPLES[0][3], url="https://agg.example/9", source="agg.example",
                                       published=datetime(2024, 3, 5, tzinfo=UTC)))
    return s


def titles(result):
    return [h.article.title for h in result.hits]


def test_clitics_and_definite_article(store):
    found = titles(search(store, "الانسحاب"))
    assert SAMPLES[0][2] in found and SAMPLES[1][2] in found
    assert SAMPLES[2][2] in titles(search(store, "مدرسة"))


def test_spelling_variants(store):
    assert titles(search(store, "الولایات"))  # Persian yeh
    assert titles(search(store, '"جديدة في عمان الى جانب"')) == [SAMPLES[2][2]]  # إلى typed الى, عمّان typed عمان
    assert SAMPLES[3][2] in titles(search(store, "كرة"))  # harakat in the document never split a word


def test_copies_collapse_unless_all(store):
    collapsed = search(store, "الانسحاب العراق")
    hit = next(h for h in collapsed.hits if h.article.title == SAMPLES[0][2])
    assert hit.copies == 2
    expanded = search(store, "الانسحاب العراق", collapse=False)
    assert titles(expanded).count(SAMPLES[0][2]) == 2


def test_phrase_filters_and_sort(store):
    assert titles(search(store, '"الولايات المتحدة"')) == [SAMPLES[0][2]]
    assert titles(search(store, '"المتحدة الولايات"')) == []
    assert titles(search(store, "الانسحاب source:b.example")) == [SAMPLES[1][2]]
    assert titles(search(store, "الانسحاب after:2024-03-02 before:2024-03-04")) == [SAMPLES[1][2]]
    dated = search(store, "الانسحاب OR مدرسة", sort="date", collapse=False)
    days = [h.article.published for h in dated.hits]
    assert days == sorted(days, reverse=True)
    assert titles(search(store, "الانسحاب -بغداد", collapse=False)).count(SAMPLES[1][2]) == 0


def test_snippet_marks_original_words(store):
    result = search(store, "انسحاب", collapse=False)
    hit = next(h for h in result.hits if h.article.source == "b.example")
    marked = [text for text, on in hit.snippet_parts if on]
    assert "بانسحاب" in marked
    assert hit.to_json()["snippet"].startswith("رحبت")


def test_json_shape_facets_and_attention(store):
    result = search(store, "الانسحاب", facets=True)
    data = result.to_json()
    assert data["total"] == 3 and set(data["results"][0]) >= {"url", "title", "source", "published", "score", "snippet"}
    assert dict(result.facets["source"]) == {"a.example": 1, "b.example": 1, "agg.example": 1}
    series = attention(store, "الانسحاب", by_source=True)
    assert dict(series["الانسحاب"]) == {"2024-03-01": 1, "2024-03-02": 1, "2024-03-05": 1}
    assert len(series) == 4


def test_invalid_query_raises_query_error(store):
    with pytest.raises(QueryError):
        search(store, "(الانسحاب")
    with pytest.raises(QueryError):
        search(store, "x", sort="random")


def test_a_pasted_headline_finds_its_article_first(tmp_path):
    s = open_store(tmp_path / "h.db")
    # Sample articles: the second repeats the headline's words more often, so BM25 alone prefers it.
    store_article(s, Article.from_text("كيم يقبل دعوة ترامب لزيارة الولايات المتحدة",
                                       "وصل الوفد إلى العاصمة صباح اليوم في زيارة تستمر ثلاثة أيام يلتقي خلالها مسؤولين في قطاعات "
                                       "الاقتصاد والتعليم والصحة ويبحث معهم مشاريع مشتركة.", url="https://a.example/k", source="a.example"))
    store_article(s, Article.from_text("كيم يدعو ترامب لزيارة بيونغ يانغ ويقبل دعوة الولايات المتحدة",
                                       "كيم يقبل دعوة ترامب لزيارة الولايات المتحدة. " * 6, url="https://b.example/k",
                                       source="b.example"))
    result = search(s, "كيم يقبل دعوة ترامب لزيارة الولايات المتحدة", collapse=False)
    assert result.hits[0].article.url == "https://a.example/k"


def test_near_copies_linked_by_relations_collapse_too(tmp_path):
    from marsad.model import Relation

    s = open_store(tmp_path / "c.db")
    ids = []
    for n, src in enumerate(["agency.example", "x.example", "y.example"]):
        # Sample articles: three wordings of one report, linked as copies of the first.
        body = f"أعلنت الوزارة افتتاح مستشفى جديد في المدينة. فقرة خاصة بالموقع رقم {n}."
        stored = store_article(s, Article.from_text("افتتاح مستشفى جديد", body, url=f"https://{src}/h", source=src), link=False)
        ids.append(stored.article.id)
    s.add_relations([Relation(ids[1], "near_duplicate_of", ids[0]), Relation(ids[2], "near_duplicate_of", ids[0])])
    collapsed = search(s, "مستشفى")
    assert len(collapsed.hits) == 1 and collapsed.hits[0].copies == 3
    assert len(search(s, "مستشفى", collapse=False).hits) == 3


def test_paging_with_collapsed_copies_never_repeats_a_hit(store):
    seen, offset, pages = [], 0, 0
    while offset is not None and pages < 10:
        result = search(store, "الانسحاب OR مدرسة OR كرة", limit=1, offset=offset)
        seen += [h.article.title for h in result.hits]
        offset, pages = result.next_offset, pages + 1
    assert len(seen) == len(set(seen)) == 4  # four stories; the aggregator's copy never shows alone


def test_a_copy_is_not_shown_on_another_page_than_its_original(tmp_path):
    s = open_store(tmp_path / "p.db")
    # Sample articles: an original (day 1), four other reports, and a copy of the original (day 6).
    body = "بدأت اليوم حملة وطنية لزراعة مليون شجرة في المحافظات. وشارك متطوعون في الحملة."
    store_article(s, Article.from_text("حملة لزراعة مليون شجرة", body, url="https://o.example/1", source="o.example",
                                       published=datetime(2024, 3, 1, tzinfo=UTC)))
    for day in range(2, 6):
        store_article(s, Article.from_text(f"أخبار الحملة في يومها {day}", f"تواصلت حملة زراعة الأشجار لليوم رقم {day} في مدينة {day}.",
                                           url=f"https://n{day}.example/x", source=f"n{day}.example",
                                           published=datetime(2024, 3, day, tzinfo=UTC)))
    store_article(s, Article.from_text("حملة لزراعة مليون شجرة", body, url="https://copy.example/1", source="copy.example",
                                       published=datetime(2024, 3, 6, tzinfo=UTC)))
    seen, offset = [], 0
    while offset is not None:
        result = search(s, "حملة", limit=1, offset=offset, sort="date")
        seen += [(h.article.title, h.copies) for h in result.hits]
        offset = result.next_offset
    titles = [t for t, _ in seen]
    assert len(titles) == len(set(titles)) == 5, seen


def test_phrase_facets_and_attention_count_only_real_phrase_matches(store):
    # The index drops في, so FTS alone takes "الولايات في المتحدة" for "الولايات المتحدة".
    result = search(store, '"الولايات في المتحدة"', facets=True, collapse=False)
    assert result.total == 0 and result.facets["source"] == []
    assert attention(store, '"الولايات في المتحدة"')['"الولايات في المتحدة"'] == []
    assert dict(search(store, '"الولايات المتحدة"', facets=True, collapse=False).facets["source"]) == {
        "a.example": 1, "agg.example": 1}
