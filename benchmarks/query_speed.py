"""The analyst examples on a database of 10,000 articles: EXPLAIN ANALYZE timings per query.

Builds a scratch database (`newsetl_bench`) on the configured server (the
embedded one by default), migrates it, fills it with the synthetic corpus of
benchmarks/synthetic_corpus.sql, refreshes the marts, then runs every file of
sql/examples three times under EXPLAIN (ANALYZE) and prints the median
execution time. The target is under 100 ms per query.

    python benchmarks/query_speed.py [--articles 10000] [--keep]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

from pipeline.config import get_settings
from pipeline.load import loader, migrate
from pipeline.load.database import database_url, make_engine

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "sql" / "examples"
CORPUS = ROOT / "benchmarks" / "synthetic_corpus.sql"
NAME = "newsetl_bench"
TARGET_MS = 100.0


def _with_database(url: str, name: str) -> str:
    """The same server's URL for another database."""
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database afterwards")
    args = parser.parse_args()

    server = database_url(get_settings())
    with psycopg.connect(_with_database(server, "postgres"), autocommit=True) as admin:
        admin.execute(f"drop database if exists {NAME} with (force)")
        admin.execute(f"create database {NAME}")
    url = _with_database(server, NAME)
    migrate.upgrade(url)

    start = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(CORPUS.read_text(encoding="utf-8").replace(":articles", str(args.articles)).encode())
        counts = conn.execute(
            "select (select count(*) from articles), (select count(*) from article_people), "
            "(select count(*) from statements), (select count(*) from events)"
        ).fetchone()
    engine = make_engine(url)
    loader.refresh_marts(engine)
    engine.dispose()
    assert counts is not None
    print(
        f"corpus: {counts[0]:,} articles, {counts[1]:,} person mentions, {counts[2]:,} statements, "
        f"{counts[3]:,} events; built and marts refreshed in {time.perf_counter() - start:.1f} s"
    )

    slow = 0
    print(f"{'query':48} {'median ms':>10} {'rows':>7}")
    with psycopg.connect(url) as conn:
        for path in sorted(EXAMPLES.glob("*.sql")):
            sql = path.read_text(encoding="utf-8")
            times, rows = [], 0
            for _ in range(3):
                plan = conn.execute(f"explain (analyze, format json) {sql}").fetchone()
                assert plan is not None
                top = plan[0][0]
                times.append(top["Planning Time"] + top["Execution Time"])
                rows = int(top["Plan"]["Actual Rows"])
            median = statistics.median(times)
            slow += median >= TARGET_MS
            flag = "" if median < TARGET_MS else "  <-- over target"
            print(f"{path.stem:48} {median:10.1f} {rows:7}{flag}")
    total = len(list(EXAMPLES.glob("*.sql")))
    print(f"{total - slow}/{total} queries under {TARGET_MS:.0f} ms (median of 3, planning + execution)")
    if not args.keep:
        with psycopg.connect(_with_database(server, "postgres"), autocommit=True) as admin:
            admin.execute(f"drop database if exists {NAME} with (force)")


if __name__ == "__main__":
    main()
