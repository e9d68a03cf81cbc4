"""Stories: incremental clustering over time, story_similarity, stories_json, rebuild."""

from __future__ import annotations

from datetime import timedelta

import pytest

from marsad.link import rebuild, stories_json, story_similarity
from marsad.model import Article
from marsad.pipeline import store_article
from marsad.store import SqliteStore
from tests.link.helpers import SPORT, T0, WIRE, art

FOLLOW_UP = [
    "سجلت وزارة الصحة السعودية 1150 إصابة جديدة بفيروس كورونا اليوم مع تراجع طفيف في عدد الحالات الحرجة في مناطق المملكة.",
    "وأوضح المتحدث باسم الوزارة محمد العبدالعالي أن حملة التطعيم ضد كورونا مستمرة وأن عدد الجرعات تجاوز 21 مليون جرعة.",
    "ودعت الوزارة المواطنين والمقيمين إلى الالتزام بالإجراءات الاحترازية وارتداء الكمامات في الأماكن العامة.",
]

LATER = [
    "أعلنت وزارة الصحة السعودية تسجيل 900 إصابة جديدة بفيروس كورونا مع استمرار انخفاض المنحنى الوبائي في المملكة.",
    "وقال المتحدث باسم وزارة الصحة محمد العبدالعالي إن أكثر من 25 مليون جرعة من لقاح كورونا أعطيت في مراكز التطعيم.",
    "وجددت الوزارة دعوتها إلى الالتزام بالإجراءات الاحترازية واستكمال جرعات التطعيم ضد فيروس كورونا.",
]


@pytest.fixture
def store(tmp_path):
    s = SqliteStore(tmp_path / "s.db")
    yield s
    s.close()


def test_follow_ups_join_and_other_topics_do_not(store):
    a = store_article(store, art("الصحة: 1200 إصابة جديدة بكورونا", WIRE, 0, url="https://a.com/1", source="a")).article
    b = store_article(store, art("1150 إصابة جديدة بكورونا في السعودية", FOLLOW_UP, 20, url="https://b.com/1", source="b")).article
    c = store_article(store, art("الهلال يهزم النصر", SPORT, 21, url="https://c.com/1", source="c")).article
    assert a.story_id is not None and b.story_id == a.story_id
    assert c.story_id is not None and c.story_id != a.story_id
    story = store.get_story(a.story_id)
    assert story.article_count == 2 and story.outlet_count == 2
    assert story.first_time == T0 and story.last_time == T0 + timedelta(hours=20)


def test_story_grows_over_days_but_not_after_a_long_silence(store):
    a = store_article(store, art("كورونا في السعودية", WIRE, 0, url="https://a.com/1", source="a")).article
    # each article two days after the previous one keeps the story alive
    b = store_article(store, art("كورونا: 1150 إصابة", FOLLOW_UP, 24 * 2, url="https://b.com/1", source="b")).article
    c = store_article(store, art("كورونا: 900 إصابة", LATER, 24 * 4, url="https://c.com/1", source="c")).article
    assert a.story_id == b.story_id == c.story_id
    assert store.get_story(a.story_id).article_count == 3
    # the same topic three months later is a new story
    months_later = [
        "سجلت المملكة العربية السعودية 870 إصابة جديدة بفيروس كورونا بحسب بيان وزارة الصحة الذي صدر مساء اليوم.",
        "وقال محمد العبدالعالي المتحدث باسم وزارة الصحة إن مراكز التطعيم أعطت أكثر من 30 مليون جرعة من لقاح كورونا.",
        "ودعت وزارة الصحة إلى استكمال التطعيم ضد فيروس كورونا والالتزام بالإجراءات الاحترازية في التجمعات.",
    ]
    assert story_similarity(Article.from_text("", "\n".join(LATER)), Article.from_text("", "\n".join(months_later))) > 0.5
    d = store_article(store, art("كورونا: 870 إصابة", months_later, 24 * 100, url="https://d.com/1", source="d")).article
    assert d.story_id not in (None, a.story_id)


def test_short_and_empty_articles_form_no_story(store):
    for i, (title, body) in enumerate([("", []), ("عاجل", ["عاجل"]), ("تابعونا", ["تابعونا على تويتر وفيسبوك"])]):
        a = store_article(store, art(title, body, i, url=f"https://x.com/{i}")).article
        assert a.story_id is None
    assert store.stats()["stories"] == 0


def test_undated_article_clusters_by_first_seen(store):
    a = store_article(store, art("كورونا", WIRE, 0, url="https://a.com/1", source="a")).article
    b = art("كورونا اليوم", FOLLOW_UP, 6, url="https://b.com/1", source="b", published=False)
    store_article(store, b)
    assert b.story_id == a.story_id
    # an undated article does not move the story's time span
    assert store.get_story(a.story_id).last_time == T0


def test_story_similarity_range_and_order():
    a = Article.from_text("الصحة: 1200 إصابة", "\n".join(WIRE))
    b = Article.from_text("1150 إصابة", "\n".join(FOLLOW_UP))
    c = Article.from_text("الهلال", "\n".join(SPORT))
    assert story_similarity(a, a) == pytest.approx(1.0)
    assert 0.0 <= story_similarity(a, c) < story_similarity(a, b) <= 1.0
    assert story_similarity(a, Article.from_text("", "")) == 0.0
    assert story_similarity(a, b) == pytest.approx(story_similarity(b, a))


def test_stories_json_and_rebuild(store):
    store_article(store, art("كورونا", WIRE, 0, url="https://a.com/1", source="a"))
    store_article(store, art("كورونا: 1150 إصابة", FOLLOW_UP, 5, url="https://b.com/1", source="b"))
    store_article(store, art("الهلال يهزم النصر", SPORT, 6, url="https://c.com/1", source="c"))
    data = stories_json(store)
    assert len(data) == 2
    assert data[0]["title"] == "الهلال يهزم النصر"  # most recent first
    top = data[1]
    assert top["article_count"] == 2 and top["outlet_count"] == 2 and len(top["articles"]) == 2
    assert top["first_time"].startswith("2024-03-12T08:00")
    assert stories_json(store, since="2024-03-12T13:30") == data[:1]
    before = [(d["title"], d["article_count"]) for d in data]
    counts = rebuild(store)
    assert counts["articles"] == 3 and counts["stories"] == 2
    assert [(d["title"], d["article_count"]) for d in stories_json(store)] == before


def test_story_made_by_another_process_is_picked_up(tmp_path, monkeypatch):
    """Two store objects on one file stand for two processes: each sees the other's new stories."""
    from marsad.link import stories

    monkeypatch.setattr(stories, "REFRESH_S", 0.0)
    path = tmp_path / "two.db"
    s1, s2 = SqliteStore(path), SqliteStore(path)
    try:
        store_article(s2, art("الهلال يهزم النصر", SPORT, 0, url="https://c.com/1", source="c"))  # s2 index exists
        a = store_article(s1, art("كورونا", WIRE, 1, url="https://a.com/1", source="a")).article
        b = store_article(s2, art("كورونا: 1150 إصابة", FOLLOW_UP, 3, url="https://b.com/1", source="b")).article
        assert b.story_id == a.story_id is not None
    finally:
        s1.close()
        s2.close()
