"""Bad input never hangs: a NoArticle with a reason, or a result, within 5 s."""

from __future__ import annotations

import os
import time

import pytest

from marsad.errors import NoArticle
from marsad.extract import extract_article

PARA = "<p>" + "هذه جملة عربية طويلة نسبيا تتكون من كلمات كثيرة لاختبار الاستخراج. " * 5 + "</p>"


def _run(data: bytes):
    start = time.perf_counter()
    try:
        result = extract_article(data, "https://example.com/news/1")
    except NoArticle as exc:
        result = exc
    assert time.perf_counter() - start < 5.0
    return result


@pytest.mark.parametrize("data,reason", [
    (b"", "empty input"),
    (b"   \n\t ", "empty input"),
    (bytes(range(256)) * 400, "not HTML"),
    (b"\x89PNG\r\n\x1a\n" + bytes(5000), "not HTML"),
    ("مجرد نص عادي بدون أي وسوم ".encode() * 100, "not HTML"),
])
def test_rejects_with_reason(data, reason):
    result = _run(data)
    assert isinstance(result, NoArticle) and result.reason == reason


def test_random_binary():
    result = _run(os.urandom(200_000))
    assert isinstance(result, NoArticle) and result.reason == "not HTML"


def test_fifty_megabytes():
    data = b"<html><body>" + PARA.encode() * (50_000_000 // len(PARA.encode())) + b"</body></html>"
    result = _run(data)
    assert isinstance(result, NoArticle) and result.reason == "too large"


def test_large_but_allowed_page_is_fast():
    data = b"<html><body><article><h1>t</h1>" + PARA.encode() * (4_000_000 // len(PARA.encode())) + b"</article></body></html>"
    result = _run(data)
    assert not isinstance(result, NoArticle) and len(result.body) > 1000


@pytest.mark.parametrize("opener,closer", [("<div>", "</div>"), ("<div><span>", ""), ("<b>", "</b>")])
def test_ten_thousand_nested_elements(opener, closer):
    html = "<html><body>" + opener * 10000 + "<h1>عنوان الخبر</h1>" + PARA * 3 + closer * 10000 + "</body></html>"
    result = _run(html.encode())
    assert isinstance(result, NoArticle) or "هذه جملة عربية" in result.text


def test_broken_markup():
    html = "<html><body><div><p>" + PARA[3:-4] + "<p><b><i>" + PARA + "</div></p></span><table><td>" + PARA + "<<<>>"
    result = _run(html.encode())
    assert not isinstance(result, NoArticle) and len(result.body) >= 2


def test_homepage_is_not_an_article():
    items = "".join(
        f'<div class="item"><h3><a href="/news/{i}">عنوان خبر رقم {i} عن موضوع مهم في المنطقة</a></h3>'
        f"<p>ملخص قصير للخبر رقم {i} يحتوي على بعض الكلمات الإضافية هنا.</p></div>" for i in range(30)
    )
    html = f'<html><head><meta property="og:type" content="website"><title>موقع</title></head><body>{items}</body></html>'
    result = _run(html.encode())
    assert isinstance(result, NoArticle) and result.reason == "no article found (homepage?)"


def test_nav_only_page():
    html = "<html><body><nav>" + "".join(f'<a href="/s/{i}">قسم {i}</a>' for i in range(50)) + "</nav></body></html>"
    result = _run(html.encode())
    assert isinstance(result, NoArticle) and result.reason == "no article found (homepage?)"
