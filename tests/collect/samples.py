"""SAMPLE pages written for these tests (not real outlets' pages).

The template below is ours and says so in its HTML; the headline and paragraphs of article n are
those of the n-th long enough article of ../shared/corpora/ant-jawhara (Jawhara FM, Apache-2.0),
so every sample page carries a different real text (a site profile would rightly learn text
repeated across a site's pages as boilerplate).
"""

from __future__ import annotations

import gzip
import html
import json
from functools import lru_cache

from tests.conftest import shared_path


@lru_cache(maxsize=1)
def _donors() -> list[tuple[str, list[str]]]:
    out = []
    with gzip.open(shared_path("corpora", "ant-jawhara", "jawharafm.jsonl.gz"), "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            paras = [p.strip() for p in (rec.get("text") or "").splitlines() if len(p.split()) >= 8]
            title = (rec.get("title") or "").strip()
            if title and len(paras) >= 3 and sum(len(p.split()) for p in paras) >= 80:
                out.append((title, paras[:8]))
            if len(out) >= 200:
                break
    return out


def sample_article(n: int, *, title: str | None = None, size_pad: int = 0) -> bytes:
    """A SAMPLE article page (marked as a sample in its HTML) carrying donor article n."""
    donor_title, paras = _donors()[n % len(_donors())]
    title = html.escape(title or donor_title)
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paras)
    pad = f"<!-- {'x' * size_pad} -->" if size_pad else ""
    return f"""<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>{title}</title><meta name="marsad-sample" content="sample page written for marsad tests">
<meta property="og:type" content="article"><meta property="article:published_time" content="2024-03-12T10:00:00+03:00">
</head><body><nav><a href="/">الرئيسية</a></nav><article><h1>{title}</h1>
<div class="article-body">{body}</div></article><footer>جميع الحقوق محفوظة</footer>{pad}</body></html>""".encode()


def sample_homepage(links: list[str]) -> bytes:
    items = "".join(f'<li><a href="{u}">خبر</a></li>' for u in links)
    return f"""<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>موقع عينة</title>
<meta property="og:site_name" content="موقع العينة"></head><body><ul>{items}</ul></body></html>""".encode()
