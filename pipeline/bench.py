"""`newsetl bench`: the whole pipeline's speed next to the language model's alone, on real articles.

The language model is the irreducible cost; everything else (reading, cleaning, resolving,
loading, orchestrating) should nearly vanish next to it. So the benchmark ingests a corpus
through the real flow into a database of its own, then times bare spaCy `nlp.pipe` over the
same cleaned texts in the same process layout (one process, or K worker processes each with
its model), re-runs the ingest on the unchanged corpus (the no-op run), samples the resident
memory of the process and its children throughout, and compares the load stage's row rate
with a plain COPY of the same rows.
"""

from __future__ import annotations

import itertools
import json
import multiprocessing
import os
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit, urlunsplit

import psutil
import psycopg

from pipeline.config import get_settings

LOADED_TABLES = (
    "raw_documents",
    "articles",
    "people",
    "person_aliases",
    "organizations",
    "organization_aliases",
    "places",
    "article_people",
    "article_organizations",
    "article_places",
    "statements",
    "events",
    "event_participants",
    "sources",
)


@dataclass
class BenchResult:
    docs: int
    workers: int
    first_s: float
    docs_per_s: float
    spacy_s: float | None  # None: the floor was skipped (--no-floor)
    # the corpus's documents over the floor's seconds: pages that clean into nothing the model reads (rejected,
    # another language) cost the floor nothing, so both rates count the same documents and `ratio` is the
    # floor's seconds over the pipeline's (the model's share of the run)
    spacy_docs_per_s: float | None
    ratio: float | None
    noop_s: float
    noop_share: float
    peak_rss_mb: float
    articles_loaded: int
    rejected: int
    duplicates: int
    load_s: float = 0.0
    load_rows: int = 0
    load_rows_per_s: float = 0.0
    copy_rows_per_s: float = 0.0
    stages_s: dict[str, float] = field(default_factory=dict)
    analysed: int | None = None  # texts the floor (and the pipeline's model) read

    def as_json(self) -> str:
        return json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in asdict(self).items()})


class PeakMemory:
    """Samples the resident memory of this process and its worker processes every 0.1 s while the ingests
    run (servers it may have started, PostgreSQL and Prefect's API, are not the pipeline's memory).

    Each process is classified once, when first seen: reading every child's command line on every sample
    cost the flow's process half a second of CPU over a 20-second run, taken from the run it measures.
    For the same reason the process tree is listed once a second (psutil reads every process of the
    machine to find the children: 2.4% of a core at ten listings a second), the memory of what it found
    every 0.1 s: a run's processes start when it does and live as long."""

    SAMPLE_S = 0.1
    LIST_EVERY = 10  # samples

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._counted: dict[int, psutil.Process | None] = {}  # pid -> the process, or None for a server

    def _run(self) -> None:
        me = psutil.Process()
        processes: list[psutil.Process] = []
        for sample in itertools.count():
            if sample % self.LIST_EVERY == 0:
                processes = self._processes(me)
            total = 0
            for proc in processes:
                with suppress(psutil.Error):
                    total += proc.memory_info().rss
            self.peak = max(self.peak, total)
            if self._stop.wait(self.SAMPLE_S):
                return

    def _processes(self, me: psutil.Process) -> list[psutil.Process]:
        alive = [me]
        for child in me.children(recursive=True):
            if child.pid not in self._counted:
                with suppress(psutil.Error):
                    self._counted[child.pid] = None if _service(child) else child
            counted = self._counted.get(child.pid)
            if counted is not None:
                alive.append(counted)
        return alive

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _service(proc: psutil.Process) -> bool:
    """PostgreSQL or Prefect's API server started by this run: servers, not the pipeline's own memory."""
    cmdline = " ".join(proc.cmdline())
    return proc.name().startswith("postgres") or ("prefect" in cmdline and "server" in cmdline) or "uvicorn" in cmdline


def stage_corpus(corpus: Path, limit: int | None, into: Path) -> list[Path]:
    """The first `limit` pages of the corpus; past its end, the corpus again, each copy a distinct file.

    A copy differs from its original only by trailing blank lines: another document (another hash) with
    the same article, so it is analysed like any page and loaded as a duplicate.
    """
    from pipeline.sources import expand_paths
    from pipeline.sources.files import kind_of

    pages = [p for p in expand_paths([str(corpus)]) if kind_of(p) == "page"]
    if not pages:
        raise ValueError(f"no .txt or .html pages under {corpus}")
    wanted = limit or len(pages)
    staged: list[Path] = []
    for n in range(wanted):
        source = pages[n % len(pages)]
        copy = n // len(pages)
        target = into / f"{n:07d}_{source.name}"
        if copy == 0:
            target.symlink_to(source.resolve())
        else:
            target.write_bytes(source.read_bytes() + b"\n" * copy)
        staged.append(target)
    return staged


def scratch_url(base_url: str, name: str) -> str:
    return urlunsplit(urlsplit(base_url)._replace(path=f"/{name}"))


