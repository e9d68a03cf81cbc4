"""JSON API under /api: read-only by default; writes need the configured bearer token."""

from __future__ import annotations

import hmac
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from marsad.model import Source
from marsad.web import exports, schemas, views

router = APIRouter(prefix="/api", tags=["api"])

MAX_ID = 2**63 - 1
ArticleId = Annotated[int, Path(ge=1, le=MAX_ID, description="article id")]
StoryId = Annotated[int, Path(ge=1, le=MAX_ID, description="story id")]
Limit = Annotated[int, Query(ge=1, le=100, description="items per page")]
Cursor = Annotated[str | None, Query(max_length=90, pattern=views.CURSOR_PATTERN,
                                      description="next_cursor of the previous page")]  # fmt: skip
SearchQuery = Annotated[str, Query(min_length=1, max_length=1000, description="query, see docs/search.md")]

Responses = dict[int | str, dict[str, Any]]
E400: Responses = {400: {"model": schemas.ErrorOut, "description": "invalid query or cursor"}}
E404: Responses = {404: {"model": schemas.ErrorOut, "description": "not found"}}
AUTH_ERRORS: Responses = {
    400: {"model": schemas.ErrorOut, "description": "the body is not JSON"},
    401: {"model": schemas.ErrorOut, "description": "missing or wrong bearer token"},
    403: {"model": schemas.ErrorOut, "description": "writes are disabled (no api_token configured)"},
    409: {"model": schemas.ErrorOut, "description": "already exists"},
}
bearer = HTTPBearer(auto_error=False, description="the api_token setting")


def store_of(request: Request) -> Any:
    return request.app.state.store


