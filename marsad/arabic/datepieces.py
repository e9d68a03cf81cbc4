"""Pieces of dates found in folded text: the folding itself, the word tables folded once, the
regexes, and the functions that turn one regex match into a ``Piece`` (a date, a relative
expression or a weak word, not yet resolved to a datetime). ``dates.py`` assembles pieces
(times, zones, Hijri/Gregorian pairs, labels) and resolves them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from marsad.arabic.months import (
    AMBIGUOUS_MONTHS,
    GREGORIAN_MONTHS,
    HIJRI_MONTHS,
    NUMBER_WORDS,
    PUBLISH_LABELS,
    REL_DUALS,
    REL_UNITS,
    UPDATE_LABELS,
    WEAK_WEEKDAYS,
    WEEKDAYS,
    ZONE_ABBREVIATIONS,
    ZONE_PLACES,
)
from marsad.arabic.normalize import MATCH_TABLE

# ---------------------------------------------------------------------------------------------
# folding with an offset map

_FOLD: dict[int, str | None] = dict(MATCH_TABLE)
_FOLD.update({c: chr(c + 32) for c in range(ord("A"), ord("Z") + 1)})
_FOLD.update({ord(c): "-" for c in "–—−‐‑"})
_FOLD.update({0x060D: "/", 0xFF1A: ":", 0x2215: "/", 0x066A: "%"})
_FOLD_LEN_CHANGING = re.compile(
    "[" + "".join(re.escape(chr(k)) for k, v in _FOLD.items() if v is None or len(v) != 1) + "]"
)


def _fold(text: str) -> tuple[str, list[int] | None]:
    """Folded text and, when lengths differ, the original offset of every folded char."""
    folded = text.translate(_FOLD)
    if not _FOLD_LEN_CHANGING.search(text):
        return folded, None
    chars: list[str] = []
    index: list[int] = []
    get = _FOLD.get
    for i, ch in enumerate(text):
        m = get(ord(ch), ch)
        if not m:
            continue
        for c in m:
            chars.append(c)
            index.append(i)
    return "".join(chars), index


def _f(word: str) -> str:
    """Fold a table entry like the text (so tables can be written in ordinary spelling)."""
    return " ".join(word.translate(_FOLD).split())


def _alt(names: list[str]) -> str:
    uniq = sorted(set(names), key=len, reverse=True)
    return "|".join(re.escape(n).replace(r"\ ", r"\s*") for n in uniq)


# ---------------------------------------------------------------------------------------------
# tables folded once

_GREG = {_f(n): m for n, m in GREGORIAN_MONTHS}
_HIJ = {_f(n): m for n, m in HIJRI_MONTHS}
_AMBIG = {_f(n) for n in AMBIGUOUS_MONTHS} | {_f("صفر"), _f("رجب")}
_WDAY = {_f(n): d for n, d in WEEKDAYS}
_WEAK_WDAY = {_f(n) for n in WEAK_WEEKDAYS}
_PLACES = {_f(n): z for n, z in ZONE_PLACES}
_ABBR = {_f(n): h for n, h in ZONE_ABBREVIATIONS.items()}
_NUMW = {_f(n): v for n, v in NUMBER_WORDS.items()}
_UNITS = {_f(n): v for n, v in REL_UNITS.items()}
_DUALS = {_f(n): _f(v) for n, v in REL_DUALS.items()}
_PUB = [_f(x) for x in PUBLISH_LABELS]
_UPD = [_f(x) for x in UPDATE_LABELS]

_MON = _alt(list(_GREG) + list(_HIJ))
_B = r"(?<![\w])"  # word start
_E = r"(?![\w])"  # word end
_ERA = r"(?:\s*(?P<era>هجريه|هجري|ميلاديه|ميلادي|ه|م)(?![\w]))?"
_MON2 = rf"(?:\s*[/(\-]\s*(?P<mon2>{_MON}){_E}\s*\)?)?"
_ORD = r"(?:st|nd|rd|th)?"

_P_ISO = re.compile(
    r"(?<![\w.])(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:(?:t|\s+)(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?"
    r"\s*(?P<off>z(?![a-z])|[+-]\d{2}:?\d{2}(?!\d))?)?(?![\d])"
)
_P_YMD = re.compile(
    r"(?<![\w./])(?P<y>\d{4})\s*(?P<sep>[/.])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})(?![\d])" + _ERA
)
_P_DMY = re.compile(
    r"(?<![\w./:,-])(?P<d>\d{1,2})\s*(?P<sep>[/.\-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<y>\d{4}|\d{2})"
    r"(?![\d]|[/.\-]\d)" + _ERA
)
_P_DMONY = re.compile(
    rf"(?<![\d./])(?<!\d:)(?P<d>\d{{1,2}}){_ORD}\s*(?:[,،\-/.]\s*)?(?:من\s+)?(?:شهر\s+)?(?P<mon>{_MON}){_E}{_MON2}"
    rf"(?:\s*[,،\-/.]?\s*(?:(?:من\s+)?(?:عام|سنه|العام|لعام)\s+)?(?P<y>\d{{4}})(?!\d){_ERA})?"
)
_P_MONDY = re.compile(
    rf"{_B}(?P<mon>{_MON}){_E}{_MON2}\.?\s*(?P<d>\d{{1,2}}){_ORD}(?:\s*[,،]\s*|\s+)(?P<y>\d{{4}})(?!\d){_ERA}"
)
_P_MONY = re.compile(
    rf"{_B}(?:شهر\s+)?(?P<mon>{_MON}){_E}{_MON2}\s*[,،]?\s*(?:(?:من\s+)?(?:عام|سنه|العام)\s+)?"
    rf"(?P<y>\d{{4}})(?!\d){_ERA}"
)
_P_YEAR = re.compile(
    rf"{_B}(?:(?P<kw>عام|العام|لعام|بعام|وعام|سنه|السنه|لسنه|صيف|شتاء|ربيع|خريف|مطلع|اوايل|اواخر|منتصف|"
    rf"اواسط|نهايه|بدايه|year|in|since|early|late|mid)\s+(?P<y>\d{{4}})(?!\d){_ERA}"
    rf"|(?P<y2>\d{{4}})\s*(?P<era2>م|ه|هجري|ميلادي|هجريه|ميلاديه){_E})"
)
_P_BARE_YEAR = re.compile(r"^\s*(?P<y>(?:19|20)\d\d)\s*$")

_NUMW_ALT = _alt(list(_NUMW))
_UNIT_ALT = _alt(list(_UNITS))
_P_REL = re.compile(
    rf"{_B}(?:(?P<dir>منذ|قبل|نحو)\s+(?:(?:حوالي|نحو)\s+)?(?:(?P<n>\d+|{_NUMW_ALT})\s+)?(?P<unit>{_UNIT_ALT}){_E}(?!\s*\d)"
    rf"|(?P<dir2>منذ|قبل)\s+(?P<dual>{_alt(list(_DUALS))}){_E}"
    rf"|(?P<dir3>منذ|قبل)\s+(?P<frac>ربع|نصف)\s+ساعه{_E}"
    rf"|(?P<now>منذ\s+(?:لحظات|قليل|دقائق\s+قليله))"
    rf"|(?P<n_en>\d+|an?)\s+(?P<unit_en>seconds?|minutes?|mins?|hours?|days?|weeks?|months?|years?)\s+ago{_E})"
)
_P_WORD = re.compile(
    rf"{_B}(?P<w>اول\s+من\s+امس|اول\s+امس|امس\s+الاول|امس|الامس|البارحه|اليوم(?!\s+السابع)|الان|غدا|بعد\s+غد|"
    rf"today|yesterday|now){_E}"
)
_P_WDAY = re.compile(
    rf"{_B}(?:يوم\s+)?(?P<wd>{_alt(list(_WDAY))}){_E}(?:\s+(?P<dir>الماضي|المنصرم|الفايت|السابق|المقبل|القادم){_E})?"
)
_AP = r"صباحا|صباح|مساء|مساءا|ظهرا|عصرا|ليلا|فجرا|ص|م|am|pm|a\.m\.?|p\.m\.?"
_P_TIME = re.compile(
    rf"(?<![\d:.])(?P<H>\d{{1,2}})(?P<sep>[:.])(?P<M>\d{{2}})(?::(?P<S>\d{{2}}))?(?![\d:])(?:\s*(?P<ap>{_AP})(?![\w]))?"
    rf"|{_B}(?:الساعه|الساعة)\s+(?P<H2>\d{{1,2}})(?![\d:.])(?:\s*(?P<ap2>{_AP})(?![\w]))?"
)
_PLACE_ALT = _alt(list(_PLACES))
_P_ZONE = re.compile(
    rf"(?:حسب\s+)?(?:ب|و)?(?:ال)?توقيت\s+(?:مدينه\s+)?(?P<place>{_PLACE_ALT}){_E}"
    rf"|\(\s*(?P<place2>{_PLACE_ALT})\s*\)"
    rf"|(?<![a-z])(?P<abbr>gmt|utc|ksa|ast|gst|msk|eest|eet|cest|cet|ت\.?\s?غ|z)(?:\s*(?P<off>[+-]\s*\d{{1,2}}(?::?\d{{2}})?))?(?![a-z])"
    rf"|(?<![\w:])(?P<off2>[+-]\d{{2}}:?\d{{2}})(?!\d)"
)
_LABEL_ALT = _alt(_PUB + _UPD)
_P_LEFT = re.compile(
    rf"(?:(?P<label>{_LABEL_ALT})\s*[:：\-]?\s*)?(?:(?:(?:ال)?يوم\s+)?(?P<wd>{_alt(list(_WDAY))})\s*[,،\-]?\s*)?$"
)
_DAYPART_PM = ("مساء", "ليل", "ليله", "عصر", "ظهر")
_GAP_WORDS = _alt(["الساعه", "في", "على", "at", "عند", "يوم", "من", "صباح", "فجر", *_DAYPART_PM, *_UPD, *_PUB])
_GAP_OK = re.compile(rf"^[\s,،\-|/()\[\]:.]*(?:(?:{_GAP_WORDS})[\s,،\-|/()\[\]:.]*)*$")
_GAP_HG = re.compile(r"^[\s,،\-|/()\[\]]*(?:ال)?(?:موافق|الموافق|موافق ل|الموافق ل|ل)?[\s,،\-|/()\[\]]*$")


# ---------------------------------------------------------------------------------------------
# pieces


@dataclass
class _Piece:
    start: int
    end: int
    kind: str  # date | rel | weak
    precision: str
    y: int | None = None
    m: int | None = None
    d: int | None = None
    hijri: bool = False
    clock: tuple[int, int, int | None] | None = None
    zone: tzinfo | None = None
    rel: tuple[str, int, str] | None = None  # (kind, amount, precision)
    weekday: int | None = None
    label: str | None = None  # publish | update
    score: float = 0.0
    swappable: bool = False  # numeric d/m both <= 12: a weekday may show it was month-first
    extras: list[tuple[int, int]] = field(default_factory=list)


def _month(name: str) -> tuple[int, bool] | None:
    key = " ".join(name.split())
    if key in _GREG:
        return _GREG[key], False
    if key in _HIJ:
        return _HIJ[key], True
    return None


def _year(y: str, era: str | None) -> tuple[int, bool | None]:
    """Year value and whether the era marks it Hijri (None: unmarked)."""
    val = int(y)
    if len(y) == 2:
        val += 2000 if val < 70 else 1900
    if era:
        return val, era.startswith("ه")
    return val, None


def _ok_year(y: int, hijri: bool) -> bool:
    return 1343 <= y <= 1500 if hijri else 1900 <= y <= 2100


def _named(m: re.Match[str], need_year: bool) -> _Piece | None:
    mon = _month(m["mon"])
    if mon is None:
        return None
    month, hijri = mon
    mon2 = m.groupdict().get("mon2")
    if mon2:
        other = _month(mon2)
        if other is None or other[0] != month or other[1] != hijri:
            return None  # "مارس/آذار" must name the same month
    ystr = m.groupdict().get("y")
    day = int(m["d"]) if m.groupdict().get("d") else None
    if ystr is None:
        if need_year or hijri or day is None:
            return None
        if m["mon"].replace(" ", "") in {x.replace(" ", "") for x in _AMBIG}:
            return None
        return _Piece(m.start(), m.end(), "date", "day", None, month, day)
    year, era_hijri = _year(ystr, m.groupdict().get("era"))
    if era_hijri is not None and era_hijri != hijri and (hijri or not _ok_year(year, True)):
        return None
    if not _ok_year(year, hijri):
        return None
    if day is not None and not 1 <= day <= (30 if hijri else 31):
        return None
    return _Piece(m.start(), m.end(), "date", "day" if day else "month", year, month, day, hijri)


def _numeric(m: re.Match[str], ymd: bool) -> _Piece | None:
    d, mo = int(m["d"]), int(m["m"])
    ystr = m["y"]
    if len(ystr) == 2 and m["sep"] == "-":
        return None
    year, era = _year(ystr, m.groupdict().get("era"))
    hijri = bool(era)
    if not ymd and mo > 12 and d <= 12:
        d, mo = mo, d  # month-first only when day-first is impossible
    if not (1 <= mo <= 12 and 1 <= d <= 31 and _ok_year(year, hijri)):
        return None
    return _Piece(m.start(), m.end(), "date", "day", year, mo, d, hijri, swappable=not ymd and d <= 12 and d != mo)


def _date_pieces(s: str) -> list[_Piece]:
    found: list[_Piece] = []
    for m in _P_ISO.finditer(s):
        p = _numeric(m, True)
        if p is None:
            continue
        if m["H"]:
            p.clock = (int(m["H"]), int(m["M"]), int(m["S"]) if m["S"] else None)
            p.precision = "second" if m["S"] else "minute"
            if m["off"]:
                p.zone = _offset(m["off"])
        found.append(p)
    for rx, ymd in ((_P_YMD, True), (_P_DMY, False)):
        for m in rx.finditer(s):
            p = _numeric(m, ymd)
            if p:
                found.append(p)
    for rx, need_year in ((_P_DMONY, False), (_P_MONDY, True), (_P_MONY, True)):
        for m in rx.finditer(s):
            p = _named(m, need_year)
            if p:
                found.append(p)
    for m in _P_YEAR.finditer(s):
        ystr = m["y"] or m["y2"]
        year, era_h = _year(ystr, m["era"] or m["era2"])
        hijri = bool(era_h)
        if m["y2"] and not m["era2"]:
            continue
        if _ok_year(year, hijri):
            found.append(_Piece(m.start(), m.end(), "date", "year", year, 1, 1, hijri))
    for m in _P_REL.finditer(s):
        rel = _rel_piece(m)
        if rel is not None:
            found.append(rel)
    for m in _P_WORD.finditer(s):
        w = " ".join(m["w"].split())
        days = {"اول من امس": 2, "اول امس": 2, "امس الاول": 2, "امس": 1, "الامس": 1, "البارحه": 1, "اليوم": 0,
                "غدا": -1, "بعد غد": -2, "today": 0, "yesterday": 1}.get(w)
        if days is None:  # الان / now
            found.append(_Piece(m.start(), m.end(), "weak", "second", rel=("seconds", 0, "second")))
        else:
            found.append(_Piece(m.start(), m.end(), "weak", "day", rel=("days", days, "day")))
    for m in _P_WDAY.finditer(s):
        wd = m["wd"]
        if wd in _WEAK_WDAY and not m.group(0).startswith("يوم"):
            continue
        p = _Piece(m.start(), m.end(), "weak", "day", weekday=_WDAY[wd])
        if m["dir"]:
            p.rel = ("weekday", -1 if m["dir"] in ("المقبل", "القادم") else 1, "day")
        found.append(p)
    return _select(found)


_PLURAL_UNITS = {_f(u) for u in ("ثوان", "ثواني", "ثوانٍ", "دقائق", "دقايق", "ساعات", "أيام", "ايام", "أسابيع",
                                  "أشهر", "شهور", "سنوات", "سنين", "أعوام", "minutes", "hours", "days",
                                  "weeks", "months", "years")}


def _rel_piece(m: re.Match[str]) -> _Piece | None:
    if m["now"]:
        return _Piece(m.start(), m.end(), "rel", "minute", rel=("seconds", 0, "minute"))
    if m["frac"]:
        return _Piece(m.start(), m.end(), "rel", "minute",
                      rel=("seconds", 900 if m["frac"] == "ربع" else 1800, "minute"))
    if m["dual"]:
        kind, per, prec = _UNITS[_DUALS[m["dual"]]]
        return _Piece(m.start(), m.end(), "rel", prec, rel=(kind, 2 * per, prec))
    if m["unit_en"]:
        n = 1 if m["n_en"] in ("a", "an") else int(m["n_en"])
        kind, per, prec = _UNITS[m["unit_en"]]
        return _Piece(m.start(), m.end(), "rel", prec, rel=(kind, n * per, prec))
    nstr = m["n"]
    if not nstr and m["unit"] in _PLURAL_UNITS:
        return None  # "قبل أيام", "منذ سنوات": some days/years ago, not a date
    n = 1 if not nstr else (int(nstr) if nstr.isdigit() else _NUMW[nstr])
    kind, per, prec = _UNITS[m["unit"]]
    return _Piece(m.start(), m.end(), "rel", prec, rel=(kind, n * per, prec))


_KIND_RANK = {"date": 2, "rel": 1, "weak": 0}


def _select(pieces: list[_Piece]) -> list[_Piece]:
    """Non-overlapping pieces, preferring the longest span (then dates over words)."""
    pieces.sort(key=lambda p: (-(p.end - p.start), -_KIND_RANK[p.kind], p.start))
    taken: list[_Piece] = []
    for p in pieces:
        if all(p.end <= q.start or p.start >= q.end for q in taken):
            taken.append(p)
    taken.sort(key=lambda p: p.start)
    return taken


def _offset(text: str) -> tzinfo:
    text = text.replace(" ", "")
    if text in ("z", ""):
        return UTC
    sign = -1 if text[0] == "-" else 1
    body = text.lstrip("+-").replace(":", "")
    hours = int(body[:-2]) if len(body) > 2 else int(body)
    minutes = int(body[-2:]) if len(body) > 2 else 0
    if hours > 14 or minutes > 59:
        raise ValueError(text)
    delta = timedelta(hours=hours, minutes=minutes) * sign
    return UTC if not delta else timezone(delta)


def _zone_of(m: re.Match[str]) -> tzinfo | None:
    place = m["place"] or m["place2"]
    try:
        if place:
            name = _PLACES[" ".join(place.split())]
            return UTC if name == "UTC" else ZoneInfo(name)
        if m["abbr"]:
            abbr = m["abbr"].replace(" ", "").replace(".", "")
            base = _ABBR.get(abbr, _ABBR.get(_f(m["abbr"]), 0))
            if m["off"]:
                return _offset(m["off"])
            return UTC if not base else timezone(timedelta(hours=base))
        return _offset(m["off2"])
    except (ValueError, KeyError):
        return None
