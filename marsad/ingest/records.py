"""Adapters for already-extracted article records: JSONL, CSV, JSON arrays, and the corpora.

Each adapter maps one input shape into `Article` in one place. Known shapes:
- generic: fields title, text, url, source, published (rename with --map text=content,...);
- ANT corpus (fields docno, src, time, abstract, author): time is RFC 2822, abstract is the lead,
  author sometimes holds a dateline such as "القاهرة- أحمد الريدي";
- SaudiNewsNet (fields source, date_extracted, content, author): date_extracted is the crawl
  time, so it becomes first_seen, never published.
"""

from __future__ import annotations

import csv
import email.utils
import io
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from marsad.errors import InputError
from marsad.model import Article

GENERIC_FIELDS = ("title", "text", "url", "source", "published")


def parse_mapping(pairs: list[str] | None) -> dict[str, str]:
    """`--map text=content --map published=date` -> {"text": "content", "published": "date"}."""
    mapping: dict[str, str] = {}
    for pair in pairs or []:
        for item in pair.split(","):
            ours, sep, theirs = item.partition("=")
            if not sep or ours.strip() not in GENERIC_FIELDS or not theirs.strip():
                raise InputError(f"bad --map {item!r}: use FIELD=COLUMN with FIELD one of {', '.join(GENERIC_FIELDS)}")
            mapping[ours.strip()] = theirs.strip()
    return mapping


def parse_when(value: Any) -> datetime | None:
    """ISO 8601, RFC 2822, epoch seconds, or Arabic text (through marsad.arabic.parse_date)."""
    if value in (None, ""):
        return None
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(float(value), tz=UTC)
    text = str(value).strip()
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return when
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    from marsad.arabic import parse_date

    found = parse_date(text)
    return found.when if found else None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    return str(value)


def record_shape(record: dict[str, Any]) -> str:
    if "docno" in record and "src" in record:
        return "ant"
    if "date_extracted" in record and "content" in record:
        return "saudinewsnet"
    return "generic"


def record_to_article(record: dict[str, Any], mapping: dict[str, str] | None = None, *, where: str = "") -> Article:
    """Map one record to an Article; raises InputError naming the record when it has no text."""
    if not isinstance(record, dict):
        raise InputError("record is not an object", where=where)
    shape = "generic" if mapping else record_shape(record)
    if shape == "ant":
        article = Article.from_text(
            _text(record.get("title")), _text(record.get("text")), url=record.get("url") or None,
            source=record.get("src") or None, published=parse_when(record.get("time")),
        )  # fmt: skip
        article.lead = _text(record.get("abstract")) or None
        author = _text(record.get("author")).strip()
        if author:
            article.authors = [author]
    elif shape == "saudinewsnet":
        article = Article.from_text(
            _text(record.get("title")), _text(record.get("content")), url=record.get("url") or None,
            source=record.get("source") or None,
        )  # fmt: skip
        seen = parse_when(record.get("date_extracted"))
        article.first_seen = seen.replace(tzinfo=UTC) if seen and seen.tzinfo is None else seen
        author = _text(record.get("author")).strip()
        if author:
            article.authors = [author]
    else:
        names = {f: (mapping or {}).get(f, f) for f in GENERIC_FIELDS}
        article = Article.from_text(
            _text(record.get(names["title"])), _text(record.get(names["text"])),
            url=record.get(names["url"]) or None, source=record.get(names["source"]) or None,
            published=parse_when(record.get(names["published"])),
        )  # fmt: skip
    if not article.body and not article.title:
        raise InputError("record has neither title nor text (use --map to name the fields)", where=where)
    if not article.title:
        article.title = article.body[0][:120]
    article.language = article.language or "ar"
    return article


def iter_jsonl(stream: io.TextIOBase, where: str) -> Iterator[tuple[str, Any]]:
    """(where, record or InputError) for each non-empty line."""
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        here = f"{where}:{number}"
        try:
            yield here, json.loads(line)
        except json.JSONDecodeError as exc:
            yield here, InputError(f"line is not JSON ({exc.msg})", where=here)


csv.field_size_limit(50_000_000)  # article bodies are long; the default 128 KB cuts real ones


def iter_csv(stream: io.TextIOBase, where: str) -> Iterator[tuple[str, Any]]:
    reader = csv.DictReader(stream)
    number = 1
    try:
        for number, row in enumerate(reader, start=2):
            yield f"{where}:{number}", row
    except csv.Error as exc:
        yield f"{where}:{number + 1}", InputError(f"CSV error ({exc}); rest of the file skipped", where=f"{where}:{number + 1}")


def iter_json_array(data: str, where: str) -> Iterator[tuple[str, Any]]:
    try:
        items = json.loads(data)
    except json.JSONDecodeError as exc:
        yield where, InputError(f"not JSON ({exc.msg} at line {exc.lineno})", where=where)
        return
    if isinstance(items, dict):
        items = [items]
    if not isinstance(items, list):
        yield where, InputError(f"JSON holds a {type(items).__name__}, not article records", where=where)
        return
    for number, item in enumerate(items):
        yield f"{where}[{number}]", item
