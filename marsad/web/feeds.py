"""Atom feeds for a search, a story and a source (newest first, 50 entries)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Annotated, Any
from xml.etree import ElementTree as ET

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import Response

from marsad.model import Article
from marsad.web.render import safe_url
from marsad.web.schemas import ErrorOut

router = APIRouter(prefix="/feeds", tags=["feeds"])

ATOM = "http://www.w3.org/2005/Atom"
ENTRIES = 50
MAX_ID = 2**63 - 1
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ERROR: dict[str, Any] = {"model": ErrorOut}
ATOM_RESPONSE: dict[int | str, dict[str, Any]] = {200: {"content": {"application/atom+xml": {}}, "description": "an Atom feed"},
                 400: {**_ERROR, "description": "invalid query"}, 404: {**_ERROR, "description": "not found"}}  # fmt: skip


def _clean(text: Any) -> str:
    """Text that XML can carry (control characters dropped); ElementTree escapes the rest."""
    return _NOT_XML.sub("", "" if text is None else str(text))


def _stamp(value: datetime | None) -> str:
    value = value or datetime.now(UTC)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _sub(parent: ET.Element, tag: str, text: Any = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _clean(v) for k, v in attrs.items()})
    if text is not None:
        el.text = _clean(text)
    return el


def atom(request: Request, title: str, articles: list[Article]) -> Response:
    ET.register_namespace("", ATOM)
    base = str(request.base_url).rstrip("/")
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "ar"})
    _sub(feed, "id", str(request.url))
    _sub(feed, "title", title)
    _sub(feed, "updated", _stamp(max((a.when for a in articles if a.when), default=None, key=_stamp)))
    _sub(feed, "link", rel="self", href=str(request.url))
    _sub(feed, "generator", "marsad")
    for a in articles:
        entry = _sub(feed, "entry")
        page = f"{base}/articles/{a.id}"
        _sub(entry, "id", page)
        _sub(entry, "title", a.title or "(بلا عنوان)")
        _sub(entry, "updated", _stamp(a.updated or a.when))
        if a.published:
            _sub(entry, "published", _stamp(a.published))
        _sub(entry, "link", rel="alternate", type="text/html", href=page)
        original = safe_url(a.canonical_url) or safe_url(a.url)
        if original:
            _sub(entry, "link", rel="related", href=original)
        author = _sub(entry, "author")
        _sub(author, "name", ", ".join(a.authors) or a.site_name or a.source or "—")
        summary = a.lead or (a.body[0] if a.body else "")
        _sub(entry, "summary", summary[:600], type="text")
        for tag in a.tags[:20]:
            _sub(entry, "category", term=tag)
    body = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return Response(body, media_type="application/atom+xml; charset=utf-8")


@router.get("/search.atom", responses=ATOM_RESPONSE, response_class=Response, summary="Atom feed of a search")
def search_feed(request: Request, q: Annotated[str, Query(min_length=1, max_length=1000)]) -> Response:
    from marsad.search import search

    result = search(request.app.state.store, q, limit=ENTRIES, sort="date")
    return atom(request, f"مرصد — بحث: {q}", [h.article for h in result.hits])


@router.get("/story/{story_id}.atom", responses=ATOM_RESPONSE, response_class=Response,
            summary="Atom feed of a story")  # fmt: skip
def story_feed(request: Request, story_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> Response:
    store = request.app.state.store
    story = store.get_story(story_id)
    if story is None:
        raise HTTPException(404, f"no story {story_id}")
    ids = store.story_article_ids(story_id)[-ENTRIES:]
    return atom(request, f"مرصد — قصة: {story.title}", list(reversed(store.get_articles(ids))))


@router.get("/source/{key}.atom", responses=ATOM_RESPONSE, response_class=Response,
            summary="Atom feed of a source")  # fmt: skip
def source_feed(request: Request, key: Annotated[str, Path(max_length=200)]) -> Response:
    store = request.app.state.store
    articles = store.latest_articles(limit=ENTRIES, source=key)
    if not articles and store.get_source(key) is None:
        raise HTTPException(404, f"no source {key}")
    return atom(request, f"مرصد — مصدر: {key}", articles)
