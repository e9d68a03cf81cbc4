"""Server-rendered HTML pages: home, stories, articles, search, sources. No JavaScript needed."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from marsad.errors import QueryError
from marsad.web import archive, charts, views
from marsad.web.render import render

router = APIRouter(include_in_schema=False)

MAX_ID = 2**63 - 1
PAGE = 20
Text = Annotated[str, Query(max_length=1000)]


def store_of(request: Request) -> Any:
    return request.app.state.store


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> Response:
    store = store_of(request)
    stats = store.stats()
    stories, next_cursor = views.stories_page(store, cursor=None, limit=PAGE)
    cards = views.story_cards(store, stories)
    latest = store.latest_articles(limit=PAGE) if not stories and stats["articles"] else []
    return render(request, "home.html", {
        "stats": stats, "cards": cards, "latest": latest, "next_cursor": next_cursor, "spark": charts.sparkline,
    })  # fmt: skip


@router.get("/stories", response_class=HTMLResponse)
def stories(request: Request, cursor: Annotated[str | None, Query(max_length=500)] = None) -> Response:
    store = store_of(request)
    try:
        page, next_cursor = views.stories_page(store, cursor=cursor, limit=PAGE)
    except views.BadCursor as exc:
        raise HTTPException(400, "رابط الصفحة التالية غير صالح") from exc
    return render(request, "stories.html", {
        "cards": views.story_cards(store, page), "next_cursor": next_cursor, "spark": charts.sparkline,
    })  # fmt: skip


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(request: Request, story_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> Response:
    detail = views.story_detail(store_of(request), story_id)
    if detail is None:
        raise HTTPException(404, f"لا توجد قصة رقم {story_id}")
    series = {"مقالات": detail.days}
    chart = charts.line_chart(series, title="مقالات القصة في اليوم", height=220)
    return render(request, "story.html", {"d": detail, "chart": chart, "table": charts.chart_table(series),
                                          "names": list(series)})  # fmt: skip


@router.get("/articles", response_class=HTMLResponse)
def articles(
    request: Request,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
    source: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    try:
        page, next_cursor = views.articles_page(store_of(request), cursor=cursor, limit=PAGE, source=source)
    except views.BadCursor as exc:
        raise HTTPException(400, "رابط الصفحة التالية غير صالح") from exc
    return render(request, "articles.html", {"articles": page, "next_cursor": next_cursor, "source": source})


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> Response:
    detail = views.article_detail(store_of(request), article_id)
    if detail is None:
        raise HTTPException(404, f"لا يوجد مقال رقم {article_id}")
    return render(request, "article.html", {"d": detail, "a": detail.article})


@router.get("/articles/{article_id}/original")
def original(request: Request, article_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> Response:
    """The archived page as a download (text/plain, attachment): never rendered as HTML."""
    store = store_of(request)
    found = store.get_article(article_id)
    capture = store.get_capture(found.capture_id) if found and found.capture_id else None
    if capture is None:
        raise HTTPException(404, "لا توجد نسخة مؤرشفة لهذا المقال")
    config = request.app.state.config
    found_payload = archive.read_payload(
        capture, archive.config_value(config, "data_dir", None), archive.config_value(config, "max_body_bytes", 10**7)
    )  # fmt: skip
    if found_payload is None:
        raise HTTPException(404, "ملف الأرشيف (WARC) غير موجود أو لا يحوي هذه الصفحة")
    payload, charset = found_payload
    # the bytes as archived, labelled with the charset the site declared (none if it declared none)
    return Response(payload, headers={
        "Content-Type": f"text/plain; charset={charset}" if charset else "text/plain",
        "Content-Disposition": f'attachment; filename="marsad-article-{article_id}-original.txt"',
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox",
    })  # fmt: skip


def effective_query(q: str, source: str, date_from: str, date_to: str) -> str:
    """The user's query plus the form's filters, in the search query language."""
    parts = [q.strip()] if q.strip() else []
    if source.strip():
        if any(c.isspace() or c in '"()' for c in source.strip()):
            raise QueryError("اسم المصدر لا يقبل المسافات أو الأقواس")
        parts.append(f"source:{source.strip()}")
    for name, value, shift in (("after", date_from, 0), ("before", date_to, 1)):
        if value.strip():
            try:
                day = date.fromisoformat(value.strip())
            except ValueError as exc:
                raise QueryError(f"التاريخ {value!r} غير صالح؛ اكتبه هكذا: 2024-03-31") from exc
            parts.append(f"{name}:{(day + timedelta(days=shift)).isoformat()}")
    return " ".join(parts)


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    q: Text = "", q2: Text = "", q3: Text = "",
    source: Annotated[str, Query(max_length=200)] = "",
    date_from: Annotated[str, Query(alias="from", max_length=10)] = "",
    date_to: Annotated[str, Query(alias="to", max_length=10)] = "",
    sort: Literal["rank", "date", "date_asc"] = "rank",
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
    by_source: bool = False,
) -> Response:  # fmt: skip
    from marsad.search import attention, search

    form = {"q": q, "q2": q2, "q3": q3, "source": source, "from": date_from, "to": date_to, "sort": sort,
            "by_source": by_source}  # fmt: skip
    context: dict[str, Any] = {"form": form, "result": None, "chart": None, "table": None, "error": None,
                               "query": "", "offset": offset, "page": PAGE, "names": [],
                               "sources": views.source_keys(store_of(request))}  # fmt: skip
    queries = [x for x in (q, q2, q3) if x.strip()]
    if not queries and not (source or date_from or date_to):
        return render(request, "search.html", context)
    try:
        main = effective_query(queries[0] if queries else "", source, date_from, date_to)
        context["query"] = main
        context["result"] = search(store_of(request), main, limit=PAGE, offset=offset, sort=sort, facets=True)
        series: dict[str, list[tuple[str, int]]] = {}
        for text in queries or [""]:
            eff = effective_query(text, source, date_from, date_to)
            got = attention(store_of(request), eff, by_source=by_source and len(queries) <= 1)
            for name, points in got.items():
                label = (text or "الكل") + name[len(eff):] if name.startswith(eff) else name
                series[label] = points
    except QueryError as exc:
        context["error"] = str(exc)
        context["result"] = None
        return render(request, "search.html", context, status_code=400)
    title = "الاهتمام عبر الزمن: مقالات في اليوم"
    context["chart"] = charts.line_chart(series, title=title)
    context["names"] = list(series)[:6]
    context["table"] = charts.chart_table(dict(list(series.items())[:6]))
    return render(request, "search.html", context)


@router.get("/sources", response_class=HTMLResponse)
def sources(request: Request) -> Response:
    store = store_of(request)
    rows = []
    for key in views.source_keys(store):
        facets = store.fts_facets(None, where=[("source", key)])
        rows.append({"key": key, "source": store.get_source(key), "health": store.source_health(key),
                     "total": sum(n for _, n in facets["source"]), "days": facets["day"]})  # fmt: skip
    return render(request, "sources.html", {"rows": rows, "spark": charts.sparkline})


@router.get("/sources/{key}", response_class=HTMLResponse)
def source(request: Request, key: Annotated[str, Path(max_length=200)]) -> Response:
    detail = views.source_detail(store_of(request), key)
    if detail is None:
        raise HTTPException(404, f"لا يوجد مصدر باسم {key}")
    series = {key: detail.days}
    chart = charts.line_chart(series, title="مقالات المصدر في اليوم", height=220)
    return render(request, "source.html", {"d": detail, "chart": chart, "table": charts.chart_table(series),
                                           "names": list(series)})  # fmt: skip
