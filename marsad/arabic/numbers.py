"""Quantities in Arabic text: "2500 جندي", "١٬٥٠٠", "3 ملايين دولار", "نصف مليون", "ألفين".

A plural scale word on its own ("آلاف المتظاهرين") gives its lower bound (1000).
News compares and aggregates counts (casualties, troops, money), written in any digit set,
with Arabic separators (٬ thousands, ٫ decimal) or in words. Numbers that belong to a date or
a clock time ("12 مارس 2024", "10:30") are not quantities and are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.arabic.datepieces import _FOLD
from marsad.arabic.dates import _pieces
from marsad.arabic.normalize import normalize
from marsad.arabic.stopwords import STOPWORDS

__all__ = ["Quantity", "parse_number"]


@dataclass(frozen=True)
class Quantity:
    """A number found in text, with the noun it counts (as written) and the matched span."""

    value: float | int
    unit: str | None
    evidence: str


def _f(word: str) -> str:
    """Fold a table entry like the text (one folding for dates and numbers)."""
    return " ".join(word.translate(_FOLD).split())

# scale words -> multiplier (folded spelling)
_SCALES = {
    _f(k): v
    for k, v in {
        "ألف": 1_000, "آلاف": 1_000, "الاف": 1_000, "ألوف": 1_000, "مليون": 1_000_000,
        "ملايين": 1_000_000, "مليار": 1_000_000_000, "مليارات": 1_000_000_000,
        "بليون": 1_000_000_000, "تريليون": 1_000_000_000_000, "ترليون": 1_000_000_000_000,
        "مئة": 100, "مائة": 100, "مئات": 100,
    }.items()
}
# words that are a number on their own (duals of the scales included)
_WORDS = {
    _f(k): v
    for k, v in {
        "ألفين": 2_000, "ألفان": 2_000, "مليونين": 2_000_000, "مليونان": 2_000_000,
        "مليارين": 2_000_000_000, "ملياران": 2_000_000_000, "مئتين": 200, "مائتين": 200,
        "مئتان": 200, "مائتان": 200, "ألف": 1_000, "آلاف": 1_000, "ملايين": 1_000_000,
        "مليارات": 1_000_000_000, "مئات": 100, "مليون": 1_000_000, "مليار": 1_000_000_000,
        "مئة": 100, "مائة": 100, "اثنان": 2, "اثنين": 2, "اثنتين": 2, "ثلاث": 3, "ثلاثة": 3,
        "أربع": 4, "أربعة": 4, "خمس": 5, "خمسة": 5, "ست": 6, "ستة": 6, "سبع": 7, "سبعة": 7,
        "ثماني": 8, "ثمانية": 8, "تسع": 9, "تسعة": 9, "عشر": 10, "عشرة": 10,
        "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "أربعون": 40, "أربعين": 40,
        "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
        "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
    }.items()
}
_FRACTIONS = {_f("نصف"): 0.5, _f("ربع"): 0.25, _f("ثلث"): 1 / 3}


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_SCALE_ALT = _alt(list(_SCALES))
_WORD_ALT = _alt(list(_WORDS))
_FRAC_ALT = _alt(list(_FRACTIONS))
_PERCENT = r"(?P<pct>\s*%|\s*(?:" + _alt([_f(w) for w in ("في المئة", "في المائة", "بالمئة", "بالمائة", "بالمية")]).replace(r"\ ", r"\s*") + "))"
_NOUN = r"(?:\s+(?P<noun>[\u0621-\u064a\u0671-\u06d3]{2,}))?"

_P_NUM = re.compile(
    r"(?<![\d.,a-z_])(?P<num>\d+(?:[.,]\d+)*)(?![\d])"
    rf"(?:\s*(?P<scale>{_SCALE_ALT})(?![\w]))?"
    rf"(?:{_PERCENT})?" + _NOUN
)
_P_WORDNUM = re.compile(
    rf"(?<![\w])(?:(?P<frac>{_FRAC_ALT})\s+)?(?P<word>{_WORD_ALT})(?![\w])"
    rf"(?:\s+(?P<scale>{_SCALE_ALT})(?![\w]))?" + _NOUN
)
_P_FRAC = re.compile(rf"(?<![\w])(?P<frac>{_FRAC_ALT})(?![\w])" + _NOUN)
_THOUSANDS = re.compile(r"^\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*$")


def _digits(num: str) -> float | int:
    """Value of a digit string with separators: 1,500 = 1500; 2.5; 1.500.000 = 1500000."""
    if _THOUSANDS.match(num) and not (num.count(".") == 1 and "," not in num):
        return int(re.sub(r"[.,]", "", num))
    if "," in num and "." in num:  # 1,234.5
        return float(num.replace(",", ""))
    if "," in num:  # 2,5 written with a decimal comma
        num = num.replace(",", ".")
    if num.count(".") > 1:
        return int(num.replace(".", ""))
    return float(num) if "." in num else int(num)


def _clean(value: float) -> float | int:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _noun(m: re.Match[str], original: str, index: list[int] | None) -> str | None:
    noun = m.group("noun")
    if not noun or noun in STOPWORDS or noun in _SCALES or noun in _WORDS:
        return None
    a, b = m.span("noun")
    if index is not None:
        a, b = index[a], index[b - 1] + 1
    return normalize(original[a:b])


def parse_number(text: str) -> list[Quantity]:
    """All quantities in a text, in order: their value, the counted noun and the evidence.

    "2500 جندي أمريكي" -> 2500 (جندي); "3 ملايين دولار" -> 3000000 (دولار); "50%" ->
    50 (unit "%"). Numbers inside dates and clock times are skipped.
    """
    if not text:
        return []
    original, index, s, date_pieces = _pieces(text)
    blocked = [
        (min([p.start] + [a for a, _ in p.extras]), max([p.end] + [b for _, b in p.extras]))
        for p in date_pieces
        if (p.kind == "date" and p.precision != "year") or p.clock is not None
    ]
    blocked += [(m.start(), m.end()) for m in re.finditer(r"(?<![\d])\d{1,2}:\d{2}(?::\d{2})?(?![\d])", s)]

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in blocked)

    found: list[tuple[int, int, Quantity]] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match[str], value: float, unit: str | None, with_noun: bool) -> None:
        a, b = m.span()
        if not free(a, b) or any(not (b <= x or a >= y) for x, y in taken):
            return
        end = m.end() if with_noun or not m.group("noun") else m.start("noun")
        if not with_noun and m.group("noun"):
            b = end
        ev_a, ev_b = (a, end) if index is None else (index[a], index[end - 1] + 1)
        taken.append((a, b))
        found.append((a, b, Quantity(_clean(value), unit, original[ev_a:ev_b].strip())))

    for m in _P_NUM.finditer(s):
        value: float = _digits(m["num"])
        if m["scale"]:
            value *= _SCALES[m["scale"]]
        noun = None if m["pct"] else _noun(m, original, index)
        add(m, value, "%" if m["pct"] else noun, noun is not None)
    for m in _P_WORDNUM.finditer(s):
        value = _WORDS[m["word"]]
        if m["scale"]:
            value *= _SCALES[m["scale"]]
        if m["frac"]:
            value *= _FRACTIONS[m["frac"]]
        noun = _noun(m, original, index)
        add(m, value, noun, noun is not None)
    for m in _P_FRAC.finditer(s):
        noun = _noun(m, original, index)
        add(m, _FRACTIONS[m["frac"]], noun, noun is not None)
    found.sort(key=lambda t: t[0])
    return [q for _, _, q in found]
