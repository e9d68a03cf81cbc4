"""Dates in Arabic news text: find them inside running text and resolve them to datetimes.

The text is folded char by char (matching normalization: digits to ASCII, alef/ya/ta marbuta
forms unified, harakat, tatweel and bidi marks removed, Latin lower-cased) while an offset map
back to the original is kept, so ``evidence`` is always a slice of the text as given.

Parsing is two-staged. First *pieces* are found with small regexes (``datepieces.py``): dates
(numeric, named months of every region and calendar, year-only), relative expressions, clock
times, zones and labels. Then pieces are *assembled* here: a time next to a date (before or
after it) joins it, a zone joins the time, a Hijri date next to its Gregorian equivalent
("الموافق …م") becomes one date that uses the Gregorian, a weekday or label just before a date
is added to its evidence. Numeric dates are day-first (the Arab convention); month-first is used
only when day-first is impossible (03/17/2020) or a weekday next to the date says so.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from marsad.arabic.datepieces import (
    _DAYPART_PM,
    _GAP_HG,
    _GAP_OK,
    _P_BARE_YEAR,
    _P_LEFT,
    _P_TIME,
    _P_ZONE,
    _UPD,
    _WDAY,
    _date_pieces,
    _fold,
    _Piece,
    _zone_of,
)
from marsad.arabic.hijri import hijri_to_gregorian

__all__ = ["PRECISIONS", "ParsedDate", "find_dates", "parse_date"]

PRECISIONS = ("year", "month", "day", "minute", "second")


@dataclass(frozen=True)
class ParsedDate:
    """A date found in text: the instant, how precise the text was, and the matched span."""

    when: datetime
    precision: str  # year | month | day | minute | second
    evidence: str


# ---------------------------------------------------------------------------------------------
# assembly


def _clock(m: re.Match[str]) -> tuple[int, int, int | None] | None:
    if m["H2"] is not None:
        h, mi, sec, ap = int(m["H2"]), 0, None, m["ap2"]
    else:
        h, mi, sec, ap = int(m["H"]), int(m["M"]), int(m["S"]) if m["S"] else None, m["ap"]
        if m["sep"] == "." and not ap and "الساعه" not in m.string[max(0, m.start() - 9): m.start()]:
            return None  # "20.00" is a decimal unless a day part or الساعة says it is a time
    if ap:
        pm = ap in ("م", "مساء", "مساءا", "عصرا", "ليلا", "pm") or ap.startswith("p.")
        noon = ap == "ظهرا"
        if not 1 <= h <= 12:
            return None
        if (pm and h < 12) or (noon and h < 11):
            h += 12
        elif not pm and not noon and h == 12:
            h = 0  # 12:30 ص is half past midnight
    if h > 23 or mi > 59 or (sec is not None and sec > 59):
        return None
    return h, mi, sec


def _attach(s: str, dates: list[_Piece]) -> None:
    """Join times, zones, Hijri/Gregorian pairs, weekdays and labels to their dates."""
    covered = [(p.start, p.end) for p in dates]

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in covered)

    times = [m for m in _P_TIME.finditer(s) if free(m.start(), m.end())]
    zones = [m for m in _P_ZONE.finditer(s) if free(m.start(), m.end())]
    used_t: set[int] = set()
    for i, p in enumerate(dates):
        if p.clock is None and p.kind != "rel" and p.precision == "day":
            nxt = dates[i + 1].start if i + 1 < len(dates) else len(s)
            prv = dates[i - 1].end if i > 0 else 0
            best = None
            for j, t in enumerate(times):
                if j in used_t:
                    continue
                if p.end <= t.start() < nxt and t.start() - p.end <= 30 and _gap_ok(s, p.end, t.start()):
                    best = j
                    break
                if prv <= t.start() and t.end() <= p.start and p.start - t.end() <= 40 and _gap_ok(s, t.end(), p.start):
                    best = j
                    break
            if best is not None:
                t = times[best]
                clk = _clock(t)
                if clk is not None and t["ap"] is None and t["ap2"] is None and clk[0] < 12:
                    gap = s[p.end:t.start()] if t.start() >= p.end else s[t.end():p.start]
                    if any(w in gap for w in _DAYPART_PM):  # "10:30 من مساء أمس"
                        clk = (clk[0] + 12, clk[1], clk[2])
                if clk is not None:
                    used_t.add(best)
                    p.clock = clk
                    p.precision = "second" if clk[2] is not None else "minute"
                    p.extras.append((t.start(), t.end()))
        if p.zone is None and p.kind == "date":
            _attach_zone(s, p, zones)


def _gap_ok(s: str, a: int, b: int) -> bool:
    gap = s[a:b]
    if not gap.strip():
        return True
    for z in _P_ZONE.finditer(gap):  # "KSA 09:47", "GMT 17:27": a zone may sit in the gap
        gap = gap.replace(z.group(0), " ")
    return bool(_GAP_OK.match(gap))


def _attach_zone(s: str, p: _Piece, zones: list[re.Match[str]]) -> None:
    """A zone right after (or, like "GMT 17:27", right before) the time joins the date."""
    # time span (zone should hug the time when there is one), else the date span
    anchors = p.extras[-1:] if p.extras else [(p.start, p.end)]
    for a, b in anchors:
        for z in zones:
            after = 0 <= z.start() - b <= 4 and not s[b:z.start()].strip(" \t\n(،,")
            before = 0 <= a - z.end() <= 3 and not s[z.end():a].strip(" \t\n(،,")
            if after or before:
                tz = _zone_of(z)
                if tz is not None:
                    p.zone = tz
                    p.extras.append((z.start(), z.end()))
                    return


def _merge_hijri(s: str, dates: list[_Piece]) -> list[_Piece]:
    """One date for "11 شوال 1441هـ - 03 يونيو 2020م" / "… الموافق …": the Gregorian wins."""
    out: list[_Piece] = []
    i = 0
    while i < len(dates):
        p = dates[i]
        q = dates[i + 1] if i + 1 < len(dates) else None
        if (
            q is not None and p.kind == q.kind == "date" and p.hijri != q.hijri
            and p.precision in ("day", "minute", "second") and q.y is not None
            and q.start - p.end <= 20 and _GAP_HG.match(s[p.end:q.start])
        ):
            greg, hij = (q, p) if p.hijri else (p, q)
            greg.extras += [*hij.extras, (hij.start, hij.end)]
            greg.start, greg.end = min(p.start, q.start), max(p.end, q.end)
            if greg.clock is None and hij.clock is not None:
                greg.clock, greg.precision = hij.clock, hij.precision
            greg.zone = greg.zone or hij.zone
            out.append(greg)
            i += 2
            continue
        out.append(p)
        i += 1
    return out


def _check_weekday(p: _Piece) -> None:
    """A weekday next to 03/12/2024 settles day-first vs month-first when only one fits."""
    if not p.swappable or p.hijri or p.y is None or p.m is None or p.d is None:
        return
    try:
        first, other = date(p.y, p.m, p.d), date(p.y, p.d, p.m)
    except ValueError:
        return
    if first.weekday() != p.weekday and other.weekday() == p.weekday:
        p.m, p.d = p.d, p.m


def _left(s: str, p: _Piece) -> None:
    """Extend a date leftwards over a weekday and a label ("نشر في: الخميس، …")."""
    lo = max(0, p.start - 40)
    m = _P_LEFT.search(s, lo, p.start)
    if m and m.group(0).strip():
        if m["wd"]:
            p.weekday = p.weekday if p.weekday is not None else _WDAY[m["wd"]]
            _check_weekday(p)
        if m["label"]:
            lab = " ".join(m["label"].split())
            p.label = "update" if lab in _UPD else "publish"
        p.start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))


# ---------------------------------------------------------------------------------------------
# resolution


def _as_tz(tz: tzinfo | str | None) -> tzinfo | None:
    if tz is None or isinstance(tz, tzinfo):
        return tz
    if tz.upper() in ("UTC", "GMT", "Z"):
        return UTC
    return ZoneInfo(tz)


def _ref(ref: datetime | None, tz: tzinfo | None) -> datetime:
    if ref is None:
        ref = datetime.now(tz or UTC)
        return ref if tz else ref.replace(tzinfo=None)
    if tz is not None:
        return ref.astimezone(tz) if ref.tzinfo else ref.replace(tzinfo=tz)
    return ref


def _resolve(p: _Piece, ref: datetime, tz: tzinfo | None) -> datetime | None:
    """The datetime of a piece, or None when it does not exist ("منذ 4700 عام", 30 فبراير)."""
    try:
        return _resolve_unchecked(p, ref, tz)
    except (ValueError, OverflowError):
        return None


def _resolve_unchecked(p: _Piece, ref: datetime, tz: tzinfo | None) -> datetime | None:
    zone = p.zone or tz
    if p.rel is not None or (p.kind == "weak" and p.weekday is not None):
        base = ref if p.zone is None else ref.astimezone(p.zone) if ref.tzinfo else ref.replace(tzinfo=p.zone)
        if p.weekday is not None and (p.rel is None or p.rel[0] == "weekday"):
            back = (base.weekday() - p.weekday) % 7
            if p.rel is not None and p.rel[1] > 0 and back == 0:
                back = 7  # "الأربعاء الماضي" said on a Wednesday: a week ago
            elif p.rel is not None and p.rel[1] < 0:
                back = -((p.weekday - base.weekday()) % 7 or 7)  # "الأربعاء المقبل"
            return _combine(base.date() - timedelta(days=back), p.clock, base.tzinfo)
        assert p.rel is not None
        kind, amount, prec = p.rel
        if kind == "seconds":
            when = base - timedelta(seconds=amount)
            return when.replace(microsecond=0) if prec == "second" else when.replace(second=0, microsecond=0)
        if kind == "days":
            return _combine(base.date() - timedelta(days=amount), p.clock, base.tzinfo)
        if kind == "months":
            total = base.year * 12 + base.month - 1 - amount
            return datetime(total // 12, total % 12 + 1, 1, tzinfo=base.tzinfo)
        return datetime(base.year - amount, 1, 1, tzinfo=base.tzinfo)
    assert p.m is not None
    if p.hijri:
        assert p.y is not None
        g = hijri_to_gregorian(p.y, p.m, p.d or 1)
        if g is None:
            return None
        return _combine(g, p.clock, zone)
    year = p.y
    if year is None:  # "24 مارس" without a year: the latest such day not after ref (+2 days)
        year = ref.year
        try:
            if date(year, p.m, p.d or 1) > ref.date() + timedelta(days=2):
                year -= 1
        except ValueError:
            return None
    try:
        return _combine(date(year, p.m, p.d or 1), p.clock, zone)
    except ValueError:
        return None


def _combine(day: date, clock: tuple[int, int, int | None] | None, zone: tzinfo | None) -> datetime:
    h, mi, sec = clock if clock else (0, 0, 0)
    return datetime(day.year, day.month, day.day, h, mi, sec or 0, tzinfo=zone)


def _score(p: _Piece) -> float:
    base = {"year": 1.0, "month": 1.5, "day": 3.0, "minute": 3.5, "second": 3.6}[p.precision]
    if p.kind == "rel":
        base = 2.5
    elif p.kind == "weak":
        base = 0.5 + (1.0 if p.clock else 0.0)
    if p.label == "publish":
        base += 2
    elif p.label == "update":
        base -= 1
    return base


def _pieces(text: str) -> tuple[str, list[int] | None, str, list[_Piece]]:
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    s, index = _fold(text)
    dates = _date_pieces(s)
    for p in dates:
        if p.kind != "weak":
            _left(s, p)
    # a weekday/label absorbed by the date after it is no longer a piece of its own
    dates = [p for p in dates if not any(q is not p and q.start <= p.start and p.end <= q.end for q in dates)]
    _attach(s, dates)
    dates = _merge_hijri(s, dates)
    short = len(s.strip()) <= 30
    keep: list[_Piece] = []
    for p in dates:
        if p.kind == "weak" and not (short or p.clock or p.label == "publish"):
            continue  # "اليوم", "أمس", a bare weekday inside running text: not a page date
        p.score = _score(p)
        keep.append(p)
    if not keep:
        m = _P_BARE_YEAR.match(s)
        if m:
            keep.append(_Piece(m.start("y"), m.end("y"), "date", "year", int(m["y"]), 1, 1, score=0.5))
    return text, index, s, keep


def _evidence(text: str, index: list[int] | None, p: _Piece) -> str:
    a = min([p.start] + [x for x, _ in p.extras])
    b = max([p.end] + [y for _, y in p.extras])
    if index is not None:
        if a >= len(index):
            return ""
        a, b = index[a], index[b - 1] + 1
    while b < len(text) and (unicodedata.category(text[b]) == "Mn" or text[b] == "\u0640"):
        b += 1  # keep the tanween of "مساءً" in the evidence
    return text[a:b].strip()


def find_dates(text: str, ref: datetime | None = None, tz: tzinfo | str | None = None) -> list[ParsedDate]:
    """All dates in a text, in order of appearance.

    Relative forms (منذ 3 ساعات, أمس) are resolved against ``ref`` (default: now, in ``tz`` or
    naive UTC). Bare "اليوم"/"أمس"/"الآن"/weekday words count only when a time or a
    publication label goes with them, or when the whole text is a short date string: in running
    text they are too common to be page dates.
    """
    if not text:
        return []
    zone = _as_tz(tz)
    now = _ref(ref, zone)
    text, index, _s, pieces = _pieces(text)
    out: list[ParsedDate] = []
    for p in pieces:
        when = _resolve(p, now, zone)
        if when is not None:
            out.append(ParsedDate(when, p.precision, _evidence(text, index, p)))
    return out


def parse_date(text: str, ref: datetime | None = None, tz: tzinfo | str | None = None) -> ParsedDate | None:
    """The date a text (a date line, a label, a sentence) gives, or None.

    When several dates are present the most specific wins (a full date with time over a
    month or a year; a date under a publication label over one under "آخر تحديث"); ties go to
    the first. A Hijri date with its Gregorian equivalent resolves to the Gregorian.
    """
    if not text:
        return None
    zone = _as_tz(tz)
    now = _ref(ref, zone)
    text, index, _s, pieces = _pieces(text)
    for p in sorted(pieces, key=lambda q: -q.score):
        when = _resolve(p, now, zone)
        if when is not None:
            return ParsedDate(when, p.precision, _evidence(text, index, p))
    return None
