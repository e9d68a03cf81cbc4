"""Word tables for date parsing: month names of every Arabic-speaking region, Hijri months,
weekdays, time-zone phrases, page labels and small number words.

Entries are written as Arabic writers spell them; ``dates.py`` folds them with the same table
it uses for the text (alef forms, ى/ي, ة/ه, lower-case Latin), so variants such as
أبريل/ابريل/إبريل need one entry only when they differ after folding.
"""

from __future__ import annotations

# (name, month) for the Gregorian calendar. Regions: Egypt/Gulf (transliterated Latin names),
# Levant/Iraq (Syriac names), Algeria/Tunisia (French-derived), Morocco (Spanish-derived),
# and English names found on Arabic pages.
GREGORIAN_MONTHS: list[tuple[str, int]] = [
    # Egypt, Gulf, Sudan, Libya (and shared)
    ("يناير", 1), ("فبراير", 2), ("مارس", 3), ("أبريل", 4), ("إبريل", 4),
    ("ابريل", 4), ("مايو", 5), ("يونيو", 6), ("يونيه", 6), ("يوليو", 7), ("يوليه", 7),
    ("أغسطس", 8), ("اغسطس", 8), ("أغسطوس", 8), ("سبتمبر", 9), ("سيبتمبر", 9), ("أكتوبر", 10),
    ("اكتوبر", 10), ("نوفمبر", 11), ("ديسمبر", 12), ("ديسيمبر", 12),
    # Levant, Iraq (Syriac)
    ("كانون الثاني", 1), ("كانون ثاني", 1), ("كانون 2", 1), ("كانون الآخر", 1),
    ("شباط", 2), ("آذار", 3), ("نيسان", 4), ("أيار", 5), ("حزيران", 6), ("تموز", 7),
    ("آب", 8), ("أيلول", 9), ("تشرين الأول", 10), ("تشرين أول", 10), ("تشرين 1", 10),
    ("تشرين الثاني", 11), ("تشرين ثاني", 11), ("تشرين 2", 11), ("كانون الأول", 12),
    ("كانون أول", 12), ("كانون 1", 12),
    # Algeria, Tunisia (French)
    ("جانفي", 1), ("فيفري", 2), ("أفريل", 4), ("ماي", 5), ("جوان", 6), ("جويلية", 7),
    ("جويلة", 7), ("أوت", 8), ("سبتمبر", 9), ("أكتوبر", 10), ("نوفمبر", 11), ("ديسمبر", 12),
    # Morocco (Spanish)
    ("يوليوز", 7), ("غشت", 8), ("شتنبر", 9), ("نونبر", 11), ("دجنبر", 12),
    # English
    ("january", 1), ("jan", 1), ("february", 2), ("feb", 2), ("march", 3), ("mar", 3),
    ("april", 4), ("apr", 4), ("may", 5), ("june", 6), ("jun", 6), ("july", 7), ("jul", 7),
    ("august", 8), ("aug", 8), ("september", 9), ("sept", 9), ("sep", 9), ("october", 10),
    ("oct", 10), ("november", 11), ("nov", 11), ("december", 12), ("dec", 12),
]

#: Month names that are also common words; accepted only with a day or a year next to them.
AMBIGUOUS_MONTHS = {"آب", "ماي", "may", "mar", "jan", "dec", "sep", "jun", "jul", "oct", "nov", "aug", "apr", "feb"}

HIJRI_MONTHS: list[tuple[str, int]] = [
    ("محرم", 1), ("المحرم", 1), ("صفر", 2), ("ربيع الأول", 3), ("ربيع أول", 3),
    ("ربيع الثاني", 4), ("ربيع الآخر", 4), ("ربيع ثاني", 4), ("جمادى الأولى", 5),
    ("جمادى الأول", 5), ("جمادى الثانية", 6), ("جمادى الآخرة", 6), ("جمادى الثاني", 6),
    ("جمادى الآخر", 6), ("رجب", 7), ("شعبان", 8), ("رمضان", 9), ("شوال", 10),
    ("ذو القعدة", 11), ("ذي القعدة", 11), ("ذوالقعدة", 11), ("ذو الحجة", 12), ("ذي الحجة", 12),
    ("ذوالحجة", 12),
]

