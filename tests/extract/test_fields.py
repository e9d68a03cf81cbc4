"""Field readers on small inputs: dates, authors, dateline, attribution, tags, language."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from marsad import extract
from marsad.extract import extract_article
from marsad.extract.attribution import extract_attribution
from marsad.extract.authors import clean_name
from marsad.extract.dateline import parse_dateline, parse_standalone, split_place_author
from marsad.extract.dates import _dates_of_line, url_date
from marsad.extract.datetext import parse_text_date
from marsad.extract.media import language


def test_public_api():
    assert set(extract.__all__) == {"extract_article", "extract_text_page", "TextPage", "SiteProfile",
                                    "site_key", "decode_html", "decode_text"}
    for name in extract.__all__:
        assert getattr(extract, name)


@pytest.mark.parametrize("text,expected", [
    ("الإثنين، 24 أغسطس 2020 09:23 ص", datetime(2020, 8, 24, 9, 23)),
    ("تم نشره الجمعة 24 نيسان / أبريل 2020 09:22 مساءً", datetime(2020, 4, 24, 21, 22)),
    ("الأربعاء، 07 أكتوبر 2020 - 12:09 م", datetime(2020, 10, 7, 12, 9)),
    ("2020/12/25 - 1:59 صباحًا", datetime(2020, 12, 25, 1, 59)),
    ("٠٢:٠٠ الثلاثاء ١ / ١٢ / ٢٠٢٠", datetime(2020, 12, 1, 2, 0)),
    ("November 9, 2020", datetime(2020, 11, 9)),
    ("تاريخ النشر: 12th, March 2024 GMT", datetime(2024, 3, 12, tzinfo=UTC)),
    ("الأحد، 04 آب/اغسطس 2013، آخر تحديث 02:21 (GMT+0400)",
     datetime(2013, 8, 4, 2, 21, tzinfo=timezone(timedelta(hours=4)))),
])
def test_visible_dates(text, expected):
    assert parse_text_date(text).when == expected


def test_url_dates():
    assert url_date("http://arabic.cnn.com/2013/middle_east/8/3/syria.clashes/index.html") == datetime(2013, 8, 3)
    assert url_date("https://www.youm7.com/story/2020/8/24/x/4943459") == datetime(2020, 8, 24)
    assert url_date("https://example.com/about") is None


def _page(meta: str, visible: str = "", url: str = "https://news.example.com/a/1") -> bytes:
    body = "<p>" + "هذه فقرة من نص الخبر تحتوي على كلمات كافية للاستخراج الصحيح. " * 4 + "</p>"
    return (f'<html><head>{meta}<link rel="canonical" href="{url}"></head><body><article>'
            f"<h1>عنوان الخبر</h1><div>{visible}</div>{body * 3}</article></body></html>").encode()


def test_visible_local_time_fixes_utc_day():
    art = extract_article(_page('<meta property="article:published_time" content="2020-12-24T23:59:50+00:00">',
                                "2020/12/25 - 1:59 صباحًا"))
    assert art.published.date().isoformat() == "2020-12-25"
    assert art.published.utcoffset() == timedelta(hours=2)
    assert "visible" in art.published_evidence


def test_modified_before_published_is_ignored():
    art = extract_article(_page('<meta property="article:published_time" content="2020-06-03T03:01+0400">'
                                '<meta property="article:modified_time" content="2020-03-15T20:18+0400">'))
    assert art.updated is None and "before publication" in art.published_evidence


def test_url_only_date_and_no_date():
    art = extract_article(_page("", url="https://news.example.com/2021/05/06/story"))
    assert art.published.date().isoformat() == "2021-05-06" and art.published_precision == "day"
    assert extract_article(_page("")).published is None


@pytest.mark.parametrize("raw,name", [
    ("كتبت أسماء نصار", "أسماء نصار"),
    ("كتب: سيد الخلفاوى", "سيد الخلفاوى"),
    ("حوار: محمد علي", "محمد علي"),
    ("حسام أبو العلا - القاهرة", "حسام أبو العلا"),
    ("https://www.facebook.com/ziad.sankary", None),
    ("logo-site.png", None),
    ("(أبوظبي - البيان)", None),
    ("المدينة نيوز", None),
    ("بوابة أخبار اليوم", None),
])
def test_author_names(raw, name):
    assert clean_name(raw, ["المدينة نيوز"]) == name


@pytest.mark.parametrize("first,text,place,author,agency", [
    ("دمشق، سوريا (CNN) -- أكدت جهات", "دمشق، سوريا (CNN)", "دمشق، سوريا", None, "CNN"),
    ("بغداد/المسلة: تصاعد التوتر", "بغداد/المسلة", "بغداد", None, "المسلة"),
    ("القاهرة- أحمد الريدي: قال الوزير", "القاهرة- أحمد الريدي", "القاهرة", "أحمد الريدي", None),
    ("عمان (بترا) - قال", "عمان (بترا)", "عمان", None, "بترا"),
    ("القاهرة - (د ب أ) - أعلنت الوزارة", "القاهرة - (د ب أ)", "القاهرة", None, "د ب أ"),
    ("واشنطن-(أ ف ب)- قال الرئيس", "واشنطن-(أ ف ب)", "واشنطن", None, "أ ف ب"),
    ("عمّان 12 أيار (بترا) - قال الوزير", "عمّان 12 أيار (بترا)", "عمّان", None, "بترا"),
    ("بيروت ـ «القدس العربي»: شهدت العاصمة", "بيروت ـ «القدس العربي»", "بيروت", None, "القدس العربي"),
    ("الرباط - هسبريس: قررت الحكومة", "الرباط - هسبريس", "الرباط", None, "هسبريس"),
])
def test_datelines(first, text, place, author, agency):
    dl = parse_dateline(first)
    assert (dl.text, dl.place, dl.author, dl.agency) == (text, place, author, agency)


def test_no_dateline_in_plain_sentence():
    assert parse_dateline("أعلنت وزارة الصحة والسكان المصرية، اليوم الثلاثاء، تسجيل 30 حالة") is None
    assert parse_dateline("وقال الوزير - في تصريح صحفي: إن القرار نهائي") is None
    assert split_place_author("القاهرة- أحمد الريدي").author == "أحمد الريدي"


@pytest.mark.parametrize("texts,expected", [
    (["وقال مسؤول لوكالة “رويترز” إن المحادثات"], ["رويترز"]),
    (["نص الخبر هنا.", "--(بترا)"], ["بترا"]),
    (["وذكرت وكالة فرانس برس أن ...", "كما أفادت (أ ف ب) ..."], ["فرانس برس"]),
    (["نقلاً عن صحيفة «الشرق الأوسط» قال"], ["الشرق الأوسط"]),
    (["المصدر: Middle East Eye"], ["Middle East Eye"]),
    (["المسلة – متابعة – وكالات"], []),
    (["وقال المرصد السوري لحقوق الإنسان إن الاشتباكات مستمرة في محافظة قنا"], []),
    (["دمشق، سوريا (CNN) -- أكدت"], []),
    (["وقالت صحيفة نيويورك تايمز الأمريكية إن الإدارة تدرس الخيارات"], ["نيويورك تايمز"]),
    (["ونقل موقع أكسيوس عن مسؤولين أميركيين"], ["أكسيوس"]),
    (["وأفادت وكالة الأنباء الفرنسية بأن الشرطة فرقت المحتجين"], ["فرانس برس"]),
    (["وقال لـ«العربي الجديد» إن الوضع صعب"], ["العربي الجديد"]),
    (["وأعلنت روسيا اليوم الثلاثاء أنها ستفرض قيودا"], []),  # Russia, today: no outlet
    (["ويرى محللون أن النظام العربي الجديد يتشكل"], []),
])
def test_attribution(texts, expected):
    assert extract_attribution(texts, ["CNNArabic", "cnn"]) == expected


def test_tags_fallbacks():
    page = _page('<meta name="keywords" content="مصر, كورونا, عنوان الخبر">')
    assert extract_article(page).tags == ["مصر", "كورونا"]  # a keyword repeating the headline is dropped


def test_language():
    assert language(["هذا نص عربي خالص"]) == "ar"
    assert language(["This is English only"]) == "other"
    assert language(["نص عربي طويل نسبيا mixed with English"]) == "mixed"


def test_jsonld_article_body_when_html_has_no_text():
    import json

    body = ("الفقرة الأولى من نص الخبر تتحدث عن موضوع مهم جدا في المنطقة العربية اليوم.\n\n"
            "الفقرة الثانية تكمل الحديث عن الموضوع نفسه مع تفاصيل إضافية كثيرة ومهمة للقراء.")
    ld = json.dumps({"@type": "NewsArticle", "headline": "عنوان الخبر المهم", "articleBody": body,
                     "datePublished": "2023-01-02T10:00:00+03:00"}, ensure_ascii=False)
    html = (f'<html><head><script type="application/ld+json">{ld}</script><title>عنوان الخبر المهم - موقع</title>'
            '</head><body><div id="app"></div></body></html>')
    art = extract_article(html.encode(), "https://news.example.sa/a/1")
    assert art.title == "عنوان الخبر المهم" and len(art.body) == 2
    assert "articleBody" in art.published_evidence


def test_script_text_is_not_a_visible_date():
    page = _page("", '<script>var built = "2019-01-01 10:00";</script>')
    assert extract_article(page).published is None


def test_article_to_dict_is_json_ready():
    import json

    from tests.extract.gold import page_article

    data = page_article("cnnarabic-2013-08-03").to_dict()
    assert json.loads(json.dumps(data, ensure_ascii=False))["dateline"]["place"] == "دمشق، سوريا"


@pytest.mark.parametrize("raw,names", [
    ("كتب أحمد علي ووليد حسن", ["أحمد علي", "وليد حسن"]),
    ("كتب أحمد وليد", ["أحمد وليد"]),
    ("عبد الرحمن وجدي", ["عبد الرحمن وجدي"]),
    ("John Smith and Jane Doe", ["John Smith", "Jane Doe"]),
])
def test_several_authors_in_one_byline(raw, names):
    from marsad.extract.authors import split_names

    assert [clean_name(n, []) for n in split_names(raw)] == names


def test_standalone_dateline_line_is_not_a_paragraph():
    body = "".join("<p>" + "قال مسؤولون إن المحادثات ستستمر خلال الأيام المقبلة بحضور الوفود المعنية كافة. " * 2 + "</p>"
                   for _ in range(3))
    html = ("<html><head><title>عنوان</title></head><body><article><h1>عنوان الخبر اليوم</h1>"
            f"<div class='article-body'><p>أبوظبي - سكاي نيوز عربية</p>{body}</div></article></body></html>")
    art = extract_article(html.encode(), "https://www.skynewsarabia.com/world/1")
    assert (art.dateline.place, art.dateline.agency) == ("أبوظبي", "سكاي نيوز عربية")
    assert art.body[0].startswith("قال مسؤولون") and len(art.body) == 3
    assert art.attribution == []  # the publisher itself


def test_a_line_with_an_update_and_the_publication():
    """Sample lines: one visible line can carry both times; the update label's own date is the
    update, the other one the publication; a label with only a time dates the whole line."""
    both = _dates_of_line("آخر تحديث: 24 أيار 2018 | 09:40 23 أيار 2018 | 15:12")
    assert [td.when.date().isoformat() for td, _ in both] == ["2018-05-24", "2018-05-23"]
    assert "تحديث" in both[0][1] and "تحديث" not in both[1][1]
    paren = _dates_of_line("GMT 17:27 17.03.2020(محدثة GMT 17:49 17.03.2020)")
    assert [(td.when.hour, td.when.minute) for td, _ in paren] == [(17, 27), (17, 49)]
    assert "محدثة" not in paren[0][1] and "محدثة" in paren[1][1]
    whole = _dates_of_line("الأحد، 04 آب/اغسطس 2013، آخر تحديث 02:21 (GMT+0400)")
    assert len(whole) == 1 and "تحديث" in whole[0][1]


def test_url_issue_folder_day():
    assert url_date("https://www.okaz.com.sa/new/Issues/20150801/Con20150801786795.htm") == datetime(2015, 8, 1)


@pytest.mark.parametrize("raw", ["جميع مقالات الكاتب", "المزيد من مقالات الكاتب", "أرشيف الكاتب"])
def test_author_box_link_labels_are_not_names(raw):
    assert clean_name(raw, []) is None


def test_a_space_agency_is_not_a_news_source():
    assert extract_attribution(['وأعلنت وكالة الفضاء الأميركية "ناسا" إطلاق المهمة'], []) == []
    assert extract_attribution(['وقالت وكالة الأنباء "إرنا" إن الوفد وصل'], []) == ["إرنا"]


def test_sitewide_keywords_are_not_tags():
    page = _page('<meta property="og:site_name" content="صحيفة عكاظ">'
                 '<meta name="keywords" content="عكاظ, صحيفة عكاظ, كتاب عكاظ, مقالات, الطاقة الشمسية">')
    assert extract_article(page).tags == ["الطاقة الشمسية"]


@pytest.mark.parametrize("texts,expected", [
    (['ورئيسة تحرير صحيفة "الغد" المستقلة جمانة غنيمات'], []),  # where she works, not a source
    (['وقال رئيس الوزراء لصحيفة "الغد" إن الحكومة ستعلن'], ["الغد"]),
    (['وفق ما نقلت وكالة "إنترفاكس" عن مصدر'], ["إنترفاكس"]),
    (["وقالت إذاعة الجيش الإسرائيلي إن القصف استمر"], ["إذاعة الجيش الإسرائيلي"]),
])
def test_attribution_context(texts, expected):
    assert extract_attribution(texts, []) == expected


@pytest.mark.parametrize("raw,name", [
    ("بقلم: د. سامي الخطيب - أستاذ العلوم السياسية", "سامي الخطيب"),
    ("الدكتور محمد علي", "محمد علي"),
    ("أ.د. خالد حسن", "خالد حسن"),
])
def test_author_names_lose_titles(raw, name):
    assert clean_name(raw, []) == name


def test_agency_site_keywords_are_not_tags():
    page = _page('<meta property="og:site_name" content="وكالة الأنباء الأردنية">'
                 '<meta name="keywords" content="بترا, أخبار الأردن, Jordan News Agency, أخبار عاجلة, المياه">')
    assert extract_article(page).tags == ["المياه"]


@pytest.mark.parametrize("text,expected", [
    ("ونقلت قناة السومرية العراقية عن مصدر أمني قوله إن الهجوم وقع ليلا", ["السومرية"]),
    ("وقال الوزير، عصام بن سعيد، لتلفزيون البحرين إن الاستعدادات اكتملت", ["تلفزيون البحرين"]),
    ("وقالت إذاعة الجيش الإسرائيلي إن القصف استمر", ["إذاعة الجيش الإسرائيلي"]),
    ("وعبرت السفينة قناة السويس أمس", []),
    ("ووصلت فرق الإنقاذ إلى موقع الحادث بعد ساعات", []),
    ("وذكرت صحيفة رسمية أن القرار نهائي", []),
    ("ونشرت موقع التواصل الاجتماعي صورا للحادث", []),  # found on ANT: social media, no outlet
    ("وقال لشبكة التلفزيون المحلية إن الوضع هادئ", []),
    ("وأضاف أن المستشارة الألمانية أنغيلا ميركل ستزور المنطقة", []),  # the adjective, not dpa
])
def test_unquoted_arabic_outlets_only_in_sourcing_phrases(text, expected):
    assert extract_attribution([text], []) == expected


def test_french_byline_label_and_glued_dash_dateline():
    assert clean_name("Par حنان الطاهري", []) == "حنان الطاهري"
    dl = parse_dateline("بغداد/ شفق نيوز- أعلنت قيادة العمليات المشتركة")
    assert (dl.text, dl.place, dl.agency) == ("بغداد/ شفق نيوز", "بغداد", "شفق نيوز")


def test_a_statement_to_a_bracketed_outlet_and_the_publisher_itself():
    assert extract_attribution(["وقال في حوار هاتفي لـ(عكاظ) إن الجيش يتقدم"], []) == ["عكاظ"]
    # on alyaum.com, "told اليوم" names the publisher: its Arabic name is only known as "alyaum"
    assert extract_attribution(["وقال مختصون في الشؤون الإيرانية لـ«اليوم» إن الاغتيال مدبر"], ["alyaum"]) == []


def test_outlet_first_standalone_dateline():
    dl = parse_standalone("السومرية نيوز/ صلاح الدين")
    assert (dl.place, dl.agency, dl.author) == ("صلاح الدين", "السومرية نيوز", None)
    assert clean_name("حاوره: فهيم الحامد", []) == "فهيم الحامد"


def test_colon_datelines_shared_agencies_and_platforms():
    dl = parse_standalone("عمان: واس")
    assert (dl.place, dl.agency) == ("عمان", "واس")
    assert parse_standalone("المصدر: د ب أ") is None  # a credit line, not a dateline
    assert parse_standalone("القاهرة: أحمد علي") is None  # "place: name" only for an agency
    assert extract_attribution([], [], "رويترز، أ ف ب") == ["رويترز", "فرانس برس"]
    assert extract_attribution(['ونشر الفيديو على موقع "تويتر"'], []) == []
    long_place = parse_dateline("دبي، الإمارات العربية المتحدة (CNN) -- أعلنت")
    assert (long_place.place, long_place.agency) == ("دبي، الإمارات العربية المتحدة", "CNN")
    assert clean_name("عمان: واس", []) is None


def test_the_story_is_the_article_holding_the_headline():
    """Sample page: a second, longer <article> loaded below (infinite scroll) is not the story."""
    story = " ".join(["أعلنت الشركة نتائجها الفصلية وقالت إن الأرباح ارتفعت بنسبة كبيرة، متجاوزة التوقعات."] * 3)
    other = " ".join(["وفي خبر آخر قالت شركة منافسة إنها ستطلق منتجا جديدا في السوق خلال أسابيع، بحسب بيان."] * 3)
    page = ("<html><body><main><article><h1>الشركة تعلن نتائجها</h1>"
            + "".join(f"<p>{story}</p>" for _ in range(3)) + "</article><article><h2>خبر تالٍ</h2>"
            + "".join(f"<p>{other}</p>" for _ in range(6)) + "</article></main></body></html>").encode()
    body = extract_article(page).body
    assert len(body) == 3 and all(p == story for p in body)


def test_an_unnamed_read_also_box_inside_the_text_goes_whole():
    """Sample page: a read-also teaser (label, headline, date, first paragraph) in a plain <div>
    between paragraphs; none of it is body, and the paragraphs around it stay."""
    para = "وقالت الوزارة في بيان إن الخطة تشمل بناء مدارس جديدة في المحافظات الجنوبية، وتأهيل المعلمين، وتوفير النقل."
    teaser = "وكانت الحكومة قد أعلنت الشهر الماضي عن موازنة إضافية لقطاع التعليم بقيمة كبيرة لدعم المشاريع."
    page = ("<html><body><article><h1>خطة لبناء مدارس جديدة</h1><div class='text'>"
            + f"<p>{para}</p><p>{para}</p>"
            + "<div><h4>اقرأ أيضاً</h4><h3><a href='/news/2'>الحكومة تعلن موازنة إضافية للتعليم</a></h3>"
            + f"<span>12 مايو 2024</span><p>{teaser}</p></div>"
            + f"<p>{para}</p></div></article></body></html>").encode()
    body = extract_article(page).body
    assert body == [para, para, para]
