"""`newsetl bench` runs the real flow into a database of its own and reports every figure it promises."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from typing import Any

import psycopg

from tests.conftest import SEEDS, server_url

KEYS = {"docs", "docs_per_s", "spacy_docs_per_s", "ratio", "noop_s", "first_s", "peak_rss_mb", "workers"}


def _bench(db_url: str, *args: str) -> dict[str, Any]:
    env = {**os.environ, "DATABASE_URL": db_url, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", "from pipeline.cli import app; app()", "bench", str(SEEDS), *args, "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_bench_reports_its_figures_and_leaves_no_database_behind(db_url: str) -> None:
    result = _bench(db_url, "--limit", "7")
    assert set(result) >= KEYS
    # 7 documents: the 5 seeds, then 2 copies (another file, the same article: loaded as duplicates)
    assert (result["docs"], result["workers"], result["articles_loaded"], result["duplicates"]) == (7, 1, 5, 2)
    assert result["docs_per_s"] > 0 and result["spacy_docs_per_s"] > 0 and result["analysed"] == 7
    # both rates count the corpus's documents: the ratio is the floor's seconds over the pipeline's
    assert abs(result["spacy_docs_per_s"] * result["spacy_s"] - result["docs"]) < 0.01 * result["docs"]
    assert (
        result["ratio"] == round(result["docs_per_s"] / result["spacy_docs_per_s"], 3)
        or abs(result["ratio"] - result["docs_per_s"] / result["spacy_docs_per_s"]) < 0.01
    )
    assert 0 < result["noop_s"] < result["first_s"] and result["peak_rss_mb"] > 50
    assert result["load_rows"] > 7 and result["copy_rows_per_s"] > 0
    with psycopg.connect(server_url("postgres")) as conn:
        left = conn.execute("select datname from pg_database where datname like 'newsetl_bench_%'").fetchall()
    assert left == []
    # the configured database itself was not touched
    with psycopg.connect(db_url) as conn:
        tables = conn.execute("select count(*) from pg_tables where schemaname = 'public'").fetchone()
    assert tables == (0,)


def test_a_memory_run_may_skip_the_floor(db_url: str) -> None:
    result = _bench(db_url, "--limit", "5", "--no-floor")
    assert (result["docs"], result["articles_loaded"]) == (5, 5)
    assert result["spacy_docs_per_s"] is None and result["ratio"] is None
    assert result["docs_per_s"] > 0 and result["peak_rss_mb"] > 50


def test_peak_memory_counts_child_processes_started_after_it() -> None:
    """Workers start after the sampler: it must find them (it lists the process tree once a second)."""
    from pipeline.bench import PeakMemory

    hold = "b = bytearray(300 * 2**20); b[::4096] = b'x' * len(b[::4096]); import time; time.sleep(3)"
    with PeakMemory() as memory:
        time.sleep(0.3)
        child = subprocess.Popen([sys.executable, "-c", hold])
        child.wait(timeout=30)
    assert memory.peak > 300 * 2**20
