"""JSON API over a real temporary store filled with the sample articles (tests/web/samples.py)."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC

from tests.web.conftest import TOKEN


def test_articles_cursor_pagination_visits_every_article_once(client):
    seen, cursor = [], None
    for _ in range(10):
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/articles", params=params).json()
        assert len(page["items"]) <= 2
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert sorted(seen) == list(range(1, 8))
    assert len(seen) == len(set(seen))
    times = [client.get(f"/api/articles/{i}").json()["published"] for i in seen]
    assert times == sorted(times, reverse=True)


def test_articles_filter_by_source(client):
    items = client.get("/api/articles", params={"source": "gamma.example"}).json()["items"]
    assert {i["source"] for i in items} == {"gamma.example"} and len(items) == 2


def test_bad_cursor_and_limit_are_clear_4xx(client):
    r = client.get("/api/articles", params={"cursor": "not-a-cursor"})
    assert r.status_code == 422 and "cursor" in r.json()["error"]["message"]
    # any well-formed position is valid: past the oldest article there is nothing
    assert client.get("/api/articles", params={"cursor": "0000~1"}).json() == {"items": [], "next_cursor": None}
    r = client.get("/api/articles", params={"limit": 0})
    assert r.status_code == 422
    body = r.json()
    assert body["error"]["code"] == "invalid_input" and "limit" in body["error"]["message"]


def test_article_detail_and_404(client, ids):
    data = client.get(f"/api/articles/{ids['articles'][1]}").json()
    assert data["title"].startswith("انسحاب القوات")
    assert data["authors"] == ["سارة أحمد"] and data["dateline"]["place"] == "بغداد"
    assert data["published_evidence"] == "meta article:published_time"
    assert {r["kind"] for r in data["relations"]} == {"duplicate_of", "near_duplicate_of"}
    r = client.get("/api/articles/999999")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    assert client.get("/api/articles/abc").status_code == 422
    assert client.get(f"/api/articles/{2**70}").status_code == 422


def test_stories_pagination_and_detail(client, ids):
    first = client.get("/api/stories", params={"limit": 2}).json()
    assert len(first["items"]) == 2 and first["next_cursor"]
    rest = client.get("/api/stories", params={"limit": 2, "cursor": first["next_cursor"]}).json()
    got = [s["id"] for s in first["items"] + rest["items"]]
    assert sorted(got) == sorted(ids["stories"].values()) and rest["next_cursor"] is None
    story = client.get(f"/api/stories/{ids['stories']['A']}").json()
    assert [a["id"] for a in story["articles"]] == [ids["articles"][n] for n in (1, 2, 3)]
    assert dict(story["outlets"]) == {"alpha-news.example": 1, "beta-daily.example": 1, "gamma.example": 1}
    assert "chain" in story
    assert client.get("/api/stories/424242").status_code == 404


def test_sources_with_health(client):
    items = {s["key"]: s for s in client.get("/api/sources").json()["items"]}
    assert {"alpha-news.example", "beta-daily.example", "gamma.example", "evil.example"} <= set(items)
    alpha = items["alpha-news.example"]
    assert alpha["registered"] and alpha["name"] == "ألفا نيوز" and alpha["articles"] == 2
    assert alpha["health"]["fetched"] == 1 and alpha["health"]["last_success"]
    beta = items["beta-daily.example"]
    assert not beta["registered"] and beta["health"]["last_error"] == "timeout after 20 s"


def test_search_json_is_the_cli_shape(client, filled):
    from marsad.search import search

    store, _ = filled
    r = client.get("/api/search", params={"q": "انسحاب", "limit": 5, "sort": "rank"})
    assert r.status_code == 200
    assert r.json() == search(store, "انسحاب", limit=5, sort="rank").to_json()
    body = r.json()
    assert body["total"] >= 1
    assert {"url", "title", "source", "published", "score", "snippet"} <= set(body["results"][0])


def test_invalid_query_is_a_400_with_the_message(client):
    r = client.get("/api/search", params={"q": "(انسحاب"})
    assert r.status_code == 400
    err = r.json()["error"]
    assert err["code"] == "invalid_query" and "parenthes" in err["message"]
    assert client.get("/api/search", params={"q": "x", "sort": "best"}).status_code == 422
    assert client.get("/api/search").status_code == 422


def test_attention_series(client):
    data = client.get("/api/attention", params={"q": "النفط"}).json()
    assert data["query"] == "النفط"
    (points,) = data["series"].values()
    assert sum(n for _, n in points) == 2 and points[0][0] == "2024-03-03"
    by_source = client.get("/api/attention", params={"q": "النفط", "by_source": "true"}).json()["series"]
    assert len(by_source) == 3


def test_export_csv_and_jsonl_stream(client):
    r = client.get("/api/export", params={"format": "csv", "q": "النفط"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text.lstrip("\ufeff"))))
    assert {row["title"] for row in rows} == {"ارتفاع أسعار النفط في الأسواق العالمية", "النفط يصعد ثلاثة في المئة"}
    r = client.get("/api/export", params={"format": "jsonl"})
    lines = [json.loads(line) for line in r.text.splitlines()]
    assert len(lines) == 7 and all("title" in x for x in lines)
    assert client.get("/api/export", params={"format": "xml"}).status_code == 422
    assert client.get("/api/export", params={"q": "(("}).status_code == 400


def test_export_csv_neutralises_formulas(writable):
    from marsad.model import Article
    from marsad.pipeline import store_article

    store = writable.app.state.store
    store_article(store, Article(title="=HYPERLINK(\"http://x.example\")", body=["عينة"], source="s.example"),
                  link=False)  # fmt: skip
    text = writable.get("/api/export", params={"format": "csv"}).text
    assert "'=HYPERLINK" in text


def test_writes_are_disabled_without_a_token(client):
    r = client.post("/api/sources", json={"homepage": "https://new.example/"})
    assert r.status_code == 401
    r = client.post("/api/sources", json={"homepage": "https://new.example/"}, headers={"Authorization": "Bearer x"})
    assert r.status_code == 403 and "api_token" in r.json()["error"]["message"]


def test_writes_need_the_bearer_token(writable):
    body = {"homepage": "https://www.new-outlet.example/", "name": "منفذ جديد", "feeds": ["https://new-outlet.example/rss"]}
    assert writable.post("/api/sources", json=body).status_code == 401
    wrong = writable.post("/api/sources", json=body, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
    ok = writable.post("/api/sources", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 201, ok.text
    assert ok.json()["key"] == "new-outlet.example" and ok.json()["registered"]
    again = writable.post("/api/sources", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert again.status_code == 409
    bad = writable.post("/api/sources", json={"homepage": "javascript:alert(1)//x"},
                        headers={"Authorization": f"Bearer {TOKEN}"})  # fmt: skip
    assert bad.status_code == 422
    keys = [s["key"] for s in writable.get("/api/sources").json()["items"]]
    assert keys == ["new-outlet.example"]


def test_read_only_api_rejects_other_methods(client):
    assert client.delete("/api/articles/1").status_code == 405
    assert client.post("/api/articles").status_code == 405
    assert client.options("/api/sources").headers["allow"] == "GET, HEAD, POST"


def test_openapi_and_docs(client):
    spec = client.get("/api/openapi.json").json()
    paths = set(spec["paths"])
    for p in ("/api/articles", "/api/articles/{article_id}", "/api/stories", "/api/stories/{story_id}",
              "/api/sources", "/api/search", "/api/attention", "/api/export"):  # fmt: skip
        assert p in paths
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    # server-rendered from the same schema: every operation and schema is on the page, offline
    for path, item in spec["paths"].items():
        for method in item:
            assert f"{method.upper()} {path}" in docs.text
    for name in spec["components"]["schemas"]:
        assert f'id="schema-{name}"' in docs.text
    assert "<script" not in docs.text and "cdn" not in docs.text.lower()
    assert "default-src 'none'" in docs.headers["content-security-policy"]  # no exemption any more
    assert docs.headers["x-frame-options"] == "DENY"


def test_cursor_pagination_with_equal_times_and_undated_articles(writable):
    from datetime import datetime

    from marsad.model import Article
    from marsad.pipeline import store_article

    store = writable.app.state.store
    same = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
    for n in range(23):  # sample articles: 15 published at the same minute, 8 undated
        store_article(store, Article(title=f"عينة {n}", body=[f"نص تجريبي {n}"], published=same if n < 15 else None,
                                     source="s.example"), link=False)  # fmt: skip
    seen, cursor = [], None
    while True:
        page = writable.get("/api/articles", params={"limit": 4, **({"cursor": cursor} if cursor else {})}).json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert sorted(seen) == list(range(1, 24)) and len(seen) == 23
