"""The `ingest` flow: source items in batches through clean, extract and load.

Tasks work on batches (hundreds of documents), never one article each, so
orchestration costs little next to the language model. The flow reads and
cleans a batch, then submits its language analysis to the task runner (threads
here, worker processes with `--runner processes`, a Dask cluster with `--runner
dask`), so the workers do the model's work only while the flow cleans the next
batch and loads finished ones, one at a time, in order: the database is the
single point of truth and the only writer is this flow. Database steps retry
transient errors with backoff; the load is idempotent.
"""

from __future__ import annotations

import itertools
import logging
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.context import get_run_context
from prefect.futures import PrefectFuture
from prefect.states import State
from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner
from prefect.utilities.annotations import quote
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from pipeline import __version__
from pipeline.clean import clean_documents, language
from pipeline.config import Settings, get_settings
from pipeline.flows import progress, timing
from pipeline.flows.api import share_api
from pipeline.flows.cluster import configure_dask, local_cluster
from pipeline.load import loader
from pipeline.load.database import (
    DatabaseUnavailable,
    backoff,
    database_url,
    is_transient,
    make_engine,
    retrying,
)
from pipeline.load.migrate import ensure_current
from pipeline.models import Article, Extraction, RawDocument, Rejection, RunCounts, SeenMark, Unchanged
from pipeline.nlp.extract import extract_batch
from pipeline.sources import SourceItem, expand_paths, is_local, iter_items
from pipeline.sources.files import kind_of
from pipeline.sources.http import FetchSettings
from pipeline.sources.state import nothing_seen

LOGGER = logging.getLogger(__name__)
T = TypeVar("T")


NON_DOCUMENTS_PER_BATCH = 10  # times the batch size: the items that are not documents a batch may hold


