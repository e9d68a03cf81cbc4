"""Highlighted snippets on the original text (not on the analyzed terms)."""

from __future__ import annotations

from marsad.arabic import analyze, tokenize
from marsad.model import Article

WINDOW = 220


def _term_spans(text: str, terms: set[str]) -> list[tuple[int, int]]:
    spans = []
    for token in tokenize(text):
        analyzed = analyze(token.text)
        if analyzed and analyzed[0] in terms:
            spans.append((token.start, token.end))
    return spans


def snippet_parts(article: Article, terms: set[str], window: int = WINDOW) -> list[tuple[str, bool]]:
    """Pieces (text, highlighted) of a window of the body around the first matched term."""
    text = " ".join([article.lead or "", *article.body]).strip() or article.title
    head = text[: window * 8]
    spans = _term_spans(head, terms) if terms else []
    start = 0
    if spans:
        start = max(0, spans[0][0] - window // 3)
        while start > 0 and not head[start - 1].isspace():
            start -= 1
    end = min(len(head), start + window)
    while end < len(head) and not head[end].isspace():
        end += 1
    parts: list[tuple[str, bool]] = []
    if start > 0:
        parts.append(("… ", False))
    cursor = start
    for s, e in spans:
        if s < start or e > end:
            continue
        if s > cursor:
            parts.append((head[cursor:s], False))
        parts.append((head[s:e], True))
        cursor = e
    if cursor < end:
        parts.append((head[cursor:end], False))
    if end < len(text):
        parts.append((" …", False))
    return parts
