"""Exact, near and contained copies; agency credits; provenance chains."""

from __future__ import annotations

import pytest

from marsad.link import copy_chain, first_publisher, link_article
from marsad.pipeline import store_article
from marsad.store import SqliteStore
from tests.link.helpers import DISCLAIMER, SPORT, WIRE, art


@pytest.fixture
def store(tmp_path):
    s = SqliteStore(tmp_path / "t.db")
    yield s
    s.close()


def rels(store, aid, kind=None):
    return [r for r in store.relations_of(aid) if r.src == aid and (kind is None or r.kind == kind)]


def test_exact_copy_is_duplicate_of_the_earlier(store):
    a = store_article(store, art("الصحة: 1200 إصابة", ["الرياض - واس", *WIRE], 0, url="https://spa.gov.sa/1", source="spa.gov.sa")).article
    b = store_article(store, art("الصحة: 1200 إصابة جديدة", ["الرياض - واس", *WIRE], 1, url="https://okaz.com/1", source="okaz")).article
    dup = rels(store, b.id, "duplicate_of")
    assert [r.dst for r in dup] == [a.id]
    assert dup[0].evidence["same_body"] is True
    assert dup[0].evidence["gap_s"] == 3600
    assert b.story_id == a.story_id is not None


def test_out_of_order_copy_points_to_the_earlier_published(store):
    late = store_article(store, art("خبر", WIRE, 5, url="https://b.com/1", source="b")).article
    early = store_article(store, art("خبر", WIRE, 1, url="https://a.com/1", source="a")).article
    (r,) = [r for r in store.relations_of(early.id) if r.kind == "duplicate_of"]
    assert (r.src, r.dst) == (late.id, early.id)


def test_same_url_twice_is_linked(store):
    a = store_article(store, art("خبر أول", WIRE, 0, url="https://x.com/a")).article
    edited = [*WIRE[:3], "وأشار إلى أن أكثر من ثلاثين مليون جرعة أعطيت."]
    b = store_article(store, art("خبر أول (محدث)", edited, 2, url="https://x.com/a")).article
    (r,) = rels(store, b.id, "duplicate_of")
    assert r.dst == a.id and r.evidence["same_url"] is True


def test_trivial_bodies_are_not_duplicates(store):
    a = store_article(store, art("صفحة 1", ["تابعونا"], 0, url="https://x.com/1")).article
    b = store_article(store, art("صفحة 2", ["تابعونا"], 1, url="https://x.com/2")).article
    c = store_article(store, art("", [], 2, url="https://x.com/3")).article
    assert rels(store, b.id) == [] and rels(store, c.id) == []
    assert a.story_id is None and b.story_id is None and c.story_id is None


def test_near_duplicate_with_edits(store):
    a = store_article(store, art("كورونا", WIRE, 0, url="https://a.com/1", source="a")).article
    edited = [WIRE[0].replace("1200", "1300").replace("اليوم", "الأربعاء"), *WIRE[1:]]
    b = store_article(store, art("كورونا في السعودية", edited, 3, url="https://b.com/1", source="b")).article
    (r,) = rels(store, b.id, "near_duplicate_of")
    assert r.dst == a.id and 0.5 <= r.score < 1.0
    assert b.story_id == a.story_id


def test_rewrite_with_respelled_names_stays_a_near_duplicate(store):
    a = store_article(store, art("العبدالعالي: 350 ألف حالة تعاف", WIRE, 0, url="https://a.com/1", source="a")).article
    respelled = [p.replace("العبدالعالي", "العبد العالي").replace("أعلنت", "قالت") for p in WIRE]
    b = store_article(store, art("العبد العالي: 350 ألف متعاف من كورونا", respelled, 2, url="https://b.com/1",
                                 source="b")).article  # fmt: skip
    (r,) = rels(store, b.id, "near_duplicate_of")
    assert r.dst == a.id and r.evidence["lead_shared"] >= 0.6


FOLLOW_UP = [
    "انتقدت منظمة الصحة العالمية مساء الخميس طريقة توزيع اللقاحات في عدد من الدول المجاورة ودعت إلى تسريع الشحنات نحو البلدان الفقيرة.",
    "وقال المدير الإقليمي للمنظمة في مؤتمر صحفي بجنيف إن التفاوت في الحصول على الجرعات يهدد بإطالة أمد الجائحة عدة أشهر أخرى.",
]


def test_follow_up_on_reused_background_is_not_a_near_duplicate(store):
    """A new development put on top of the earlier report: the lead is not shared, so the pair
    is not near_duplicate_of (the later text still contains the earlier one)."""
    a = store_article(store, art("الصحة: 1200 إصابة", WIRE, 0, url="https://a.com/1", source="a")).article
    b = store_article(store, art("الصحة العالمية تنتقد توزيع اللقاحات", [*FOLLOW_UP, *WIRE], 30, url="https://a.com/2",
                                 source="a")).article  # fmt: skip
    assert rels(store, b.id, "near_duplicate_of") == []
    assert [r.dst for r in rels(store, b.id, "contains")] == [a.id]


