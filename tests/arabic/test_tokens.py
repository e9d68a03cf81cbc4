"""tokenize(): kinds and offsets into the original text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.arabic import Token, tokenize


def kinds(text: str) -> list[tuple[str, str]]:
    return [(t.text, t.kind) for t in tokenize(text)]


def test_words_numbers_latin_hashtags() -> None:
    text = "قال الرئيس إن 1,500 جندي و١٬٥٠٠ مدني و2.5 مليون #غزة في CNN G20"
    assert kinds(text) == [
        ("قال", "word"), ("الرئيس", "word"), ("إن", "word"), ("1,500", "number"), ("جندي", "word"),
        ("و", "word"), ("١٬٥٠٠", "number"), ("مدني", "word"), ("و", "word"), ("2.5", "number"),
        ("مليون", "word"), ("#غزة", "hashtag"), ("في", "word"), ("CNN", "latin"), ("G20", "latin"),
    ]


def test_harakat_and_tatweel_do_not_split() -> None:
    assert kinds("الْعِرَاقِـيّ مُحَمَّـــد") == [("الْعِرَاقِـيّ", "word"), ("مُحَمَّـــد", "word")]


def test_offsets_point_into_original() -> None:
    text = "\u200fبغداد/المسلة: «قال» 12 مارس، 2024."
    for tok in tokenize(text):
        assert text[tok.start:tok.end] == tok.text
    assert [t.text for t in tokenize(text)] == ["بغداد", "المسلة", "قال", "12", "مارس", "2024"]


def test_number_does_not_take_trailing_punctuation() -> None:
    assert kinds("عام 2014، ثم 2017.") == [("عام", "word"), ("2014", "number"), ("ثم", "word"), ("2017", "number")]


def test_token_is_a_dataclass() -> None:
    tok = tokenize("سلام")[0]
    assert tok == Token("سلام", "word", 0, 4)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_offsets_always_valid(text: str) -> None:
    last = 0
    for tok in tokenize(text):
        assert 0 <= tok.start < tok.end <= len(text)
        assert tok.start >= last
        assert text[tok.start:tok.end] == tok.text
        last = tok.end
