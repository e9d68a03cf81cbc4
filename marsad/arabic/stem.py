"""A light Arabic stemmer (Larkey et al.'s *light10*, with guards).

Light stemming removes a few frequent proclitics and suffixes without trying to find the
root, which is what works best for news retrieval. Plain light10 removes the conjunction و
from any word of 4+ letters and so damages every word whose first root letter is و
(وزير -> زير); adding the prepositions ب/ك/ل/ف makes this worse (بغداد -> غداد). The guards:

1. Words of three letters or fewer, and the protected words (proper nouns and common words
   whose first letter belongs to the word) are never stripped of a prefix.
2. و is removed before a word of 3+ letters unless the word is protected; ف is removed only
   before the article or the future prefix (فسيقول); ب ك ل only before the
   article, ا or م (بانسحاب, لمواجهة), and ل/ب also before any word of 4+ letters
   (لوكالة, بقوات). The article (ال, وال, بال, كال, فال, لل, and
   combinations such as وبال) is removed when 2+ letters remain (3+ after وال/بال/...), except
   from words whose folded hamza-alef looks like an article (إلغاء -> الغاء, ألماني).
3. After an article no further proclitic is removed (الولايات -> ولاي, never لاي).
4. One suffix of ها ان ات ون ين يه ه ي (light10 order) is removed while 3+ letters remain;
   after a pronoun (ها, ه, and هم/هما before 4+ letters) one more inflection suffix may go,
   or the ت of a ta marbuta (حكومته -> حكوم). Input is matching-normalized, so ة/ية appear as ه/يه.

See docs/arabic.md for the rules and their rationale.
"""

from __future__ import annotations

__all__ = ["clear_cache", "stem"]

# Input to stem() is matching-normalized, so these lists are too.
_ARTICLES = ("وبال", "وكال", "وفال", "ولل", "فبال", "فلل", "وال", "بال", "كال", "فال", "لل", "ال")
_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")
_PRONOUNS = ("هما", "هم")  # not in light10; only before a 4+ letter stem (فهم, سهم stay)
# Words that begin with a hamza-alef + ل: once folded (إلغاء -> الغاء) they look like ال + word.
# Compared after suffix removal (ألماني -> المان, إلكترونية -> الكترون).
_HAMZA_AL = frozenset(
    """
الغاء الغي المان المانيا الف الاف الفين الكترون القاب الزام الهام الوان الي اليات الماس الباني
البانيا الاسكا المانه
""".split()
)

