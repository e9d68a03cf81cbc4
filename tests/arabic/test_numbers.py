"""parse_number(): quantities in any digit set and in words."""

from __future__ import annotations

import pytest

from marsad.arabic import Quantity, parse_number


@pytest.mark.parametrize(
    "text,expected",
    [
        ("ويوجد حاليا حوالي 2500 جندي أمريكي في العراق", [(2500, "جندي")]),
        ("و900 جندي في سوريا", [(900, "جندي")]),
        ("١٬٥٠٠ شخص", [(1500, "شخص")]),
        ("1,500 شخص", [(1500, "شخص")]),
        ("٢٫٥ مليون دولار", [(2_500_000, "دولار")]),
        ("2.5 مليار يورو", [(2_500_000_000, "يورو")]),
        ("3 ملايين نازح", [(3_000_000, "نازح")]),
        ("نصف مليون لاجئ", [(500_000, "لاجئ")]),
        ("ألفين", [(2000, None)]),
        ("ألف شخص", [(1000, "شخص")]),
        ("آلاف المتظاهرين", [(1000, "المتظاهرين")]),
        ("ثلاثة آلاف عنصر", [(3000, "عنصر")]),
        ("مليون", [(1_000_000, None)]),
        ("ربع الميزانية", [(0.25, "الميزانية")]),
        ("ارتفع بنسبة 50% من", [(50, "%")]),
        ("تراجع 3.5 في المئة", [(3.5, "%")]),
        ("1.500.000 يورو", [(1_500_000, "يورو")]),
        ("۱۲۰ کیلومتر", [(120, "كيلومتر")]),
        ("القرار 2254", [(2254, None)]),
        ("في 12 مارس 2024 الساعة 10:30 قتل 5 أشخاص", [(5, "أشخاص")]),
        ("لا أرقام هنا", []),
        ("", []),
    ],
)
def test_quantities(text: str, expected: list[tuple[float, str | None]]) -> None:
    got = parse_number(text)
    assert [(q.value, q.unit) for q in got] == expected
    for q in got:
        assert isinstance(q, Quantity) and q.evidence and q.evidence in text


def test_integer_values_are_int() -> None:
    (q,) = parse_number("2500 جندي")
    assert isinstance(q.value, int)
