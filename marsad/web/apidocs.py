"""/api/docs: the API reference rendered on the server from the app's own OpenAPI schema.

FastAPI's Swagger page loads its JavaScript and CSS from a CDN, so it breaks offline and needs a
CSP exemption. This page needs neither: it is plain HTML made from `app.openapi()`, the same
schema served at /api/openapi.json, so it cannot drift from the endpoints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from marsad.web.render import render

router = APIRouter(include_in_schema=False)
METHODS = ("get", "post", "put", "patch", "delete")


@dataclass
class Param:
    name: str
    where: str  # query | path | header
    type: str
    required: bool
    description: str = ""
    default: Any = None


@dataclass
class Endpoint:
    method: str
    path: str
    summary: str
    description: str
    params: list[Param] = field(default_factory=list)
    body: str | None = None
    responses: list[tuple[str, str, str | None]] = field(default_factory=list)  # code, text, type

    @property
    def anchor(self) -> str:
        return f"{self.method}-{self.path}".replace("/", "-").replace("{", "").replace("}", "").lower()


@dataclass
class Schema:
    name: str
    description: str
    fields: list[Param] = field(default_factory=list)


def type_of(schema: dict[str, Any] | None) -> str:
    """A JSON schema as a short type: "SearchOut", "list[string]", "integer | null", "rank | date"."""
    if not schema:
        return "any"
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    choices = schema.get("anyOf") or schema.get("oneOf")
    if choices:
        return " | ".join(type_of(s) for s in choices)
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    if schema.get("type") == "array":
        return f"list[{type_of(schema.get('items'))}]"
    if schema.get("type") == "object" and "additionalProperties" in schema:
        extra = schema["additionalProperties"]
        return f"dict[string, {type_of(extra if isinstance(extra, dict) else None)}]"
    return str(schema.get("type") or "any")


def _json_type(content: dict[str, Any] | None) -> str | None:
    for media in (content or {}).values():
        return type_of(media.get("schema"))
    return None


def endpoints(spec: dict[str, Any]) -> list[Endpoint]:
    """Every operation of an OpenAPI document, in path order."""
    out: list[Endpoint] = []
    for path, item in spec.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            params = [
                Param(name=p["name"], where=p.get("in", ""), type=type_of(p.get("schema")),
                      required=bool(p.get("required")), description=p.get("description") or "",
                      default=(p.get("schema") or {}).get("default"))
                for p in op.get("parameters", [])
            ]  # fmt: skip
            body = op.get("requestBody")
            out.append(Endpoint(
                method=method.upper(), path=path, summary=op.get("summary") or "",
                description=op.get("description") or "", params=params,
                body=_json_type(body.get("content")) if body else None,
                responses=[(code, r.get("description") or "", _json_type(r.get("content")))
                           for code, r in op.get("responses", {}).items()],
            ))  # fmt: skip
    return out


def schemas(spec: dict[str, Any]) -> list[Schema]:
    """The named request/response schemas with their fields."""
    out = []
    for name, schema in sorted(spec.get("components", {}).get("schemas", {}).items()):
        required = set(schema.get("required", []))
        fields = [Param(name=k, where="", type=type_of(v), required=k in required,
                        description=v.get("description") or "", default=v.get("default"))
                  for k, v in schema.get("properties", {}).items()]  # fmt: skip
        out.append(Schema(name=name, description=schema.get("description") or "", fields=fields))
    return out


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> Response:
    spec = request.app.openapi()
    return render(request, "api_docs.html", {
        "spec": spec, "spec_url": request.app.openapi_url, "endpoints": endpoints(spec), "schemas": schemas(spec),
    })  # fmt: skip