# Words whose first letter is part of the word although it looks like a proclitic. Stored as
# written; they are compared after suffix removal (see _PROTECTED below), so ولاية covers
# ولايات and ولايتها. Not exhaustive: the frequent news vocabulary and names.
_PROTECTED_WORDS = """
وزير وزيره وزراء وزارة وزاري وزارات ولاية ولايات والي ولي وليد وطن وطني وطنية اوطان وقت اوقات
وضع وضعت اوضاع وصل وصول وصلت واصل وفد وفود وفاة وفيات وفق وفقا وفاق وجود وجه وجهة وجهات وجوه
وحدة وحدات وحيد وكالة وكالات وكيل ولد اولاد والد والده والدة ولادة وسط وسيط وساطة وسيلة وسائل
وعد وعود وعي وقف وقوف وقع وقائع موقع واقع واقعة وثيقة وثائق ورقة اوراق وزن وصف وصية وظيفة وظائف
وافق موافقة واجب واجه واضح ورد وارد واردات وراثة ورث وسام واشنطن وائل وادي وهران وجدة ويلز
وارسو وحيد ويكيليكس وئام ورشة ورش ولاء وزن وقود وقاية وكر بغداد بيروت باريس برلين بكين بوتين
بايدن باراك باكستان بابا باسم بلجيكا بولندا بورصة بنك بنوك بلد بلاد بلدان بلدية بلدة بيت بيوت
بيان بيانات بين بحر بحار بحث بحوث برنامج برامج برلمان بريطانيا بريطاني بحيرة بعثة بقية بيئة
بطالة بضائع براءة برقية بريد بطريرك بنزين بوابة بطارية بلاغ بلوغ بيرو بورما بوسطن بوينغ بيان
بيانو بعيد بعيدة بسيط بسيطة بشرية بشير بطيء بصرة بنغازي بالغ بالغة بالغين بالغون بطولة بطل بعثة
بقاء بناء بنى باب ابواب بداية بدء بدل بطاقة بئر بحرين باشا ماليزيا مانيلا مالي ماكرون مايو مارس
مادة مباراة كابول كاليفورنيا كاراكاس كاتب كاتالونيا كامل كاس كامب كامرون كارثة كاميرا كبير كتاب
كلية كلمة كندا كوريا كوبا كويت كرة كرسي كمية كمال كيان كيلو كيم كينيا لبنان ليبيا لندن لاجئ
لاجئين لاعب لاعبين لاعبون لازم لائحة لافروف لاريجاني لاهاي لاوس لجنة لجان لقاء لقاءات ليلة ليل
لون لغة لغات لواء لوبي لقب لحظة لحم لاس لانكا لاتفيا فرنسا فرنسي فلسطين فلسطيني فريق فرق فيروس
فيلم فيديو فترة فرصة فرص فصائل فصيل فكرة فندق فنزويلا فيسبوك فاطمة فايز فاروق فيصل فتح فيفري
فلوريدا فنلندا فيتنام فيينا فاتورة فائدة فوز فعالية فيفا فائز فاتيكان فاس برازيل برازيلي برتغال
برتغالي بيضاء بلجيكي باحث باحثون باحثين ليبيا ليبي ليبيين بنتاغون ودي ودية واحد واحدة لاتيني
كمبيوتر بدني بارد باردة بروفيسور بروفسور لبناني لبنانيين بترول بترولي بلاتين بدلاء بديل بديلة
بكتيريا كاميرون كاميروني كاتالونيا كاتالوني بوليساريو وافد وافدين واسع واسعة بريميرليغ بريمرليغ
بيضاوي بولندي لقطة لقطات لاسلكي كاميرا كاميرات كاثوليكي كاثوليك وجبة وجبات كاذب كاذبة بلقان
بركان براكين بركاني بارز بارزة بيولوجي بلغاري بلغاريا لائحة لوائح وحشي كافي كافية بريكست
بريكسيت بازار وفاء بادية وديعة ودائع وقوع لياقة بلاستيك بلاستيكي بيتكوين بتكوين كائن كائنات
كابتن بوندسليغا بلديات بروتوكول لاحق لاحقة بدوي وهمي لوحة لوحات لفتنانت وراء لوجستي ليبرالي
لافتة لافتات بيطري باقي باقية وعر واعد واعدة بندقية بنادق برتقال برتقالي بدانة كاردينال بطاطا
بطاطس بروتين برميل براميل وضوح لغوي كامن بريميير وداع كالتشيو برلماني بايرن ويسكي وتيرة
لامركزية بليدة باهظ باطل وكلاء وطيد وصاية ورود واهي واقي ليمون لورد لقاح لقاحات لاذع كاتدرائية
بلبلة بكالوريوس برودة برمجيات باكستاني وصيف وشيك وسطاء بروكسل بوتفليقة بنيامين بيونغ بوركينا
بنما بورصات بطريركية لاعبو لقطة
""".split()

# Names whose ending looks like a suffix: kept whole (فلسطين is not فلسط + ين), and never
# stripped of a prefix either.
_NAMES = """
الله فلسطين بحرين عمان لبنان يمين امين حسين ياسين ياسين بوتين كرملين برلين بكين
""".split()

_cache: dict[str, str] = {}
_CACHE_MAX = 400_000


