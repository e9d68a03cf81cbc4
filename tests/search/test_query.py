"""The query language: analysis shared with documents, operators, filters, clear errors."""

from __future__ import annotations

import pytest

from marsad.arabic import analyze
from marsad.errors import QueryError
from marsad.search import parse_query


def q(term: str) -> str:
    (t,) = analyze(term)
    return f'"{t}"'


def test_words_are_analyzed_like_documents():
    parsed = parse_query("الانسحاب")
    assert parsed.match == q("بانسحاب") == q("انسحاب")


def test_implicit_and_explicit_operators():
    assert parse_query("غزة مصر").match == f"{q('غزة')} AND {q('مصر')}"
    assert parse_query("غزة OR مصر").match == f"{q('غزة')} OR {q('مصر')}"
    assert parse_query("غزة NOT مصر").match == f"{q('غزة')} NOT {q('مصر')}"
    assert parse_query("غزة -مصر").match == f"{q('غزة')} NOT {q('مصر')}"
    assert parse_query("(غزة OR رفح) مصر").match == f"( {q('غزة')} OR {q('رفح')} ) AND {q('مصر')}"


def test_phrase_and_filters():
    parsed = parse_query('"الولايات المتحدة" source:aawsat after:2024-01-01 before:2024-03-31 lang:ar story:7')
    terms = analyze("الولايات المتحدة")
    assert parsed.match == '"' + " ".join(terms) + '"'
    assert parsed.phrases == ["الولايات المتحده"]
    assert parsed.filters == [("source", "aawsat"), ("after", "2024-01-01"), ("before", "2024-03-31"),
                              ("lang", "ar"), ("story", 7)]


def test_filters_alone_are_a_valid_query():
    parsed = parse_query("source:bbc")
    assert parsed.match is None and parsed.filters == [("source", "bbc")]


@pytest.mark.parametrize(
    "text, message",
    [
        ("-مصر", "cannot start"),
        ("NOT مصر", "cannot start"),
        ("(غزة", "parenthes"),
        ("غزة)", "parenthes"),
        ("after:yesterday", "expects a date"),
        ("story:abc", "story number"),
        ("lang:xx", "lang"),
        ("غزة OR NOT مصر", "OR NOT"),
        ("x" * 1200, "too long"),
    ],
)
def test_invalid_queries_get_clear_messages(text, message):
    with pytest.raises(QueryError, match=message):
        parse_query(text)


def test_stopwords_alone_are_a_clear_error_not_everything():
    for text in ("في من", "إلى", '"', "*", "؟"):
        with pytest.raises(QueryError, match="no searchable words"):
            parse_query(text)


@pytest.mark.parametrize("text", ["-source:aawsat", "NOT lang:ar", "غزة OR", "(غزة OR) لبنان",
                                  "story:99999999999999999999999", "(" * 11 + "غزة" + ")" * 11])
def test_more_invalid_queries(text):
    with pytest.raises(QueryError):
        parse_query(text)
