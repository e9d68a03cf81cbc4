"""SAMPLE DATA written for the web tests: invented articles on invented outlets (*.example).

None of this is real news. It gives the web layer one of everything it shows: a story with a
first publisher and two copies, a second story, an article outside any story, an article with
an archived original in a WARC file, and a hostile article whose every field tries to inject
markup or script.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

from marsad.model import (
    Article,
    Capture,
    Dateline,
    Image,
    Link,
    Relation,
    Source,
    Story,
)

T0 = datetime(2024, 3, 1, 8, 0, tzinfo=UTC)
SAMPLE = "نص تجريبي للاختبار"  # every sample body says it is a sample

ORIGINAL_BODY = [
    "أعلنت وزارة الدفاع صباح اليوم انسحاب القوات من المدينة بعد أسبوعين من المواجهات.",
    "وقال المتحدث باسم الوزارة إن الانسحاب تم وفق خطة متفق عليها مع الوسطاء.",
    f"{SAMPLE}: هذه الفقرة الثالثة من المقال الأصلي.",
]

HOSTILE_TITLE = '<script>alert("t")</script>عنوان خبيث <img src=x onerror=alert(1)>'
HOSTILE_BODY = [
    '<script>alert("body")</script> فقرة فيها نص خبيث',
    '<a href="javascript:alert(2)" onclick="alert(3)">رابط</a> انسحاب',
    f"{SAMPLE} <iframe src=//evil.example></iframe>",
]
HOSTILE_URL = "javascript:alert(document.cookie)"


def articles() -> list[Article]:
    """Sample articles in insertion order (ids 1..N in a fresh store)."""
    return [
        Article(  # 1: the first publisher of story A
            title="انسحاب القوات من المدينة بعد أسبوعين من المواجهات",
            body=list(ORIGINAL_BODY),
            url="https://alpha-news.example/2024/03/01/withdrawal",
            published=T0, published_precision="minute", published_evidence="meta article:published_time",
            authors=["سارة أحمد"], dateline=Dateline(text="بغداد/ألفا", place="بغداد", agency=None),
            attribution=["وزارة الدفاع"], tags=["انسحاب", "الدفاع"], language="ar",
            related=[Link(title="خبر سابق عن المواجهات", url="https://alpha-news.example/2024/02/15/clashes")],
            source="alpha-news.example", site_name="ألفا نيوز",
        ),
        Article(  # 2: a copy with a new headline, 45 minutes later
            title="الدفاع تعلن انسحاب القوات من المدينة",
            body=list(ORIGINAL_BODY),
            url="https://beta-daily.example/news/123",
            published=T0 + timedelta(minutes=45), language="ar", source="beta-daily.example",
            attribution=["ألفا نيوز"], tags=["انسحاب"],
        ),
        Article(  # 3: a shortened copy the next day
            title="انسحاب القوات من المدينة بعد أسبوعين من المواجهات",
            body=[*ORIGINAL_BODY[:2], "فقرة أضافها الناقل عن ردود الفعل."],
            url="https://gamma.example/a/9",
            published=T0 + timedelta(days=1, hours=2), language="ar", source="gamma.example",
        ),
        Article(  # 4: story B
            title="ارتفاع أسعار النفط في الأسواق العالمية",
            body=["ارتفعت أسعار النفط اليوم بنسبة ثلاثة في المئة.", f"{SAMPLE}: أسعار النفط والطلب."],
            url="https://beta-daily.example/economy/oil",
            published=T0 + timedelta(days=2), language="ar", source="beta-daily.example", tags=["النفط"],
        ),
        Article(  # 5: story B, another outlet
            title="النفط يصعد ثلاثة في المئة",
            body=["صعدت أسعار النفط بنسبة ثلاثة في المئة وسط توقعات بزيادة الطلب.", f"{SAMPLE}: النفط."],
            url="https://alpha-news.example/2024/03/03/oil",
            published=T0 + timedelta(days=2, hours=3), language="ar", source="alpha-news.example",
        ),
        Article(  # 6: outside any story, with an archived original (capture added by the fixture)
            title="افتتاح معرض الكتاب في العاصمة",
            body=["افتتح اليوم معرض الكتاب بمشاركة مئات دور النشر.", f"{SAMPLE}: معرض الكتاب."],
            url="https://gamma.example/culture/book-fair",
            published=T0 + timedelta(days=3), language="ar", source="gamma.example",
        ),
        Article(  # 7: hostile content in every field
            title=HOSTILE_TITLE,
            body=list(HOSTILE_BODY),
            url=HOSTILE_URL,
            canonical_url="data:text/html,<script>alert(1)</script>",
            lead='<svg onload=alert("lead")>مقدمة',
            published=T0 + timedelta(days=3, hours=5),
            published_evidence='<script>alert("evidence")</script>',
            authors=['<script>alert("author")</script>'],
            dateline=Dateline(text='<b onmouseover="alert(4)">دمشق</b>', agency="<i>وكالة</i>"),
            attribution=["<script>alert(5)</script>"],
            tags=['<img src=x onerror="alert(6)">', "javascript:alert(7)"],
            related=[Link(title="<script>alert(8)</script>", url="javascript:alert(9)")],
            images=[Image(url="javascript:alert(10)", caption="<script>alert(11)</script>")],
            language="ar", source="evil.example", site_name="<script>alert(12)</script>",
        ),
    ]


def write_warc(path: Path, url: str, html: str, encoding: str = "utf-8") -> int:
    """Write one response record to a new WARC file; returns its offset."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "marsad tests"}))
        offset = fh.tell()
        content_type = f"text/html; charset={encoding}"
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode(encoding)),
                                           http_headers=headers)  # fmt: skip
        writer.write_record(record)
    return offset


