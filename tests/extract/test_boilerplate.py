"""Generic boilerplate lines (site-independent rules). Sample lines written for these tests."""

from __future__ import annotations

import pytest

from marsad.extract.boilerplate import is_boilerplate_line, is_share_bar


@pytest.mark.parametrize("line", [
    "طباعة Email فيسبوك تويتر لينكدين Pin Interest Whats App",
    "شارك: فيسبوك | تويتر | واتساب",
    "Share Facebook Twitter WhatsApp Telegram",
    "نسخ الرابط",
])
def test_share_bars_are_boilerplate(line):
    assert is_share_bar(line)
    assert is_boilerplate_line(line)


@pytest.mark.parametrize("line", [
    "نشر الرئيس تغريدة على تويتر قال فيها إن المفاوضات مستمرة",
    "فيسبوك تعلن عن تغييرات جديدة في سياسة الخصوصية للمستخدمين العرب",
    "تويتر",
    "واتساب يتوقف عن العمل على الهواتف القديمة مطلع العام المقبل",
])
def test_sentences_about_networks_are_not(line):
    assert not is_share_bar(line)


@pytest.mark.parametrize("line", [
    "الآراء الواردة أدناه لا تعبر عن رأي موقع CNN بالعربية، بل تعكس وجهات نظر أصحابها فقط.",
    "النص الذي يتضمن اسم الكاتب او الجهة او الوكالة، لايعبّر بالضرورة عن وجهة نظر المسلة",
    "شروط الخدمة | بيان الخصوصية | الإعلانات | من نحن؟",
    "جميع الحقوق محفوظة © 2020",
])
def test_disclaimers_and_footer_links_are_boilerplate(line):
    assert is_boilerplate_line(line)


@pytest.mark.parametrize("line", [
    "أعلنت شركة ميتا تحديث سياسة الخصوصية الخاصة بتطبيق واتساب، ما أثار قلق ملايين المستخدمين في المنطقة العربية.",
    "وقال المتحدث إن البيان لا يعبر عن رأي الحكومة، وإن الوزارة ستصدر توضيحا رسميا خلال الساعات المقبلة.",
    "وانتقد نواب شروط الاستخدام الجديدة التي فرضتها المنصة على الناشرين المحليين دون تشاور مسبق معهم.",
])
def test_news_sentences_on_the_same_topics_are_kept(line):
    assert not is_boilerplate_line(line)
