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
    # a statement given "to" a bracketed or quoted name: في حوار هاتفي لـ(عكاظ)، قال لـ«الشرق الأوسط»
    re.compile(r"(?:حوار|حديث|تصريح|تصريحات|مقابلة|قال|قالت|أكد|أكدت|أوضح|أوضحت|كشف|كشفت)[^.؛]{0,40}?\sلـ?\s*"
               r"(?:\((?P<q1>[^()]{2,30})\)|«(?P<q2>[^»]{2,30})»|\"(?P<q3>[^\"]{2,30})\")(?P<lat>)"),
]
# An unquoted Arabic outlet name counts only right after a sourcing verb ("ونقلت قناة السومرية
# العراقية عن") or as the addressee of a statement ("وقال ... لتلفزيون البحرين"): elsewhere
# "قناة السويس" or "موقع الحادث" are no outlets.
_BROADCAST = r"(?:قناة|تلفزيون|تليفزيون|إذاعة|اذاعة|صحيفة|جريدة|موقع|شبكة)"
_ARABIC_NAMED = [
    re.compile(rf"(?:نقلت|ذكرت|أفادت|بثت|أوردت|نشرت|كشفت)\s+(?P<media>{_BROADCAST})\s+(?P<name>[\u0621-\u064A]+(?:\s+[\u0621-\u064A]+)?)"),
    re.compile(rf"(?:قال|قالت|صرح|صرحت|أكد|أكدت|أوضح|أوضحت|أضاف|أضافت|كشف|تحدث|تحدثت)\b[^.؛]{{0,100}}?\s"
               rf"ل(?P<media>{_BROADCAST})\s+(?P<name>[\u0621-\u064A]+(?:\s+[\u0621-\u064A]+)?)"),
]
# a country or city after the media noun names a state broadcaster: "تلفزيون البحرين", "إذاعة دبي"
_PLACES = frozenset("البحرين دبي أبوظبي الشارقة الكويت قطر عمان مصر لبنان العراق الأردن سوريا فلسطين اليمن ليبيا تونس "
                    "الجزائر المغرب السودان السعودية الرياض القاهرة بيروت بغداد دمشق".split())
_NOT_A_NAME = frozenset("عن إن أن في من على إلى الى مع أمس اليوم الرسمية الرسمي الحكومية المحلية المحلي الخاصة "
                        "الأمريكية الأميركية الإسرائيلية البريطانية الفرنسية الروسية التركية الإيرانية العبرية "
                        "الأجنبية الإخبارية الإلكترونية الناطقة التلفزيون التليفزيون التلفاز التواصل الأخبار "
                        "الاخبار الإنترنت الانترنت الرسمي الحكومي".split())  # "موقع التواصل الاجتماعي"


_TABLE_PREFIXES = {" ".join(a.split()[:2]) for aliases in AGENCIES.values() for a in aliases if " " in a}


def _arabic_outlets(text: str) -> list[tuple[int, str]]:
    out = []
    for pat in _ARABIC_NAMED:
        for m in pat.finditer(text):
            words = m.group("name").split()
            if f"{m.group('media')} {words[0]}" in _TABLE_PREFIXES:
                continue  # "إذاعة الجيش الإسرائيلي": the table names it whole
            if words[0] in _PLACES:
                out.append((m.start(), f"{m.group('media')} {words[0]}"))
            elif words[0].startswith("ال") and words[0] not in _NOT_A_NAME:
                out.append((m.start(), words[0]))
    return out
# the word right before the media noun says someone works there ("رئيسة تحرير صحيفة", "مدير قناة"); a correspondent reports for it, so it counts
_AFFILIATION = re.compile(r"(?:تحرير|رئيس|رئيسة|مدير|مديرة|كاتب|كاتبة|محرر|محررة|مؤسس|مالك)\s*$")
# platforms where statements appear are not news sources ("نشر على موقع "تويتر"")
PLATFORMS = {"تويتر", "twitter", "x", "فيسبوك", "فيس بوك", "facebook", "إنستغرام", "انستغرام", "instagram",
             "يوتيوب", "youtube", "تيك توك", "tiktok", "تلغرام", "تيليغرام", "telegram", "واتساب", "whatsapp",
             "سناب شات", "snapchat", "لينكدإن", "linkedin"}
GENERIC = {"وكالات", "الوكالات", "agencies", "مواقع", "متابعات"}


# Consonant skeletons compare an Arabic name with a Latin one: "اليوم" and "alyaum" are both "lm",
# "عكاظ" and "okaz" "kz", so "قال لـ«اليوم»" on alyaum.com is the publisher, not a source.
_AR2LAT = str.maketrans({"ه": "h", "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "k", "د": "d",
                         "ذ": "d", "ر": "r", "ز": "z", "س": "s", "ش": "s", "ص": "s", "ض": "d", "ط": "t",
                         "ظ": "z", "غ": "g", "ف": "f", "ق": "k", "ك": "k", "ل": "l", "م": "m", "ن": "n"})


def _skeleton(text: str) -> str:
    latin = text.lower().translate(_AR2LAT)
    latin = latin.replace("sh", "s").replace("kh", "k").replace("gh", "g").replace("th", "t").replace("q", "k")
    return re.sub(r"[^bcdfghjklmnprstvxz]", "", latin)


def _is_self(name: str, site_names: list[str]) -> bool:
    low = name.lower().replace(" ", "")
    bones = _skeleton(name)
    for s in site_names:
        if len(bones) >= 2 and _skeleton(s or "") == bones:
            return True
        s = (s or "").lower().replace(" ", "")
        if len(s) >= 3 and (low in s or s in low):
            return True
    aliases = [a.lower().replace(" ", "") for a in AGENCIES.get(name, [])]
    return any(len(a) >= 3 and any(a in (s or "").lower().replace(" ", "") for s in site_names) for a in aliases)


def extract_attribution(texts: list[str], site_names: list[str], dateline_agency: str | None = None) -> list[str]:
    """Canonical names in order of first mention."""
    found: list[tuple[int, str]] = []
    offset = 0
    if dateline_agency:  # "رويترز، أ ف ب": each agency of a shared dateline
        found += [(-1, canonical(a)) for a in re.split(r"\s*[،,/]\s*|\s+و(?=\S)", dateline_agency) if a.strip()]
    for text in texts[:300]:  # provenance is stated early; bounds the cost on huge pages
        for pos, canon in find_agencies(text):
            found.append((offset + pos, canon))
        for pos, name in _arabic_outlets(text):
            found.append((offset + pos, canonical(name)))
        for pat in _PHRASES:
            for m in pat.finditer(text):
                if _AFFILIATION.search(text[max(0, m.start() - 25):m.start() + 1]):
                    continue  # "رئيسة تحرير صحيفة "الغد"": where someone works, not a source
                quoted = next((m.group(g) for g in ("q1", "q2", "q3", "lat") if m.group(g)), None)
                if quoted:
                    found.append((offset + m.start(), canonical(quoted.strip(" .،,"))))
        offset += len(text) + 1
    found.sort(key=lambda t: t[0])
    out: list[str] = []
    for _, name in found:
        if not name or name.lower() in GENERIC or name.lower() in PLATFORMS or _is_self(name, site_names):
            continue
        if name not in out:
            out.append(name)
    return out
