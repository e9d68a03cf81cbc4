"""Encodings: windows-1256 / ISO-8859-6 pages and files, wrong declarations, BOMs."""

from __future__ import annotations

import re

import pytest

from marsad.extract import decode_html, decode_text, extract_article
from tests.conftest import shared_path

ARABIC = "أعلنت وزارة الصحة في العاصمة اليوم عن إجراءات جديدة لمواجهة الفيروس"
PAGE = (
    '<html><head>{meta}<title>خبر</title></head><body><article><h1>عنوان الخبر الرئيسي</h1>'
    + ("<p>" + ARABIC + "، وقالت إن الوضع تحت السيطرة.</p>") * 4 + "</article></body></html>"
)


@pytest.mark.parametrize("codec", ["cp1256", "iso8859_6", "utf-8"])
@pytest.mark.parametrize("meta", ["", '<meta charset="{c}">', '<meta charset="iso-8859-1">',
                                  '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'])
def test_decode_html_any_declaration(codec, meta):
    declared = {"cp1256": "windows-1256", "iso8859_6": "iso-8859-6", "utf-8": "utf-8"}[codec]
    html = PAGE.format(meta=meta.format(c=declared))
    assert ARABIC in decode_html(html.encode(codec))


@pytest.mark.parametrize("header", ["text/html; charset=windows-1256", "text/html; charset=utf-8",
                                    "text/html; charset=ISO-8859-1", "text/html"])
def test_header_charset_hint_or_lie(header):
    html = PAGE.format(meta="")
    assert ARABIC in decode_html(html.encode("cp1256"), {"Content-Type": header})


def test_utf8_bom_and_utf16():
    html = PAGE.format(meta="")
    assert decode_html(b"\xef\xbb\xbf" + html.encode()).startswith("<html>")
    assert ARABIC in decode_html(html.encode("utf-16"))


def test_cp1256_page_extracts_as_arabic():
    html = PAGE.format(meta='<meta charset="iso-8859-1">').encode("cp1256")
    art = extract_article(html, "https://example.com/a/1")
    assert art.title == "عنوان الخبر الرئيسي" and ARABIC in art.body[0]


def _arabic_share(text: str) -> float:
    non_ascii = [c for c in text if ord(c) > 127 and not c.isspace()]
    if not non_ascii:
        return 1.0
    ok = sum(1 for c in non_ascii if "\u0600" <= c <= "\u06ff" or c in "«»“”–—…’‘\u00a0")
    return ok / len(non_ascii)


def test_cp1256_corpus_files_decode_to_arabic():
    files = sorted(shared_path("corpora", "arabic-newspapers-cp1256", "files").rglob("*.txt"))
    assert len(files) > 2000
    sample = files[::5]
    bad = []
    for f in sample:
        raw = f.read_bytes()
        if sum(b >= 0x80 for b in raw) < 0.2 * len(raw):
            continue  # a few source files were already converted to "?" before publication
        text = decode_text(raw)
        if _arabic_share(text) < 0.95 or not re.search(r"\bال", text):
            bad.append(f.name)
    assert bad == []


def test_decode_text_utf8_and_empty():
    assert decode_text("نص عربي".encode()) == "نص عربي"
    assert decode_text(b"") == ""
    assert decode_text("نص عربي قصير".encode("iso8859_6")) == "نص عربي قصير"
