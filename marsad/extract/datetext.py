"""Parse the date strings pages actually show: Arabic/Levantine/English month names, Arabic-Indic
digits, 12-hour clocks with ص/م, "GMT+0400". Used where `marsad.arabic.parse_date` does not
(yet) return a time of day or an explicit offset; it is tried as a fallback for other shapes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

MONTHS = {
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "ابريل": 4, "إبريل": 4, "مايو": 5, "يونيو": 6,
    "يونيه": 6, "يوليو": 7, "يوليه": 7, "أغسطس": 8, "اغسطس": 8, "سبتمبر": 9, "أكتوبر": 10,
    "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    "كانون الثاني": 1, "شباط": 2, "آذار": 3, "اذار": 3, "نيسان": 4, "أيار": 5, "ايار": 5,
    "حزيران": 6, "تموز": 7, "آب": 8, "اب": 8, "أيلول": 9, "ايلول": 9, "تشرين الأول": 10,
    "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الأول": 12, "كانون الاول": 12,
    "جانفي": 1, "فيفري": 2, "أفريل": 4, "افريل": 4, "ماي": 5, "جوان": 6, "جويلية": 7, "أوت": 8, "اوت": 8,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_MONTH_ALT = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_D = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
_Y = r"(?P<y>(?:19|20)\d{2})"
_PATTERNS = [
    re.compile(rf"\b{_Y}[-/.](?P<m>\d{{1,2}})[-/.](?P<d>\d{{1,2}})\b"),
    re.compile(rf"(?<!\d){_D}\s*[,،]?\s*(?P<mn>{_MONTH_ALT})(?:\s*/\s*(?:{_MONTH_ALT}))?\s*[,،]?\s*{_Y}", re.IGNORECASE),
    re.compile(rf"(?P<mn>{_MONTH_ALT})\s+{_D}\s*[,،]?\s*{_Y}", re.IGNORECASE),
    re.compile(rf"(?<![\d:])(?P<d>\d{{1,2}})\s*[-/.]\s*(?P<m>\d{{1,2}})\s*[-/.]\s*{_Y}"),
]
_TIME = re.compile(
    r"(?<![\d.])(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?\s*(?P<ap>ص(?:باح[اًا]*)?|م(?:ساء[ًا]*)?|am|pm|a\.m\.|p\.m\.)?(?![\d])",
    re.IGNORECASE,
)
_OFFSET = re.compile(r"\b(?:GMT|UTC)\s*(?P<sign>[+-])\s*(?P<oh>\d{1,2}):?(?P<om>\d{2})?|\b(?P<z>GMT|UTC)\b", re.IGNORECASE)


@dataclass
class TextDate:
    """A date read from text: wall-clock (naive unless the text states an offset)."""

    when: datetime
    precision: str  # day | minute | second
    evidence: str
    has_time: bool
    explicit_utc: bool  # the text says GMT/UTC (with or without an offset)


def parse_text_date(text: str) -> TextDate | None:
    """The first full date (day, month, year) in `text`, with a time of day if one is next to it.

    Local patterns first (they keep the time of day and a stated GMT offset); other shapes
    (e.g. Hijri dates) go to `marsad.arabic.parse_date`, accepted only when the matched text
    carries an explicit year, so relative words ("أمس") never turn into the crawl clock.
    """
    if not text:
        return None
    found = _parse_local(text)
    if found is None and len(text.split()) <= 14:
        found = _parse_with_arabic_layer(text)
    return found


def _parse_with_arabic_layer(text: str) -> TextDate | None:
    try:
        from marsad.arabic import parse_date
    except ImportError:  # pragma: no cover - arabic layer not installed
        return None
    try:
        pd = parse_date(text)
    except Exception:  # the arabic layer is young; a failure there must not break extraction  # noqa: BLE001
        return None
    if pd is None or pd.precision not in ("day", "minute", "second"):
        return None
    if not re.search(r"(?:19|20|14)\d{2}|هـ", (pd.evidence or "").translate(_DIGITS)):
        return None
    return TextDate(pd.when, pd.precision, text.strip()[:120], pd.precision != "day", pd.when.tzinfo is not None)


def _parse_local(text: str) -> TextDate | None:
    t = text.translate(_DIGITS)
    for pat in _PATTERNS:
        m = pat.search(t)
        if not m:
            continue
        try:
            month = int(m.group("m")) if "m" in m.groupdict() and m.group("m") else MONTHS[m.group("mn").lower()]
            day = datetime(int(m.group("y")), month, int(m.group("d")))
        except (ValueError, KeyError):
            continue
        window = t[max(0, m.start() - 30): m.end() + 40]
        tm = _TIME.search(window)
        precision, has_time = "day", False
        if tm:
            h, mi = int(tm.group("h")), int(tm.group("mi"))
            ap = (tm.group("ap") or "").lower()
            if ap.startswith(("م", "p")) and h < 12:
                h += 12
            elif ap.startswith(("ص", "a")) and h == 12:
                h = 0
            if h < 24 and mi < 60:
                sec = int(tm.group("s") or 0)
                day = day.replace(hour=h, minute=mi, second=sec if sec < 60 else 0)
                precision, has_time = ("second" if tm.group("s") else "minute"), True
        om = _OFFSET.search(window)
        explicit = False
        if om:
            explicit = True
            if om.group("sign"):
                delta = timedelta(hours=int(om.group("oh")), minutes=int(om.group("om") or 0))
                day = day.replace(tzinfo=timezone(delta if om.group("sign") == "+" else -delta))
            else:
                day = day.replace(tzinfo=UTC)
        return TextDate(day, precision, text.strip()[:120], has_time, explicit)
    return None


def parse_iso(value: str) -> tuple[datetime, str] | None:
    """ISO 8601 as found in meta tags ("2020-06-03T03:01+0400", "2020-12-01 02:00:00", "...Z")."""
    v = value.strip().translate(_DIGITS)
    m = re.match(
        r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?", v
    )
    if not m:
        return None
    y, mo, d, h, mi, s, tz = m.groups()
    try:
        dt = datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0))
    except ValueError:
        return None
    if tz:
        if tz == "Z":
            dt = dt.replace(tzinfo=UTC)
        else:
            sign = 1 if tz[0] == "+" else -1
            digits = tz[1:].replace(":", "")
            dt = dt.replace(tzinfo=timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4]))))
    precision = "day" if h is None else ("second" if s else "minute")
    return dt, precision