#: Weekday -> Python weekday() (Monday = 0).
WEEKDAYS: list[tuple[str, int]] = [
    ("الاثنين", 0), ("الإثنين", 0), ("الأثنين", 0), ("اثنين", 0), ("الاتنين", 0),
    ("الثلاثاء", 1), ("ثلاثاء", 1), ("الأربعاء", 2), ("الاربعاء", 2), ("أربعاء", 2),
    ("الخميس", 3), ("خميس", 3), ("الجمعة", 4), ("جمعة", 4), ("السبت", 5), ("سبت", 5),
    ("الأحد", 6), ("الاحد", 6), ("أحد", 6),
    ("monday", 0), ("mon", 0), ("tuesday", 1), ("tue", 1), ("wednesday", 2), ("wed", 2),
    ("thursday", 3), ("thu", 3), ("friday", 4), ("fri", 4), ("saturday", 5), ("sat", 5),
    ("sunday", 6), ("sun", 6),
]
#: Bare weekday words that are also ordinary words; only accepted with the article/يوم.
WEAK_WEEKDAYS = {"اثنين", "ثلاثاء", "أربعاء", "خميس", "جمعة", "سبت", "أحد", "mon", "tue", "wed",
                 "thu", "fri", "sat", "sun"}

# City / country in "بتوقيت X" -> IANA zone (DST-aware through zoneinfo).
ZONE_PLACES: list[tuple[str, str]] = [
    ("مكة المكرمة", "Asia/Riyadh"), ("مكة", "Asia/Riyadh"), ("الرياض", "Asia/Riyadh"),
    ("السعودية", "Asia/Riyadh"), ("جدة", "Asia/Riyadh"),
    ("غرينتش", "UTC"), ("غرينيتش", "UTC"), ("جرينتش", "UTC"), ("جرينيتش", "UTC"),
    ("غرنتش", "UTC"), ("جرنتش", "UTC"), ("غرينش", "UTC"),
    ("بغداد", "Asia/Baghdad"), ("العراق", "Asia/Baghdad"),
    ("القاهرة", "Africa/Cairo"), ("مصر", "Africa/Cairo"),
    ("دمشق", "Asia/Damascus"), ("سوريا", "Asia/Damascus"), ("سورية", "Asia/Damascus"),
    ("بيروت", "Asia/Beirut"), ("لبنان", "Asia/Beirut"),
    ("القدس", "Asia/Jerusalem"), ("فلسطين", "Asia/Gaza"), ("غزة", "Asia/Gaza"),
    ("عمان", "Asia/Amman"), ("الأردن", "Asia/Amman"),
    ("أبوظبي", "Asia/Dubai"), ("أبو ظبي", "Asia/Dubai"), ("الإمارات", "Asia/Dubai"),
    ("دبي", "Asia/Dubai"), ("الدوحة", "Asia/Qatar"), ("قطر", "Asia/Qatar"),
    ("الكويت", "Asia/Kuwait"), ("المنامة", "Asia/Bahrain"), ("البحرين", "Asia/Bahrain"),
    ("مسقط", "Asia/Muscat"), ("سلطنة عمان", "Asia/Muscat"), ("صنعاء", "Asia/Aden"),
    ("اليمن", "Asia/Aden"), ("الخرطوم", "Africa/Khartoum"), ("السودان", "Africa/Khartoum"),
    ("طرابلس", "Africa/Tripoli"), ("ليبيا", "Africa/Tripoli"), ("تونس", "Africa/Tunis"),
    ("الجزائر", "Africa/Algiers"), ("الرباط", "Africa/Casablanca"),
    ("المغرب", "Africa/Casablanca"), ("نواكشوط", "Africa/Nouakchott"),
    ("موسكو", "Europe/Moscow"), ("طهران", "Asia/Tehran"), ("أنقرة", "Europe/Istanbul"),
    ("إسطنبول", "Europe/Istanbul"), ("اسطنبول", "Europe/Istanbul"), ("تركيا", "Europe/Istanbul"),
    ("باريس", "Europe/Paris"), ("لندن", "Europe/London"), ("برلين", "Europe/Berlin"),
    ("واشنطن", "America/New_York"), ("نيويورك", "America/New_York"),
]

