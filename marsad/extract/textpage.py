"""Segment a page flattened to plain text (one paragraph per line) into the main article, the
related article(s) that follow it, and boilerplate.

Line roles: date lines, labels ("إقرأ أيضاً:", "كلمات دلالية: ..."), generic boilerplate
(disclaimers, "المصدر: ...", author boxes, credit lines "المسلة – متابعة – وكالات"), and text.
An article is a short title line, its date lines, then paragraphs; a read-also label, or a new
title line followed by a date line, starts the next (related) article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC

from marsad.extract.attribution import extract_attribution
from marsad.extract.body import is_date_line
from marsad.extract.boilerplate import is_boilerplate_line
from marsad.extract.dateline import parse_dateline
from marsad.extract.datetext import parse_text_date
from marsad.extract.document import clean
from marsad.extract.media import language
from marsad.extract.related import RELATED_LABEL
from marsad.extract.tags import TAG_LABEL
from marsad.model import Article, Link

_CREDIT = re.compile(r"^\S+(?:\s\S+)?\s*[–—-]\s*(?:متابعة|خاص|تقرير|ترجمة)(?:\s*[–—-]\s*\S+){0,2}$|^(?:ال)?مصدر\s*[:：]")
_SOURCE = re.compile(r"^(?:ال)?مصدر\s*[:：]\s*(?P<name>.{2,40})$")
_AUTHOR_BOX = re.compile(r"^About (?:the |Post )?Author|See author'?s posts|^عن الكاتب", re.IGNORECASE)


@dataclass
class TextPage:
    """A flattened page: its main article, the related articles shown with it, and boilerplate."""

    article: Article
    related: list[Article] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)


@dataclass
class _Segment:
    title: str | None = None
    date_lines: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


def _role(line: str) -> str:
    if RELATED_LABEL.search(line.rstrip(" :：")) or RELATED_LABEL.search(line):
        return "related"
    if TAG_LABEL.search(line):
        return "tags"
    if _AUTHOR_BOX.search(line) or _CREDIT.search(line):
        return "boiler"
    if len(line.split()) <= 14 and (is_date_line(line) or (parse_text_date(line) and re.search(r"نشر|تاريخ|GMT", line))):
        return "date"
    if is_boilerplate_line(line):
        return "boiler"
    return "text"


def _is_title_like(line: str) -> bool:
    return len(line.split()) <= 25 and not line.rstrip().endswith((".", "،", ":"))


def segment(lines: list[str]) -> tuple[list[_Segment], list[str], str | None]:
    """Split lines into article segments; returns (segments, boilerplate lines, source name)."""
    segments: list[_Segment] = []
    boiler: list[str] = []
    source = None
    cur: _Segment | None = None
    in_related = False  # after a read-also label, bare title lines are separate related items
    roles = [_role(line) for line in lines]
    for i, (line, role) in enumerate(zip(lines, roles, strict=True)):
        nxt = roles[i + 1] if i + 1 < len(roles) else None
        if role == "related":
            boiler.append(line)
            cur = None
            in_related = True
            continue
        if role == "tags":
            boiler.append(line)
            value = TAG_LABEL.sub("", line).strip(" :：")
            if segments and value:
                segments[-1].tags.extend(t.strip() for t in re.split(r"[,،]", value) if t.strip())
            continue
        if role == "boiler":
            boiler.append(line)
            m = _SOURCE.match(line)
            if m:
                source = m.group("name").strip()
            continue
        if role == "date":
            if cur is None:
                cur = _Segment()
                segments.append(cur)
            cur.date_lines.append(line)
            continue
        # text line
        starts_new = cur is None or (cur.body and _is_title_like(line) and nxt == "date") or (
            in_related and cur.title and not cur.body and not cur.date_lines and _is_title_like(line))
        if starts_new:
            cur = _Segment(title=line if _is_title_like(line) else None)
            segments.append(cur)
            if cur.title is None:
                cur.body.append(line)
            continue
        assert cur is not None  # starts_new is true whenever cur is None
        if cur.title is None and not cur.body and not cur.date_lines and _is_title_like(line):
            cur.title = line
            continue
        cur.body.append(line)
    return [s for s in segments if s.title or s.body], boiler, source


def _article(seg: _Segment, url: str | None, site_names: list[str]) -> Article:
    published = precision = evidence = None
    for line in seg.date_lines:
        td = parse_text_date(line)
        if td is None:
            continue
        when = td.when
        if when.tzinfo is None:  # a text page has no host to guess the zone from
            when = when.replace(tzinfo=UTC)
        if published is None or (precision == "day" and td.precision != "day"):
            published, precision = when, td.precision
            evidence = f"date line under the title: '{line}'"
        elif published.date() != when.date():
            evidence = (evidence or "") + f"; other date line '{line}' disagrees"
    dateline = parse_dateline(seg.body[0], site_names) if seg.body else None
    attribution = extract_attribution(seg.body, site_names, dateline.agency if dateline else None)
    return Article(title=seg.title or "", body=list(seg.body), url=url, published=published,
                   published_precision=precision, published_evidence=evidence, dateline=dateline,
                   attribution=attribution, tags=list(dict.fromkeys(seg.tags)),
                   language=language(seg.body, seg.title or ""), site_name=site_names[0] if site_names else None)


def extract_text_page(text: str, url: str | None = None) -> TextPage:
    """Main article, related articles (with their own dates) and boilerplate of a flattened page."""
    lines = [clean(line) for line in (text or "").splitlines()]
    lines = [line for line in lines if line]
    segments, boiler, source = segment(lines)
    names = [source] if source else []
    if not segments:
        return TextPage(article=Article(title=""), boilerplate=boiler)
    main = _article(segments[0], url, names)
    related = [_article(s, None, names) for s in segments[1:]]
    main.related = [Link(title=r.title, url=None, published=r.published) for r in related]
    return TextPage(article=main, related=related, boilerplate=boiler)
