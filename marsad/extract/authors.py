"""Authors as clean person names.

Candidates come from JSON-LD Person authors, author meta tags, itemprop/rel/class "author"
elements and "كتب/كتبت" bylines near the headline. Labels are stripped, a trailing place
("حسام أبو العلا - القاهرة") is cut, and URLs, file names, the outlet's own name and
place-plus-source lines ("(أبوظبي - البيان)") are rejected.
"""

from __future__ import annotations

import re
from functools import lru_cache

from marsad.extract.document import ARTICLE_TYPES, Document, clean, text_of

_LABEL = re.compile(
    r"^(?:كتب(?:ت|ه|ها)?|بقلم|حوار|تحرير|إعداد|اعداد|تقرير|ترجمة|المحرر|مراسل(?:ة)?|حاور(?:ه|ته|ها|هم)?|by|written by|author|par)\s*[:：\-–]?\s*",
    re.IGNORECASE,
)
_ORG_WORDS = re.compile(
    r"نيوز|news|صحيفة|جريدة|موقع|بوابة|وكالة|قناة|شبكة|تلفزيون|تليفزيون|مؤسسة|شركة|فريق|أسرة التحرير|"
    r"التحرير|المحرر|editor|staff|admin|desk|team|developed|designed|powered|copyright|©|\.com|\.net|www|http|/|@|\.(?:png|jpe?g|gif|svg|webp)|"
    # link labels of author boxes ("جميع مقالات الكاتب", "المزيد من مقالات", "أرشيف الكاتب")
    r"مقالات|مقالاته|الكاتب|الكتاب|كتّاب|جميع|المزيد|أرشيف|ارشيف",
    re.IGNORECASE,
)
_HONORIFIC = re.compile(
    r"^(?:(?:أ\.\s?د|ا\.\s?د|د|م|أ|Dr|Prof)\.\s*|(?:الدكتورة?|الدكتور|دكتور|الأستاذة?|الاستاذة?|المهندسة?|الشيخ|السيد|السيدة)\s+)+",
    re.IGNORECASE,
)
_COMMENT_ATTR = re.compile(r"comment|respond|discussion|disqus", re.IGNORECASE)
WINDOW = 400  # elements between the headline and an author element, in document order
_BYLINE = re.compile(r"^(?:كتب(?:ت|ه)?|بقلم)\s*[:：\-–]?\s*\S+\s+\S+")
_AUTHOR_ATTR = re.compile(r"author|byline|writer|writeby|kateb|reporter|editor-?name|post-meta-author", re.IGNORECASE)


def clean_name(raw: str, site_names: list[str]) -> str | None:
    """A person name from a raw author string, or None when it is not one."""
    text = clean(raw)
    text = _LABEL.sub("", text).strip(" :-–—|،,")
    if not text or text.startswith("("):
        return None
    text = re.split(r"\s+[-–—|/]\s+|\s*،\s*", text)[0].strip()  # drop "- القاهرة", "، مراسل"
    text = _HONORIFIC.sub("", text).strip()  # "د. سامي الخطيب" -> the name itself
    if ":" in text:
        text = text.rsplit(":", 1)[1].strip()  # "عمان: واس" (a dateline in an author field) -> "واس"
    if not text or _ORG_WORDS.search(text) or re.search(r"\d", text):
        return None
    words = text.split()
    if not 2 <= len(words) <= 5:
        return None
    low = text.lower()
    for n in site_names:
        n = (n or "").lower().strip()
        if n and (low == n or (len(n) > 3 and (n in low or low in n))):
            return None
    return text


@lru_cache(maxsize=65_536)
def _author_attrs(*values: str | None) -> bool:
    attrs = " ".join(filter(None, values))
    return bool(attrs and _AUTHOR_ATTR.search(attrs))


