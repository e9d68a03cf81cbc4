"""Bytes -> text for HTML pages and plain-text files.

Arabic pages still arrive as windows-1256 or ISO-8859-6, and some declare the wrong charset.
A declared charset is therefore a hint, not a fact: every candidate decoding is scored by how
Arabic-like (or at least how clean) its text is, and the best one wins.
"""

from __future__ import annotations

import codecs
import re

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-:.]+)", re.IGNORECASE)
_ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")
_COMMON_AR = re.compile(r"(?:^|\s)(?:ال|في|من|على|إلى|أن|عن)")
_MOJIBAKE = re.compile(r"[\u00C0-\u00FF\u0080-\u009F\uFFFD]")
_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_ARABIC_CODECS = ("cp1256", "iso8859_6")


def _codec(name: str | bytes | None) -> str | None:
    """A Python codec name for a declared charset, or None when unknown."""
    if not name:
        return None
    if isinstance(name, bytes):
        name = name.decode("ascii", "ignore")
    name = name.strip().lower()
    aliases = {"windows-1256": "cp1256", "arabic": "iso8859_6", "iso-8859-6-i": "iso8859_6",
               "iso-8859-6-e": "iso8859_6", "x-mac-arabic": "mac_arabic", "utf8": "utf-8"}
    name = aliases.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _header_charset(headers: dict | None) -> str | None:
    if not headers:
        return None
    for key, value in headers.items():
        if str(key).lower() == "content-type" and value:
            m = _HEADER_CHARSET.search(str(value))
            if m:
                return _codec(m.group(1))
    return None


def _score(text: str) -> float:
    """How plausible a decoding is: Arabic letters and words up, mojibake and U+FFFD down."""
    sample = text[:200_000]
    arabic = len(_ARABIC_LETTER.findall(sample))
    words = len(_COMMON_AR.findall(sample))
    bad = len(_MOJIBAKE.findall(sample))
    return arabic + 8 * words - 3 * bad


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _best(data: bytes, declared: list[str | None]) -> str:
    """Strict UTF-8 wins when it works; otherwise the best-scoring candidate."""
    if data.startswith(tuple(b for b, _ in _BOMS)):
        for bom, codec in _BOMS:
            if data.startswith(bom):
                text = _try(data, codec)
                if text is not None:
                    return text
    utf8 = _try(data, "utf-8")
    if utf8 is not None:
        return utf8
    candidates: list[str] = []
    for c in declared + list(_ARABIC_CODECS):
        if c and c not in candidates and c != "utf-8":
            candidates.append(c)
    scored: list[tuple[float, int, str]] = []
    for i, codec in enumerate(candidates):
        text = _try(data, codec)
        if text is None:
            text = data.decode(codec, errors="replace") if codec else None
        if text is not None:
            scored.append((_score(text), -i, text))
    if scored:
        top = max(scored, key=lambda t: t[0])[2][:20000]
        letters = sum(1 for ch in top if ch.isalpha())
        if letters and len(_ARABIC_LETTER.findall(top)) >= 0.5 * letters:
            scored.sort(key=lambda t: (t[0], t[1]), reverse=True)
            return scored[0][2]  # clearly Arabic already: no need for the slow detector
    try:
        from charset_normalizer import from_bytes

        guess = from_bytes(data[:300_000]).best()
        if guess is not None and guess.encoding:
            text = data.decode(guess.encoding, errors="replace")
            scored.append((_score(text), -len(candidates) - 1, text))
    except Exception:  # pragma: no cover - detector is best effort  # noqa: BLE001
        pass
    if not scored:
        return data.decode("utf-8", errors="replace")
    scored.sort(key=lambda t: (t[0], t[1]), reverse=True)
    return scored[0][2]


def decode_html(data: bytes, headers: dict | None = None) -> str:
    """Decode an HTML page: BOM, strict UTF-8, then header/meta charset vs Arabic codecs by score."""
    if not data:
        return ""
    declared = [_header_charset(headers)]
    m = _META_CHARSET.search(data[:8192])
    if m:
        declared.append(_codec(m.group(1)))
    return _best(data, declared)


def decode_text(data: bytes) -> str:
    """Decode a plain-text file (no declared charset): BOM, UTF-8, else cp1256/ISO-8859-6 by score."""
    if not data:
        return ""
    return _best(data, [])