@contextmanager
def scratch_database(base_url: str) -> Iterator[str]:
    """A fresh database on the configured server, dropped afterwards."""
    name = f"newsetl_bench_{os.getpid()}"
    admin_url = scratch_url(base_url, "postgres")
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'drop database if exists "{name}" with (force)')
        admin.execute(f'create database "{name}"')
    try:
        yield scratch_url(base_url, name)
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'drop database if exists "{name}" with (force)')


@contextmanager
def _warm_cluster(workers: int, model: str) -> Iterator[str]:
    """A local Dask cluster of `workers` single-threaded processes, each with the model loaded; its address."""
    from distributed import Client, LocalCluster

    from pipeline.flows.cluster import local_cluster

    with (
        LocalCluster(**local_cluster(workers), dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        client.run(_worker_init, model)
        yield str(cluster.scheduler_address)


@contextmanager
def _environment(overrides: dict[str, str]) -> Iterator[None]:
    """Settings for the bench's runs only: the caller's environment (and settings) come back afterwards."""
    from pipeline.load import database

    saved = {k: os.environ.get(k) for k in overrides}
    os.environ.update(overrides)
    get_settings.cache_clear()
    database._resolve.cache_clear()
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        get_settings.cache_clear()
        database._resolve.cache_clear()


def _worker_init(model: str) -> None:
    from pipeline.nlp.model import load_model

    load_model(model)


def _pipe(args: tuple[str, list[str]]) -> int:
    from pipeline.nlp.extract import PIPE_BATCH
    from pipeline.nlp.model import load_model

    model, texts = args
    return sum(1 for _ in load_model(model).pipe(texts, batch_size=PIPE_BATCH))  # as the pipeline reads them


def spacy_floor(texts: Sequence[str], model: str, workers: int, batch_size: int) -> float:
    """Seconds for bare nlp.pipe over `texts`, in the pipeline's layout: one process, or `workers`
    processes each with its model loaded (before the clock starts, as the pipeline's workers are) taking
    batches of `batch_size` texts."""
    from pipeline.nlp.extract import PIPE_BATCH
    from pipeline.nlp.model import load_model

    if workers == 1:
        nlp = load_model(model)
        began = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=PIPE_BATCH):  # as the pipeline reads them
            pass
        return time.perf_counter() - began
    chunks = [(model, list(texts[i : i + batch_size])) for i in range(0, len(texts), batch_size)]
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_worker_init, initargs=(model,)) as pool:
        pool.map(_pipe, [(model, ["warm up"])] * workers)  # every process has its model before the clock starts
        began = time.perf_counter()
        sum(pool.imap_unordered(_pipe, chunks))
        return time.perf_counter() - began


def cleaned_texts(paths: Sequence[Path], max_bytes: int, batch_size: int) -> list[str]:
    """The texts the pipeline gave the model: every page that cleaned into an article in a language it reads."""
    from pipeline.clean import clean_documents
    from pipeline.models import Article, RawDocument
    from pipeline.nlp.extract import analysable
    from pipeline.nlp.model import load_model
    from pipeline.sources.files import media_type_of

    language = load_model(get_settings().spacy_model).lang
    texts: list[str] = []
    for i in range(0, len(paths), batch_size):
        docs = []
        for p in paths[i : i + batch_size]:
            content = p.read_bytes()
            docs.append(RawDocument(str(p.resolve()), content, media_type_of(p, content[:512])))  # type: ignore[arg-type]
        for result in clean_documents(docs, max_bytes):
            if isinstance(result, Article) and analysable(result, language):
                texts.append(result.nlp_text)
    return texts


COPY_BLOCK = 1 << 20  # bytes written to COPY at a time


def copy_rate(url: str) -> tuple[int, float]:
    """Rows and rows per second of a plain COPY of every loaded row into empty copies of the tables.

    Each table's rows are spooled to a temporary file first (a large run's pages would not fit in memory
    twice); only the COPY into the empty tables is timed."""
    rows = 0
    with psycopg.connect(url) as conn, ExitStack() as files:
        conn.execute("create schema bench_copy")
        spooled: dict[str, IO[bytes]] = {}
        columns: dict[str, str] = {}
        for table in LOADED_TABLES:
            # generated columns (the search vectors) are computed again on the way in, as in a load
            conn.execute(
                f"create table bench_copy.{table} (like public.{table} including defaults including generated)"
            )
            names = conn.execute(
                "select string_agg(quote_ident(column_name), ', ' order by ordinal_position) "
                "from information_schema.columns "
                "where table_schema = 'public' and table_name = %s and is_generated = 'NEVER'",
                (table,),
            ).fetchone()
            columns[table] = str(names[0]) if names else ""
            spool = spooled[table] = files.enter_context(tempfile.TemporaryFile(prefix="newsetl-copy-"))
            with conn.cursor().copy(f"copy public.{table} ({columns[table]}) to stdout (format binary)") as copy:
                for chunk in copy:
                    spool.write(chunk)
            spool.seek(0)
            rows += conn.execute(f"select count(*) from public.{table}").fetchone()[0]  # type: ignore[index]
        conn.commit()
        began = time.perf_counter()
        for table, source in spooled.items():
            with conn.cursor().copy(f"copy bench_copy.{table} ({columns[table]}) from stdin (format binary)") as copy:
                while block := source.read(COPY_BLOCK):
                    copy.write(block)
        conn.commit()
        seconds = time.perf_counter() - began
        conn.execute("drop schema bench_copy cascade")
        conn.commit()
    return rows, rows / seconds if seconds else 0.0


