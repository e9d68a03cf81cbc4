"""Agency credits: where outlets put them, not every mention."""

from __future__ import annotations

import pytest

from marsad.link.agencies import agency_key, credited_agencies
from marsad.model import Article, Dateline


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("واشنطن (رويترز) - قال مسؤول أمريكي إن المحادثات ستستمر", {"reuters"}),
        ("القاهرة - أ ف ب: أعلنت الحكومة المصرية اليوم", {"afp"}),
        ("* طوكيو - «رويترز»: دافع رئيس الوزراء الياباني عن التشريعات", {"reuters"}),
        ("سبق- وكالات: قال وزير الدفاع الأمريكي إن الخيار العسكري قائم", {"agencies"}),
        ("واس- الرياض: أكدت الأمانة العامة لهيئة كبار العلماء", {"spa"}),
        ("الرياض - واس\nأعلنت وزارة الصحة اليوم عن تسجيل إصابات جديدة", {"spa"}),
        ("أطفال غزة يحتفلون بالعيد حول أنقاض منازلهم\n(أ. ف. ب)", {"afp"}),
        ("نص الخبر الكامل هنا عن الاقتصاد\nالمصدر: وكالات", {"agencies"}),
        ("قالت رويترز إن الحكومة أعلنت عن خطة جديدة للإصلاح", set()),
        ("أبرمت الخطوط السعودية ممثلة في شركة طيران السعودية الخاص (SPA) اتفاقية", set()),
        ("بنا الجيش جسرا جديدا فوق النهر", set()),
    ],
)
def test_credits_in_text(text, expected):
    assert set(credited_agencies(Article.from_text("عنوان", text))) == expected


def test_credits_from_extractor_fields():
    a = Article.from_text("عنوان", "نص الخبر")
    a.attribution = ["وكالة الأنباء السعودية"]
    a.dateline = Dateline(text="دمشق (سانا)", place="دمشق", agency="سانا")
    assert credited_agencies(a) == {"spa": "attribution", "sana": "dateline"}
    assert agency_key("Reuters") == "reuters"
    assert agency_key("وكالة مجهولة") == "وكاله مجهوله"
