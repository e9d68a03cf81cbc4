"""marsad.search: Arabic-aware search over the store (same analysis for index and query)."""

from marsad.search.engine import Hit, SearchResult, attention, search
from marsad.search.query import ParsedQuery, parse_query

__all__ = ["Hit", "ParsedQuery", "SearchResult", "attention", "parse_query", "search"]
