"""Scoring against gold files: body token F1 and boilerplate leaks (used by tests and benchmarks).

Tokens: `marsad.arabic.normalize(text, matching=True)` then whitespace split; F1 over token
multisets (order-insensitive, so paragraph boundaries do not matter).
"""

from __future__ import annotations

from collections import Counter


def tokens(text: str) -> list[str]:
    try:
        from marsad.arabic import normalize

        text = normalize(text, matching=True)
    except Exception:  # pragma: no cover - arabic layer missing: plain whitespace tokens  # noqa: BLE001
        pass
    return text.split()


def token_f1(predicted: list[str] | str, gold: list[str] | str) -> float:
    p = Counter(tokens(predicted if isinstance(predicted, str) else "\n".join(predicted)))
    g = Counter(tokens(gold if isinstance(gold, str) else "\n".join(gold)))
    if not p and not g:
        return 1.0
    common = sum((p & g).values())
    if not common:
        return 0.0
    precision = common / sum(p.values())
    recall = common / sum(g.values())
    return 2 * precision * recall / (precision + recall)


def leaks(body: list[str] | str, must_not_contain: list[str]) -> list[str]:
    """The forbidden strings found in the body (whitespace-normalized comparison)."""
    text = " ".join((body if isinstance(body, str) else "\n".join(body)).split())
    return [m for m in must_not_contain if " ".join(m.split()) in text]
