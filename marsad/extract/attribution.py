"""External agencies/outlets the article names as its origin or quotes as a source.

Known agencies (table in agencies.py) are found by name anywhere in the article text, credit
lines and dateline; other outlets only in source phrasings: a media noun followed by a quoted or
Latin-script name ("موقع Middle East Eye", "تلفزيون «برس»"), "نقلاً عن X", "المصدر: X".
The publishing outlet itself and generic credits ("وكالات") are not attributions.
"""

from __future__ import annotations

import re

from marsad.extract.agencies import AGENCIES, canonical, find_agencies

# "وكالة" alone is any agency (وكالة الفضاء الأميركية "ناسا"): only a news agency counts
_MEDIA = r"(?:موقع|صحيفة|جريدة|مجلة|تلفزيون|تليفزيون|قناة|شبكة|وكالة\s+(?:ال)?أنباء|وكالة\s+(?:ال)?انباء|إذاعة|اذاعة|راديو|منصة)"
_NAME = (r"(?:«(?P<q1>[^»]{2,30})»|\"(?P<q2>[^\"]{2,30})\"|“(?P<q3>[^”]{2,30})”|"
         r"(?P<lat>[A-Z][\w'’.&-]*(?:\s+(?:[A-Z][\w'’.&-]*|of|the|de|al|el)){0,4}))")
_PHRASES = [
    # a media noun, up to three describing words, then a quoted or Latin name:
    # شبكة التلفزيون الفرنسية الخاصة "بي إف إم تي في"
    re.compile(rf"(?:^|[\s(])(?:ل|ب|و|ف)?{_MEDIA}\s+(?:ال\S+\s+){{0,3}}{_NAME}"),
    # sourcing verbs make a bare "وكالة" safe: وفق ما نقلت وكالة "إنترفاكس"
    re.compile(rf"(?:نقلا?ً?\s+عن|نقلاً عن|بحسب|وفقا?ً?\s+ل(?:ـ)?|حسب(?:ما)?\s+(?:ذكرت?|أفادت?|نشرت?)|"
               rf"(?:وفق|بحسب|حسب)\s*ما\s+(?:نقلت|نقله|نقلته|ذكرت|ذكره|أفادت|نشرت|أوردت))\s*(?:{_MEDIA}|وكالة)?\s*{_NAME}"),
    re.compile(rf"^(?:ال)?مصدر\s*[:：]\s*{_NAME}"),
]
# the word right before the media noun says someone works there ("رئيسة تحرير صحيفة", "مدير قناة"); a correspondent reports for it, so it counts
_AFFILIATION = re.compile(r"(?:تحرير|رئيس|رئيسة|مدير|مديرة|كاتب|كاتبة|محرر|محررة|مؤسس|مالك)\s*$")
GENERIC = {"وكالات", "الوكالات", "agencies", "مواقع", "متابعات"}


def _is_self(name: str, site_names: list[str]) -> bool:
    low = name.lower().replace(" ", "")
    for s in site_names:
        s = (s or "").lower().replace(" ", "")
        if len(s) >= 3 and (low in s or s in low):
            return True
    aliases = [a.lower().replace(" ", "") for a in AGENCIES.get(name, [])]
    return any(len(a) >= 3 and any(a in (s or "").lower().replace(" ", "") for s in site_names) for a in aliases)


def extract_attribution(texts: list[str], site_names: list[str], dateline_agency: str | None = None) -> list[str]:
    """Canonical names in order of first mention."""
    found: list[tuple[int, str]] = []
    offset = 0
    if dateline_agency:
        found.append((-1, canonical(dateline_agency)))
    for text in texts[:300]:  # provenance is stated early; bounds the cost on huge pages
        for pos, canon in find_agencies(text):
            found.append((offset + pos, canon))
        for pat in _PHRASES:
            for m in pat.finditer(text):
                if _AFFILIATION.search(text[max(0, m.start() - 25):m.start() + 1]):
                    continue  # "رئيسة تحرير صحيفة "الغد"": where someone works, not a source
                name = next((m.group(g) for g in ("q1", "q2", "q3", "lat") if m.group(g)), None)
                if name:
                    name = name.strip(" .،,")
                    found.append((offset + m.start(), canonical(name)))
        offset += len(text) + 1
    found.sort(key=lambda t: t[0])
    out: list[str] = []
    for _, name in found:
        if not name or name.lower() in GENERIC or _is_self(name, site_names):
            continue
        if name not in out:
            out.append(name)
    return out
