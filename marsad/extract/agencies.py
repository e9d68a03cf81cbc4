"""Canonical names of news agencies and the spellings pages use for them."""

from __future__ import annotations

import re

# canonical name -> aliases (Arabic and Latin spellings, abbreviations)
AGENCIES: dict[str, list[str]] = {
    "رويترز": ["رويترز", "رويتر", "Reuters"],
    "فرانس برس": ["فرانس برس", "فرانس بريس", "فرانس پرس", "أ ف ب", "ا ف ب", "أ.ف.ب", "AFP", "Agence France-Presse",
                  "وكالة الأنباء الفرنسية", "وكالة الصحافة الفرنسية"],
    "أسوشيتد برس": ["أسوشيتد برس", "اسوشيتد برس", "أسوشييتد برس", "اسوشييتد برس", "أسوشيتدبرس", "أ ب", "AP",
                    "Associated Press"],
    "بترا": ["بترا", "Petra", "وكالة الأنباء الأردنية", "Jordan News Agency"],
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
    "د ب أ": ["د ب أ", "د.ب.أ", "د ب ا", "DPA", "الألمانية", "وكالة الأنباء الألمانية"],
    "إرنا": ["إرنا", "ارنا", "IRNA"],
    "تسنيم": ["تسنيم", "Tasnim"],
    "فارس": ["وكالة فارس", "Fars"],
    "تاس": ["تاس", "TASS"],
    "إنترفاكس": ["إنترفاكس", "انترفاكس", "Interfax"],
    "سبوتنيك": ["سبوتنيك", "Sputnik"],
    "نوفوستي": ["نوفوستي", "ريا نوفوستي", "RIA Novosti"],
    "إفي": ["إفي", "افي", "EFE"],
    "كيودو": ["كيودو", "Kyodo"],
    "يونهاب": ["يونهاب", "Yonhap"],
    "آكي": ["آكي", "أكي", "AKI"],
    "بلومبرغ": ["بلومبرغ", "بلومبيرغ", "بلومبرج", "Bloomberg"],
    "سي إن إن": ["سي إن إن", "سي ان ان", "سي.إن.إن", "سي. إن. إن", "CNN"],
    "بي بي سي": ["بي بي سي", "بي.بي.سي", "بي. بي. سي", "BBC"],
    "الجزيرة": ["الجزيرة نت", "قناة الجزيرة"],
    "العربية": ["العربية نت", "قناة العربية"],
    "سكاي نيوز عربية": ["سكاي نيوز عربية", "سكاي نيوز", "Sky News"],
    # outlets often quoted as a source; each distinct Arabic spelling is its own name, as pages
    # write it (ديلي ميل / دايلي ميل), so the attribution reads as the page does
    "نيويورك تايمز": ["نيويورك تايمز", "نيويورك تايمس", "New York Times"],
    "واشنطن بوست": ["واشنطن بوست", "Washington Post"],
    "وول ستريت جورنال": ["وول ستريت جورنال", "وول ستريت جورنل", "Wall Street Journal"],
    "فايننشال تايمز": ["فايننشال تايمز", "فاينانشال تايمز", "فايننشيال تايمز", "Financial Times"],
    "الغارديان": ["الغارديان", "غارديان", "The Guardian"],
    "الجارديان": ["الجارديان"],
    "ديلي ميل": ["ديلي ميل", "Daily Mail"],
    "دايلي ميل": ["دايلي ميل"],
    "ديلي تلغراف": ["ديلي تلغراف", "ديلي تليغراف", "Daily Telegraph"],
    "لوموند": ["لوموند", "لو موند", "Le Monde"],
    "لوفيغارو": ["لوفيغارو", "لو فيغارو", "Le Figaro"],
    "هآرتس": ["هآرتس", "هارتس", "Haaretz"],
    "يديعوت أحرونوت": ["يديعوت أحرونوت", "يديعوت احرونوت", "Yedioth Ahronoth"],
    "معاريف": ["معاريف", "Maariv"],
    "إسرائيل هيوم": ["إسرائيل هيوم", "يسرائيل هيوم", "Israel Hayom"],
    "تايمز أوف إسرائيل": ["تايمز أوف إسرائيل", "تايمز أوف اسرائيل", "Times of Israel"],
    "جيروزاليم بوست": ["جيروزاليم بوست", "Jerusalem Post"],
    "هيئة البث الإسرائيلية": ["هيئة البث الإسرائيلية", "هيئة البث الاسرائيلية"],
    "إذاعة الجيش الإسرائيلي": ["إذاعة الجيش الإسرائيلي", "إذاعة الجيش الاسرائيلي", "اذاعة الجيش الإسرائيلي"],
    "القناة 12 الإسرائيلية": ["القناة 12 الإسرائيلية", "القناة 12 العبرية", "القناة الـ12 الإسرائيلية"],
    "القناة 13 الإسرائيلية": ["القناة 13 الإسرائيلية", "القناة 13 العبرية", "القناة الـ13 الإسرائيلية"],
    "أكسيوس": ["أكسيوس", "اكسيوس", "Axios"],
    "بوليتيكو": ["بوليتيكو", "Politico"],
    "فوكس نيوز": ["فوكس نيوز", "Fox News"],
    "إن بي سي": ["إن بي سي", "ان بي سي", "NBC"],
    "سي بي إس": ["سي بي إس", "سي بي اس", "CBS"],
    "دويتشه فيله": ["دويتشه فيله", "دويتشه فيلله", "Deutsche Welle"],
    "فرانس 24": ["فرانس 24", "France 24"],
    "مونت كارلو الدولية": ["مونت كارلو الدولية", "Monte Carlo Doualiya"],
    "روسيا اليوم": ["روسيا اليوم", "آر تي", "RT"],
    "العربي الجديد": ["العربي الجديد"],
    "القدس العربي": ["القدس العربي"],
}
# short Latin abbreviations only count in upper case
_CASE_SENSITIVE = {a for al in AGENCIES.values() for a in al if a.isascii() and len(a) <= 5}
_PREFIX = r"(?:(?<=^)|(?<=[\s(«\"“'\-–—/،,.:]))(?:ل|ب|و|ف|وب|ول|لـ|بـ)?(?:وكالة\s*)?[«\"“']?"
_SUFFIX = r"[»\"”']?(?=$|[\s)»\"”'\-–—/،,.:؛])"


