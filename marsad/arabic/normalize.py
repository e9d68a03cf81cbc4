"""Two levels of Arabic normalization.

* display level (``matching=False``): safe to show to a reader; removes invisible controls,
  undoes presentation forms and lam-alef ligatures, maps Persian/Urdu letter shapes inside
  Arabic text to Arabic letters and collapses whitespace. Punctuation is kept.
* matching level (``matching=True``): for comparing text; also drops harakat, Quranic marks
  and tatweel, unifies the letters writers use interchangeably (alef forms, ى/ي, ة/ه, ؤ/و,
  ئ/ي), maps every digit set to ASCII and lower-cases Latin.

Both levels are idempotent. Everything is a ``str.translate`` table or a precompiled regex,
built once at import time, because normalization runs on every text the system touches.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["ARABIC_DIGITS", "HARAKAT", "MATCH_TABLE", "normalize"]

#: Arabic-Indic (U+0660..) and Eastern Arabic-Indic / Persian (U+06F0..) digits.
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"

#: Harakat and other combining marks of the Arabic block (fathatan .. wavy hamza below) and
#: the superscript (dagger) alef.
HARAKAT = "".join(chr(c) for c in range(0x064B, 0x0660)) + "\u0670"
QURANIC = "".join(chr(c) for c in range(0x0610, 0x061B)) + "".join(
    chr(c) for c in range(0x06D6, 0x06EE) if chr(c) not in "\u06DE\u06E9"
) + "\u08D3\u08E3\u08E4\u08E5\u08E6\u08E7\u08E8\u08E9\u08EA\u08EB\u08EC\u08ED\u08EE\u08EF\u08F0\u08F1\u08F2"
TATWEEL = "\u0640"

# Invisible formatting characters removed at both levels. ZWNJ (U+200C) is handled separately.
_INVISIBLE = (
    "\u200b\u200d\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e"
    "\u2066\u2067\u2068\u2069\ufeff\u00ad\u2060\u180e"
)
# Whitespace that is not a line break; collapsed to one ASCII space.
_SPACES = "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\x0b\x0c"

# Persian/Urdu letter shapes that stand for Arabic letters when they occur in Arabic text.
_PERSIAN_TO_ARABIC = {
    "\u06cc": "\u064a",  # ی farsi yeh -> ي
    "\u06d0": "\u064a",  # ې
    "\u06d2": "\u064a",  # ے yeh barree
    "\u06a9": "\u0643",  # ک keheh -> ك
    "\u06aa": "\u0643",  # ڪ swash kaf
    "\u06d5": "\u0647",  # ە ae -> ه
    "\u06c1": "\u0647",  # ہ heh goal
    "\u06be": "\u0647",  # ھ heh doachashmee
    "\u06c0": "\u0647",  # ۀ heh with yeh above
    "\u06c3": "\u0629",  # ۃ teh marbuta goal -> ة
}
# Letters that exist only in Persian/Urdu; their presence (with farsi yeh) marks a Persian text.
_PERSIAN_ONLY = re.compile("[\u067e\u0686\u0698\u06af]")


def _presentation_table() -> dict[int, str]:
    """Arabic presentation forms A/B (incl. lam-alef ligatures) to their letters (NFKC)."""
    table: dict[int, str] = {}
    for cp in list(range(0xFB50, 0xFE00)) + list(range(0xFE70, 0xFEFF)):
        ch = chr(cp)
        if unicodedata.category(ch) == "Cn":
            continue
        mapped = unicodedata.normalize("NFKC", ch)
        if mapped != ch:
            # isolated harakat forms come out as " ً": keep only the mark
            table[cp] = mapped.strip(" ") or mapped
    return table


_PRES = _presentation_table()
_P2A: dict[int, str | None] = {ord(k): v for k, v in _PERSIAN_TO_ARABIC.items()}
_P2A[0x200C] = None  # ZWNJ only matters in Persian

# display: presentation forms, invisible controls, exotic spaces (Persian letters untouched)
_DISPLAY: dict[int, str | None] = dict(_PRES)
_DISPLAY.update({ord(c): None for c in _INVISIBLE})
_DISPLAY.update({ord(c): " " for c in _SPACES})
_DISPLAY.update({0x2028: "\n", 0x2029: "\n", 0x85: "\n", 0x0D: "\n"})
_HAS_PERSIAN_SHAPE = re.compile("[" + "".join(_PERSIAN_TO_ARABIC) + "\u200c]")

# matching folds on top of that
_FOLD: dict[int, str | None] = {ord(c): None for c in HARAKAT + QURANIC + TATWEEL}
_FOLD.update(
    {
        ord("أ"): "ا", ord("إ"): "ا", ord("آ"): "ا", ord("ٱ"): "ا", ord("ٲ"): "ا", ord("ٳ"): "ا",
        ord("ى"): "ي", ord("ة"): "ه", ord("ؤ"): "و", ord("ئ"): "ي",
        0x066B: ".",  # Arabic decimal separator
        0x066C: ",",  # Arabic thousands separator
    }
)
_FOLD.update({ord(d): str(i) for i, d in enumerate(ARABIC_DIGITS)})
_FOLD.update({ord(d): str(i) for i, d in enumerate(PERSIAN_DIGITS)})


def _compose(*tables: dict[int, str | None]) -> dict[int, str | None]:
    """One table equal to applying the tables in order (so one translate() pass suffices)."""
    keys = set().union(*tables)
    out: dict[int, str | None] = {}
    for k in keys:
        v = chr(k)
        for t in tables:
            v = v.translate(t)
        if v != chr(k):
            out[k] = v or None
    return out


_MATCH_AR = _compose(_DISPLAY, _P2A, _FOLD)

_OTHER_WS = re.compile(r"[^\S\n ]+")
_HSPACE_RUN = re.compile(r" {2,}")
_NL_RUN = re.compile(r" *\n[ \n]*")
_NEEDS_WS = re.compile(r"[^\S\n ]|  | \n|\n[ \n]|^[ \n]|[ \n]$")


def _is_persian(text: str) -> bool:
    """A text written in Persian (not Arabic with a stray Persian yeh)."""
    if not _PERSIAN_ONLY.search(text):
        return False
    return text.count("\u06cc") > text.count("\u064a")


def _collapse(text: str) -> str:
    if not _NEEDS_WS.search(text):
        return text
    # any remaining exotic whitespace (e.g. U+001C..U+001F) becomes a space
    text = _OTHER_WS.sub(" ", text)
    text = _NL_RUN.sub("\n", text)
    text = _HSPACE_RUN.sub(" ", text)
    return text.strip(" \n")


def _once(text: str, matching: bool) -> str:
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if matching:
        text = text.translate(_MATCH_AR).lower()
    else:
        text = text.translate(_DISPLAY)
        if _HAS_PERSIAN_SHAPE.search(text) and not _is_persian(text):
            text = text.translate(_P2A)
    return _collapse(text)


def normalize(text: str, *, matching: bool = False) -> str:
    """Normalize Arabic text for display (default) or for matching (``matching=True``).

    Display keeps letters, harakat and punctuation as written but removes what a reader
    cannot see or what only breaks search (bidi marks, presentation forms, Persian letter
    shapes, repeated whitespace; runs of blank lines become one newline). Matching also folds
    the spelling variants that Arabic writers use interchangeably.
    """
    if not text:
        return ""
    out = _once(text, matching)
    if unicodedata.is_normalized("NFC", out):
        return out
    # Removing a mark can leave a sequence that NFC composes (or lower() a non-NFC letter):
    # repeat until stable so the function stays idempotent. Rare.
    for _ in range(4):
        again = _once(out, matching)
        if again == out:
            break
        out = again
    return out


#: The matching-level translation table (display mapping for Arabic text + folding), for
#: modules that need to fold text char by char while keeping offsets (dates.py).
MATCH_TABLE: dict[int, str | None] = dict(_MATCH_AR)
