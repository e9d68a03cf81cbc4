"""Keywords of an article: the analyzed terms that best say what it is about.

Why not plain frequency: news bodies repeat reporting verbs (قال، أكد، أضاف) and the outlet's
name. A term counts more when it is in the title or lead and when it recurs; with document
frequencies from a corpus (the store) common words sink (TF-IDF). Each stem is shown in the
surface form the article uses most, so "الولايات" is shown, not its stem.
"""

from __future__ import annotations

import math
from collections import Counter

from marsad.arabic import analyze, normalize, tokenize
from marsad.model import Article

REPORTING = set(analyze("قال قالت أكد أكدت أضاف أضافت أشار أشارت أوضح أوضحت وفق بحسب حسب اليوم أمس العام الماضي خلال"))


def surface_forms(text: str) -> dict[str, str]:
    """Most frequent display form of each analyzed term in a text."""
    counts: dict[str, Counter[str]] = {}
    for token in tokenize(text):
        terms = analyze(token.text)
        if terms:
            counts.setdefault(terms[0], Counter())[normalize(token.text)] += 1
    return {term: forms.most_common(1)[0][0] for term, forms in counts.items()}


def term_weights(article: Article, df: dict[str, int] | None = None, docs: int = 0) -> dict[str, float]:
    """Weight of each term: log-scaled frequency, boosted in title and lead, times IDF when known."""
    body = Counter(analyze(article.text))
    head = set(analyze(article.title)) | set(analyze(article.lead or ""))
    weights: dict[str, float] = {}
    for term in set(body) | head:
        if term in REPORTING or term.isdigit() or len(term) < 2:
            continue
        weight = 1.0 + math.log1p(body.get(term, 0))
        if term in head:
            weight += 1.5
        if df and docs:
            weight *= math.log((docs + 1) / (df.get(term, 0) + 1)) + 1.0
        weights[term] = weight
    return weights


def keywords(article: Article, n: int = 10, df: dict[str, int] | None = None, docs: int = 0) -> list[str]:
    """The n best keywords in their display form, best first."""
    weights = term_weights(article, df, docs)
    forms = surface_forms(f"{article.title}\n{article.lead or ''}\n{article.text}")
    best = sorted(weights, key=lambda t: (-weights[t], t))[:n]
    return [forms.get(t, t) for t in best]
