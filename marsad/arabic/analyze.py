"""Index and query terms: the one function search, dedup and clustering agree on.

``analyze`` = matching-normalize -> find words/numbers -> drop stopwords -> light stem.

It runs over whole corpora, so the hot path does as little per character as possible: one
regex ``findall`` cuts the *raw* text into chunks (runs of word characters, marks, invisible
controls and number separators; everything else is a separator both before and after
normalization), and a dict maps each distinct chunk to its terms. Normalizing, tokenizing and
stemming happen once per distinct chunk, so the result equals the straightforward pipeline
(``_analyze_slow``, kept for tests) at several times its speed.
"""

from __future__ import annotations

import re
import unicodedata

from marsad.arabic.normalize import MATCH_TABLE, normalize
from marsad.arabic.stem import stem
from marsad.arabic.stopwords import STOPWORDS

__all__ = ["analyze", "clear_cache", "term"]

# After matching normalization: Arabic letters (no marks left), ASCII digits with separators,
# lower-case Latin words. Persian-only letters (پ چ ژ گ) stay letters.
_TERM_RE = re.compile(
    r"[0-9]+(?:[.,][0-9]+)*"
    r"|[\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06ff\u0750-\u077f\u08a0-\u08c9]+"
    r"|[a-z\u00df-\u00f6\u00f8-\u024f][a-z0-9\u00df-\u00f6\u00f8-\u024f]*"
)
_THOUSANDS = re.compile(r"^[0-9]{1,3}(?:,[0-9]{3})+$")

_terms: dict[str, str] = {}
_MAX = 500_000


def term(token: str) -> str:
    """The term of one matching-normalized token; ``""`` when it is dropped (a stopword).

    Numbers lose thousands separators and leading zeros (1,500 = ١٬٥٠٠ = 1500; 03 = 3) so
    that the same quantity is the same term however it was written.
    """
    first = token[0]
    if "0" <= first <= "9":
        if "," in token:
            token = token.replace(",", "") if _THOUSANDS.match(token) else token.replace(",", ".")
        if "." not in token:
            return token.lstrip("0") or "0"
        return token
    if token in STOPWORDS or (first in "وف" and token[1:] in STOPWORDS):
        return ""
    if "a" <= first <= "z" or (first > "\u06ff" and first < "\u0750"):
        return token
    if len(token) == 1:
        return ""
    st = stem(token)
    return "" if st in STOPWORDS else st  # الرغم -> رغم, a stopword like رغم itself


# Raw-text chunks: word characters (letters, digits, _ of any script), combining marks,
# invisible format controls (removed by normalization, so they must not split a word) and the
# separators that may sit inside a number.
_CHUNK_RE = re.compile(
    "[\\w.,\u066b\u066c\u0621-\u06ff\u0750-\u077f\u08a0-\u08c9\u00df-\u024f"
    "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u061c\u064b-\u065f\u0670\u06d6-\u06ed"
    "\u08d3-\u08ff\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
    "\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufb50-\ufdff\ufe70-\ufeff]+"
)
_chunks: dict[str, tuple[str, ...]] = {}


def _terms_of(norm: str) -> list[str]:
    cache = _terms
    get = cache.get
    out: list[str] = []
    for tok in _TERM_RE.findall(norm):
        t = get(tok)
        if t is None:
            t = term(tok)
            if len(cache) >= _MAX:
                cache.clear()
            cache[tok] = t
        if t:
            out.append(t)
    return out


def _analyze_slow(text: str) -> list[str]:
    """The reference pipeline: normalize the whole text, then tokenize and stem."""
    return _terms_of(normalize(text, matching=True)) if text else []


def analyze(text: str) -> list[str]:
    """Terms of a text, in order (duplicates kept): what search indexes and queries with."""
    if not text:
        return []
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    cache = _chunks
    get = cache.get
    is_nfc = unicodedata.is_normalized
    out: list[str] = []
    extend = out.extend
    for chunk in _CHUNK_RE.findall(text):
        terms = get(chunk)
        if terms is None:
            norm = chunk.translate(MATCH_TABLE).lower()
            if not (is_nfc("NFC", chunk) and is_nfc("NFC", norm)):
                norm = normalize(chunk, matching=True)  # rare: let normalize() settle it
            terms = tuple(_terms_of(norm))
            if len(cache) >= _MAX:
                cache.clear()
            cache[chunk] = terms
        extend(terms)
    return out


def clear_cache() -> None:
    """Forget cached chunks, terms and stems (for benchmarks)."""
    from marsad.arabic.stem import clear_cache as clear_stems

    _chunks.clear()
    _terms.clear()
    clear_stems()
