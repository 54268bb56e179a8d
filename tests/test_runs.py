"""Runs in production shape: archives and feeds incremental, killed and concurrent runs, Dask, scheduling."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
import yaml
from typer.testing import CliRunner

from pipeline.cli import app
from tests.conftest import SEEDS
from tests.loopback import Site, page
from tests.sources.test_archives import write_warc

pytestmark = pytest.mark.usefixtures("prefect_harness")
ROOT = Path(__file__).resolve().parents[1]


def _rows(url: str, sql: str) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(sql).fetchall()


def _ingest(paths: list[str], **kwargs: object):  # type: ignore[no-untyped-def]
    from pipeline.flows.ingest import ingest

    return ingest(paths, **kwargs)


STORIES = (
    "Councillor Maria Jensen said on Tuesday that the vote on the school budget would take place next month, "
    "after a long debate in which the mayor defended the plan to close two small village schools.",
    "Fishermen in the northern harbour protested on Friday against new quotas for cod, blocking the ferry "
    "terminal for three hours until police persuaded them to move their boats away from the quay.",
    "A storm brought down power lines across the valley overnight, and engineers worked through Sunday to "
    "restore electricity to some four thousand homes and two hospitals in the region.",
)


def _story(i: int) -> bytes:
    return page(f"Local news {i}", STORIES[i % len(STORIES)])


def test_a_warc_is_loaded_once_and_the_next_run_skips_it(db_url: str, tmp_path: Path) -> None:
    archive = write_warc(tmp_path / "crawl.warc.gz", {f"https://news.example/{i}": _story(i) for i in range(3)})
    first = _ingest([str(archive)])
    assert (first.articles_loaded, first.rejected) == (3, 0)
    assert _rows(db_url, "select count(*) from analytics.articles where source_uri like 'https://news.example/%'") == [
        (3,)
    ]
    second = _ingest([str(archive)])
    assert (second.documents_read, second.unchanged, second.articles_loaded) == (1, 1, 0)  # the archive, unread


def test_a_feed_polled_twice_fetches_its_pages_once(db_url: str, site: Site) -> None:
    from pipeline.config import get_settings

    links = [site.add(f"/story/{i}.html", _story(i), ETag=f'"s{i}"') for i in range(2)]
    items = "".join(f"<item><title>Vote {i}</title><link>{u}</link></item>" for i, u in enumerate(links))
    feed = site.add(
        "/feed.xml",
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>N</title>{items}</channel></rss>'.encode(),
        content_type="application/rss+xml",
        ETag='"f1"',
    )
    os.environ["NEWSETL_FETCH_MIN_INTERVAL_S"] = "0"
    get_settings.cache_clear()
    try:
        first = _ingest([feed])
        second = _ingest([feed])
    finally:
        del os.environ["NEWSETL_FETCH_MIN_INTERVAL_S"]
        get_settings.cache_clear()
    assert first.articles_loaded == 2 and second.articles_loaded == 0 and second.unchanged == 1
    assert len(site.hits("/story/0.html")) == 1 and len(site.hits("/feed.xml")) == 2
    assert site.hits("/feed.xml")[1]["if-none-match"] == '"f1"'


def _cli(args: list[str], url: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DATABASE_URL": url, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)  # its own temporary Prefect server, as a real second process would have
    code = "from pipeline.cli import app; app()"
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def test_a_run_killed_midway_leaves_no_partial_article_and_the_rerun_completes(
    db_url: str, seeded_url: str, tmp_path: Path
) -> None:
    from pipeline.load import migrate

    migrate.upgrade(db_url)
    for f in SEEDS.iterdir():
        shutil.copy(f, tmp_path / f.name)
    proc = _cli(["ingest", str(tmp_path), "--batch-size", "1"], db_url)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and proc.poll() is None:
        if _rows(db_url, "select count(*) from articles")[0][0] >= 1:
            break
        time.sleep(0.2)
    assert proc.poll() is None, "the run ended before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    loaded_before = _rows(db_url, "select count(*) from articles")[0][0]
    assert 1 <= loaded_before < 5
    assert _rows(db_url, "select status from pipeline_runs") == [("running",)]

    again = _ingest([str(tmp_path)])
    assert again.articles_loaded == 5 - loaded_before
    assert _rows(db_url, "select status, error from pipeline_runs order by run_id") == [
        ("failed", "the process running it stopped"),
        ("succeeded", None),
    ]
    assert _rows(db_url, "select count(*), count(distinct sha256) from raw_documents") == [(5, 5)]
    # every article is whole: the same rows as the seeds loaded in one clean run
    per_article = (
        "select regexp_replace(a.source_uri, '^.*/', ''), "
        "(select count(*) from analytics.statements s where s.article_id = a.article_id), "
        "(select count(*) from analytics.events e where e.article_id = a.article_id), "
        "(select count(*) from analytics.article_people p where p.article_id = a.article_id) "
        "from analytics.articles a order by 1"
    )
    assert _rows(db_url, per_article) == _rows(seeded_url, per_article)


def test_two_concurrent_runs_load_each_document_once(db_url: str, tmp_path: Path) -> None:
    from pipeline.load import migrate

    migrate.upgrade(db_url)
    for f in SEEDS.iterdir():
        shutil.copy(f, tmp_path / f.name)
    runs = [_cli(["ingest", str(tmp_path), "--batch-size", "2"], db_url) for _ in range(2)]
    outputs = [p.communicate(timeout=300)[0].decode() for p in runs]
    assert [p.returncode for p in runs] == [0, 0], outputs
    assert _rows(db_url, "select count(*), count(distinct content_hash) from articles") == [(5, 5)]
    assert _rows(db_url, "select count(*), count(distinct sha256) from raw_documents") == [(5, 5)]
    loaded = _rows(db_url, "select status, (counts->>'articles_loaded')::int from pipeline_runs")
    assert [s for s, _ in loaded] == ["succeeded", "succeeded"] and sum(n for _, n in loaded) == 5


def test_a_dask_cluster_of_two_workers_gives_the_same_rows(db_url: str, seeded_url: str) -> None:
    from distributed import LocalCluster

    from pipeline.config import get_settings
    from pipeline.flows.ingest import configured

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        os.environ.update(NEWSETL_TASK_RUNNER="dask", NEWSETL_DASK_ADDRESS=cluster.scheduler_address)
        get_settings.cache_clear()
        try:
            counts = configured(get_settings())([str(SEEDS)], batch_size=2)  # type: ignore[operator]
        finally:
            for key in ("NEWSETL_TASK_RUNNER", "NEWSETL_DASK_ADDRESS"):
                os.environ.pop(key, None)
            get_settings.cache_clear()
    assert counts.articles_loaded == 5
    for sql in (
        "select title, published_on, publisher from analytics.articles order by 1",
        "select person_name, article_count from analytics.people order by 1",
        "select speaker, kind, text from analytics.statements order by 1, 2, 3",
        "select event_type, start_date, participants from analytics.events order by 1, 2, 3",
    ):
        assert _rows(db_url, sql) == _rows(seeded_url, sql), sql


def test_serve_builds_a_scheduled_deployment() -> None:
    result = CliRunner().invoke(app, ["serve", str(SEEDS), "--cron", "*/15 * * * *", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert '"cron": "*/15 * * * *"' in result.output and '"flow": "ingest"' in result.output
    bad = CliRunner().invoke(app, ["serve", str(SEEDS), "--cron", "every minute", "--dry-run"])
    assert bad.exit_code == 2


def test_prefect_yaml_deploys_the_ingest_flow_on_a_schedule() -> None:
    import importlib
    import inspect

    from prefect.client.schemas.schedules import CronSchedule

    spec = yaml.safe_load((ROOT / "prefect.yaml").read_text())
    [deployment] = spec["deployments"]
    module_path, attr = deployment["entrypoint"].split(":")
    module = importlib.import_module(module_path.removesuffix(".py").replace("/", "."))
    flow = getattr(module, attr)
    assert flow.name == "ingest"
    assert set(deployment["parameters"]) <= set(inspect.signature(flow.fn).parameters)
    for schedule in deployment["schedules"]:
        CronSchedule(cron=schedule["cron"], timezone=schedule["timezone"])


def test_serve_runs_the_flow_when_the_deployment_is_triggered(db_url: str) -> None:
    """`newsetl serve` in its own process, against the test session's Prefect server: a triggered run of the
    deployment ingests, and pipeline_runs records the Prefect flow-run id."""
    from prefect.deployments import run_deployment
    from prefect.settings import PREFECT_API_URL

    api = PREFECT_API_URL.value()
    assert api, "the Prefect test harness gives an API URL"
    env = {**os.environ, "DATABASE_URL": db_url, "PREFECT_API_URL": api, "PREFECT_RUNNER_POLL_FREQUENCY": "2"}
    proc = subprocess.Popen(
        [sys.executable, "-c", "from pipeline.cli import app; app()", "serve", str(SEEDS), "--cron", "0 3 * * *",
         "--name", "served-in-test"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        flow_run = None
        deadline = time.monotonic() + 120
        while flow_run is None and time.monotonic() < deadline:
            try:
                flow_run = run_deployment("ingest/served-in-test", timeout=0)
            except Exception:  # the deployment is not registered yet
                time.sleep(1)
        assert flow_run is not None, "serve never registered its deployment"
        while time.monotonic() < deadline:
            rows = _rows(db_url, "select status, flow_run_id from pipeline_runs") if _has_runs(db_url) else []
            if rows and rows[0][0] != "running":
                break
            time.sleep(1)
        assert rows == [("succeeded", str(flow_run.id))]
        assert _rows(db_url, "select count(*) from articles") == [(5,)]
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def _has_runs(url: str) -> bool:
    return _rows(url, "select to_regclass('public.pipeline_runs') is not null")[0][0]
