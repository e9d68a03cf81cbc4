"""The small SQLite dialect of marsad's store SQL, run on PostgreSQL.

The store methods (SqliteStore's and the Crawl/Links mixins') are written in plain SQL with a
few SQLite-isms. `PgConnection.execute(sql, params)` rewrites exactly these, nothing else:

=============================  ===============================================================
SQLite                         PostgreSQL
=============================  ===============================================================
``?`` placeholders             ``%s`` (and a literal ``%`` becomes ``%%``)
``INSERT OR IGNORE INTO t …``  ``INSERT INTO t … ON CONFLICT DO NOTHING``
``IFNULL(a, b)``               ``COALESCE(a, b)``
``x IS ?`` / ``x IS NOT ?``    ``x IS NOT DISTINCT FROM %s`` / ``x IS DISTINCT FROM %s``
scalar ``MAX(a, b, …)``        ``GREATEST(a, b, …)`` (``MIN`` → ``LEAST``; note: these skip NULLs)
``LIKE``                       ``ILIKE`` (SQLite's LIKE ignores case)
``cursor.lastrowid``           ``RETURNING id`` appended to a single-row INSERT into a table
                               with an ``id`` column
``julianday(text)``            an SQL function of the same name (pg_migrations m001)
``sqlite3.Row``                `Row`: a tuple also addressable by (case-insensitive) column name
=============================  ===============================================================

Python bools are passed as 0/1 (SQLite stores them so). NUMERIC results come back as int when
integral (``SUM`` of integers) else float, never Decimal. Anything else (``INSERT OR REPLACE``,
``MATCH``, ``bm25``, virtual tables, PRAGMA) is not translated: PostgresStore overrides the
methods that use them.

`fts_to_tsquery` turns an FTS5 MATCH string (what marsad.search and marsad.link produce) into
`to_tsquery('simple', …)` input.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any, ClassVar

from marsad.errors import QueryError, StoreError

# -- rows -------------------------------------------------------------------------------------


class Row(tuple):
    """A result row like sqlite3.Row: r[0], r["name"] (case-insensitive), keys(), dict(r)."""

    __slots__ = ()
    _names: ClassVar[tuple[str, ...]] = ()
    _index: ClassVar[dict[str, int]] = {}

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            index = self._index.get(key)
            if index is None:
                index = self._index.get(key.lower())
                if index is None:
                    raise IndexError(f"No item with that key: {key!r}")
            return tuple.__getitem__(self, index)
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)

    def __repr__(self) -> str:
        return f"Row({dict(zip(self._names, self, strict=True))!r})"


@lru_cache(maxsize=256)
def _row_class(names: tuple[str, ...]) -> type[Row]:
    index: dict[str, int] = {}
    for i, name in enumerate(names):
        index.setdefault(name, i)
        index.setdefault(name.lower(), i)
    return type("Row", (Row,), {"__slots__": (), "_names": names, "_index": index})


def row_factory(cursor: Any) -> Any:
    """psycopg row factory making `Row`s."""
    if cursor.description is None:
        return tuple
    cls = _row_class(tuple(d.name for d in cursor.description))
    return cls


class Result:
    """What `execute` returns: the fetched rows plus rowcount and lastrowid, like a sqlite3 cursor."""

    def __init__(self, rows: list[Row], rowcount: int, lastrowid: int | None) -> None:
        self._rows = rows
        self._pos = 0
        self.rowcount = rowcount
        self.lastrowid = lastrowid

    def fetchone(self) -> Row | None:
        if self._pos >= len(self._rows):
            return None
        self._pos += 1
        return self._rows[self._pos - 1]

    def fetchall(self) -> list[Row]:
        rows, self._pos = self._rows[self._pos :], len(self._rows)
        return rows

    def __iter__(self) -> Iterator[Row]:
        return iter(self.fetchall())


# -- SQL translation ----------------------------------------------------------------------------

# String literals, quoted identifiers and -- comments are copied untouched (bar % escaping).
_QUOTED = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|--[^\n]*")
_INSERT = re.compile(r"^\s*INSERT\s+(OR\s+(\w+)\s+)?INTO\s+(\w+)", re.I)
_IS_PARAM = re.compile(r"\bIS\s+(NOT\s+)?\?", re.I)
_MINMAX = re.compile(r"\b(MIN|MAX)\s*\(", re.I)


def _top_level_comma(code: str, start: int) -> int | None:
    """End index of the parenthesised group opening at `start` if it has a top-level comma."""
    depth, comma = 0, False
    for i in range(start, len(code)):
        c = code[i]
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i if comma else None
        elif c == "," and depth == 1:
            comma = True
    return None


def _scalar_minmax(code: str) -> str:
    out, pos = [], 0
    for m in _MINMAX.finditer(code):
        if m.start() < pos:
            continue
        if _top_level_comma(code, m.end() - 1) is not None:
            out.append(code[pos : m.start()])
            out.append("GREATEST(" if m.group(1).upper() == "MAX" else "LEAST(")
            pos = m.end()
    out.append(code[pos:])
    return "".join(out)


@lru_cache(maxsize=1024)
def translate(sql: str) -> tuple[str, str | None]:
    """(PostgreSQL SQL, table inserted into or None) for one statement of the store dialect."""
    m = _INSERT.match(sql)
    table = m.group(3).lower() if m else None
    conflict = ""
    if m and m.group(1):
        verb = m.group(2).upper()
        if verb != "IGNORE":
            raise StoreError(f"INSERT OR {verb} has no generic PostgreSQL form; override the method")
        sql = sql[: m.start(1)] + sql[m.end(1) :]
        conflict = " ON CONFLICT DO NOTHING"
    # Literals, quoted identifiers and comments are masked while the code around them is rewritten.
    kept: list[str] = []

    def mask(x: re.Match) -> str:
        kept.append(x.group(0))
        return f"\x00{len(kept) - 1}\x00"

    code = _QUOTED.sub(mask, sql)
    code = _IS_PARAM.sub(lambda x: "IS DISTINCT FROM ?" if x.group(1) else "IS NOT DISTINCT FROM ?", code)
    code = re.sub(r"\bIFNULL\s*\(", "COALESCE(", code, flags=re.I)
    code = re.sub(r"\bLIKE\b", "ILIKE", code, flags=re.I)
    if _MINMAX.search(code):
        code = _scalar_minmax(code)
    code = code.replace("%", "%%").replace("?", "%s")
    code = re.sub("\x00(\\d+)\x00", lambda x: kept[int(x.group(1))].replace("%", "%%"), code)
    return code.rstrip().rstrip(";") + conflict, table


def _params(params: Any) -> Any:
    if params is None:
        return ()
    if isinstance(params, dict):
        return params
    return [int(p) if isinstance(p, bool) else p for p in params]


class PgConnection:
    """The store's `db`: `execute`/`executemany` in the SQLite dialect over one psycopg connection.

    `id_tables` are the tables with an `id` column: a single INSERT into one of them gets
    `RETURNING id`, which gives `lastrowid`.
    """

    def __init__(self, conn: Any, id_tables: Iterable[str]) -> None:
        self.conn = conn
        self.id_tables = frozenset(id_tables)

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return self.conn.info.transaction_status != TransactionStatus.IDLE

    def execute(self, sql: str, params: Any = ()) -> Result:
        text, table = translate(sql)
        returning = table in self.id_tables and not re.search(r"\bRETURNING\b", text, re.I)
        if returning:
            text += " RETURNING id"
        with self.conn.cursor() as cur:
            cur.execute(text, _params(params))
            rows = cur.fetchall() if cur.description is not None else []
            lastrowid = None
            if returning:
                lastrowid = rows[0][0] if rows else None
                rows = []
            return Result(rows, cur.rowcount, lastrowid)

    def executemany(self, sql: str, seq: Sequence[Any]) -> Result:
        text, _ = translate(sql)
        with self.conn.cursor() as cur:
            cur.executemany(text, [_params(p) for p in seq])
            return Result([], cur.rowcount, None)

    def close(self) -> None:
        self.conn.close()


# -- FTS5 MATCH -> tsquery ----------------------------------------------------------------------

_FTS_TOKEN = re.compile(r'\s*(?:"(?P<string>(?:[^"]|"")*)"|(?P<paren>[()])|(?P<star>\*)|(?P<bare>[^\s()"*:^+]+)|(?P<bad>\S))')


def _tsq_lexeme(term: str) -> str:
    """One term quoted for to_tsquery (the parser still splits it as to_tsvector did)."""
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def _phrase(text: str, prefix: bool) -> str | None:
    words = text.split()
    if not words:
        return None
    quoted = [_tsq_lexeme(w) for w in words]
    if prefix:
        quoted[-1] += ":*"
    return quoted[0] if len(quoted) == 1 else "(" + " <-> ".join(quoted) + ")"


def fts_to_tsquery(match: str) -> str:
    """An FTS5 MATCH expression as `to_tsquery('simple', …)` text.

    Supported FTS5 syntax: "strings" (one term or a phrase of terms, "" escapes a quote), bare
    words, a trailing * (prefix), AND, OR, NOT (binary: a NOT b), implicit AND, parentheses.
    FTS5 precedence is kept: NOT binds tighter than AND, AND tighter than OR. Column filters,
    NEAR() and ^ raise QueryError.
    """
    tokens: list[tuple[str, str]] = []
    pos = 0
    while pos < len(match):
        m = _FTS_TOKEN.match(match, pos)
        if m is None or m.end() == pos:
            break
        pos = m.end()
        if m.group("string") is not None:
            tokens.append(("term", m.group("string").replace('""', '"')))
        elif m.group("paren"):
            tokens.append((m.group("paren"), m.group("paren")))
        elif m.group("star"):
            if not tokens or tokens[-1][0] != "term":
                raise QueryError("* must follow a term")
            tokens[-1] = ("prefix", tokens[-1][1])
        elif m.group("bare") is not None:
            word = m.group("bare")
            if word in ("AND", "OR", "NOT"):
                tokens.append((word, word))
            elif word == "NEAR" and match[pos : pos + 1] == "(":
                raise QueryError("NEAR() is not supported on PostgreSQL")
            else:
                tokens.append(("term", word))
        else:
            raise QueryError(f"unsupported search syntax {m.group('bad')!r}")
    parser = _Parser(tokens)
    expr = parser.parse_or()
    if parser.pos != len(tokens):
        raise QueryError("unbalanced parentheses or misplaced operator in query")
    return expr or ""


class _Parser:
    """Recursive descent over FTS5 tokens; returns fully parenthesised tsquery text."""

    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.pos = 0

    def _peek(self) -> str | None:
        return self.tokens[self.pos][0] if self.pos < len(self.tokens) else None

    def parse_or(self) -> str | None:
        items = [self.parse_and()]
        while self._peek() == "OR":
            self.pos += 1
            items.append(self.parse_and())
        return _join(items, " | ")

    def parse_and(self) -> str | None:
        items = [self.parse_not()]
        while self._peek() in ("AND", "term", "prefix", "("):
            if self._peek() == "AND":
                self.pos += 1
            items.append(self.parse_not())
        return _join(items, " & ")

    def parse_not(self) -> str | None:
        left = self.parse_primary()
        while self._peek() == "NOT":
            self.pos += 1
            right = self.parse_primary()
            if right is not None:
                left = f"({left} & !{right})" if left is not None else None
        return left

    def parse_primary(self) -> str | None:
        kind = self._peek()
        if kind is None:
            raise QueryError("query ends where a term was expected")
        text = self.tokens[self.pos][1]
        self.pos += 1
        if kind in ("term", "prefix"):
            return _phrase(text, kind == "prefix")
        if kind == "(":
            inner = self.parse_or()
            if self._peek() != ")":
                raise QueryError("unbalanced parentheses in query")
            self.pos += 1
            return inner
        raise QueryError(f"{text} where a term was expected")


def _join(items: list[str | None], op: str) -> str | None:
    kept = [i for i in items if i is not None]
    if not kept:
        return None
    return kept[0] if len(kept) == 1 else "(" + op.join(kept) + ")"
