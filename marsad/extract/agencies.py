"""Canonical names of news agencies and the spellings pages use for them."""

from __future__ import annotations

import re

# canonical name -> aliases (Arabic and Latin spellings, abbreviations)
AGENCIES: dict[str, list[str]] = {
    "رويترز": ["رويترز", "رويتر", "Reuters"],
    "فرانس برس": ["فرانس برس", "فرانس بريس", "فرانس پرس", "أ ف ب", "ا ف ب", "أ.ف.ب", "AFP", "Agence France-Presse"],
    "أسوشيتد برس": ["أسوشيتد برس", "اسوشيتد برس", "أسوشييتد برس", "اسوشييتد برس", "أسوشيتدبرس", "أ ب", "AP",
                    "Associated Press"],
    "بترا": ["بترا", "Petra", "وكالة الأنباء الأردنية"],
    "واس": ["واس", "SPA", "وكالة الأنباء السعودية"],
    "وام": ["وام", "WAM", "وكالة أنباء الإمارات"],
    "سانا": ["سانا", "SANA", "الوكالة العربية السورية للأنباء"],
    "قنا": ["قنا", "QNA", "وكالة الأنباء القطرية"],
    "كونا": ["كونا", "KUNA", "وكالة الأنباء الكويتية"],
    "بنا": ["بنا", "BNA", "وكالة أنباء البحرين"],
    "العمانية": ["العمانية", "ONA", "وكالة الأنباء العمانية"],
    "أ ش أ": ["أ ش أ", "أ.ش.أ", "ا ش ا", "MENA", "وكالة أنباء الشرق الأوسط"],
    "واع": ["واع", "INA", "وكالة الأنباء العراقية"],
    "وفا": ["وفا", "WAFA", "وكالة الأنباء الفلسطينية"],
    "الوكالة الوطنية للإعلام": ["الوكالة الوطنية للإعلام", "NNA"],
    "ومع": ["ومع", "MAP", "وكالة المغرب العربي للأنباء"],
    "واج": ["واج", "APS", "وكالة الأنباء الجزائرية"],
    "وات": ["وات", "TAP", "وكالة تونس إفريقيا للأنباء"],
    "سونا": ["سونا", "SUNA", "وكالة السودان للأنباء"],
    "سبأ": ["سبأ", "SABA", "وكالة الأنباء اليمنية"],
    "وال": ["وال", "LANA", "وكالة الأنباء الليبية"],
    "الأناضول": ["الأناضول", "الاناضول", "Anadolu", "AA"],
    "شينخوا": ["شينخوا", "شينخوا", "Xinhua"],
    "د ب أ": ["د ب أ", "د.ب.أ", "د ب ا", "DPA", "الألمانية"],
    "إرنا": ["إرنا", "ارنا", "IRNA"],
    "تسنيم": ["تسنيم", "Tasnim"],
    "فارس": ["وكالة فارس", "Fars"],
    "تاس": ["تاس", "TASS"],
    "سبوتنيك": ["سبوتنيك", "Sputnik"],
    "نوفوستي": ["نوفوستي", "ريا نوفوستي", "RIA Novosti"],
    "إفي": ["إفي", "افي", "EFE"],
    "كيودو": ["كيودو", "Kyodo"],
    "يونهاب": ["يونهاب", "Yonhap"],
    "آكي": ["آكي", "أكي", "AKI"],
    "بلومبرغ": ["بلومبرغ", "بلومبيرغ", "بلومبرج", "Bloomberg"],
    "سي إن إن": ["سي إن إن", "سي ان ان", "CNN"],
    "بي بي سي": ["بي بي سي", "BBC"],
    "الجزيرة": ["الجزيرة نت", "قناة الجزيرة"],
    "العربية": ["العربية نت", "قناة العربية"],
    "سكاي نيوز عربية": ["سكاي نيوز عربية", "سكاي نيوز", "Sky News"],
}
# short Latin abbreviations only count in upper case
_CASE_SENSITIVE = {a for al in AGENCIES.values() for a in al if a.isascii() and len(a) <= 5}
_PREFIX = r"(?:(?<=^)|(?<=[\s(«\"“'\-–—/،,.:]))(?:ل|ب|و|ف|وب|ول|لـ|بـ)?(?:وكالة\s*)?[«\"“']?"
_SUFFIX = r"[»\"”']?(?=$|[\s)»\"”'\-–—/،,.:؛])"


# short names that are also ordinary words or places (قنا = Qena, بنا = "with us"): only in
# parentheses/quotes or right after "وكالة"
_AMBIGUOUS = {"قنا", "بنا", "وام", "واس", "وفا", "واع", "سبأ", "وال", "وات", "واج", "ومع", "إفي", "افي",
              "تاس", "آكي", "أكي", "أ ب", "سانا", "كونا", "بترا", "ارنا", "إرنا", "AA", "AP", "MAP", "INA",
              "SPA", "APS", "TAP", "ONA", "BNA", "NNA"}


def _compile() -> list[tuple[str, str, re.Pattern]]:
    out = []
    for canon, aliases in AGENCIES.items():
        for a in sorted(aliases, key=len, reverse=True):
            flags = 0 if a in _CASE_SENSITIVE or not a.isascii() else re.IGNORECASE
            if a in _AMBIGUOUS:
                pat = (r"(?:\(\s*|[«\"“]|وكالة\s+(?:الأنباء\s+)?[«\"“]?|لوكالة\s+[«\"“]?)" + re.escape(a)
                       + r"\s*[)»\"”]?(?=$|[\s)»\"”'\-–—/،,.:؛])")
            else:
                pat = _PREFIX + re.escape(a) + _SUFFIX
            out.append((canon, a.lower(), re.compile(pat, flags)))
    return out


_PATTERNS = _compile()


def find_agencies(text: str) -> list[tuple[int, str]]:
    """(position, canonical name) for each agency named in `text`."""
    hits: list[tuple[int, str]] = []
    low = text.lower()
    for canon, alias, pat in _PATTERNS:
        if alias not in low:  # cheap substring test before the regex
            continue
        m = pat.search(text)
        if m:
            hits.append((m.start(), canon))
    hits.sort()
    return hits


def canonical(name: str) -> str:
    """The canonical agency name for a spelling, or the name itself."""
    n = name.strip(" ()«»\"“”'-–—")
    for canon, aliases in AGENCIES.items():
        if n == canon or any(n.lower() == a.lower() for a in aliases):
            return canon
    return n
