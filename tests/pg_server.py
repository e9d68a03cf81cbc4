"""A throwaway PostgreSQL server for tests: one per session, a fresh database per test.

`PgServer` runs initdb + pg_ctl in a temp dir on 127.0.0.1 (free port, unix socket in the temp
dir), fsync off. initdb refuses to run as root, so as root the server runs as the `postgres`
user (else `nobody`) through `runuser`. Missing binaries fail the tests with a clear message:
the PostgreSQL backend is part of what CI checks, it is never skipped.

Binaries are looked up in $MARSAD_PG_BIN, /usr/local/bin, /usr/lib/postgresql/*/bin, $PATH.
"""

from __future__ import annotations

import atexit
import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

NEEDED = ("initdb", "pg_ctl", "postgres")
DB_USER = "marsad"


def find_bindir() -> Path | None:
    """The first directory holding initdb, pg_ctl and postgres."""
    candidates = [os.environ.get("MARSAD_PG_BIN", ""), "/usr/local/bin"]
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    candidates += os.environ.get("PATH", "").split(os.pathsep)
    for folder in candidates:
        if folder and all(os.access(Path(folder, b), os.X_OK) for b in NEEDED):
            return Path(folder)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run_as() -> str | None:
    """The unprivileged user to run initdb/postgres as when we are root (else None)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise RuntimeError("running as root and neither a 'postgres' nor a 'nobody' user exists for the test server")


class PgServer:
    """One PostgreSQL cluster in a temp dir; `dsn(dbname)` connects as a trusted superuser."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.user = _run_as()
        self.root = Path(tempfile.mkdtemp(prefix="marsad-pg-"))
        self.data = self.root / "data"
        self.sockets = self.root / "sock"
        self.log = self.root / "server.log"
        self.port = _free_port()
        self._names = itertools.count(1)

    def _cmd(self, *args: str) -> subprocess.CompletedProcess:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self.user:
            cmd = ["runuser", "-u", self.user, "--", *cmd]
        done = subprocess.run(cmd, capture_output=True, text=True, cwd=self.root)
        if done.returncode != 0:
            log = self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""
            raise RuntimeError(f"{' '.join(args[:2])} failed ({done.returncode}):\n{done.stderr}\n{done.stdout}\n{log}")
        return done

    def start(self) -> PgServer:
        self.sockets.mkdir()
        if self.user:
            info = pwd.getpwnam(self.user)
            for path in (self.root, self.sockets):
                os.chown(path, info.pw_uid, info.pw_gid)
        # A UTF-8 locale that is not C: text comparisons must not depend on the server's collation.
        self._cmd("initdb", "-D", str(self.data), "-U", DB_USER, "--auth=trust", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync")  # fmt: skip
        options = (
            f"-h 127.0.0.1 -p {self.port} -k {self.sockets} -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off -c max_connections=40 -c shared_buffers=32MB"
        )
        self._cmd("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "-t", "30", "start")
        atexit.register(self.stop)  # also when the session ends without running fixture teardown
        return self

    def stop(self) -> None:
        if not self.root.exists():
            return
        try:
            if (self.data / "postmaster.pid").exists():
                self._cmd("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def dsn(self, dbname: str = "postgres") -> str:
        return f"postgresql://{DB_USER}@127.0.0.1:{self.port}/{dbname}"

    def create_database(self) -> str:
        """A new empty database; returns its DSN."""
        import psycopg

        name = f"t{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self.dsn(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\'')
        return self.dsn(name)

    def drop_database(self, dsn: str) -> None:
        import psycopg

        name = dsn.rsplit("/", 1)[1]
        with psycopg.connect(self.dsn(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A PostgreSQL server for the whole session (fails, never skips, without the binaries)."""
    bindir = find_bindir()
    if bindir is None:
        pytest.fail(
            "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found in $MARSAD_PG_BIN, "
            "/usr/local/bin, /usr/lib/postgresql/*/bin or $PATH: install PostgreSQL 15 "
            "(apt-get install postgresql) to run the PostgreSQL store tests",
            pytrace=False,
        )
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.fail("psycopg is not installed: pip install 'psycopg[binary]'", pytrace=False)
    server = PgServer(bindir)
    try:
        server.start()
    except Exception as exc:  # noqa: BLE001 — whatever stops the server from starting is reported, not raised
        server.stop()
        pytest.fail(f"could not start the test PostgreSQL server: {exc}", pytrace=False)
    yield server
    server.stop()


@pytest.fixture
def pg_dsn(pg_server: PgServer) -> Iterator[str]:
    """DSN of a fresh, empty database on the session's server (dropped after the test)."""
    dsn = pg_server.create_database()
    yield dsn
    pg_server.drop_database(dsn)
