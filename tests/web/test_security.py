"""A hostile article (script tags, event handlers, javascript: and data: URLs in every field)
must render inert on every page that shows it; only http(s) URLs may become links."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from tests.web import samples

FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "img", "frame", "base", "meta_refresh"}
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "data"}


class _Inspector(HTMLParser):
    """Collects what a browser would treat as active in a page (real tags, not escaped text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{name}= on <{tag}>")
            if name in URL_ATTRS and value is not None:
                url = "".join(value.split()).lower()
                if ":" in url.split("/")[0] and not url.startswith(("http:", "https:")):
                    self.problems.append(f"{name}={value!r} on <{tag}>")
        if tag == "meta" and any(n == "http-equiv" for n, _ in attrs):
            self.problems.append("<meta http-equiv>")


def _assert_inert(html: str) -> None:
    inspector = _Inspector()
    inspector.feed(html)
    assert inspector.problems == []


def test_the_inspector_catches_active_markup():
    for bad in ('<script>x</script>', '<a href=" JavaScript:alert(1)">', '<p onclick="x">', '<img src=x>',
                '<a href="data:text/html,x">'):  # fmt: skip
        inspector = _Inspector()
        inspector.feed(bad)
        assert inspector.problems, bad
    inspector = _Inspector()
    inspector.feed('<p>&lt;script&gt; onerror=alert(1) javascript:x</p><a href="https://a.example/">a</a>')
    assert inspector.problems == []


@pytest.fixture
def hostile_id(ids):
    return ids["articles"][7]


def test_hostile_article_page_is_inert(client, hostile_id):
    html = client.get(f"/articles/{hostile_id}").text
    _assert_inert(html)
    assert "&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt;عنوان خبيث" in html  # shown, as text
    assert "javascript:alert(document.cookie)" in html  # the URL is visible as text...
    assert 'href="javascript' not in html  # ...but is not a link


@pytest.mark.parametrize("url", ["/", "/articles", "/sources", "/sources/evil.example", "/search?q=انسحاب",
                                 "/search?q=خبيث&q2=انسحاب", "/stories"])  # fmt: skip
def test_hostile_content_inert_in_lists_search_and_sources(client, url):
    r = client.get(url)
    assert r.status_code == 200
    _assert_inert(r.text)


def test_hostile_story_page_is_inert(client, ids):
    html = client.get(f"/stories/{ids['stories']['X']}").text
    _assert_inert(html)
    assert "&lt;script&gt;" in html


def test_hostile_query_text_is_escaped(client):
    q = '"><script>alert(1)</script>'
    r = client.get("/search", params={"q": q, "q2": "<img src=x onerror=alert(2)>"})
    _assert_inert(r.text)


def test_hostile_error_message_is_escaped(client):
    r = client.get("/search", params={"q": "(<script>alert(1)</script>"})
    assert r.status_code == 400
    _assert_inert(r.text)


def test_only_http_links(client, ids):
    for article_id in ids["articles"].values():
        html = client.get(f"/articles/{article_id}").text
        for href in re.findall(r'href="([^"]*)"', html):
            assert href.startswith(("/", "http://", "https://", "?", "#")), href


def test_api_returns_hostile_text_as_data(client, hostile_id):
    data = client.get(f"/api/articles/{hostile_id}").json()
    assert data["title"] == samples.HOSTILE_TITLE
    assert client.get(f"/api/articles/{hostile_id}").headers["content-type"] == "application/json"
