"""The UI in a real browser (Debian's chromium via Playwright), served by uvicorn on 127.0.0.1.

Chromium must be installed (`apt-get install -y chromium`); without it this test FAILS.
Screenshots of every page go to test-output/screenshots/.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from typing import Self

import pytest
import uvicorn

from marsad.web import create_app

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"


class _Server:
    """uvicorn serving an app in a thread, on a free port of 127.0.0.1."""

    def __init__(self, app) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> Self:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.02)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM.exists(), (
        f"Chromium is missing at {CHROMIUM}: the browser tests need it. Install it with "
        "`apt-get update && apt-get install -y chromium` (the CI script does)."
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="module")
def site(filled, config):
    store, _ = filled
    with _Server(create_app(store, config)) as server:
        yield server.url


def _page(browser, js: bool):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=js, locale="ar")
    pg = context.new_page()
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    return context, pg


@pytest.fixture
def page(browser):
    """JavaScript off: the UI must work without it."""
    context, pg = _page(browser, js=False)
    yield pg
    context.close()


@pytest.fixture
def js_page(browser):
    """JavaScript on, to prove hostile content runs none."""
    context, pg = _page(browser, js=True)
    yield pg
    context.close()


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _direction(page, selector: str) -> str:
    return page.eval_on_selector(selector, "el => getComputedStyle(el).direction")


def test_home_story_article_pages(page, site, ids):
    page.goto(site + "/")
    assert page.get_attribute("html", "dir") == "rtl" and page.get_attribute("html", "lang") == "ar"
    assert _direction(page, "body") == "rtl"
    assert page.locator(".story-card").count() == 3
    assert page.locator(".story-card svg.spark").count() == 3
    _shot(page, "home")

    page.get_by_role("link", name="انسحاب القوات من المدينة").click()
    page.wait_for_url(f"**/stories/{ids['stories']['A']}")
    assert page.locator("ol.timeline li").count() == 3
    assert page.locator("svg.chart").is_visible()
    _shot(page, "story")

    page.locator("ol.timeline a[href^='/articles/']").first.click()
    page.wait_for_url("**/articles/*")
    assert page.locator("h1").inner_text().startswith("انسحاب القوات")
    assert page.get_by_text("سارة أحمد").is_visible()
    _shot(page, "article")


def test_search_with_query_filter_and_rtl_chart(page, site):
    page.goto(site + "/search")
    page.get_by_label("الاستعلام", exact=True).fill("انسحاب")
    page.get_by_label("من تاريخ").fill("2024-03-02")
    page.get_by_label("إلى تاريخ").fill("2024-03-03")
    page.get_by_role("button", name="ابحث").last.click()
    page.wait_for_url("**/search?**")
    assert page.locator("li.hit").count() == 1
    assert "gamma.example" in page.locator("li.hit").inner_text()
    assert page.locator("li.hit mark").count() >= 1

    page.goto(site + "/search?q=انسحاب&q2=النفط&q3=معرض")
    chart = page.locator("svg.chart")
    assert chart.is_visible()
    assert page.locator("svg.chart polyline").count() == 3
    assert page.eval_on_selector("figure.chart-box", "el => el.getAttribute('dir')") == "rtl"
    legend = page.locator("svg.chart text.legend").first
    assert legend.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert "انسحاب" in legend.text_content()
    # right to left: the legend's text ends at the right side of the chart
    box, svg_box = legend.bounding_box(), chart.bounding_box()
    assert box["x"] + box["width"] > svg_box["x"] + svg_box["width"] * 0.8
    _shot(page, "search")


def test_source_page_and_invalid_query(page, site):
    page.goto(site + "/sources")
    assert page.locator("table.sources tbody tr").count() == 4
    _shot(page, "sources")
    page.goto(site + "/articles")
    assert page.locator("li.article-item").count() == 7
    _shot(page, "articles")
    page.goto(site + "/sources/alpha-news.example")
    assert page.locator("svg.chart").is_visible()
    _shot(page, "source")
    response = page.goto(site + "/search?q=(انسحاب")
    assert response.status == 400
    assert page.get_by_role("alert").is_visible()
    _shot(page, "search-error")


def test_hostile_article_runs_no_script(js_page, site, ids):
    page = js_page
    page.goto(site + f"/articles/{ids['articles'][7]}")
    page.goto(site + f"/stories/{ids['stories']['X']}")
    page.goto(site + "/search?q=خبيث")
    assert page.dialogs == []
    page.goto(site + f"/articles/{ids['articles'][7]}")
    assert "<script>" in page.locator("h1").inner_text()  # shown as text
    _shot(page, "hostile-article")


def test_empty_store_home(browser, tmp_path, config):
    from marsad.store import open_store

    store = open_store(tmp_path / "empty.db")
    with _Server(create_app(store, config)) as server:
        pg = browser.new_page()
        pg.goto(server.url + "/")
        assert pg.get_by_text("marsad demo").is_visible()
        _shot(pg, "home-empty")
        pg.close()
    store.close()