CABLE = [
    "بعث خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود برقية تهنئة لفخامة الرئيس إيمانويل ماكرون رئيس الجمهورية الفرنسية بمناسبة ذكرى اليوم الوطني لبلاده.",
    "وأعرب الملك المفدى باسمه واسم شعب وحكومة المملكة العربية السعودية عن أصدق التهاني وأطيب التمنيات بموفور الصحة والسعادة لفخامته ولحكومة وشعب الجمهورية الفرنسية الصديق المزيد من التقدم والازدهار.",
    "كما بعث صاحب السمو الملكي الأمير محمد بن سلمان بن عبدالعزيز ولي العهد نائب رئيس مجلس الوزراء وزير الدفاع برقية تهنئة مماثلة لفخامة الرئيس إيمانويل ماكرون رئيس الجمهورية الفرنسية بمناسبة ذكرى اليوم الوطني لبلاده.",
    "وعبر سمو ولي العهد عن أطيب التهاني وأصدق التمنيات بموفور الصحة والسعادة لفخامته ولحكومة وشعب الجمهورية الفرنسية الصديق اطراد التقدم والازدهار.",
]


def test_template_filled_for_another_country_is_not_a_near_duplicate(store):
    other = [p.replace("إيمانويل ماكرون", "ماوريسيو ماكري").replace("الجمهورية الفرنسية", "جمهورية الأرجنتين")
             .replace("اليوم الوطني", "استقلال") for p in CABLE]  # fmt: skip
    a = store_article(store, art("القيادة تهنئ رئيس فرنسا بذكرى اليوم الوطني", CABLE, 0, url="https://spa.gov.sa/1",
                                 source="spa.gov.sa")).article  # fmt: skip
    b = store_article(store, art("القيادة تهنئ رئيس الأرجنتين بذكرى الاستقلال", other, 200, url="https://spa.gov.sa/2",
                                 source="spa.gov.sa")).article  # fmt: skip
    assert rels(store, b.id, "near_duplicate_of") == [] and rels(store, a.id, "near_duplicate_of") == []
    # the same cable republished by an outlet under its own headline is still a copy
    c = store_article(store, art("خادم الحرمين وولي العهد يهنئان الرئيس الفرنسي", [*CABLE[:3], CABLE[3].replace("اطراد", "المزيد من")],
                                 3, url="https://okaz.com/1", source="okaz")).article  # fmt: skip
    assert [r.dst for r in rels(store, c.id, "near_duplicate_of")] == [a.id]


def test_aggregator_with_disclaimer_contains_the_original(store):
    a = store_article(store, art("كورونا", WIRE, 0, url="https://a.com/1", source="a")).article
    b = store_article(store, art("كورونا", [*WIRE, DISCLAIMER, DISCLAIMER.replace("الموقع", "الناشر")], 2,
                                 url="https://agg.com/1", source="agg")).article  # fmt: skip
    contains = rels(store, b.id, "contains")
    assert [r.dst for r in contains] == [a.id]
    assert contains[0].score >= 0.95


def test_rewrite_keeping_the_agency_core_contains_it(store):
    core = [*WIRE, *SPORT[:0]]
    a = store_article(store, art("الصحة", core, 0, url="https://spa.gov.sa/1", source="spa.gov.sa")).article
    intro = [
        "في تطور لافت على صعيد الوضع الصحي في المملكة نشرت الوزارة صباح اليوم أحدث أرقامها الرسمية حول الجائحة وتطوراتها.",
        "ويرى خبراء في الصحة العامة أن هذه الأرقام تعكس نجاح الخطط الوقائية التي تبنتها الجهات الرسمية خلال الأشهر الماضية.",
        "كما يتوقع المراقبون أن تشهد الأسابيع المقبلة تخفيفا إضافيا للقيود المفروضة على السفر والتجمعات العامة في المدن الكبرى.",
        "وكانت السلطات قد أعلنت الشهر الماضي عن خطة من ثلاث مراحل للعودة التدريجية إلى الحياة الطبيعية في جميع المناطق.",
    ]
    b = store_article(store, art("قراءة في أرقام كورونا", [*intro, *WIRE[1:]], 4, url="https://c.com/1", source="c")).article
    assert [r.dst for r in rels(store, b.id, "contains")] == [a.id]
    assert rels(store, b.id, "near_duplicate_of") == []


def test_shared_boilerplate_paragraph_does_not_link(store):
    long_boiler = "تابعوا آخر الأخبار العاجلة والتقارير الحصرية عبر حساباتنا الرسمية على مواقع التواصل الاجتماعي وتطبيقنا للهواتف الذكية."
    a = store_article(store, art("كورونا", [*WIRE, long_boiler], 0, url="https://a.com/1", source="a")).article
    b = store_article(store, art("الهلال", [*SPORT, long_boiler], 1, url="https://a.com/2", source="a")).article
    assert rels(store, b.id) == [] and rels(store, a.id) == []
    assert a.story_id != b.story_id


