"""Extraction: captured pages (or flattened text pages) -> `marsad.model.Article`.

Public API:
* `extract_article(html, url=None, headers=None, profile=None) -> Article` (raises NoArticle)
* `SiteProfile` (per-site boilerplate learned with `observe()`), `site_key(html, url)`
* `extract_text_page(text, url=None) -> TextPage`
* `decode_html(data, headers)`, `decode_text(data)`
"""

from marsad.extract.article import extract_article
from marsad.extract.encoding import decode_html, decode_text
from marsad.extract.profile import SiteProfile, site_key
from marsad.extract.textpage import TextPage, extract_text_page

__all__ = [
    "SiteProfile",
    "TextPage",
    "decode_html",
    "decode_text",
    "extract_article",
    "extract_text_page",
    "site_key",
]