def _nested_names(el) -> list[str]:
    """Distinct texts of the author elements inside `el` ("رنا الحسيني", "عمر المومني")."""
    texts = [clean(text_of(x)) for x in el.iter() if x is not el and isinstance(x.tag, str)
             and _author_attrs(x.get("class"), x.get("id"), x.get("itemprop"), x.get("rel"))]
    names = [t for t in dict.fromkeys(texts) if t and len(t.split()) <= 5]
    return [n for n in names if not any(n != m and n in m for m in names)]  # a wrapper's text holds its parts


def _candidates(doc: Document) -> list[str]:
    """Raw author strings: JSON-LD first, then author elements nearest the headline, then meta."""
    out: list[str] = []
    for a in doc.ld("author", ARTICLE_TYPES):
        for item in a if isinstance(a, list) else [a]:
            if isinstance(item, dict):
                if str(item.get("@type", "Person")) in ("Person", "") and isinstance(item.get("name"), str):
                    out.append(item["name"])
            elif isinstance(item, str):
                out.append(item)
    metas: list[str] = []
    for key in ("author", "article:author", "dc.creator", "byl", "sailthru.author", "parsely-author"):
        metas.extend(doc.meta.get(key, []))
    body = doc.tree.find("body")
    if body is None:
        return out + metas
    anchor = 0
    near: list[tuple[int, str]] = []  # (element index, raw text), filtered by distance below
    for i, el in enumerate(body.iter()):
        tag = el.tag
        text = el.text
        if text and ("كتب" in text or "بقلم" in text):
            own = clean(text)
            if own and len(own.split()) <= 6 and _BYLINE.match(own):
                near.append((i, own))
        if tag == "h1" and not anchor:
            anchor = i
        if not isinstance(tag, str) or tag in ("script", "style"):
            continue
        if not _author_attrs(el.get("class"), el.get("id"), el.get("itemprop"), el.get("rel")):
            continue
        if any(_COMMENT_ATTR.search(" ".join(filter(None, (a.get("class"), a.get("id"))))) for a in el.iterancestors()):
            continue  # a reader's name in the comments
        if el.get("itemprop") == "author" and el.get("content"):
            near.append((i, el.get("content")))
            continue
        named = el.find(".//*[@itemprop='name']")
        text = clean(text_of(named)) if named is not None else clean(text_of(el))
        several = _nested_names(el)
        if len(several) >= 2:  # a wrapper of several author elements: one name each, not run together
            near.append((i, "، ".join(several)))
        elif text and len(text) < 80:
            near.append((i, text))
    found = [(abs(i - anchor), text) for i, text in near if abs(i - anchor) <= WINDOW]  # sidebars list other writers
    found.sort(key=lambda t: t[0])
    return out + [t for _, t in found] + metas


def _jsonld_people(doc: Document) -> list[str]:
    out = []
    for a in doc.ld("author", ARTICLE_TYPES):
        for item in a if isinstance(a, list) else [a]:
            if isinstance(item, dict) and str(item.get("@type", "Person")) == "Person" \
                    and isinstance(item.get("name"), str):
                out.append(item["name"])
    return out


def split_names(raw: str) -> list[str]:
    """"أحمد علي ووليد حسن" / "A, B and C" -> separate names (each side at least two words)."""
    text = _LABEL.sub("", clean(raw))
    parts = [p.strip() for p in re.split(r"\s*[،,]\s*|\s+and\s+|\s+&\s+", text) if p.strip()]
    out: list[str] = []
    for part in parts:
        m = re.match(r"^(\S+\s+\S+(?:\s+\S+)?)\s+و(\S+\s+\S+.*)$", part)
        if m and len(m.group(2).split()) >= 2:
            out.extend([m.group(1), m.group(2)])
        else:
            out.append(part)
    return out


def extract_authors(doc: Document, site_names: list[str]) -> list[str]:
    """Person names: every JSON-LD Person author, else the first valid byline/author element/meta
    (split when it names several people)."""
    people = [n for n in (clean_name(p, site_names) for p in _jsonld_people(doc)) if n]
    if people:
        return list(dict.fromkeys(people))
    for raw in _candidates(doc):
        names = [n for n in (clean_name(p, site_names) for p in split_names(raw)) if n]
        if names:
            return list(dict.fromkeys(names))
    return []
