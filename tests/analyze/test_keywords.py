"""Keywords against AKEC's crowd-sourced keyphrases (160 real Arabic documents)."""

from __future__ import annotations

from collections import Counter

from marsad.analyze import keywords
from marsad.arabic import analyze
from marsad.model import Article
from tests.conftest import shared_path


def _akec():
    root = shared_path("corpora", "akec")
    gold = {}
    for line in (root / "keyphrases" / "sort_frequency" / "pure.txt").read_text(encoding="utf-8").splitlines():
        name, _, phrases = line.partition(" : ")
        gold[name.strip()] = [p.strip() for p in phrases.split(",") if p.strip()]
    for path in sorted((root / "documents" / "pure").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        yield path.stem, text, gold.get(path.stem, [])


def _hits(found: list[str], phrases: list[str]) -> int:
    gold_terms = {t for p in phrases[:15] for t in analyze(p)}
    return sum(1 for k in found if set(analyze(k)) & gold_terms)


def test_keywords_match_crowd_keyphrases_better_than_frequency():
    ours = base = docs = 0
    for _, text, phrases in _akec():
        if not phrases:
            continue
        lines = [ln for ln in text.splitlines() if ln.strip()]
        article = Article.from_text(lines[0][:100], "\n".join(lines))
        found = keywords(article, n=10)
        assert len(found) == len(set(found))
        frequent = [t for t, _ in Counter(analyze(text)).most_common(10)]
        ours += _hits(found, phrases)
        base += _hits(frequent, phrases)
        docs += 1
    assert docs >= 150
    precision, baseline = ours / (10 * docs), base / (10 * docs)
    assert precision >= 0.5 and precision > baseline, (precision, baseline)


def test_keywords_are_shown_in_surface_form():
    # Sample text written for this test.
    article = Article.from_text("الولايات المتحدة تدرس الانسحاب من العراق",
                                "قالت الولايات المتحدة إن انسحاب القوات من العراق قيد الدرس.\nوأكد مسؤول أن الانسحاب يحتاج وقتاً.")
    found = keywords(article, n=5)
    assert "الولايات" in found and "العراق" in found
    assert "قالت" not in found and "وأكد" not in found