ARCHIVED_HTML = "<html><body><script>alert('archived')</script><h1>افتتاح معرض الكتاب</h1></body></html>"


def fill(store, tmp: Path) -> dict:
    """Store the samples through the pipeline, then add the stories and copy relations."""
    from marsad.pipeline import store_article

    items = articles()
    ids = []
    for n, article in enumerate(items, start=1):
        capture = None
        if n == 6:
            warc = tmp / "sample.warc.gz"
            offset = write_warc(warc, article.url, ARCHIVED_HTML)
            capture = Capture(url=article.url, fetched_at=article.published, warc_path=str(warc),
                              warc_offset=offset, source=article.source)  # fmt: skip
        stored = store_article(store, article, capture, link=False)
        ids.append(stored.article.id)
    a = {i + 1: ids[i] for i in range(len(ids))}
    store.add_relations([
        Relation(a[2], "duplicate_of", a[1], score=1.0, evidence={"body_hash": True}),
        Relation(a[3], "near_duplicate_of", a[1], score=0.8, evidence={"jaccard": 0.8}),
        Relation(a[7], "attributed_to", agency="<script>alert(13)</script>"),
    ])  # fmt: skip
    story_a = Story(None, "انسحاب القوات من المدينة", T0, T0 + timedelta(days=1, hours=2), 3, 3)
    story_b = Story(None, "ارتفاع أسعار النفط", T0 + timedelta(days=2), T0 + timedelta(days=2, hours=3), 2, 2)
    story_x = Story(None, HOSTILE_TITLE, T0 + timedelta(days=3, hours=5), T0 + timedelta(days=3, hours=5), 1, 1)
    for story, members in ((story_a, [1, 2, 3]), (story_b, [4, 5]), (story_x, [7])):
        store.create_story(story)
        for m in members:
            store.set_article_story(a[m], story.id)
    store.upsert_source(Source(key="alpha-news.example", name="ألفا نيوز", homepage="https://alpha-news.example/",
                               feeds=["https://alpha-news.example/rss"]))  # fmt: skip
    store.record_health("alpha-news.example", ok=True, latency=0.4)
    store.record_health("beta-daily.example", ok=False, error="timeout after 20 s")
    return {"articles": a, "stories": {"A": story_a.id, "B": story_b.id, "X": story_x.id}}