def test_attributed_to_agency_not_in_store(store):
    a = store_article(store, art("خبر", ["واشنطن (رويترز) - " + WIRE[0], *WIRE[1:]], 0, url="https://a.com/1")).article
    (r,) = rels(store, a.id, "attributed_to")
    assert r.agency == "reuters" and r.dst is None and r.evidence["where"] == "text"
    b = art("خبر", SPORT, 1, url="https://a.com/2")
    b.attribution = ["وكالة الصحافة الفرنسية"]
    b.attribution = ["أ ف ب"]
    b = store_article(store, b).article
    assert [r.agency for r in rels(store, b.id, "attributed_to")] == ["afp"]


def test_agency_copy_in_store_needs_no_attributed_to(store):
    store_article(store, art("الصحة", ["الرياض - واس", *WIRE], 0, url="https://spa.gov.sa/1", source="spa.gov.sa"))
    b = store_article(store, art("الصحة", ["الرياض - واس", *WIRE], 1, url="https://okaz.com/1", source="okaz")).article
    assert rels(store, b.id, "attributed_to") == []
    c = store_article(store, art("الهلال", ["الرياض - واس", *SPORT], 1, url="https://okaz.com/2", source="okaz")).article
    assert [r.agency for r in rels(store, c.id, "attributed_to")] == ["spa"]


def test_copy_chain_first_publisher_and_changes(store):
    ids = []
    ids.append(store_article(store, art("الصحة: 1200 إصابة", WIRE, 0, url="https://spa.gov.sa/1", source="spa.gov.sa")).article.id)
    ids.append(store_article(store, art("الصحة: 1200 إصابة", WIRE, 1, url="https://okaz.com/1", source="okaz")).article.id)
    ids.append(store_article(store, art("عنوان آخر", [*WIRE, DISCLAIMER], 2, url="https://agg.com/1", source="agg")).article.id)
    undated = art("بلا تاريخ", WIRE[:3], 3, url="https://u.com/1", source="u", published=False)
    ids.append(store_article(store, undated).article.id)
    chain = copy_chain(store, ids[2])
    assert [e.article.id for e in chain] == ids
    first, dup, agg, und = chain
    assert first.parent_id is None and first.gap_s == 0
    assert dup.parent_id == ids[0] and dup.gap_s == 3600 and not dup.headline_changed
    assert agg.headline_changed and agg.added_paragraphs == [DISCLAIMER] and agg.removed_paragraphs == []
    assert und.evidence.get("undated") is True and und.removed_paragraphs == [WIRE[3]]
    assert und.parent_id in ids[:3]
    d = agg.to_dict()
    assert d["parent_id"] in ids[:2] and d["added_paragraphs"] == [DISCLAIMER]
    prov = first_publisher(store, ids[3])
    assert prov["first_id"] == ids[0] and prov["first_source"] == "spa.gov.sa" and prov["copies"] == 3
    # chain of a story
    story_chain = copy_chain(store, first.article.story_id, story=True)
    assert {e.article.id for e in story_chain} == set(ids)


def test_undated_copy_marked(store):
    store_article(store, art("خبر", WIRE, 0, url="https://a.com/1"))
    b = store_article(store, art("خبر", WIRE, 0, url="https://b.com/1", published=False)).article
    (r,) = rels(store, b.id, "duplicate_of")
    assert r.evidence["undated"] is True


def test_bands_persist_across_processes_state(tmp_path):
    """A near copy is found by a new store object (new process state) through stored bands."""
    path = tmp_path / "p.db"
    with SqliteStore(path) as s1:
        a = store_article(s1, art("كورونا", WIRE, 0, url="https://a.com/1", source="a")).article
    edited = [WIRE[0].replace("1200", "1250"), *WIRE[1:]]
    with SqliteStore(path) as s2:
        b = store_article(s2, art("كورونا اليوم", edited, 1, url="https://b.com/1", source="b")).article
        assert [r.dst for r in rels(s2, b.id, "near_duplicate_of")] == [a.id]
        assert b.story_id == a.story_id


def test_link_article_without_id_is_a_no_op(store):
    res = link_article(store, art("x", WIRE))
    assert res.relations == [] and res.story_id is None


def test_linking_twice_changes_nothing(store):
    a = store_article(store, art("كورونا", WIRE, 0, url="https://a.com/1", source="a")).article
    b = store_article(store, art("كورونا", WIRE, 1, url="https://b.com/1", source="b")).article
    before = (store.stats()["relations"], store.get_story(a.story_id).article_count,
              store.query("SELECT COUNT(*) FROM lsh_bands")[0][0])  # fmt: skip
    res = link_article(store, b)
    assert res.story_id == a.story_id
    after = (store.stats()["relations"], store.get_story(a.story_id).article_count,
             store.query("SELECT COUNT(*) FROM lsh_bands")[0][0])  # fmt: skip
    assert after == before
