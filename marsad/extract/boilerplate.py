"""Generic boilerplate knowledge: class/id words of non-article widgets and Arabic/English phrases.

These are site-independent rules; what repeats on one particular site is learned by SiteProfile.
"""

from __future__ import annotations

import re
from functools import lru_cache

# class/id words of widgets that are never article text
NEGATIVE = re.compile(
    r"(?:^|[-_\s])(?:share|sharing|social|comments?|comment-form|respond|related|relatedposts|"
    r"tags?|tagcloud|keywords|breadcrumbs?|newsletter|subscribe|subscription|cookies?|consent|gdpr|"
    r"banner|ads?|advert|advertisement|adsense|dfp|sponsor(?:ed)?|promo|taboola|outbrain|"
    r"sidebar|widget|caption|figcaption|credit|author-?bio|about-?author|author-box|"
    r"readmore|read-more|more-news|morenews|most-?read|popular|trending|pagination|pager|page-?links|page-?numbers|"
    r"menu|navbar|nav|navigation|footer|masthead|inject|print|rating|poll|vote|"
    r"video-?player|player|modal|popup|overlay|toolbar|sr-only|visually-?hidden|screen-reader(?:-text)?|"
    r"next-?post|prev-?post|post-?nav|navigation|shortcode|embed|app-?download|follow|follow-?us|"
    r"read-?also|see-?also|twitter-?tweet|tweet|instagram-?media|tiktok-?embed|fb-?post)(?:$|[-_\s\d])",
    re.IGNORECASE,
)
# class/id words of containers that hold the article text
POSITIVE = re.compile(
    r"article|body|content|entry|main|post|text|story|detail|news-?text|lead|descr|matn|nass",
    re.IGNORECASE,
)
BODY_HINT = re.compile(
    r"articlebody|article-?body|article__?(?:text|body|content)|entry-content|post-content|"
    r"story-?body|news-?(?:body|text|details?)|article-?(?:text|content|details?)|td-post-content|"
    r"content-inner|main_article_body|storycontent|articlecontent|details?-?body",
    re.IGNORECASE,
)
DROP_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "button", "select",
             "input", "textarea", "object", "embed", "canvas", "video", "audio", "map", "head",
             # AMP pages: ads, embeds and widgets (their fallback texts are not the article)
             "amp-ad", "amp-embed", "amp-sidebar", "amp-analytics", "amp-social-share", "amp-consent",
             "amp-user-notification", "amp-iframe", "amp-twitter", "amp-instagram", "amp-facebook")
STRUCTURAL_DROP = ("nav", "aside", "footer", "figcaption", "figure", "dialog", "menu")

