"""News agencies an article credits: "(رويترز)", "- أ ف ب", "المصدر: وكالات", a dateline agency.

Matching runs on matching-normalized text (أ/إ/آ -> ا, ة -> ه, ى -> ي). Free-text mentions
("قالت رويترز إن ...") are not credits; only the places where outlets put a credit are read:
the article's `attribution` and `dateline` (filled by the extractor), parentheses and dashes
near the start, and a short closing line.
"""

from __future__ import annotations

import re

from marsad.model import Article

# key -> (matching-normalized names, source keys an outlet of the agency is stored under)
AGENCIES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "reuters": (("رويترز", "reuters"), ("reuters.com", "ara.reuters.com", "reuters")),
    "afp": (("ا ف ب", "اف ب", "ا.ف.ب", "ا. ف. ب", "فرانس برس", "فرانس پرس", "afp"), ("afp.com", "afp")),
    "ap": (("اسوشيتد برس", "اسوشييتد برس", "اسوشيتدبرس", "ا ب", "ap"), ("apnews.com", "ap")),
    "dpa": (("د ب ا", "د.ب.ا", "الالمانيه للانباء", "dpa"), ("dpa.com", "dpa")),
    "spa": (("واس", "وكاله الانباء السعوديه"), ("spa.gov.sa", "was", "spa")),
    "wam": (("وام", "وكاله انباء الامارات"), ("wam.ae", "wam")),
    "qna": (("قنا", "وكاله الانباء القطريه"), ("qna.org.qa", "qna")),
    "kuna": (("كونا", "وكاله الانباء الكويتيه"), ("kuna.net.kw", "kuna")),
    "sana": (("سانا", "الوكاله العربيه السوريه للانباء"), ("sana.sy", "sana")),
    "mena": (("ا ش ا", "ا.ش.ا", "وكاله انباء الشرق الاوسط"), ("mena.org.eg", "mena")),
    "petra": (("بترا", "وكاله الانباء الاردنيه"), ("petra.gov.jo", "petra")),
    "bna": (("بنا", "وكاله انباء البحرين"), ("bna.bh", "bna")),
    "ina": (("واع", "وكاله الانباء العراقيه"), ("ina.iq", "ina")),
    "anadolu": (("الاناضول", "الاناضول للانباء", "anadolu"), ("aa.com.tr", "anadolu")),
    "xinhua": (("شينخوا", "شينخوا", "xinhua"), ("xinhuanet.com", "xinhua")),
    "sputnik": (("سبوتنيك", "sputnik"), ("sputniknews.com", "arabic.sputniknews.com", "sputnik")),
    "agencies": (("وكالات", "وكالات الانباء", "agencies"), ()),
}

_NAME_TO_KEY = {name: key for key, (names, _) in AGENCIES.items() for name in names}
_NAMES = tuple(_NAME_TO_KEY)
_ALT = "|".join(sorted((re.escape(n) for n in _NAME_TO_KEY), key=len, reverse=True))
# A credit near the start: "(رويترز)", "- ا ف ب", "واشنطن - رويترز:", "(ا ف ب) -"
_PAREN = re.compile(rf"[\(\[]\s*({_ALT})\s*(?:[،,/و-]\s*({_ALT})\s*)?[\)\]]")
_DASH = re.compile(rf"[\-–—/]\s*[«\"]?({_ALT})[»\"]?\s*(?:[:\-–—،,]|$)")
_START = re.compile(rf"^[\s*•]*[«\"]?({_ALT})[»\"]?\s*[\-–—:/]")
_WORD = re.compile(rf"(?<![\w.])({_ALT})(?![\w.])")
# A closing credit line: "المصدر: رويترز", "وكالات", "(ا ف ب)"
_CLOSING = re.compile(rf"^[\s\(\[\-–—]*(?:المصدر|مصدر|نقلا عن)?\s*[:：]?\s*[\(\[]?\s*({_ALT})\s*(?:[،,/و\-]\s*({_ALT}))?\s*[\)\]]?[\s.]*$")


def agency_key(name: str) -> str:
    """Canonical key of an agency name (the normalized name itself when unknown)."""
    from marsad.arabic import normalize

    norm = " ".join(re.sub(r"[()\[\]:]", " ", normalize(name or "", matching=True)).split())
    if norm in _NAME_TO_KEY:
        return _NAME_TO_KEY[norm]
    for n, key in _NAME_TO_KEY.items():
        if len(n) > 3 and n in norm:
            return key
    return norm


def agency_sources(key: str) -> tuple[str, ...]:
    return AGENCIES.get(key, ((), ()))[1]


def credited_agencies(article: Article) -> dict[str, str]:
    """Agency key -> where it was found (attribution|dateline|text)."""
    from marsad.arabic import normalize

    found: dict[str, str] = {}
    for name in article.attribution or []:
        key = agency_key(name)
        if key:
            found.setdefault(key, "attribution")
    dl = article.dateline
    if dl is not None and dl.agency:
        key = agency_key(dl.agency)
        if key:
            found.setdefault(key, "dateline")
    paragraphs = [p for p in ([article.lead] if article.lead else []) + list(article.body) if p and p.strip()]
    if not paragraphs:
        return found
    head = normalize(" ".join(paragraphs[:2])[:300], matching=True)
    last = normalize(paragraphs[-1][:200], matching=True) if len(paragraphs[-1].split()) <= 6 else ""
    if not any(n in head or n in last for n in _NAMES):  # cheap test before the regexes
        return found
    for m in _PAREN.finditer(head):
        for g in m.groups():
            if g:
                found.setdefault(_NAME_TO_KEY[g], "text")
    for m in _DASH.finditer(head[:120]):
        found.setdefault(_NAME_TO_KEY[m.group(1)], "text")
    start = _START.match(head)
    if start:
        found.setdefault(_NAME_TO_KEY[start.group(1)], "text")
    first = normalize(paragraphs[0], matching=True)
    if len(first.split()) <= 6 and re.search(r"[-–—/(]", first):  # a dateline line: "الرياض - واس"
        for w in _WORD.finditer(first):
            found.setdefault(_NAME_TO_KEY[w.group(1)], "text")
    if last:
        closing = _CLOSING.match(last)
        if closing:
            for g in closing.groups():
                if g:
                    found.setdefault(_NAME_TO_KEY[g], "text")
    return found
