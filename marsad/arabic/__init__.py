"""The Arabic language layer: normalization, tokens, stems, index terms, dates, numbers.

Pure functions, no I/O. Everything that compares Arabic text goes through ``normalize`` /
``analyze`` so that search, dedup and clustering agree on what "the same word" means.
"""

from marsad.arabic.analyze import analyze
from marsad.arabic.dates import ParsedDate, find_dates, parse_date
from marsad.arabic.normalize import normalize
from marsad.arabic.numbers import Quantity, parse_number
from marsad.arabic.stem import stem
from marsad.arabic.stopwords import STOPWORDS, is_stopword
from marsad.arabic.tokens import Token, tokenize

__all__ = [
    "STOPWORDS",
    "ParsedDate",
    "Quantity",
    "Token",
    "analyze",
    "find_dates",
    "is_stopword",
    "normalize",
    "parse_date",
    "parse_number",
    "stem",
    "tokenize",
]
