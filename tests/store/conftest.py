"""Fixtures of the store tests: a throwaway PostgreSQL server (see tests/pg_server.py)."""

from tests.pg_server import pg_dsn, pg_server  # noqa: F401  (pytest fixtures)
