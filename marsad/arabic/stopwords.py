"""Arabic function words dropped from index and query terms.

Written for marsad (not copied from a published list). The set holds matching-normalized
forms (ا for أ/إ/آ, ي for ى, ه for ة) and is compared after ``normalize(matching=True)``.
Content words that are frequent in news (قال, الحكومة, ...) are *not* stopwords: they carry
meaning in clustering and search; only grammar words and empty adverbs are here.
"""

from __future__ import annotations

from marsad.arabic.normalize import normalize

__all__ = ["STOPWORDS", "is_stopword"]

_WORDS = """
في من الى على عن مع منذ حتى عند لدى لدي نحو خلال بين بعد قبل فوق تحت امام خلف دون حول ضد عبر
وراء سوي غير مثل ازاء تجاه اثناء حيال بدون رغم بسبب لكن لكنه لكنها بل او ام ان انه انها انهم
انما اذ اذا اذن لو لولا لم لن لا ما ماذا متي اين كيف كم لماذا هل قد لقد كان كانت كانوا يكون
تكون يكونون اصبح اصبحت صار ظل ليس ليست مازال لازال مايزال ظلت هو هي هم هن هما انا نحن انت انتم
انتما هذا هذه هذان هاتان هؤلاء هولاء ذلك تلك اولئك اولايك هناك هنا هنالك ذاك الذي التي الذين
اللذين اللتين اللاتي اللواتي كل بعض اي ايضا فقط جدا كما مما ممن عما عمن فيما بما لما كلما حيث
حين عندما بينما بينها بينهم له لها لهم لهما لنا لي لك لكم به بها بهم بهما منه منها منهم منا فيه
فيها فيهم عليه عليها عليهم اليه اليها اليهم عنه عنها عنهم معه معها معهم لديه لديها لديهم عندي
عنده عندها و ف ب ل ك ثم او ايضا وفي ومن والى وعلى وعن ومع وان وانه وانها ولا وما ولم ولن وقد
ولقد وكان وكانت وهو وهي وهم وهذا وهذه وذلك وتلك وكل وبعد وقبل وبين وحتى واذا ولكن وكما وهناك
وفيما وحيث واي وبعض فان فانه فانها فقد فلا فما فهو فهي فهم فيما فاذا فلم فلن فكان بان بانه
بانها بان لان لانه لانها كان كانه كانها يا اما الا الي الا اولا ثانيا عدا سوف سو قط كلا بلي نعم
اجل التي الذي عليه عليها ذات ذو ذي وهو نفس نفسه نفسها ذاته ذاتها عن وعن عليهما اليهما مثلا
مثلما تماما حاليا عادة غالبا اخر اخري الاخري الاخر
""".split()

#: The stopword set (matching-normalized forms).
STOPWORDS: frozenset[str] = frozenset(normalize(w, matching=True) for w in _WORDS)


def is_stopword(term: str) -> bool:
    """True for a matching-normalized function word."""
    return term in STOPWORDS