# Lines (after whitespace normalisation) that are boilerplate wherever they appear.
PHRASES = [
    r"^(?:إ|ا|أ)قرأ (?:أ|ا)يضا?[ًا]?\b", r"^شاهد (?:أ|ا)يضا?[ًا]?", r"^(?:ا|أ)نظر (?:أ|ا)يضا?[ًا]?",
    r"^طالع (?:أ|ا)يضا?[ًا]?", r"^(?:مواضيع|موضوعات|أخبار|اخبار|مقالات) (?:ذات صلة|ذات علاقة|متعلقة|مرتبطة|مشابهة)",
    r"^(?:ال)?(?:موضوعات|مواضيع|أخبار|اخبار) (?:ال)?متعلقة", r"^(?:ال)?(?:أكثر|اكثر) (?:قراءة|مشاهدة|تصفحا?ً?|تداولا?ً?)",
    r"^(?:ال)?كلمات (?:ال)?(?:دلالية|دالة|مفتاحية)\s*:?", r"^(?:ال)?وسوم\s*:", r"^تاجز\s*:", r"^(?:ال)?تاجات\s*:",
    r"^شارك(?:ها| هذا| الخبر| المقال| على)?\b.{0,30}$", r"^مشارك[هة] (?:ال)?خبر", r"^تابع(?:وا|ونا)? .{0,60}(?:عبر|على) ",
    r"^تابع أخبار ", r"^اشترك(?:وا)? ", r"^للاشتراك|^للإشتراك", r"^حمل(?:وا)? تطبيق", r"جميع الحقوق محفوظة",
    r"^©|©\s*\d{4}|copyright|all rights reserved", r"^لا مانع من (?:ال)?(?:إ|ا)قتباس", r"^(?:ال)?(?:آ|ا)راء (?:ال)?واردة",
    r"^(?:ال)?(?:آ|ا)راء والتعليقات", r"^اضف تعليق|^أضف تعليق|^اترك تعليق|^(?:ال)?تعليقات\s*$", r"بروتوكول نشر التعليقات",
    r"^لن يتم نشر عنوان بريدك", r"^(?:ال)?حقول (?:ال)?(?:إ|ا)لزامية", r"^سيتم مراجعة|^سوف يتم مراجعة", r"^تعليقك|تعليقك (?:يحتوي|سيظهر|قيد)|تم (?:أ|ا)ضافة تعليقك",
    r"^(?:ال)?مصدر\s*[:：]", r"^(?:ال)?تاريخ\s*[:：]", r"^تاريخ (?:ال)?نشر\s*[:：]", r"^(?:آخر|اخر) تحديث\s*[:：]",
    r"^(?:تم )?نشر(?:ه)? (?:في|بتاريخ)\s*[:：]", r"^تم نشره ", r"^(?:ال)?مزيد من ", r"^(?:ال)?(?:إ|ا)علانات?\s*$",
    r"^Sponsored|^Promoted|^Advertisement|^Read (?:also|more)|^Related|^Share|^Tags\s*:|^Previous\s*:|^Next\s*:",
    r"^About (?:the |Post )?Author", r"See author'?s posts", r"^(?:ال)?نص الذي يتضمن اسم الكاتب",
    r"تعبر عن رأي (?:أ|ا)صحابها", r"عبر (?:غوغل|جوجل|جوجل|Google) ?(?:نيوز|News)",
    r"^ترحب شبكة", r"^(?:ال)?(?:إ|ا)شتراك في (?:ال)?نشرة", r"^قد يعجبك", r"^(?:ال)?(?:ا|أ)خبار (?:ال)?عاجلة\s*$",
    r"^(?:ال)?صورة\s*[:：]", r"^(?:ال)?صور\s*:", r"^تصوير\s*[:：]", r"^Photo\s*:", r"^يمكنك (?:أ|ا)يضا",
    r"^(?:ال)?مزيد\s*$", r"^عرض (?:ال)?(?:نتائج|المزيد)", r"^(?:إ|ا)ظهار (?:ال)?مزيد", r"^استطلاع (?:ال)?رأي",
    r"^تخطى .{0,40}(?:مشاركة|وواصل)", r"^نهاية .{0,30}مشاركة",
    r"(?:اضغط|انقر) هنا", r"^(?:ال)?صفحة [\d٠-٩]+ من [\d٠-٩]+", r"(?:ال)?صفحة (?:ال)?(?:تالية|سابقة)\s*$",
    r"^(?:نسخة|النسخة) (?:لل|ال)?طباعة", r"^لمتابعة (?:أهم|آخر|اخر|أحدث|احدث|كل)", r"^ننصحك بقراءة", r"^(?:ال)?(?:مواضيع|قصص|تقارير|مقالات) (?:ذات صلة|قد تهمك)",
    r"^(?:ال)?مزيد حول هذه القصة", r"^(?:ال)?رئيسية\s*[/»>]", r"^Cookies?|^نستخدم (?:ملفات )?(?:ال)?كوكيز|ملفات تعريف الارتباط",
]
PHRASE_RE = re.compile("|".join(f"(?:{p})" for p in PHRASES), re.IGNORECASE)