# short names that are also ordinary words or places (قنا = Qena, بنا = "with us"): only in
# parentheses/quotes or right after "وكالة"
_AMBIGUOUS = {"قنا", "بنا", "وام", "واس", "وفا", "واع", "سبأ", "وال", "وات", "واج", "ومع", "إفي", "افي",
              "تاس", "آكي", "أكي", "أ ب", "سانا", "كونا", "بترا", "ارنا", "إرنا", "AA", "AP", "MAP", "INA",
              "SPA", "APS", "TAP", "ONA", "BNA", "NNA",
              # ordinary phrases too: "أعلنت روسيا اليوم" (Russia announced today), "النظام العربي الجديد"
              "روسيا اليوم", "RT", "العربي الجديد", "القدس العربي", "معاريف",
              "الألمانية"}  # "المستشارة الألمانية": the adjective, not dpa


def _compile() -> list[tuple[str, str, re.Pattern]]:
    out = []
    for canon, aliases in AGENCIES.items():
        for a in sorted(aliases, key=len, reverse=True):
            flags = 0 if a in _CASE_SENSITIVE or not a.isascii() else re.IGNORECASE
            if a in _AMBIGUOUS:
                pat = (r"(?:\(\s*|[«\"“]|(?:ل|ب|و)?(?:وكالة|قناة|صحيفة|جريدة|موقع|شبكة)\s+(?:الأنباء\s+)?[«\"“]?)"
                       + re.escape(a)
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
