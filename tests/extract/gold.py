"""Gold loading and cached extraction shared by the extraction tests."""

from __future__ import annotations

import gzip
import json
import re
from functools import cache

from marsad.extract import SiteProfile, extract_article, site_key
from tests.conftest import shared_path


def norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


@cache
def pages_gold() -> dict:
    return json.loads(shared_path("pages", "gold.json").read_text(encoding="utf-8"))


@cache
def transplanted_gold() -> dict:
    return json.loads(shared_path("pages-transplanted", "gold.json").read_text(encoding="utf-8"))


def page_bytes(key: str) -> bytes:
    return shared_path("pages", pages_gold()[key]["file"]).read_bytes()


@cache
def page_article(key: str):
    return extract_article(page_bytes(key), pages_gold()[key]["url"])


@cache
def transplanted_pages() -> dict[str, bytes]:
    gold = transplanted_gold()
    return {k: gzip.decompress(shared_path("pages-transplanted", v["file"]).read_bytes()) for k, v in gold.items()}


@cache
def transplanted_articles() -> dict:
    """Observe every page of each site first (as the ingest pipeline does), then extract."""
    gold, pages = transplanted_gold(), transplanted_pages()
    profiles: dict[str | None, SiteProfile] = {}
    keys = {k: site_key(pages[k], gold[k]["url"]) for k in gold}
    for k in gold:
        profiles.setdefault(keys[k], SiteProfile(site=keys[k])).observe(pages[k], gold[k]["url"])
    return {k: extract_article(pages[k], gold[k]["url"], profile=profiles[keys[k]]) for k in gold}
