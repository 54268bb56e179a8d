"""The read-only role reads `analytics` and nothing else, and cannot write anywhere."""

from __future__ import annotations

import psycopg
import pytest

from pipeline.load import roles
from pipeline.load.database import make_engine
from tests.conftest import server_url

PASSWORD = "a:test %password' with quotes"  # odd characters must survive quoting


@pytest.fixture(scope="module")
def reader(seeded_url: str) -> str:
    engine = make_engine(seeded_url)
    with engine.begin() as conn:  # what `newsetl db reader` runs, with a password from configuration
        roles.ensure_reader(conn, "newsetl_reader", PASSWORD)
    engine.dispose()
    return server_url("newsetl_seeded", user="newsetl_reader", password="")


def _connect(url: str) -> psycopg.Connection:
    return psycopg.connect(url, password=PASSWORD, autocommit=True)


def test_reader_reads_every_analytics_view_and_the_search_functions(reader: str) -> None:
    with _connect(reader) as conn:
        assert conn.execute("select count(*) from analytics.articles").fetchone() == (5,)
        assert conn.execute("select count(*) from analytics.person_mentions_daily").fetchone()[0] > 0  # type: ignore[index]
        assert conn.execute("select count(*) from analytics.event_participants").fetchone()[0] > 0  # type: ignore[index]
        assert conn.execute("select count(*) from analytics.search_articles('terrorism')").fetchone()[0] > 0  # type: ignore[index]


@pytest.mark.parametrize(
    "sql",
    [
        "select count(*) from public.articles",
        "select count(*) from public.raw_documents",
        "select count(*) from public.pipeline_runs",
    ],
)
def test_reader_cannot_read_base_tables(reader: str, sql: str) -> None:
    with _connect(reader) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(sql)


@pytest.mark.parametrize(
    "sql",
    [
        "insert into analytics.pipeline_runs (source, pipeline_version) values ('x', 'x')",
        "delete from analytics.pipeline_runs",
        "update public.articles set title = 'x'",
        "create table public.scratch (x int)",
        "create table analytics.scratch (x int)",
        "create temporary table scratch (x int)",
        "create schema scratch",
        "refresh materialized view analytics.cooccurrence",
    ],
)
def test_reader_cannot_write_anywhere(reader: str, sql: str) -> None:
    with (
        _connect(reader) as conn,
        pytest.raises((psycopg.errors.InsufficientPrivilege, psycopg.errors.ReadOnlySqlTransaction)),
    ):
        conn.execute(sql)


def test_reader_cannot_turn_read_only_off_and_write(reader: str) -> None:
    with _connect(reader) as conn:
        conn.execute("set default_transaction_read_only = off")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("create table public.scratch (x int)")