# Disclaimers and comment rules: boilerplate at any length.
DISCLAIMERS = re.compile(
    r"ترحب شبكة|لا ?[يت]عبّ?ر بالضرورة عن|تعبر عن رأي (?:أ|ا)صحابها|تعكس وجهات نظر (?:أ|ا)صحابها|"
    r"لا ?[يت]عبّ?ر عن (?:رأي|وجهة نظر|وجهات نظر|سياسة) (?:ال)?(?:موقع|صحيفة|جريدة|شبكة|قناة|إدارة|ادارة|مؤسسة|ناشر|تحرير|هيئة التحرير)|"
    r"النص الذي يتضمن اسم الكاتب|جميع الحقوق محفوظة|لا مانع من (?:ال)?(?:إ|ا)قتباس|All Rights Reserved|"
    r"مراجعة التعليقات|سوف يتم مراجعة تعليقك|للتأكد من امتثالها",
    re.IGNORECASE,
)
# Footer links: boilerplate only as a short line; a news paragraph may discuss a privacy policy.
FOOTER_LINKS = re.compile(r"شروط (?:ال)?(?:استخدام|خدمة)|(?:سياسة|بيان) (?:ال)?خصوصية|Privacy Policy|Terms of (?:Use|Service)",
                          re.IGNORECASE)
CAPTION_CLASS = re.compile(r"caption|credit|photo-?desc|img-?desc|image-?desc|wp-caption", re.IGNORECASE)

SOURCE_LINE = re.compile(r"^(?:ال)?مصدر\s*[:：]\s*\S")  # a credit line naming where the text came from
BYLINE_RE = re.compile(r"^(?:(?:كتب|كتبت|كتبه|بقلم)\s*[:：]?|(?:حوار|تحرير|إعداد|اعداد|ترجمة|تقرير)\s*[:：])\s*\S")


# Words of share bars ("طباعة Email فيسبوك تويتر لينكدين Pin Interest Whats App"): a short line made
# mostly of them is the bar's text, whatever the site calls its widget.
SHARE_WORDS = frozenset(
    "طباعة اطبع ايميل إيميل بريد البريد الإلكتروني الالكتروني فيسبوك فيس بوك تويتر تويت إكس واتساب واتس اب آب "
    "لينكدين لينكد إن تيليجرام تلغرام تليجرام ماسنجر بينتيريست ريديت مشاركة شارك شاركها نسخ الرابط رابط انسخ "
    "email e-mail mail print facebook twitter x whatsapp whats app telegram linkedin pinterest pin interest "
    "reddit messenger tumblr vk share copy link sms".split()
)


SHARE_VERBS = frozenset(["شارك", "شاركوا", "شاركها", "مشاركة", "share"])


def is_share_bar(text: str) -> bool:
    words = [w.strip(".,:،") for w in text.lower().replace("|", " ").replace("/", " ").split()]
    if not 2 <= len(words) <= 15:
        return False
    shared = sum(w in SHARE_WORDS for w in words)
    if words[0] in SHARE_VERBS and len(words) <= 12 and shared >= 2:
        return True  # "شارك هذه القصة عبر فيسبوك تويتر واتساب"
    return shared >= 0.7 * len(words)


def is_boilerplate_line(text: str) -> bool:
    """True for a line that is generic page furniture (read-also labels, share prompts, rights)."""
    m = DISCLAIMERS.search(text)
    if m and (m.start() < 40 or len(text.split()) < 30):
        return True
    words = len(text.split())
    if words <= 12 and FOOTER_LINKS.search(text):
        return True
    return words < 40 and (bool(PHRASE_RE.search(text)) or is_share_bar(text))


_CAMEL = re.compile(r"([a-z])([A-Z])")


def is_negative(el) -> bool:
    """True when the element's class/id/role (or React-style data-component) names a non-article
    widget and not article content."""
    return negative_attrs(el.get("class"), el.get("id"), el.get("role"), el.get("data-component"))


@lru_cache(maxsize=65_536)
def negative_attrs(cls: str | None, ident: str | None, role: str | None, component: str | None = None) -> bool:
    """is_negative on the attribute values; cached, as a site repeats its class names on every page."""
    if (role or "").lower() in ("navigation", "complementary", "contentinfo", "banner", "dialog", "menu"):
        return True
    attrs = _CAMEL.sub(r"\1-\2", " ".join(filter(None, (cls, ident, component))))  # followUs: follow-Us
    if not attrs:
        return False
    if NEGATIVE.search(attrs) or CAPTION_CLASS.search(attrs):
        return not BODY_HINT.search(attrs)
    return False


def is_hidden(el) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style or el.get("hidden") is not None \
        or el.get("aria-hidden") == "true"
