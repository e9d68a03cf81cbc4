"""story_similarity against human judgments (SemEval-2022 Task 8, Arabic dev, 120 pairs) and on
hand-written samples: floors slightly below what the method measured when it was chosen."""

from __future__ import annotations

import random

import pytest

from benchmarks.bench_link import _auc, _pearson, semeval_pairs
from marsad.link import similarity
from marsad.link.similarity import cosine, story_similarity, title_coverage, vector
from marsad.model import Article
from tests.conftest import shared_path

# Samples written for this test (not from any corpus): two unrelated short news items.
SAMPLE_WEATHER = Article.from_text(
    "أمطار غزيرة وسيول في منطقة عسير والدفاع المدني يحذر",
    "توقع المركز الوطني للأرصاد هطول أمطار غزيرة مصحوبة برياح نشطة على مرتفعات عسير.\n"
    "ودعا الدفاع المدني السكان إلى الابتعاد عن مجاري الأودية وعدم المجازفة بعبور السيول.\n"
    "وقال المتحدث باسم المركز إن الحالة الجوية تستمر حتى مساء الخميس مع انخفاض مدى الرؤية.",
)
SAMPLE_BOOKS = Article.from_text(
    "افتتاح معرض الكتاب الدولي بمشاركة ناشرين من ثلاثين دولة",
    "افتتح وزير الثقافة معرض الكتاب الدولي في دورته الجديدة بمشاركة أكثر من خمسمئة دار نشر.\n"
    "ويضم المعرض ندوات أدبية وأمسيات شعرية وورش عمل للأطفال طوال عشرة أيام.\n"
    "وقالت إدارة المعرض إن الروايات وكتب التاريخ تصدرت مبيعات اليوم الأول.",
)


@pytest.fixture(scope="module")
def dev():
    shared_path("corpora", "semeval2022-ar", "dev.jsonl.gz")
    pairs = semeval_pairs()
    arts = [(Article.from_text(p["title1"], p["text1"]), Article.from_text(p["title2"], p["text2"])) for p in pairs]
    gold = [-p["scores"]["Overall"] for p in pairs]
    positive = [p["scores"]["Overall"] <= 2 for p in pairs]
    return arts, gold, positive


def test_semeval_dev_correlation_and_auc(dev):
    arts, gold, positive = dev
    scores = [story_similarity(a, b) for a, b in arts]
    assert all(0.0 <= s <= 1.0 for s in scores)
    r, auc = _pearson(scores, gold), _auc(scores, positive)
    assert r >= 0.79, r  # measured 0.796 (cosine alone: 0.771)
    assert auc >= 0.91, auc  # measured 0.916 (cosine alone: 0.893)


def test_headline_coverage_helps_held_out(dev):
    """TITLE_SHARE chosen on one half of the pairs, scored on the other (10 random splits):
    the mix beats the cosine alone held out, not just on all 120 pairs."""
    from marsad.link.similarity import _terms

    arts, gold, _ = dev
    content, cover = [], []
    for a, b in arts:
        (ta, ba), (tb, bb) = _terms(a), _terms(b)
        content.append(cosine(vector(ta, ba), vector(tb, bb)))
        cover.append(max(title_coverage(ta, tb + bb), title_coverage(tb, ta + ba)))
    shares = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6]
    table = {w: [(1 - w) * c + w * t for c, t in zip(content, cover, strict=True)] for w in shares}
    mixed, alone = [], []
    for seed in range(10):
        idx = list(range(len(arts)))
        random.Random(seed).shuffle(idx)
        halves = (idx[: len(idx) // 2], idx[len(idx) // 2 :])
        for train, test in (halves, halves[::-1]):
            best = max(shares, key=lambda w: _pearson([table[w][i] for i in train], [gold[i] for i in train]))
            mixed.append(_pearson([table[best][i] for i in test], [gold[i] for i in test]))
            alone.append(_pearson([content[i] for i in test], [gold[i] for i in test]))
    held, base = sum(mixed) / len(mixed), sum(alone) / len(alone)
    assert held >= 0.775, held  # measured 0.790 on these 10 splits (20 splits: 0.785 ± 0.032)
    assert held > base + 0.005, (held, base)  # cosine alone 0.770
    assert similarity.TITLE_SHARE in shares


def test_identical_articles_score_high():
    for a in (SAMPLE_WEATHER, SAMPLE_BOOKS):
        copy = Article.from_text(a.title, a.text)
        assert story_similarity(a, copy) >= 0.95


def test_unrelated_samples_score_low():
    s = story_similarity(SAMPLE_WEATHER, SAMPLE_BOOKS)
    assert 0.0 <= s <= 0.2, s
    assert s == pytest.approx(story_similarity(SAMPLE_BOOKS, SAMPLE_WEATHER))


def test_no_titles_falls_back_to_the_cosine():
    a = Article.from_text("", SAMPLE_WEATHER.text)
    b = Article.from_text("", SAMPLE_WEATHER.text + "\nوسجلت الرياض أعلى درجة حرارة.")
    assert story_similarity(a, b) == pytest.approx(cosine(similarity.article_vector(a), similarity.article_vector(b)))
