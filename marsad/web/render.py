"""Jinja2 environment (autoescape on, always), template filters, and the HTML error page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

TEMPLATES = Path(__file__).resolve().parent / "templates"


def safe_url(url: Any) -> str | None:
    """The URL if it may become a link: http(s) with a host and no control characters."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def fmt_dt(value: datetime | None, precision: str | None = None) -> str:
    """A date as analysts read it in logs: ISO-like, in UTC when the zone is known."""
    if value is None:
        return "—"
    if precision in ("year", "month", "day"):  # a calendar date is the source's own day: no zone shift
        return value.strftime({"year": "%Y", "month": "%Y-%m", "day": "%Y-%m-%d"}[precision])
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    if precision in ("year",):
        return value.strftime("%Y")
    if precision in ("month",):
        return value.strftime("%Y-%m")
    if precision in ("day",):
        return value.strftime("%Y-%m-%d")
    text = value.strftime("%Y-%m-%d %H:%M")
    return text + (" UTC" if value.tzinfo is not None else "")


def fmt_local(value: datetime | None) -> str:
    """The time as the source wrote it, when its zone is not UTC: "2024-04-03 08:15 (+03:00)"."""
    if value is None or value.tzinfo is None:
        return ""
    offset = value.utcoffset()
    if not offset:
        return ""
    zone = value.strftime("%z")
    return f"{value.strftime('%Y-%m-%d %H:%M')} ({zone[:3]}:{zone[3:5]})"


def fmt_iso(value: Any) -> str:
    """A stored ISO timestamp (text) shown like fmt_dt; other text is shown as it is."""
    if not value:
        return "—"
    try:
        return fmt_dt(datetime.fromisoformat(str(value)))
    except ValueError:
        return str(value)


def fmt_gap(value: timedelta | float | None) -> str:
    """A time gap in Arabic abbreviations: "2 ي 3 س 5 د" (days, hours, minutes)."""
    if value is None:
        return "—"
    seconds = value.total_seconds() if isinstance(value, timedelta) else float(value)
    sign = "-" if seconds < 0 else ""
    seconds = abs(int(seconds))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    parts = []
    if days:
        parts.append(f"{days} ي")
    if hours:
        parts.append(f"{hours} س")
    if minutes or not parts:
        parts.append(f"{minutes} د")
    return sign + " ".join(parts)


EVIDENCE_LABELS = {
    "attribution": "الإسناد", "relation": "العلاقة", "score": "الدرجة", "jaccard": "تشابه جاكارد",
    "shared": "المشترك", "shared_with_first": "المشترك مع أول ناشر", "same_url": "الرابط نفسه",
    "same_body": "النص نفسه", "body_hash": "النص نفسه", "undated": "بلا تاريخ نشر",
    "duplicate_of": "نسخة مطابقة", "near_duplicate_of": "نسخة معدّلة", "contains": "يتضمّن",
    "attributed_to": "منسوب إلى",
    "year": "سنة", "month": "شهر", "day": "يوم", "minute": "دقيقة", "second": "ثانية",
    "outlet": "منفذ إخباري", "agency": "وكالة أنباء", "aggregator": "مجمّع أخبار",
    "ar": "العربية", "other": "لغة أخرى", "mixed": "مختلطة",
}  # fmt: skip


def evidence_label(key: Any) -> str:
    return EVIDENCE_LABELS.get(str(key), str(key))


def evidence_value(value: Any) -> str:
    """An evidence value as short text: pairs for dicts, items for lists, numbers rounded."""
    if isinstance(value, bool):
        return "نعم" if value else "لا"
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, dict):
        return "، ".join(f"{evidence_label(k)}: {evidence_value(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return "، ".join(evidence_value(v) for v in value)
    return evidence_label(value) if str(value) in EVIDENCE_LABELS else str(value)


def query_string(**params: Any) -> str:
    """A URL query from keyword arguments, leaving out empty values; lists repeat the key."""
    pairs: list[tuple[str, Any]] = []
    for key, value in params.items():
        if value in (None, "", [], False):
            continue
        for item in value if isinstance(value, (list, tuple)) else [value]:
            pairs.append((key, item))
    return urlencode(pairs)


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,  # every template, whatever its extension
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["safe_url"] = safe_url
    env.filters["dt"] = fmt_dt
    env.filters["gap"] = fmt_gap
    env.filters["iso"] = fmt_iso
    env.filters["local"] = fmt_local
    env.filters["evidence"] = evidence_value
    env.filters["evidence_label"] = evidence_label
    env.globals["qs"] = query_string
    return env


templates = Jinja2Templates(env=_environment())


def render(request: Request, name: str, context: dict[str, Any], status_code: int = 200,
           headers: dict[str, str] | None = None) -> HTMLResponse:  # fmt: skip
    return templates.TemplateResponse(request, name, context, status_code=status_code, headers=headers)


def render_error(request: Request, status: int, title: str, message: str,
                 headers: dict[str, str] | None = None) -> HTMLResponse:  # fmt: skip
    return render(request, "error.html", {"status": status, "title": title, "message": message},
                  status_code=status, headers=headers)  # fmt: skip
