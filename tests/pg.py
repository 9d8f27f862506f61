# SPDX-License-Identifier: EUPL-1.2
"""A throwaway PostgreSQL server for the test suite, started from the local binaries (initdb / pg_ctl).

Runs as the ``postgres`` system user when the tests run as root (initdb refuses root). Each test that asks
for PostgreSQL gets a fresh database on this server.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

PG_BIN_CANDIDATES = ("/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin", "/usr/local/bin", "/usr/bin")


def _pg_bin(name: str) -> str | None:
    for directory in PG_BIN_CANDIDATES:
        path = Path(directory) / name
        if path.is_file() and os.access(path, os.X_OK):
            return str(path)
    return shutil.which(name)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PostgresServer:
    """One local server; ``url(dbname)`` gives a SQLAlchemy URL."""

    def __init__(self) -> None:
        initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
        if not initdb or not pg_ctl:
            raise RuntimeError("PostgreSQL binaries (initdb, pg_ctl) not found; install the postgresql package")
        self._prefix: list[str] = []
        self.tmp = Path(tempfile.mkdtemp(prefix="zicht-pg-"))
        if os.geteuid() == 0:
            try:
                user = pwd.getpwnam("postgres")
            except KeyError as exc:
                raise RuntimeError("running as root needs a 'postgres' system user for initdb") from exc
            os.chown(self.tmp, user.pw_uid, user.pw_gid)
            self._prefix = ["runuser", "-u", "postgres", "--"]
        self.port = _free_port()
        self.datadir = self.tmp / "data"
        self.user = "postgres" if self._prefix else pwd.getpwuid(os.geteuid()).pw_name
        self._run([initdb, "-D", str(self.datadir), "-A", "trust", "-U", self.user, "-E", "UTF8", "--no-sync"])
        opts = f"-p {self.port} -k {self.tmp} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        self._run([pg_ctl, "-D", str(self.datadir), "-o", opts, "-l", str(self.tmp / "log"), "-w", "start"])
        self._pg_ctl = pg_ctl

    def _run(self, cmd: list[str]) -> None:
        subprocess.run([*self._prefix, *cmd], check=True, capture_output=True, timeout=120)

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{dbname}"

    def create_database(self) -> str:
        """Create a fresh database and return its URL."""
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user={self.user} dbname=postgres", autocommit=True
        ) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self._run([self._pg_ctl, "-D", str(self.datadir), "-m", "immediate", "stop"])
        shutil.rmtree(self.tmp, ignore_errors=True)


@contextlib.contextmanager
def postgres_server() -> Iterator[PostgresServer]:
    server = PostgresServer()
    try:
        yield server
    finally:
        server.stop()