def ramp_sizes(size: int, workers: int) -> Iterator[int]:
    """Batch sizes that start small and double up to `size`: a quarter for each worker's first batch, a
    half for its second, then `size`.

    Nothing reaches the model before its batch is cleaned, so a first batch of full size leaves every
    worker idle while the flow cleans it, and the second worker idle through the next one too (1.6 s of
    a 22-document batch here; a one-worker run of 181 pages waited 1.3 s of its 30). Small first
    batches start the workers at once; doubling, not jumping to full size, keeps the flow's cleaning
    ahead of what the workers finish (it cleans about three times faster than one worker analyses).
    """
    step = max(1, -(-size // 4))
    while step < size:
        for _ in range(workers):
            yield step
        step *= 2
    while True:
        yield size


def batched(items: Iterator[SourceItem], size: int, workers: int = 0) -> Iterator[list[SourceItem]]:
    """Batches of `size` documents, each with the marks, rejections and unchanged items read among them;
    with `workers`, the first batches ramp up to `size` (see `ramp_sizes`).

    The size counts documents, what the model and a load's transaction work on, not items: a folder
    yields a mark after each file, so a count of items halved every batch (and doubled the cost of
    orchestrating it). A batch closes when the next document would overflow it, so the mark that
    follows its last document stays with it; items that are not documents (an unchanged folder
    yields nothing else) close a batch at `size * NON_DOCUMENTS_PER_BATCH`.
    """
    sizes = ramp_sizes(size, workers) if workers else itertools.repeat(size)
    limit = next(sizes)
    chunk: list[SourceItem] = []
    documents = 0
    for item in items:
        document = isinstance(item, RawDocument)
        if (document and documents == limit) or len(chunk) >= size * NON_DOCUMENTS_PER_BATCH:
            yield chunk
            chunk, documents = [], 0
            limit = next(sizes)
        chunk.append(item)
        documents += document
    if chunk:
        yield chunk


def _timed_batches(items: Iterator[SourceItem], size: int, workers: int) -> Iterator[list[SourceItem]]:
    """Batches of source items; the time spent reading them is the "read" stage."""
    batches = batched(items, size, workers)
    while True:
        with timing.timed("read"):
            chunk = next(batches, None)
        if chunk is None:
            return
        yield chunk


def clean_all(docs: Sequence[RawDocument], max_bytes: int) -> tuple[list[Article], list[Rejection]]:
    results = clean_documents(docs, max_bytes)
    return [r for r in results if isinstance(r, Article)], [r for r in results if isinstance(r, Rejection)]


def extract_all(articles: Sequence[Article], model: str, n_process: int) -> tuple[list[Extraction], list[Rejection]]:
    try:
        return extract_batch(articles, model, n_process), []
    except Exception:
        LOGGER.warning("batch extraction failed; retrying article by article", exc_info=True)
    out: list[Extraction] = []
    rejected: list[Rejection] = []
    for article in articles:
        try:
            out.extend(extract_batch([article], model, 1))
        except Exception as exc:
            rejected.append(Rejection(article.uri, "extract_error", f"{type(exc).__name__}: {exc}", article.raw_sha256))
    return out, rejected


Analysis = tuple[list[Extraction], list[Rejection], dict[str, float]]


@task(name="analyse-batch", cache_policy=NO_CACHE)
def analyse_batch(articles: list[Article], model: str, n_process: int) -> Analysis:
    """Language analysis of one cleaned batch; pure, so it runs wherever the task runner puts it (a thread,
    another process, a Dask worker). Returns its seconds with the result: the flow's process adds them up."""
    began = time.perf_counter()
    extractions, failed = extract_all(articles, model, n_process)
    return extractions, failed, {"extract": time.perf_counter() - began}


def _transient(task: object, task_run: object, state: State) -> bool:
    """Retry only what may pass next time: lost connections, serialisation failures, deadlocks."""
    try:
        state.result()
    except Exception as exc:
        return is_transient(exc)
    return False


@dataclass(slots=True)
class Batch:
    """One batch of source items, sorted for the load."""

    raws: dict[str, RawDocument] = field(default_factory=dict)
    rejections: list[Rejection] = field(default_factory=list)
    marks: list[SeenMark] = field(default_factory=list)
    counts: RunCounts = field(default_factory=RunCounts)


@task(
    name="load-batch", retries=3, retry_delay_seconds=[1, 4, 16], retry_condition_fn=_transient, cache_policy=NO_CACHE
)
def load(url: str, run_id: int, batch: Batch, extractions: list[Extraction], reprocess: bool) -> RunCounts:
    engine = make_engine(url)
    rejections = batch.rejections
    try:
        try:
            return loader.load_batch(
                engine, run_id, batch.raws, extractions, rejections, __version__, batch.marks, reprocess
            )
        except (OperationalError, InterfaceError):
            raise
        except DBAPIError:
            # a permanent error in one article: load the rest one by one, quarantine the culprit
            LOGGER.warning("batch load failed; loading article by article", exc_info=True)
            return _load_one_by_one(engine, run_id, batch, extractions, reprocess)
    finally:
        engine.dispose()


def _load_one_by_one(
    engine: Engine, run_id: int, batch: Batch, extractions: list[Extraction], reprocess: bool
) -> RunCounts:
    counts = loader.load_batch(engine, run_id, batch.raws, [], batch.rejections, __version__, batch.marks, reprocess)
    for extraction in extractions:
        try:
            counts.add(loader.load_batch(engine, run_id, batch.raws, [extraction], [], __version__, (), reprocess))
        except DBAPIError as exc:
            a = extraction.article
            reason = Rejection(a.uri, "load_error", str(exc.orig or exc).strip()[:2000], a.raw_sha256)
            counts.add(loader.load_batch(engine, run_id, batch.raws, [], [reason], __version__))
    return counts


@task(
    name="refresh-marts",
    retries=3,
    retry_delay_seconds=[1, 4, 16],
    retry_condition_fn=_transient,
    cache_policy=NO_CACHE,
)
def refresh_marts(url: str) -> None:
    engine = make_engine(url)
    try:
        loader.refresh_marts(engine)
    finally:
        engine.dispose()


def _flow_run_id() -> str | None:
    try:
        return str(get_run_context().flow_run.id)  # type: ignore[union-attr]
    except Exception:
        return None


@flow(name="ingest", log_prints=False, task_runner=ThreadPoolTaskRunner(max_workers=2))  # type: ignore[arg-type]
def ingest(paths: list[str], batch_size: int | None = None, reprocess: bool = False) -> RunCounts:
    """Read, clean, extract and load everything under `paths`; returns the run's counts.

    `reprocess` reads every item again, whatever the sources remember, and rebuilds the articles of
    documents already loaded (new pipeline version), each in the transaction of its batch.
    """
    language.preload()  # while the database is checked and the first batch read and extracted
    settings: Settings = get_settings()
    size = batch_size or settings.batch_size
    url = database_url(settings)
    ensure_current(url)
    engine = make_engine(url)
    db = _Retry(settings)
    handle = db("starting the run", lambda: loader.start_run(engine, " ".join(paths), __version__, _flow_run_id()))
    lookup = None if reprocess else loader.SeenLookup(engine, db)
    seen = lookup or nothing_seen
    counts = RunCounts()
    loading = load.with_options(retries=settings.db_retries, retry_delay_seconds=db.delays)
    refreshing = refresh_marts.with_options(retries=settings.db_retries, retry_delay_seconds=db.delays)
    in_flight: deque[tuple[Batch, PrefectFuture[Analysis] | None]] = deque()
    # a batch queued behind each worker's: when two workers finish together, both go on at once, while
    # the flow loads the oldest batch and cleans the next (one queued batch left one of two workers idle
    # through a load and a cleaning: 1.6 s of 22 on 181 pages)
    window = 2 * settings.analysis_workers + 1
    try:
        fetching = FetchSettings(
            timeout_s=settings.fetch_timeout_s,
            retries=settings.fetch_retries,
            min_interval_s=settings.fetch_min_interval_s,
            max_bytes=settings.max_document_bytes,
            respect_robots=settings.fetch_respect_robots,
        )
        items = iter_items(paths, seen, fetch_settings=fetching, max_bytes=settings.max_document_bytes)
        for chunk in _timed_batches(items, size, settings.analysis_workers):
            with timing.timed("sort"):
                batch = _sort(engine, chunk, reprocess, db)
            future = None
            if batch.raws:
                # cleaned here, in the flow, while the workers parse earlier batches: the workers get the
                # language model's work only, and a batch of cleaned text is far smaller to ship than its pages
                with timing.timed("clean"):
                    articles, rejected = clean_all(list(batch.raws.values()), settings.max_document_bytes)
                batch.rejections.extend(rejected)
                future = analyse_batch.submit(articles, settings.spacy_model, settings.nlp_processes)
            in_flight.append((batch, future))
            if len(in_flight) >= window:
                counts.add(_finish(url, handle.run_id, *in_flight.popleft(), reprocess, loading, db))
        while in_flight:
            counts.add(_finish(url, handle.run_id, *in_flight.popleft(), reprocess, loading, db))
        if counts.articles_loaded or counts.reprocessed:
            with timing.timed("refresh marts"):
                db.after_task("refreshing the marts", lambda: refreshing(url))
    except BaseException as exc:  # batches still in flight are never loaded: their items stay unmarked
        _record_failure(engine, handle.run_id, counts, exc)
        raise
    finally:
        handle.release()
    with timing.timed("finish"):
        db("recording the run", lambda: loader.finish_run(engine, handle.run_id, "succeeded", counts))
    get_run_logger().info("run %s: %s", handle.run_id, counts)
    engine.dispose()
    return counts


class _Retry:
    """The run's database steps outside tasks, retried with the same backoff as the load task."""

    def __init__(self, settings: Settings) -> None:
        self.retries = settings.db_retries
        self.first_delay_s = settings.db_retry_delay_s
        self.delays = backoff(self.retries, self.first_delay_s)

    def __call__(self, what: str, step: Callable[[], T]) -> T:
        return retrying(step, what, self.retries, self.first_delay_s)

    def after_task(self, what: str, step: Callable[[], T]) -> T:
        """A task has retried already: a transient failure left over means the database stayed away."""
        try:
            return step()
        except Exception as exc:
            if is_transient(exc):
                raise DatabaseUnavailable(what, self.retries, sum(self.delays), exc) from exc
            raise


def _record_failure(engine: Engine, run_id: int, counts: RunCounts, exc: BaseException) -> None:
    """Mark the run failed, if the database lets us; if not, the next run does (the run's lock is gone)."""
    message = "".join(traceback.format_exception_only(exc)).strip()
    try:
        loader.finish_run(engine, run_id, "failed", counts, message)
    except Exception:
        LOGGER.warning("could not record run %s as failed; the next run will", run_id, exc_info=True)


def _sort(engine: Engine, items: Iterable[SourceItem], reprocess: bool, db: _Retry) -> Batch:
    batch = Batch()
    docs: list[RawDocument] = []
    for item in items:
        if isinstance(item, RawDocument):
            docs.append(item)
        elif isinstance(item, Rejection):
            batch.rejections.append(item)
        elif isinstance(item, Unchanged):
            batch.counts.unchanged += 1
            batch.counts.documents_read += 1
        else:
            batch.marks.append(item)
    batch.counts.documents_read += len(docs) + len(batch.rejections)
    hashes = [d.sha256 for d in docs]
    known = (
        set() if reprocess else db("checking which documents are known", lambda: loader.known_documents(engine, hashes))
    )
    for d in docs:
        if d.sha256 in known or d.sha256 in batch.raws:
            batch.counts.unchanged += 1
        else:
            batch.raws[d.sha256] = d
    return batch


def _finish(
    url: str,
    run_id: int,
    batch: Batch,
    future: PrefectFuture[Analysis] | None,
    reprocess: bool,
    loading: Any,
    db: _Retry,
) -> RunCounts:
    extractions: list[Extraction] = []
    if future is not None:
        with timing.timed("wait for analysis"):
            extractions, failed, seconds = future.result()
        batch.rejections.extend(failed)
        for stage, spent in seconds.items():
            timing.add(stage, spent)
    counts = batch.counts
    if batch.raws or batch.rejections or batch.marks:
        with timing.timed("load"):
            # quoted: Prefect would otherwise walk every dataclass of the batch's analysis looking for futures,
            # twice per load (30 ms for 22 articles, in the process that also cleans)
            loaded = db.after_task(
                "loading a batch", lambda: loading(url, run_id, quote(batch), quote(extractions), reprocess)
            )
        counts.add(loaded)
    progress.report(counts.documents_read, counts)
    return counts


def count_documents(paths: Sequence[str]) -> int | None:
    """Documents to read, for the progress bar; None when only reading will tell (archives, feeds, URLs)."""
    if not all(is_local(spec) for spec in paths):
        return None
    total = 0
    for path in expand_paths(paths):
        if kind_of(path) not in ("page", None):
            return None
        total += 1
    return total


def configured(settings: Settings) -> object:
    """The ingest flow with the task runner the settings ask for (threads, or a Dask cluster)."""
    language.preload()  # while Prefect starts the run
    if settings.task_runner in ("processes", "dask"):
        share_api()  # before any worker process starts: workers report to the flow's API, not servers of their own
    if settings.task_runner == "processes":
        # each worker process loads the model once and keeps it: batches analysed on every core
        processes = ProcessPoolTaskRunner(max_workers=settings.analysis_workers)
        return ingest.with_options(task_runner=processes)  # type: ignore[arg-type]
    if settings.task_runner == "dask":
        from prefect_dask import DaskTaskRunner

        configure_dask()  # the flow's client, whatever the cluster
        runner = (
            DaskTaskRunner(address=settings.dask_address)
            if settings.dask_address
            else DaskTaskRunner(cluster_kwargs=local_cluster(settings.analysis_workers))
        )
        return ingest.with_options(task_runner=runner)  # type: ignore[arg-type]
    threads = ThreadPoolTaskRunner(max_workers=settings.analysis_workers)  # type: ignore[var-annotated]
    return ingest.with_options(task_runner=threads)  # type: ignore[arg-type]
