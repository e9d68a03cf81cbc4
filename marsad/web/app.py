"""The app factory: one FastAPI app serving /api (JSON), HTML pages, Atom feeds and static files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from marsad.errors import MarsadError, QueryError
from marsad.web.render import render_error

HERE = Path(__file__).resolve().parent

# No inline script or style anywhere, so the policy can be strict (the API reference at /api/docs
# is server-rendered too: no CDN, no exemption).
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)


def create_app(store: Any, config: Any) -> FastAPI:
    """Build the web app over an open store and a marsad Config."""
    from marsad.web import api, apidocs, feeds, pages

    app = FastAPI(
        title="marsad API",
        description=(
            "Read-only JSON over the marsad store: articles, stories, sources, search, attention "
            "and exports. Write endpoints need `Authorization: Bearer <api_token>` and are disabled "
            "when `api_token` is empty."
        ),
        version="0.1.0",
        docs_url=None,  # /api/docs is marsad.web.apidocs: rendered here, works offline
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.store = store
    app.state.config = config
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.state.routers = [api.router, apidocs.router, feeds.router, pages.router]
    app.include_router(apidocs.router)
    app.include_router(api.router)
    app.include_router(feeds.router)
    app.include_router(pages.router)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid_input(request: Request, exc: RequestValidationError) -> Response:
        errors = jsonable_encoder(exc.errors(), custom_encoder={Exception: str})
        message = "; ".join(_describe(e) for e in errors) or "invalid input"
        if _is_api(request):
            return JSONResponse(
                {"error": {"code": "invalid_input", "message": message}, "detail": errors}, status_code=422
            )
        return render_error(request, 400, "مدخلات غير صالحة", message)

    @app.exception_handler(QueryError)
    async def bad_query(request: Request, exc: QueryError) -> Response:
        if _is_api(request):
            return JSONResponse({"error": {"code": "invalid_query", "message": str(exc)}}, status_code=400)
        return render_error(request, 400, "استعلام غير صالح", str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        headers = getattr(exc, "headers", None)
        if exc.status_code == 405:
            headers = {**(headers or {}), "Allow": _allowed_methods(request)}
        if _is_api(request):
            return JSONResponse(
                {"error": {"code": _code(exc.status_code), "message": str(exc.detail)}},
                status_code=exc.status_code,
                headers=headers,
            )
        title = "غير موجود" if exc.status_code == 404 else "خطأ"
        return render_error(request, exc.status_code, title, str(exc.detail), headers=headers)

    @app.exception_handler(MarsadError)
    async def marsad_error(request: Request, exc: MarsadError) -> Response:
        if _is_api(request):
            return JSONResponse({"error": {"code": "error", "message": str(exc)}}, status_code=400)
        return render_error(request, 400, "خطأ", str(exc))

    app.add_middleware(HeadAsGet)
    return app


class HeadAsGet:
    """Answer HEAD like GET without the body (FastAPI routes register GET only)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message: dict) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body"):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_headers_only)


def _is_api(request: Request) -> bool:
    """Machine clients (API and feeds) get JSON errors; people get pages."""
    return request.url.path.startswith(("/api/", "/feeds/"))


def _allowed_methods(request: Request) -> str:
    """Every method some route serves at this path (Starlette names only the first route's)."""
    methods: set[str] = set()
    for router in request.app.state.routers:
        for route in router.routes:
            regex = getattr(route, "path_regex", None)
            if regex is not None and regex.match(request.url.path):
                methods |= set(getattr(route, "methods", None) or ())
    if "GET" in methods:
        methods.add("HEAD")
    return ", ".join(sorted(methods))


def _describe(error: dict) -> str:
    loc = [str(p) for p in error.get("loc", ()) if p not in ("query", "path", "body")]
    return f"{'.'.join(loc) or 'input'}: {error.get('msg', 'invalid')}"


def _code(status: int) -> str:
    return {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
            405: "method_not_allowed", 409: "conflict"}.get(status, "error")  # fmt: skip
