"""SiteProfile: learns repeated lines per site, from the third page, JSON round trip."""

from __future__ import annotations

import json

from marsad.extract import SiteProfile, extract_article, site_key

DISCLAIMER = "هذا السطر يتكرر في كل صفحات الموقع ويشرح سياسة النشر الخاصة بالموقع للقراء الكرام دائما"
SHARE = "شاركنا رأيك في هذا الموضوع عبر صفحتنا"


WORDS = ["القاهرة", "بغداد", "عمان", "الرياض", "دمشق", "بيروت", "تونس", "الرباط", "الدوحة", "مسقط", "صنعاء",
         "الخرطوم", "طرابلس", "الجزائر", "الكويت", "المنامة", "أبوظبي", "القدس", "غزة", "حلب"]


def page(i: int, host: str = "news.example.com", extra: str = "") -> bytes:
    """A page of a site: template lines plus text unique to page i (different words, not just digits)."""
    paras = "".join(
        f"<p>الفقرة عن {WORDS[(i + j) % 20]} و{WORDS[(3 * i + j) % 20]} من الخبر {WORDS[i % 20]} تتحدث عن حدث مختلف"
        f" تماما في مدينة {WORDS[(i * 7 + j) % 20]} مع تفاصيل كثيرة.</p>"
        for j in range(4)
    )
    return (
        f'<html><head><link rel="canonical" href="https://{host}/news/{i}"><title>خبر {i}</title></head><body>'
        f"<article><h1>عنوان الخبر عن {WORDS[i % 20]} اليوم</h1><div class='text'>{paras}<p>{DISCLAIMER}</p>"
        f"<p>{SHARE}</p>{extra}</div></article></body></html>"
    ).encode()


def test_effective_from_third_page():
    p = SiteProfile()
    p.observe(page(1))
    p.observe(page(2))
    assert not p.ready
    assert DISCLAIMER in extract_article(page(9), profile=p).text
    p.observe(page(3))
    assert p.ready and p.site == "news.example.com"
    art = extract_article(page(9), profile=p)
    assert DISCLAIMER not in art.text and SHARE not in art.text
    assert len(art.body) == 4


def test_unique_text_is_kept_and_duplicates_do_not_count():
    p = SiteProfile()
    for _ in range(5):
        p.observe(page(1))  # the same page again and again
    assert p.pages == 1
    for i in range(2, 6):
        p.observe(page(i))
    art = extract_article(page(1), profile=p)
    assert sum(f"من الخبر {WORDS[1]} " in b for b in art.body) == 4


def test_per_site_isolation():
    p = SiteProfile()
    for i in range(1, 5):
        assert p.observe(page(i))
    assert not p.observe(page(7, host="other.example.org"))
    # another site's page is not cleaned with this profile
    art = extract_article(page(8, host="other.example.org"), profile=p)
    assert DISCLAIMER in art.text


def test_json_round_trip():
    p = SiteProfile()
    for i in range(1, 5):
        p.observe(page(i))
    data = json.loads(json.dumps(p.to_dict(), ensure_ascii=False))
    q = SiteProfile.from_dict(data)
    assert q.pages == p.pages and q.site == p.site
    assert q.boilerplate_lines() == p.boilerplate_lines()
    assert DISCLAIMER not in extract_article(page(11), profile=q).text


def test_site_key_from_url_canonical_or_og():
    assert site_key(page(1)) == "news.example.com"
    assert site_key(page(1), "https://WWW.Mirror.example.net/x") == "mirror.example.net"
    og = b'<html><head><meta property="og:url" content="https://www.og.example.com/a"></head><body><p>x</p></body></html>'
    assert site_key(og) == "og.example.com"
    assert site_key(b"") is None


def test_site_with_several_templates_is_learned():
    notes = ["ملاحظة القالب الأول تظهر أسفل كل خبر من هذا النوع", "ملاحظة القالب الثاني تظهر أسفل أخبار الرياضة دائما",
             "ملاحظة القالب الثالث تظهر أسفل أخبار الاقتصاد دائما"]

    def tpage(i: int) -> bytes:
        html = page(i).decode().replace(f"<p>{SHARE}</p>", f"<p>{notes[i % 3]}</p>")
        return html.encode()

    p = SiteProfile()
    for i in range(1, 10):
        p.observe(tpage(i))
    for i in (10, 11, 12):
        text = extract_article(tpage(i), profile=p).text
        assert notes[i % 3] not in text and len(extract_article(tpage(i), profile=p).body) == 4


def test_incremental_save_and_load_keeps_learning():
    """The ingest pipeline observes one page, saves the profile, and loads it for the next page."""
    data = SiteProfile().to_dict()
    for i in range(1, 5):
        p = SiteProfile.from_dict(json.loads(json.dumps(data, ensure_ascii=False)))
        p.observe(page(i))
        data = p.to_dict()
    p = SiteProfile.from_dict(data)
    assert p.pages == 4 and DISCLAIMER not in extract_article(page(12), profile=p).text
