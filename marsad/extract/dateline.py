"""The dateline that opens an article ("دمشق، سوريا (CNN) --", "بغداد/المسلة الحدث:",
"المدينة نيوز :-", "القاهرة- أحمد الريدي"), split into place, author and agency.

The dateline stays in the first paragraph (gold semantics); this module only reads it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from marsad.extract.agencies import AGENCIES, canonical
from marsad.model import Dateline

_W = r"[^\s:()\-–—/.،,«»]+"
_PLACE = rf"{_W}(?:\s*[،,]\s*{_W}|\s+{_W}){{0,3}}"
_DASH = r"(?:[-–—]|(?<=\s)ـ(?=\s))"  # a tatweel standing alone between spaces is a dash too
_PATTERNS = [
    # دمشق، سوريا (CNN) --   |  (رويترز) -  |  القاهرة - (د ب أ) -  |  واشنطن-(أ ف ب)-
    re.compile(rf"^(?P<text>(?P<place>{_PLACE})?\s*(?:{_DASH}\s*)?\((?P<agency>[^()]{{2,30}})\))\s*(?:--|{_DASH}|:)+\s*"),
    # بغداد/المسلة الحدث:
    re.compile(rf"^(?P<text>(?P<place>{_W}(?:\s{_W})?)\s*/\s*(?P<agency>[^:/]{{2,30}}?))\s*(?::-?|--|–|—|-(?=\s))\s*"),
    # المدينة نيوز :-
    re.compile(r"^(?P<text>(?P<agency>[^:.،,()]{2,30}?)\s*:-)\s*"),
    # القاهرة- أحمد الريدي:  |  القاهرة - وكالات:  |  بيروت ـ «القدس العربي»:  |  الرباط - هسبريس:
    re.compile(rf"^(?P<text>(?P<place>{_W}(?:\s{_W})?)\s*{_DASH}\s*(?P<who>[^:\-–—]{{2,30}}?))\s*:\s*"),
]
_SOURCE_LINE = re.compile(r"^\(\s*(?P<place>[^()\-–—]{2,30}?)\s*[-–—/]\s*(?P<agency>[^()]{2,30}?)\s*\)$")
_NOT_A_NAME = re.compile(r"^(?:في|من|على|عن|إلى|الى|مع|بعد|قبل|خلال|منذ|حول|لدى)\s")
_DATE_IN_PLACE = re.compile(r"\s+[\d٠-٩].*$")
_PERSONISH = re.compile(r"^\S{2,}(?:\s\S{2,}){1,3}$")
_AGENCY_WORDS = re.compile(r"وكال|نيوز|news|برس|press|تلفزيون|قناة|موقع|صحيفة|جريدة", re.IGNORECASE)


def _is_agency(name: str, site_names: Sequence[str]) -> bool:
    n = name.strip()
    if canonical(n) in AGENCIES or _AGENCY_WORDS.search(n) or n.isascii():
        return True
    return any(s and (s in n or n in s) for s in site_names)


def parse_dateline(first_paragraph: str, site_names: Sequence[str] = ()) -> Dateline | None:
    """A Dateline from the opening of the first paragraph, or None."""
    head = first_paragraph[:120]
    for i, pat in enumerate(_PATTERNS):
        m = pat.match(head)
        if not m:
            continue
        text = m.group("text").strip()
        if len(text.split()) > 7:
            continue
        gd = m.groupdict()
        place, agency, author = gd.get("place"), gd.get("agency"), None
        if i == 3:
            raw = gd["who"].strip()
            who = raw.strip("«»\"“”")
            if who != raw or len(who.split()) == 1 or _is_agency(who, site_names):
                agency = who  # a quoted or one-word name after the place is an outlet, not a person
            elif _PERSONISH.match(who) and not _NOT_A_NAME.match(who):
                author = who
            else:
                continue
        if place:
            place = _DATE_IN_PLACE.sub("", place)  # "عمّان 12 أيار (بترا)": the place is عمّان
        if i == 2 and not _is_agency(agency or "", site_names):
            continue
        return Dateline(text=text, place=(place or "").strip() or None, author=author,
                        agency=(agency or "").strip() or None)
    return None


def parse_source_line(line: str) -> Dateline | None:
    """A stand-alone "(أبوظبي - البيان)" line shown above the text."""
    m = _SOURCE_LINE.match(line.strip())
    if not m:
        return None
    return Dateline(text=line.strip(), place=m.group("place").strip(), agency=m.group("agency").strip())


_STANDALONE = re.compile(rf"^(?P<place>{_W}(?:\s{_W})?)\s*(?:[-–—/:]\s*(?P<who>[^.!?؟:]{{2,30}}?)|\((?P<agency>[^()]{{2,30}})\))\s*[-–—:]*$")
_LABEL_WORDS = frozenset("المصدر مصدر التاريخ تاريخ كتب كتبت بقلم تصوير تحرير إعداد اعداد ترجمة الكاتب المحرر".split())


def parse_standalone(line: str, site_names: Sequence[str] = ()) -> Dateline | None:
    """A short line of its own above the text: "أبوظبي - سكاي نيوز عربية", "لندن (رويترز)"."""
    text = line.strip()
    if len(text.split()) > 6:
        return None
    src = parse_source_line(text)
    if src:
        return src
    m = _STANDALONE.match(text)
    if not m:
        return None
    clean_text = text.rstrip(" -–—:")
    if m.group("agency"):
        return Dateline(text=clean_text, place=m.group("place"), agency=m.group("agency").strip())
    who = m.group("who").strip().strip("«»\"")
    place = m.group("place")
    if place in _LABEL_WORDS or (":" in text and not _is_agency(who, site_names)):
        return None  # "المصدر: د ب أ" is a credit line; "place: name" only for an agency ("عمان: واس")
    if _is_agency(place, site_names) and not _is_agency(who, site_names):
        return Dateline(text=clean_text, place=who, agency=place)  # "السومرية نيوز/ صلاح الدين": outlet first
    if _is_agency(who, site_names):
        return Dateline(text=clean_text, place=m.group("place"), agency=who)
    if _PERSONISH.match(who):
        return Dateline(text=clean_text, place=m.group("place"), author=who)
    return None


def split_place_author(value: str) -> Dateline | None:
    """"القاهرة- أحمد الريدي" (an author field holding a dateline) -> place and author."""
    m = re.match(rf"^\s*(?P<place>{_W}(?:\s{_W})?)\s*[-–—]\s*(?P<who>.+?)\s*$", value)
    if not m:
        return None
    return Dateline(text=value.strip(), place=m.group("place"), author=m.group("who"))
