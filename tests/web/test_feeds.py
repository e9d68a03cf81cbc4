"""Atom feeds for a search, a story and a source."""

from __future__ import annotations

from xml.etree import ElementTree as ET

ATOM = "{http://www.w3.org/2005/Atom}"


def _feed(client, url: str) -> ET.Element:
    r = client.get(url)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/atom+xml")
    root = ET.fromstring(r.content)
    assert root.tag == f"{ATOM}feed"
    for entry in root.findall(f"{ATOM}entry"):
        assert entry.findtext(f"{ATOM}id") and entry.findtext(f"{ATOM}updated")
    return root


def test_search_feed(client):
    root = _feed(client, "/feeds/search.atom?q=النفط")
    titles = [e.findtext(f"{ATOM}title") for e in root.findall(f"{ATOM}entry")]
    assert titles == ["النفط يصعد ثلاثة في المئة", "ارتفاع أسعار النفط في الأسواق العالمية"]
    assert client.get("/feeds/search.atom?q=((").status_code == 400


def test_story_feed(client, ids):
    root = _feed(client, f"/feeds/story/{ids['stories']['A']}.atom")
    assert len(root.findall(f"{ATOM}entry")) == 3
    assert "انسحاب" in root.findtext(f"{ATOM}title")
    assert client.get("/feeds/story/999999.atom").status_code == 404


def test_source_feed(client):
    root = _feed(client, "/feeds/source/gamma.example.atom")
    assert len(root.findall(f"{ATOM}entry")) == 2
    assert client.get("/feeds/source/none.example.atom").status_code == 404


def test_hostile_entries_keep_the_feed_valid_and_links_safe(client, ids):
    root = _feed(client, f"/feeds/story/{ids['stories']['X']}.atom")
    (entry,) = root.findall(f"{ATOM}entry")
    assert "<script>" in entry.findtext(f"{ATOM}title")  # text, escaped by the XML writer
    hrefs = [link.get("href") for link in entry.findall(f"{ATOM}link")]
    assert all(h.startswith("http://testserver/") for h in hrefs)  # the javascript: URL is left out