def require_token(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> None:
    """Writes are allowed only with `Authorization: Bearer <api_token>`, and never without a token set."""
    token = str(getattr(request.app.state.config, "api_token", "") or "")
    given = credentials.credentials if credentials else ""
    if not given:
        raise HTTPException(401, "an 'Authorization: Bearer <api_token>' header is required",
                            headers={"WWW-Authenticate": "Bearer"})  # fmt: skip
    if not token:
        raise HTTPException(403, "writes are disabled: set the api_token setting (MARSAD_API_TOKEN) to enable them")
    if not hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8")):
        raise HTTPException(401, "a valid 'Authorization: Bearer <api_token>' header is required",
                            headers={"WWW-Authenticate": "Bearer"})  # fmt: skip


def _page_error(exc: views.BadCursor) -> HTTPException:
    return HTTPException(400, f"{exc}: pass the next_cursor value of a previous page unchanged")


@router.get("/articles", response_model=schemas.ArticlePage, responses=E400, summary="Articles, newest first")
def list_articles(
    request: Request, cursor: Cursor = None, limit: Limit = 20,
    source: Annotated[str | None, Query(max_length=200, description="only this source key")] = None,
) -> dict[str, Any]:  # fmt: skip
    try:
        page, next_cursor = views.articles_page(store_of(request), cursor=cursor, limit=limit, source=source)
    except views.BadCursor as exc:
        raise _page_error(exc) from exc
    return {"items": [schemas.article_summary(a) for a in page], "next_cursor": next_cursor}


@router.get("/articles/{article_id}", response_model=schemas.ArticleOut, responses=E404, summary="One article")
def get_article(request: Request, article_id: ArticleId) -> dict[str, Any]:
    store = store_of(request)
    article = store.get_article(article_id)
    if article is None:
        raise HTTPException(404, f"no article {article_id}")
    data = schemas.article_full(article)
    data["relations"] = [vars(r) for r in store.relations_of(article_id)]
    return data


@router.get("/stories", response_model=schemas.StoryPage, responses=E400, summary="Stories, latest activity first")
def list_stories(request: Request, cursor: Cursor = None, limit: Limit = 20) -> dict[str, Any]:
    try:
        page, next_cursor = views.stories_page(store_of(request), cursor=cursor, limit=limit)
    except views.BadCursor as exc:
        raise _page_error(exc) from exc
    return {"items": [schemas.story_out(s) for s in page], "next_cursor": next_cursor}


@router.get("/stories/{story_id}", response_model=schemas.StoryDetailOut, responses=E404,
            summary="One story with its articles and copy chain")  # fmt: skip
def get_story(request: Request, story_id: StoryId) -> dict[str, Any]:
    detail = views.story_detail(store_of(request), story_id)
    if detail is None:
        raise HTTPException(404, f"no story {story_id}")
    data = schemas.story_out(detail.story)
    data["articles"] = [schemas.article_summary(a) for a in detail.articles]
    data["outlets"] = detail.outlets
    data["chain"] = [
        {"article": s.article.id, "parent": s.parent.id if s.parent else None, "source": s.article.source,
         "first": s.first, "gap_seconds": s.gap_s, "headline_changed": s.headline_changed,
         "added_paragraphs": len(s.added), "removed_paragraphs": len(s.removed), "evidence": s.evidence}
        for s in detail.chain
    ]  # fmt: skip
    return data


def _source_json(store: Any, key: str) -> dict[str, Any]:
    total = sum(n for _, n in store.fts_facets(None, where=[("source", key)])["source"])
    return schemas.source_out(key, store.get_source(key), store.source_health(key), total)


@router.get("/sources", response_model=schemas.SourceList, summary="Sources with their health")
def list_sources(request: Request) -> dict[str, Any]:
    store = store_of(request)
    return {"items": [_source_json(store, key) for key in views.source_keys(store)]}


@router.post("/sources", response_model=schemas.SourceOut, status_code=201, responses=AUTH_ERRORS,
             summary="Add a source (needs the bearer token)", dependencies=[Depends(require_token)])  # fmt: skip
def add_source(request: Request, body: schemas.SourceIn) -> dict[str, Any]:
    from marsad.web.render import safe_url

    if not safe_url(body.homepage) or any(not safe_url(f) for f in body.feeds):
        raise HTTPException(422, "homepage and feeds must be http(s) URLs with a host")
    from urllib.parse import urlsplit

    host = (urlsplit(body.homepage).hostname or "").lower()
    key = body.key or (host[4:] if host.startswith("www.") and len(host) > 4 else host)
    store = store_of(request)
    if store.get_source(key) is not None:
        raise HTTPException(409, f"source {key!r} already exists")
    store.upsert_source(Source(key=key, name=body.name, homepage=body.homepage, feeds=list(body.feeds),
                               domains=[host] if host else [], kind=body.kind))  # fmt: skip
    return _source_json(store, key)


@router.get("/search", response_model=schemas.SearchOut, responses=E400,
            summary="Search; the same JSON as `marsad search --json`")  # fmt: skip
def search(
    request: Request, q: SearchQuery, limit: Limit = 20,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
    sort: Literal["rank", "date", "date_asc"] = "rank",
    collapse: Annotated[bool, Query(description="fold copies of one text into one hit")] = True,
) -> dict[str, Any]:  # fmt: skip
    from marsad.search import search as run_search

    return run_search(store_of(request), q, limit=limit, offset=offset, sort=sort, collapse=collapse).to_json()


@router.get("/attention", response_model=schemas.AttentionOut, responses=E400,
            summary="Articles per day matching a query (optionally one series per source)")  # fmt: skip
def attention(
    request: Request, q: Annotated[str, Query(max_length=1000)] = "", by_source: bool = False
) -> dict[str, Any]:
    from marsad.search import attention as run_attention

    return {"query": q, "series": run_attention(store_of(request), q, by_source=by_source)}


@router.get(
    "/export", responses={**E400, 200: {"content": {"text/csv": {}, "application/x-ndjson": {}},
                                        "description": "a streamed file of articles"}},
    response_class=StreamingResponse, summary="Export a result set (or everything) as CSV or JSON Lines",
)  # fmt: skip
def export(
    request: Request, format: Literal["csv", "jsonl"] = "csv",
    q: Annotated[str, Query(max_length=1000, description="query; empty: every article")] = "",
) -> StreamingResponse:  # fmt: skip
    return exports.export_response(store_of(request), q, format)


@router.get("/stats", summary="Counts of the store")
def stats(request: Request) -> dict[str, Any]:
    data = store_of(request).stats()
    data.pop("store", None)  # no file paths to clients
    return data
