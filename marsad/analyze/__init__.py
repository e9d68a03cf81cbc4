"""marsad.analyze: what an article is about (keywords); entities come in a later wave."""

from marsad.analyze.keywords import keywords, term_weights

__all__ = ["keywords", "term_weights"]