def _strip_suffixes(word: str) -> str:
    """Remove the first matching suffix; after a pronoun (ها/ه/هم/هما) one more may go.

    light10 tries every suffix in turn, which turns ولايات into ولا (ات then ي); one
    inflection suffix plus at most one pronoun keeps ولايات -> ولاي and still gives
    سياساته -> سياس. A ت left bare by a pronoun is the ta marbuta of the noun
    (حكومته -> حكومت -> حكوم, like حكومة -> حكوم).
    """
    for suf in _PRONOUNS:
        if word.endswith(suf) and len(word) - len(suf) >= 4:
            word = word[: -len(suf)]
            for suf2 in _SUFFIXES[1:6]:
                if word.endswith(suf2) and len(word) - len(suf2) >= 3:
                    return word[: -len(suf2)]
            if word.endswith("ت") and len(word) >= 5:
                return word[:-1]
            return word
    for suf in _SUFFIXES:
        if word.endswith(suf) and len(word) - len(suf) >= 3:
            if suf == "يه" and word[-3] == "ا":
                continue  # ولاية, نهاية, رواية: the ي is a root letter (-> ولاي like ولايات)
            word = word[: -len(suf)]
            if suf in ("ها", "ه"):
                for suf2 in _SUFFIXES[1:6]:
                    if word.endswith(suf2) and len(word) - len(suf2) >= 3:
                        return word[: -len(suf2)]
                if word.endswith("ت") and len(word) >= 4:
                    return word[:-1]
            return word
    return word


def _strip_one(word: str) -> str:
    """The word without its first matching suffix (one only): for protection look-ups."""
    for suf in _PRONOUNS + _SUFFIXES:
        if word.endswith(suf) and len(word) - len(suf) >= 3:
            return word[: -len(suf)]
    return word


def _norm(word: str) -> str:
    # the protected list is written with hamza/ta marbuta; fold like normalize(matching=True)
    table = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
    return word.translate(table)


_NAME_SET = frozenset(_norm(w) for w in _NAMES)
_PROTECTED_EXACT = frozenset(_norm(w) for w in _PROTECTED_WORDS) | _NAME_SET
_PROTECTED = _PROTECTED_EXACT | frozenset(_strip_one(_norm(w)) for w in _PROTECTED_WORDS)
# fully stripped stems are used for protection only when long enough not to collide
_PROTECTED_LONG = frozenset(x for x in (_strip_suffixes(_norm(w)) for w in _PROTECTED_WORDS) if len(x) >= 4)


def _protected(word: str) -> bool:
    return word in _PROTECTED_EXACT or _strip_one(word) in _PROTECTED or _strip_suffixes(word) in _PROTECTED_LONG


def _strip_prefixes(word: str) -> str:
    if len(word) <= 3 or _protected(word):
        return word
    if word[0] in "وفبكل" and word[1:] in _NAME_SET:
        return word[1:]
    if word.startswith("ال") and (word in _HAMZA_AL or _strip_suffixes(word) in _HAMZA_AL):
        return word
    if word[0] in "وفبكل" and word[1:3] == "ال" and (word[1:] in _HAMZA_AL or _strip_suffixes(word[1:]) in _HAMZA_AL):
        return word[1:]  # وإلغاء -> الغاء
    for art in _ARTICLES:
        if word.startswith(art) and len(word) - len(art) >= (2 if len(art) == 2 else 3):
            return word[len(art):]
    first = word[0]
    if first == "و" or (first == "ف" and word[1] == "س" and word[2] in "يتن"):
        rest = word[1:]
        if len(rest) < 3:
            return word
        if len(rest) > 3 and not _protected(rest):
            # وب/ول/وك + word: the conjunction followed by a preposition
            if rest.startswith(("ال", "لل")) and len(rest) >= 4:
                return _strip_prefixes(rest)
            if rest[0] in "بكل" and rest[1] in "ام" and len(rest) >= 5:
                return rest[1:]
        return rest
    if first in "بكل":
        if _protected(word[1:]):
            return word[1:]  # لوكالة -> وكالة
        if word[1] in "ام" and len(word) >= 5:
            return word[1:]
        # ل/ب before a longer word (لتعزيز, بمشاركة); short words keep their first letter
        if first in "لب" and len(word) >= 5:
            return word[1:]
    return word


def stem(word: str) -> str:
    """Light stem of one matching-normalized word (see module docstring for the rules)."""
    cached = _cache.get(word)
    if cached is not None:
        return cached
    if len(word) <= 3 or not ("\u0621" <= word[0] <= "\u064a"):
        result = word
    else:
        base = _strip_prefixes(word)
        result = base if base in _NAME_SET else _strip_suffixes(base)
    if len(_cache) >= _CACHE_MAX:
        _cache.clear()
    _cache[word] = result
    return result


def clear_cache() -> None:
    """Forget cached stems (for tests and benchmarks)."""
    _cache.clear()
