"""The public API of marsad.arabic is exactly what __all__ says."""

from __future__ import annotations

import marsad.arabic as ar

EXPECTED = {
    "normalize", "tokenize", "Token", "stem", "analyze", "STOPWORDS", "is_stopword",
    "parse_date", "find_dates", "ParsedDate", "parse_number", "Quantity",
}


def test_all() -> None:
    assert set(ar.__all__) == EXPECTED
    for name in ar.__all__:
        assert getattr(ar, name) is not None


def test_modules_stay_small() -> None:
    from pathlib import Path

    for path in Path(ar.__file__).parent.glob("*.py"):
        lines = path.read_text(encoding="utf-8").count("\n")
        assert lines <= 700, f"{path.name}: {lines} lines"