def run_bench(corpus: Path, limit: int | None, workers: int, floor: bool = True) -> BenchResult:
    """Everything in one call; the caller prints. The language model runs in `workers` Dask worker processes
    started and warmed before the clock; the flow's process reads, cleans and loads, as in a backfill."""
    from pipeline.flows import timing
    from pipeline.flows.api import run_settings, share_api
    from pipeline.flows.ingest import configured
    from pipeline.load import database

    settings = get_settings()
    base = database.database_url(settings)
    with (
        ExitStack() as stack,
        tempfile.TemporaryDirectory(prefix="newsetl-bench-") as staging,
        scratch_database(base) as url,
    ):
        paths = stage_corpus(corpus, limit, Path(staging))
        share_api()  # before the cluster: its workers inherit the one Prefect API
        # the language model in worker processes (a local Dask cluster, started and warmed outside the timings),
        # reading, cleaning and loading in the flow's process: the layout of a backfill on one machine
        cluster = stack.enter_context(_warm_cluster(workers, settings.spacy_model))
        # batches small enough that every worker has work (one 200-document batch would go to one worker);
        # the same size whatever the number of workers, so the runs compare
        size = max(10, min(settings.batch_size, len(paths) // 8))
        overrides = {
            "DATABASE_URL": url,
            "NEWSETL_ANALYSIS_WORKERS": str(workers),
            "NEWSETL_TASK_RUNNER": "dask",
            "NEWSETL_BATCH_SIZE": str(size),
            "NEWSETL_DASK_ADDRESS": cluster,
        }
        stack.enter_context(_environment(overrides))
        settings = get_settings()
        flow = configured(settings)
        _warm_up(flow, workers)
        stack.enter_context(run_settings())  # as `newsetl ingest` runs it
        with PeakMemory() as memory:
            timing.reset()
            began = time.perf_counter()
            counts = flow([staging])  # type: ignore[operator]
            first_s = time.perf_counter() - began
            stages = timing.totals()
            began = time.perf_counter()
            flow([staging])  # type: ignore[operator]
            noop_s = time.perf_counter() - began
        spacy_s = spacy_docs_per_s = analysed = None
        if floor:  # after the memory window: the floor's own processes are not the pipeline's memory
            texts = cleaned_texts(paths, settings.max_document_bytes, settings.batch_size)
            spacy_s = spacy_floor(texts, settings.spacy_model, workers, settings.batch_size)
            analysed = len(texts)
            spacy_docs_per_s = len(paths) / spacy_s if spacy_s else None
        load_rows, copy_per_s = copy_rate(url)
    docs = len(paths)
    docs_per_s = docs / first_s
    load_s = stages.get("load", 0.0)
    return BenchResult(
        docs=docs,
        workers=workers,
        first_s=first_s,
        docs_per_s=docs_per_s,
        spacy_s=spacy_s,
        spacy_docs_per_s=spacy_docs_per_s,
        ratio=docs_per_s / spacy_docs_per_s if spacy_docs_per_s else None,
        noop_s=noop_s,
        noop_share=noop_s / first_s,
        peak_rss_mb=memory.peak / 2**20,
        articles_loaded=counts.articles_loaded,
        rejected=counts.rejected,
        duplicates=counts.duplicates,
        load_s=load_s,
        load_rows=load_rows,
        load_rows_per_s=load_rows / load_s if load_s else 0.0,
        copy_rows_per_s=copy_per_s,
        stages_s=stages,
        analysed=analysed,
    )


def _warm_up(flow: object, workers: int) -> None:
    """Start what every later run reuses, outside the timings: Prefect's API, and Prefect's task engine in each
    worker (a worker's first task imports it and opens its client: about 1.5 s here). A warm `serve` worker
    has both; the floor's processes are warmed the same way."""
    from prefect import flow as prefect_flow
    from prefect import task

    @task(name="bench-warm-up-task")
    def pause() -> None:
        time.sleep(0.5)  # long enough that each idle worker takes one

    @prefect_flow(name="bench-warm-up")
    def nothing() -> None:
        for future in [pause.submit() for _ in range(workers)]:
            future.result()

    nothing.with_options(task_runner=flow.task_runner)()  # type: ignore[attr-defined]