#: Zone abbreviations written next to a time -> UTC offset in hours.
ZONE_ABBREVIATIONS: dict[str, float] = {"gmt": 0, "utc": 0, "z": 0, "ت.غ": 0, "ت غ": 0,
                                        "ksa": 3, "ast": 3, "gst": 4, "msk": 3, "eest": 3,
                                        "eet": 2, "cest": 2, "cet": 1}

#: Page labels before a date. Publication labels raise a date's rank in parse_date; update
#: labels lower it (a page's "last updated" is not its publication date).
PUBLISH_LABELS = ["نشر في", "نُشر في", "نشر بتاريخ", "تاريخ النشر", "تم نشره", "تم النشر",
                  "نشر", "نشرت في", "التاريخ", "بتاريخ", "published", "posted on", "posted",
                  "date"]
UPDATE_LABELS = ["آخر تحديث", "اخر تحديث", "تم التحديث", "تحديث", "محدثة", "محدث",
                 "updated", "last updated", "modified"]

#: Small number words used in relative dates ("منذ ثلاث ساعات").
NUMBER_WORDS: dict[str, int] = {
    "واحد": 1, "واحدة": 1, "اثنين": 2, "اثنتين": 2, "اثنان": 2, "ثلاث": 3, "ثلاثة": 3,
    "أربع": 4, "أربعة": 4, "خمس": 5, "خمسة": 5, "ست": 6, "ستة": 6, "سبع": 7, "سبعة": 7,
    "ثماني": 8, "ثمانية": 8, "ثمان": 8, "تسع": 9, "تسعة": 9, "عشر": 10, "عشرة": 10,
    "بضع": 3, "بضعة": 3, "عدة": 3,
}

# Relative units -> (kind, amount per unit, precision). kind: seconds|days|months|years.
REL_UNITS: dict[str, tuple[str, int, str]] = {
    "ثانية": ("seconds", 1, "second"), "ثوان": ("seconds", 1, "second"),
    "ثواني": ("seconds", 1, "second"), "ثوانٍ": ("seconds", 1, "second"),
    "ثانيه": ("seconds", 1, "second"), "دقيقة": ("seconds", 60, "minute"), "دقائق": ("seconds", 60, "minute"),
    "دقايق": ("seconds", 60, "minute"), "د": ("seconds", 60, "minute"),
    "ساعة": ("seconds", 3600, "minute"), "ساعات": ("seconds", 3600, "minute"),
    "س": ("seconds", 3600, "minute"),
    "يوم": ("days", 1, "day"), "يوما": ("days", 1, "day"), "أيام": ("days", 1, "day"), "ايام": ("days", 1, "day"),
    "أسبوع": ("days", 7, "day"), "أسبوعا": ("days", 7, "day"), "أسابيع": ("days", 7, "day"),
    "شهر": ("months", 1, "month"), "شهرا": ("months", 1, "month"), "أشهر": ("months", 1, "month"), "شهور": ("months", 1, "month"),
    "سنة": ("years", 1, "year"), "سنوات": ("years", 1, "year"), "سنين": ("years", 1, "year"),
    "عام": ("years", 1, "year"), "عاما": ("years", 1, "year"), "أعوام": ("years", 1, "year"),
    "minute": ("seconds", 60, "minute"), "minutes": ("seconds", 60, "minute"),
    "min": ("seconds", 60, "minute"), "mins": ("seconds", 60, "minute"),
    "hour": ("seconds", 3600, "minute"), "hours": ("seconds", 3600, "minute"),
    "day": ("days", 1, "day"), "days": ("days", 1, "day"), "week": ("days", 7, "day"),
    "weeks": ("days", 7, "day"), "month": ("months", 1, "month"), "months": ("months", 1, "month"),
    "year": ("years", 1, "year"), "years": ("years", 1, "year"),
}
#: Dual forms: "منذ ساعتين" = two hours ago.
REL_DUALS: dict[str, str] = {
    "ثانيتين": "ثانية", "ثانيتان": "ثانية", "دقيقتين": "دقيقة", "دقيقتان": "دقيقة",
    "ساعتين": "ساعة", "ساعتان": "ساعة", "يومين": "يوم", "يومان": "يوم",
    "أسبوعين": "أسبوع", "أسبوعان": "أسبوع", "شهرين": "شهر", "شهران": "شهر",
    "سنتين": "سنة", "سنتان": "سنة", "عامين": "عام", "عامان": "عام",
}
