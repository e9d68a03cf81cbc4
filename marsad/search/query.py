"""The search query language, parsed into an FTS5 MATCH over analyzed terms plus filters.

Syntax: words, "exact phrases", AND / OR / NOT (and a - prefix), ( grouping ), field filters
source: story: lang: after:YYYY-MM-DD before:YYYY-MM-DD. Words go through the same
`marsad.arabic.analyze` as documents, so الانسحاب finds بانسحاب and إلى finds الى.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from marsad.arabic import analyze, normalize
from marsad.errors import QueryError

FILTERS = {"source", "story", "lang", "after", "before"}
MAX_DEPTH = 10  # nested parentheses; FTS5's parser overflows far beyond what a person writes
_TOKEN = re.compile(r'"(?P<phrase>[^"]*)"|(?P<open>\()|(?P<close>\))|(?P<word>[^\s()"]+)')


@dataclass
class ParsedQuery:
    """A query ready for the store: FTS5 MATCH text, filters, phrases to verify, terms to mark."""

    match: str | None
    filters: list[tuple[str, object]] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)  # matching-normalized exact phrases
    terms: set[str] = field(default_factory=set)  # analyzed positive terms, for snippets
    words: list[str] = field(default_factory=list)  # positive words as typed, for title matching

    @property
    def empty(self) -> bool:
        return not self.match and not self.filters


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _filter(name: str, value: str) -> tuple[str, object]:
    if not value:
        raise QueryError(f"filter {name}: needs a value, e.g. {name}:2024-01-01")
    if name in ("after", "before"):
        try:
            return name, date.fromisoformat(value).isoformat()
        except ValueError as exc:
            raise QueryError(f"filter {name}: expects a date like 2024-03-31, got {value!r}") from exc
    if name == "story":
        if not value.isdigit() or len(value) > 18:
            raise QueryError(f"filter story: expects a story number, got {value!r}")
        return name, int(value)
    if name == "lang" and value not in ("ar", "other", "mixed"):
        raise QueryError(f"filter lang: expects ar, other or mixed, got {value!r}")
    return name, value


def parse_query(text: str) -> ParsedQuery:
    """Parse user query text; raises QueryError with a message fit for the user."""
    if len(text) > 1000:
        raise QueryError("query too long (over 1000 characters)")
    parsed = ParsedQuery(match=None)
    parts: list[str] = []  # FTS5 expression pieces: operands, operators, parentheses
    depth = 0
    pending_op: str | None = None
    negate = False

    def connect() -> None:
        """Put the operator between the previous operand and the next one."""
        nonlocal pending_op, negate
        if parts and parts[-1] != "(":
            if negate and pending_op == "OR":
                raise QueryError("OR NOT is not supported; use parentheses: a OR (b NOT c)")
            parts.append("NOT" if negate else (pending_op or "AND"))
        elif negate:
            raise QueryError("a query or group cannot start with NOT or -; add a word to search for first")
        pending_op = None
        negate = False

    def operand(expr: str) -> None:
        connect()
        parts.append(expr)

    for m in _TOKEN.finditer(normalize(text)):
        if m.group("open"):
            connect()
            parts.append("(")
            depth += 1
            if depth > MAX_DEPTH:
                raise QueryError(f"too many nested parentheses (more than {MAX_DEPTH})")
            continue
        if m.group("close"):
            depth -= 1
            if depth < 0 or not parts or parts[-1] == "(":
                raise QueryError("unbalanced or empty parentheses")
            if pending_op or negate:
                raise QueryError("an operator (AND, OR, NOT, -) needs a word after it")
            parts.append(")")
            continue
        phrase = m.group("phrase")
        if phrase is not None:
            terms = analyze(phrase)
            if not terms:
                continue
            parsed.phrases.append(" ".join(normalize(phrase, matching=True).split()))
            parsed.words.extend(phrase.split())
            parsed.terms.update(terms)
            operand(_quote(" ".join(terms)))
            continue
        word = m.group("word")
        if word in ("AND", "OR", "NOT"):
            if word == "NOT":
                negate = True
            else:
                pending_op = word
            continue
        is_negative = word.startswith("-") and len(word) > 1
        if is_negative:
            word = word[1:]
        name, sep, value = word.partition(":")
        if sep and name.lower() in FILTERS:
            if is_negative or negate:
                raise QueryError(f"filters cannot be negated ({name}:); filter on what you want instead")
            parsed.filters.append(_filter(name.lower(), value))
            continue
        terms = analyze(word)
        if not terms:
            continue  # a stopword or punctuation alone
        expr = _quote(terms[0]) if len(terms) == 1 else "(" + " AND ".join(_quote(t) for t in terms) + ")"
        if is_negative:
            negate = True
        else:
            parsed.terms.update(terms)
            parsed.words.append(word)
        operand(expr)
    if depth != 0:
        raise QueryError("unbalanced parentheses")
    if pending_op or negate:
        raise QueryError("an operator (AND, OR, NOT, -) needs a word after it")
    while parts and parts[-1] in ("AND", "OR", "NOT", "("):
        parts.pop()
    if parts and not parsed.terms:
        raise QueryError("a query needs at least one word to search for, not only excluded words")
    parsed.match = " ".join(parts) or None
    if parsed.match is None and not parsed.filters and text.strip():
        raise QueryError(
            "no searchable words: very common words (في، من، إلى…) and punctuation are not indexed; "
            'add a more specific word, or put them in a "phrase" with one'
        )
    return parsed
