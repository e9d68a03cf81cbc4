"""Tokenization of raw (un-normalized) text with offsets into the original string.

Harakat, tatweel, ZWNJ and bidi marks are part of the word they sit in, so a vocalized or
stretched word (``الْعِرَاقِـيّ``) is one token; offsets always point into the text as given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["TOKEN_RE", "Token", "tokenize"]

# Arabic letters (incl. Persian/Urdu shapes and presentation forms).
AR_LETTER = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff\u0750-\u077f\u08a0-\u08c9\ufb50-\ufdff\ufe70-\ufefc"
# Marks that may sit inside a word: harakat, Quranic marks, tatweel, ZWNJ/ZWJ, bidi controls.
AR_MARK = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u08d3-\u08ff\u200c\u200d\u200e\u200f"
DIGIT = "0-9\u0660-\u0669\u06f0-\u06f9"
LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"

_NUMBER = rf"[{DIGIT}]+(?:[.,\u066b\u066c\u060c][{DIGIT}]+)*"
_AR_WORD = rf"[{AR_LETTER}][{AR_LETTER}{AR_MARK}]*"
_LATIN_WORD = rf"[{LATIN}][{LATIN}{DIGIT}]*(?:['’][{LATIN}]+)?"

TOKEN_RE = re.compile(
    rf"(?P<hashtag>#[{AR_LETTER}{AR_MARK}{LATIN}{DIGIT}_]+)"
    rf"|(?P<number>{_NUMBER})"
    rf"|(?P<word>{_AR_WORD})"
    rf"|(?P<latin>{_LATIN_WORD})"
)


@dataclass(frozen=True, slots=True)
class Token:
    """One token: its text as written, its kind and its [start, end) offsets."""

    text: str
    kind: str  # word | number | latin | hashtag
    start: int
    end: int


def _trim_marks(text: str, start: int, end: int) -> int:
    """Drop trailing invisible controls so a token does not end in a bidi mark."""
    while end > start + 1 and text[end - 1] in "\u200c\u200d\u200e\u200f":
        end -= 1
    return end


def tokenize(text: str) -> list[Token]:
    """Split text into words, numbers, Latin words and hashtags (punctuation is dropped).

    Numbers keep their separators (``1,500``, ``١٬٥٠٠``, ``2.5``); the Arabic comma is a
    separator only between digits (``1،5``), never after a number at the end of a clause.
    """
    out: list[Token] = []
    for m in TOKEN_RE.finditer(text):
        kind = m.lastgroup or "word"
        start, end = m.span()
        if kind == "word":
            end = _trim_marks(text, start, end)
        out.append(Token(text[start:end], kind, start, end))
    return out
