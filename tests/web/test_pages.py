"""Server-rendered pages over the sample store: Arabic, RTL, no JavaScript, clear errors."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


def _html(client, url: str, status: int = 200) -> str:
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code, r.text[:500])
    assert r.headers["content-type"].startswith("text/html")
    assert '<html lang="ar" dir="rtl">' in r.text
    return r.text


@pytest.mark.parametrize("url", ["/", "/stories", "/articles", "/search", "/sources", "/search?q=النفط",
                                 "/sources/alpha-news.example", "/stories/1", "/articles/1"])  # fmt: skip
def test_every_page_is_arabic_rtl_accessible_and_script_free(client, url):
    html = _html(client, url)
    assert "<script" not in html.lower().replace("&lt;script", "")
    for landmark in ("<header", "<nav", "<main", "<footer"):
        assert landmark in html
    assert 'class="skip"' in html
    # every form control has a label
    for control_id in re.findall(r'<(?:input|select)[^>]*\bid="([^"]+)"', html):
        assert f'for="{control_id}"' in html, control_id


def test_home_lists_latest_stories_with_outlets_first_publisher_and_sparkline(client, ids):
    html = _html(client, "/")
    assert "انسحاب القوات من المدينة" in html and "ارتفاع أسعار النفط" in html
    assert "3 منفذ" in html
    assert "أول من نشر" in html and "alpha-news.example" in html
    assert 'class="spark"' in html and 'role="img"' in html and "<title>" in html


def test_empty_store_explains_how_to_start(empty_client):
    html = _html(empty_client, "/")
    for hint in ("marsad sources add", "marsad ingest PATH", "marsad demo"):
        assert hint in html


def test_articles_without_stories_show_latest_articles(tmp_path, config):
    from fastapi.testclient import TestClient

    from marsad.model import Article
    from marsad.pipeline import store_article
    from marsad.store import open_store
    from marsad.web import create_app

    store = open_store(tmp_path / "m.db")
    store_article(store, Article(title="مقال تجريبي بلا قصة", body=["نص تجريبي"], source="x.example"), link=False)
    with TestClient(create_app(store, config)) as c:
        html = _html(c, "/")
    assert "أحدث المقالات" in html and "مقال تجريبي بلا قصة" in html


def test_story_page_timeline_chain_outlets(client, ids):
    html = _html(client, f"/stories/{ids['stories']['A']}")
    assert "التسلسل الزمني" in html and "سلسلة النسخ" in html and "المنافذ" in html
    order = [html.index(f'href="/articles/{ids["articles"][n]}"') for n in (1, 2, 3)]
    assert order == sorted(order)
    assert f'href="/feeds/story/{ids["stories"]["A"]}.atom"' in html
    assert '<svg class="chart"' in html


def test_article_page_metadata_related_and_archive(client, ids):
    html = _html(client, f"/articles/{ids['articles'][1]}")
    for text in ("سارة أحمد", "بغداد/ألفا", "وزارة الدفاع", "meta article:published_time", "انسحاب",
                 "خبر سابق عن المواجهات", "beta-daily.example"):  # fmt: skip
        assert text in html, text
    assert 'href="https://alpha-news.example/2024/03/01/withdrawal"' in html
    assert "لا توجد نسخة مؤرشفة" in html
    assert "هذا النص منشور في 3 مواضع" in html  # its copy group, first publisher first
    copy = _html(client, f"/articles/{ids['articles'][2]}")
    assert "أول من نشره: " in copy and "بعد 45 د من أول ناشر، بعنوان مختلف" in copy
    archived = _html(client, f"/articles/{ids['articles'][6]}")
    assert f'href="/articles/{ids["articles"][6]}/original"' in archived


def test_archived_original_is_a_plain_text_download(client, ids):
    r = client.get(f"/articles/{ids['articles'][6]}/original")
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/plain; charset=utf-8"  # the charset the site declared
    assert r.headers["content-disposition"].startswith("attachment")
    assert "<script>alert('archived')</script>" in r.text  # served as data, never as HTML
    assert client.get(f"/articles/{ids['articles'][1]}/original").status_code == 404


def test_archived_original_in_windows_1256_keeps_its_charset(tmp_path, config):
    from fastapi.testclient import TestClient

    from marsad.model import Article, Capture
    from marsad.pipeline import store_article
    from marsad.store import open_store
    from marsad.web import create_app
    from tests.web.samples import write_warc

    store = open_store(tmp_path / "m.db")
    html = "<html><body>خبر</body></html>"
    warc = tmp_path / "cp1256.warc.gz"
    offset = write_warc(warc, "https://x.example/a", html, encoding="windows-1256")
    stored = store_article(store, Article(title="خبر تجريبي", body=["نص تجريبي"], url="https://x.example/a"),
                           Capture(url="https://x.example/a", warc_path=str(warc), warc_offset=offset), link=False)
    gone = store_article(store, Article(title="خبر تجريبي آخر", body=["نص"], url="https://x.example/b"),
                         Capture(url="https://x.example/b", warc_path=str(tmp_path / "missing.warc.gz")), link=False)
    with TestClient(create_app(store, config)) as c:
        r = c.get(f"/articles/{stored.article.id}/original")
        assert r.headers["content-type"] == "text/plain; charset=windows-1256"
        assert r.content == html.encode("windows-1256")
        assert c.get(f"/articles/{gone.article.id}/original").status_code == 404
    store.close()


def test_search_page_results_highlight_facets_chart_exports(client):
    html = _html(client, "/search?q=النفط&sort=date")
    assert "2 مقال مطابق" in html
    assert "<mark>" in html
    assert "حسب المصدر" in html and "alpha-news.example" in html
    assert '<svg class="chart"' in html and 'direction="rtl"' in html
    assert "/api/export?format=csv&amp;q=" in html and "/api/export?format=jsonl&amp;q=" in html
    assert "/feeds/search.atom?q=" in html


def test_search_filters_source_and_dates(client):
    html = _html(client, "/search?q=النفط&source=beta-daily.example")
    assert "1 مقال مطابق" in html
    html = _html(client, "/search?q=انسحاب&from=2024-03-02&to=2024-03-02")
    assert "1 مقال مطابق" in html and "gamma.example" in html


def test_search_compares_up_to_three_queries_on_one_chart(client):
    html = _html(client, "/search?q=النفط&q2=انسحاب&q3=معرض")
    chart = html[html.index('<svg class="chart"'):html.index("</svg>", html.index('<svg class="chart"'))]
    for name in ("النفط", "انسحاب", "معرض"):
        assert name in chart
    assert chart.count("<polyline") == 3


def test_invalid_query_is_a_clear_400_on_the_page(client):
    html = _html(client, "/search?q=(انسحاب", status=400)
    assert 'role="alert"' in html and "parenthes" in html
    assert "Traceback" not in html
    html = _html(client, "/search?q=x&from=2024-13-45", status=400)
    assert "2024-13-45" in html


def test_not_found_and_bad_input_pages(client):
    assert "غير موجود" in _html(client, "/stories/999999", status=404)
    assert "غير موجود" in _html(client, "/articles/999999", status=404)
    _html(client, "/articles/abc", status=400)
    _html(client, "/sources/nothing.example", status=404)
    _html(client, "/no/such/page", status=404)


def test_source_page_health_chart_relations(client):
    html = _html(client, "/sources/alpha-news.example")
    assert "ألفا نيوز" in html and "آخر جمع ناجح" in html
    assert '<svg class="chart"' in html
    assert "ينقل عنه" in html and "beta-daily.example" in html  # beta copies alpha
    beta = _html(client, "/sources/beta-daily.example")
    assert "timeout after 20 s" in beta
    section = beta[beta.index("ينقل هذا المصدر عن"):beta.index("ينقل عنه")]
    assert "alpha-news.example" in section


def test_security_headers(client):
    r = client.get("/")
    assert "default-src 'none'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    q=st.text(max_size=40), q2=st.text(max_size=10), source=st.text(max_size=12),
    day=st.one_of(st.just(""), st.text(max_size=10), st.dates().map(str)),
    sort=st.sampled_from(["rank", "date", "date_asc", "x"]), offset=st.integers(-5, 200_000),
)  # fmt: skip
def test_search_page_never_fails_on_any_input(client, q, q2, source, day, sort, offset):
    r = client.get("/search", params={"q": q, "q2": q2, "source": source, "from": day, "to": day, "sort": sort,
                                      "offset": offset})  # fmt: skip
    assert r.status_code in (200, 400), r.text[:300]
    assert "Traceback" not in r.text and '<html lang="ar" dir="rtl">' in r.text


def test_head_requests_answer_like_get_without_body(client, ids):
    for url in ("/", f"/articles/{ids['articles'][1]}", "/api/articles", "/feeds/source/gamma.example.atom"):
        r = client.head(url)
        assert r.status_code == 200 and r.content == b"", url
        assert r.headers["content-type"] == client.get(url).headers["content-type"]
    assert client.head("/articles/999999").status_code == 404


def test_article_shows_the_sources_local_time(tmp_path, config):
    from datetime import datetime, timedelta, timezone

    from fastapi.testclient import TestClient

    from marsad.model import Article
    from marsad.pipeline import store_article
    from marsad.store import open_store
    from marsad.web import create_app

    store = open_store(tmp_path / "m.db")
    when = datetime(2024, 4, 3, 8, 15, tzinfo=timezone(timedelta(hours=3)))
    stored = store_article(store, Article(title="خبر تجريبي", body=["نص تجريبي"], published=when,
                                          published_precision="minute"), link=False)  # fmt: skip
    with TestClient(create_app(store, config)) as c:
        html = c.get(f"/articles/{stored.article.id}").text
    assert "2024-04-03 05:15 UTC" in html and "2024-04-03 08:15 (+03:00)" in html
    store.close()


@pytest.mark.parametrize("url", ["/stories", "/articles", "/search?q=خبر", "/sources", "/api/stories",
                                 "/api/attention?q=خبر", "/api/export?format=csv", "/feeds/search.atom?q=خبر"])  # fmt: skip
def test_empty_store_pages_answer(empty_client, url):
    assert empty_client.get(url).status_code == 200


@pytest.mark.parametrize("cursor", ["x~²", "x~٣", "~", "a" * 70 + "~1", "2024~1\n"])
def test_odd_cursors_on_pages_are_400_not_500(client, cursor):
    for url in ("/articles", "/stories"):
        assert client.get(url, params={"cursor": cursor}).status_code in (200, 400)


def test_story_shows_a_date_without_time_as_the_sources_own_day(tmp_path, config):
    """An article known only by its date (published_precision "day", stored as local midnight at
    +03:00) is dated that day on story pages and in the per-day counts, not the UTC day before."""
    from datetime import datetime, timedelta, timezone

    from fastapi.testclient import TestClient

    from marsad.model import Article
    from marsad.pipeline import store_article
    from marsad.store import open_store
    from tests.web.samples import ORIGINAL_BODY

    riyadh = timezone(timedelta(hours=3))
    store = open_store(tmp_path / "m.db")
    first = store_article(store, Article(title="افتتاح معرض الكتاب في الرياض", body=ORIGINAL_BODY, source="a.example",
                                         url="https://a.example/1", published=datetime(2024, 4, 3, tzinfo=riyadh),
                                         published_precision="day")).article  # fmt: skip
    copy = store_article(store, Article(title="افتتاح معرض الكتاب في الرياض", body=ORIGINAL_BODY, source="b.example",
                                        url="https://b.example/9", published=datetime(2024, 4, 3, 10, 0, tzinfo=riyadh),
                                        published_precision="minute")).article  # fmt: skip
    story_id = store.get_article(first.id).story_id
    assert story_id is not None and store.get_article(copy.id).story_id == story_id
    from marsad.web import create_app

    with TestClient(create_app(store, config)) as c:
        html = c.get(f"/stories/{story_id}").text
        home = c.get("/").text
    assert ">2024-04-03</time>" in html and "2024-04-02" not in html
    assert "2024-04-03 07:00 UTC" in html  # the copy has a time: shown in UTC
    assert "2024-04-02" not in home
    store.close()
