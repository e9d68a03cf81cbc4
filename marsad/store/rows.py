"""Mapping between model dataclasses and store rows (JSON columns, ISO datetimes)."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from marsad.model import Article, Dateline, Image, Link, Source


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def utc_iso(value: datetime | None) -> str | None:
    """Sortable UTC form; naive datetimes are taken as UTC."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")


def parse_iso(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def article_ident(article: Article) -> str:
    """Identity of an input record: the same record ingested twice maps to the same row."""
    key = "\x1f".join([article.source or "", article.url or "", article.title, article.text])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def article_to_row(article: Article) -> dict[str, Any]:
    dateline = None
    if article.dateline:
        dl = article.dateline
        dateline = json.dumps(
            {"text": dl.text, "place": dl.place, "author": dl.author, "agency": dl.agency},
            ensure_ascii=False,
        )
    return {
        "ident": article_ident(article),
        "url": article.url,
        "canonical_url": article.canonical_url,
        "title": article.title,
        "lead": article.lead,
        "body": json.dumps(article.body, ensure_ascii=False),
        "published": iso(article.published),
        "published_utc": utc_iso(article.published),
        "published_precision": article.published_precision,
        "published_evidence": article.published_evidence,
        "updated": iso(article.updated),
        "authors": json.dumps(article.authors, ensure_ascii=False),
        "dateline": dateline,
        "attribution": json.dumps(article.attribution, ensure_ascii=False),
        "tags": json.dumps(article.tags, ensure_ascii=False),
        "related": json.dumps(
            [{"title": r.title, "url": r.url, "published": iso(r.published)} for r in article.related],
            ensure_ascii=False,
        ),
        "language": article.language,
        "images": json.dumps([{"url": i.url, "caption": i.caption} for i in article.images], ensure_ascii=False),
        "source": article.source,
        "site_name": article.site_name,
        "first_seen": iso(article.first_seen or datetime.now(UTC)),
        "capture_id": article.capture_id,
        "body_hash": article.body_hash(),
    }


def row_to_article(row: Any) -> Article:
    keys = row.keys()
    dateline = None
    if row["dateline"]:
        dateline = Dateline(**json.loads(row["dateline"]))
    return Article(
        id=row["id"],
        title=row["title"],
        body=json.loads(row["body"]),
        url=row["url"],
        canonical_url=row["canonical_url"],
        lead=row["lead"],
        published=parse_iso(row["published"]),
        published_precision=row["published_precision"],
        published_evidence=row["published_evidence"],
        updated=parse_iso(row["updated"]),
        authors=json.loads(row["authors"]),
        dateline=dateline,
        attribution=json.loads(row["attribution"]),
        tags=json.loads(row["tags"]),
        related=[
            Link(title=r["title"], url=r.get("url"), published=parse_iso(r.get("published")))
            for r in json.loads(row["related"])
        ],
        language=row["language"],
        images=[Image(**i) for i in json.loads(row["images"])],
        source=row["source"],
        site_name=row["site_name"],
        first_seen=parse_iso(row["first_seen"]),
        capture_id=row["capture_id"],
        story_id=row["story_id"] if "story_id" in keys else None,
    )


def source_to_row(source: Source) -> dict[str, Any]:
    return {
        "key": source.key,
        "name": source.name,
        "name_latin": source.name_latin,
        "homepage": source.homepage,
        "feeds": json.dumps(source.feeds),
        "sitemaps": json.dumps(source.sitemaps),
        "domains": json.dumps(source.domains),
        "country": source.country,
        "kind": source.kind,
        "delay": source.delay,
        "enabled": 1 if source.enabled else 0,
    }


def row_to_source(row: Any) -> Source:
    return Source(
        key=row["key"],
        name=row["name"],
        name_latin=row["name_latin"],
        homepage=row["homepage"],
        feeds=json.loads(row["feeds"]),
        sitemaps=json.loads(row["sitemaps"]),
        domains=json.loads(row["domains"]),
        country=row["country"],
        kind=row["kind"],
        delay=row["delay"],
        enabled=bool(row["enabled"]),
    )
