"""The headline as the reader sees it (the article's <h1>), without the site name.

Pages often carry several <h1> (logo, copyright line); the right one is the one that agrees with
the page's own metadata titles. When no <h1> agrees, the metadata title is used with its
site-name prefix/suffix cut off.
"""

from __future__ import annotations

import re

from marsad.extract.document import Document, clean, text_of

_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|»|«|/|·|•)\s+")


def _tokens(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def _overlap(a: str, b: str) -> float:
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta)


def meta_titles(doc: Document) -> list[str]:
    """og:title, twitter:title, JSON-LD headline and <title>, in that order."""
    out = []
    for v in (doc.first("og:title"), doc.first("twitter:title")):
        if v:
            out.append(v)
    for v in doc.ld("headline"):
        if isinstance(v, str) and v.strip():
            out.append(clean(v))
    t = doc.tree.findtext(".//title")
    if t and t.strip():
        out.append(clean(t))
    return out


def strip_site_name(title: str, site_names: list[str]) -> str:
    """Cut "Site - " / " | Site" / " - Section - Site" parts around the headline."""
    parts = _SEPARATORS.split(title)
    if len(parts) == 1:
        return title
    names = [n.lower().strip() for n in site_names if n and len(n.strip()) >= 3]

    def is_site(part: str) -> bool:
        p = part.lower().strip()
        return not p or any(p == n or (len(p) >= 3 and (n in p or p in n)) for n in names)

    while len(parts) > 1 and is_site(parts[-1]):
        parts.pop()
    while len(parts) > 1 and is_site(parts[0]):
        parts.pop(0)
    if len(parts) == 1:
        return parts[0].strip()
    # still several parts: the headline is the longest one ("headline - section - subsection")
    return max(parts, key=lambda p: len(p.split())).strip()


def site_names(doc: Document) -> list[str]:
    names = []
    for v in (doc.first("og:site_name"), doc.first("application-name"), doc.first("twitter:site")):
        if v:
            names.append(v.lstrip("@"))
    for pub in doc.ld("publisher") + doc.ld("name", ("Organization", "WebSite", "NewsMediaOrganization")):
        if isinstance(pub, dict) and isinstance(pub.get("name"), str):
            names.append(clean(pub["name"]))
        elif isinstance(pub, str):
            names.append(clean(pub))
    # the non-headline parts of the <title> / og:title name the site ("... - المدينة نيوز")
    h1s = [clean(text_of(h)) for h in doc.tree.iter("h1")]
    for t in meta_titles(doc):
        parts = _SEPARATORS.split(t)
        if len(parts) > 1:
            for p in (parts[0], parts[-1]):
                if p and not any(_overlap(p, h) > 0.5 for h in h1s if h) and len(p.split()) <= 4:
                    names.append(p)
    for u in (doc.canonical, doc.url):
        label = host_label(u)
        if label:
            names.append(label)
            break
    return [n for n in names if n and "/" not in n]


def host_label(url: str | None) -> str | None:
    """"arabic.cnn.com" -> "cnn", "www.okaz.com.sa" -> "okaz": the site's own name in its host."""
    m = re.search(r"//([^/:?#]+)", url or "")
    if not m:
        return None
    parts = m.group(1).lower().split(".")
    if len(parts) >= 3 and parts[-2] in ("com", "co", "net", "org", "gov", "edu", "ac"):
        parts = parts[:-1]
    return parts[-2] if len(parts) >= 2 else parts[0]


def extract_title(doc: Document) -> str:
    """Visible <h1> agreeing with the metadata, else the cleaned metadata title, else ""."""
    metas = meta_titles(doc)
    names = site_names(doc)
    best, best_score = None, 0.0
    first_h1 = None
    for h in doc.tree.iter("h1", "h2"):
        text = clean(text_of(h))
        if not text or len(text) > 400 or text.startswith("©"):
            continue
        if any(text.lower() == n.lower() for n in names):
            continue
        if first_h1 is None and h.tag == "h1":
            first_h1 = text
        score = max((_overlap(text, m) for m in metas), default=0.0)
        if h.tag == "h2":
            score -= 0.25  # an <h2> only when it clearly is the headline
        if score > best_score + 1e-9:
            best, best_score = text, score
    if best and best_score >= 0.6:
        return best
    if first_h1 and len(first_h1.split()) >= 3:
        return first_h1  # the metadata titles are generic ("الرئيسية", the site name)
    for m in metas:
        stripped = strip_site_name(m, names)
        if stripped:
            return stripped
    return best or first_h1 or ""
