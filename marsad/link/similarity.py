"""Topical similarity of two articles: what story clustering and the evaluation share.

The method (docs/linking.md has the measurements that chose it):

* terms are `marsad.arabic.analyze` output (normalized, stopword-free, light-stemmed);
* each term is cut to its first PREFIX letters, a crude "root" that joins derived forms the
  light stemmer keeps apart (سوري/سوريا, انتخاب/انتخابات, مفاوض/مفاوضات);
* the title counts TITLE_WEIGHT times, the body once;
* the score is the cosine of the two count vectors, in [0, 1].

Raw counts (no IDF, no saturation) measured best: the words an article repeats are its
topic, and IDF from a small store mostly amplifies noise. Two parameters, both round numbers.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping

PREFIX = 4
TITLE_WEIGHT = 2

Vector = dict[str, float]


def vector(title_terms: Iterable[str], body_terms: Iterable[str]) -> Vector:
    """The count vector of an article from its analyzed title and body terms."""
    counts: Counter[str] = Counter(t[:PREFIX] for t in body_terms)
    for t in title_terms:
        counts[t[:PREFIX]] += TITLE_WEIGHT
    return dict(counts)


def norm(v: Mapping[str, float]) -> float:
    return math.sqrt(sum(x * x for x in v.values()))


def cosine(a: Mapping[str, float], b: Mapping[str, float], na: float | None = None, nb: float | None = None) -> float:
    if not a or not b:
        return 0.0
    dot = sum([a[k] * b[k] for k in a.keys() & b.keys()])  # the shared terms only
    if dot <= 0:
        return 0.0
    na = na if na is not None else norm(a)
    nb = nb if nb is not None else norm(b)
    return max(0.0, min(1.0, dot / (na * nb))) if na and nb else 0.0


def unit(v: Mapping[str, float]) -> Vector:
    n = norm(v)
    return {k: x / n for k, x in v.items()} if n else {}


def article_vector(article) -> Vector:
    from marsad.arabic import analyze

    body = "\n".join([article.lead or "", *article.body])  # as marsad.pipeline.index_terms
    return vector(analyze(article.title or ""), analyze(body))


def story_similarity(a, b) -> float:
    """How much two articles are about the same thing, in [0, 1] (1 = same text)."""
    return cosine(article_vector(a), article_vector(b))
