"""Small builders for linking tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from marsad.model import Article

T0 = datetime(2024, 3, 12, 8, 0, tzinfo=UTC)

WIRE = [
    "أعلنت وزارة الصحة السعودية اليوم عن تسجيل 1200 إصابة جديدة بفيروس كورونا في مختلف مناطق المملكة خلال الساعات الأربع والعشرين الماضية.",
    "وقال المتحدث الرسمي باسم الوزارة محمد العبدالعالي إن عدد حالات التعافي ارتفع إلى 350 ألف حالة مع استمرار حملة التطعيم في المدن.",
    "وأضاف أن الوزارة تواصل متابعة الوضع الوبائي بالتنسيق مع الجهات المعنية وتدعو المواطنين إلى الالتزام بالإجراءات الاحترازية.",
    "وأشار إلى أن أكثر من عشرين مليون جرعة من اللقاح قد أعطيت حتى الآن في مراكز التطعيم المنتشرة في أنحاء المملكة.",
]

SPORT = [
    "فاز فريق الهلال على النصر بثلاثة أهداف مقابل هدف في المباراة التي جمعتهما مساء أمس على ملعب الملك فهد الدولي بالرياض.",
    "وسجل أهداف الهلال المهاجم سالم الدوسري في الدقيقة 12 وأضاف ميشيل الهدف الثاني ثم اختتم البليهي الثلاثية قبل نهاية اللقاء.",
    "وبهذا الفوز رفع الهلال رصيده إلى 30 نقطة في صدارة الدوري السعودي للمحترفين بفارق أربع نقاط عن أقرب ملاحقيه.",
]

DISCLAIMER = (
    "إخلاء مسؤولية: هذا الخبر منقول من مصدره الأصلي ولا يتحمل الموقع أي مسؤولية عن محتواه أو دقته بأي شكل من الأشكال."
)


def art(title: str, paragraphs: list[str], hours: float = 0, *, url: str | None = None, source: str = "x",
        published: bool = True) -> Article:  # fmt: skip
    a = Article.from_text(title, "\n".join(paragraphs), url=url, source=source)
    when = T0 + timedelta(hours=hours)
    a.published = when if published else None
    a.first_seen = when + timedelta(minutes=5)
    return a
