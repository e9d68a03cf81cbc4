"""normalize(): both levels, idempotence, never raising (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.arabic import analyze, normalize

ARABIC_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFF),
        st.sampled_from(list(" \n\t\u00a0\u200c\u200d\u200e\u200f\u202b\u202c\u2067\u2069\ufeff.,،؛؟!0123456789aAzZ#")),
    ),
    max_size=80,
)


@pytest.mark.parametrize(
    "raw,display,matching",
    [
        ("\u200fأَحْمَدُ  ٱلْـكَبِير", "أَحْمَدُ ٱلْـكَبِير", "احمد الكبير"),
        ("ﻻ ﻷ ﻹ ﻵ", "لا لأ لإ لآ", "لا لا لا لا"),
        ("ﷲ", "الله", "الله"),
        ("الولایات المتحدة فی العراق", "الولايات المتحدة في العراق", "الولايات المتحده في العراق"),
        ("کتاب", "كتاب", "كتاب"),
        ("مدرسہ", "مدرسه", "مدرسه"),
        ("إسرائيل آمنة أمن", "إسرائيل آمنة أمن", "اسراييل امنه امن"),
        ("مستشفى مسؤول", "مستشفى مسؤول", "مستشفي مسوول"),
        ("١٬٥٠٠ و۲۵ و٢٫٥", "١٬٥٠٠ و۲۵ و٢٫٥", "1,500 و25 و2.5"),
        ("CNN  Arabic", "CNN Arabic", "cnn arabic"),
        ("سطر\n\n\n  سطر", "سطر\nسطر", "سطر\nسطر"),
        ("\u202bنص\u202c\u2066x\u2069", "نصx", "نصx"),
        ("قال: «نعم»، ثم؟!", "قال: «نعم»، ثم؟!", "قال: «نعم»، ثم؟!"),
        ("اللــــه", "اللــــه", "الله"),
        ("ﺑﺴﻢ", "بسم", "بسم"),
    ],
)
def test_levels(raw: str, display: str, matching: str) -> None:
    assert normalize(raw) == display
    assert normalize(raw, matching=True) == matching


def test_persian_text_keeps_its_letters_and_zwnj() -> None:
    text = "من می\u200cخواهم به پدرم کمک کنم"
    assert normalize(text) == text
    assert "\u200c" not in normalize(text, matching=True)


def test_zwnj_removed_in_arabic() -> None:
    assert normalize("الأمم\u200cالمتحدة") == "الأممالمتحدة"


def test_empty() -> None:
    assert normalize("") == ""
    assert normalize("", matching=True) == ""


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=60))
def test_idempotent_any_string(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    m = normalize(text, matching=True)
    assert normalize(m, matching=True) == m
    # matching level is a function of the display level
    assert normalize(once, matching=True) == m


@settings(max_examples=400, deadline=None)
@given(ARABIC_TEXT)
def test_idempotent_arabic(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    m = normalize(text, matching=True)
    assert normalize(m, matching=True) == m


@settings(max_examples=300, deadline=None)
@given(st.one_of(ARABIC_TEXT, st.text(max_size=60)))
def test_analyze_invariant_under_normalize(text: str) -> None:
    assert analyze(normalize(text)) == analyze(text)
    assert analyze(normalize(text, matching=True)) == analyze(text)
