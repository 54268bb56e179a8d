"""The `ingest` flow: documents in batches through clean, extract and load.

Tasks work on batches (hundreds of documents), never one article each, so
orchestration costs little next to the language model. Only the load task
retries: it is the one that meets transient database errors, and it is
idempotent.
"""

from __future__ import annotations

import itertools
import logging
import traceback
from collections.abc import Iterator, Sequence

from prefect import flow, get_run_logger, task
from prefect.context import get_run_context
from prefect.states import State
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from pipeline import __version__
from pipeline.clean import clean_document, site_furniture
from pipeline.config import Settings, get_settings
from pipeline.flows import progress
from pipeline.load import loader
from pipeline.load.database import database_url, make_engine
from pipeline.load.migrate import ensure_current
from pipeline.models import Article, Extraction, RawDocument, Rejection, RunCounts
from pipeline.nlp.extract import extract_batch
from pipeline.sources import expand_paths, iter_documents

LOGGER = logging.getLogger(__name__)


def batched(items: Iterator[RawDocument], size: int) -> Iterator[list[RawDocument]]:
    while chunk := list(itertools.islice(items, size)):
        yield chunk


@task(name="clean-batch")
def clean_batch(docs: Sequence[RawDocument], max_bytes: int) -> tuple[list[Article], list[Rejection]]:
    articles: list[Article] = []
    rejections: list[Rejection] = []
    seen: set[str] = set()
    try:
        furniture = site_furniture(docs, max_bytes)
    except Exception:  # the cross-document evidence is a refinement: without it each page is still cleaned
        LOGGER.exception("counting recurring lines failed; cleaning each page on its own")
        furniture = [frozenset()] * len(docs)
    for doc, recurring in zip(docs, furniture, strict=True):
        try:
            result = clean_document(doc, max_bytes, recurring)
        except Exception as exc:  # one bad page must not stop the run: it is quarantined with its reason
            LOGGER.exception("cleaning failed for %s", doc.uri)
            result = Rejection(doc.uri, "clean_error", f"{type(exc).__name__}: {exc}", doc.sha256)
        if isinstance(result, Rejection):
            rejections.append(result)
        elif result.content_hash in seen:
            articles.append(result)  # the loader counts and links it as a duplicate
        else:
            seen.add(result.content_hash)
            articles.append(result)
    return articles, rejections


@task(name="extract-batch")
def extract(articles: Sequence[Article], model: str, n_process: int) -> tuple[list[Extraction], list[Rejection]]:
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


def _transient(task: object, task_run: object, state: State) -> bool:
    """Retry only what may pass next time: lost connections, serialisation failures, deadlocks."""
    try:
        state.result()
    except (OperationalError, InterfaceError):
        return True
    except DBAPIError as exc:
        return getattr(exc.orig, "sqlstate", "") in {"40001", "40P01", "57P01", "08006", "08003"}
    except Exception:
        return False
    return False


@task(name="load-batch", retries=3, retry_delay_seconds=[1, 5, 15], retry_condition_fn=_transient)
def load(
    url: str, run_id: int, raws: dict[str, RawDocument], extractions: list[Extraction], rejections: list[Rejection]
) -> RunCounts:
    engine = make_engine(url)
    try:
        try:
            return loader.load_batch(engine, run_id, raws, extractions, rejections, __version__)
        except (OperationalError, InterfaceError):
            raise
        except DBAPIError:
            # a permanent error in one article: load the rest one by one, quarantine the culprit
            LOGGER.warning("batch load failed; loading article by article", exc_info=True)
            return _load_one_by_one(engine, run_id, raws, extractions, rejections)
    finally:
        engine.dispose()


def _load_one_by_one(
    engine: Engine,
    run_id: int,
    raws: dict[str, RawDocument],
    extractions: list[Extraction],
    rejections: list[Rejection],
) -> RunCounts:
    counts = loader.load_batch(engine, run_id, raws, [], rejections, __version__)
    for extraction in extractions:
        try:
            counts.add(loader.load_batch(engine, run_id, raws, [extraction], [], __version__))
        except DBAPIError as exc:
            a = extraction.article
            reason = Rejection(a.uri, "load_error", str(exc.orig or exc).strip()[:2000], a.raw_sha256)
            counts.add(loader.load_batch(engine, run_id, raws, [], [reason], __version__))
    return counts


def _flow_run_id() -> str | None:
    try:
        return str(get_run_context().flow_run.id)  # type: ignore[union-attr]
    except Exception:
        return None


@flow(name="ingest", log_prints=False)
def ingest(paths: list[str], batch_size: int | None = None) -> RunCounts:
    """Read, clean, extract and load every document under `paths`; returns the run's counts."""
    settings: Settings = get_settings()
    size = batch_size or settings.batch_size
    url = database_url(settings)
    ensure_current(url)
    engine = make_engine(url)
    run_id = loader.start_run(engine, " ".join(paths), __version__, _flow_run_id())
    counts = RunCounts()
    try:
        for docs in batched(iter_documents(paths), size):
            counts.add(_process(engine, url, run_id, docs, settings))
            progress.report(len(docs), counts)
    except BaseException as exc:
        loader.finish_run(engine, run_id, "failed", counts, "".join(traceback.format_exception_only(exc)).strip())
        raise
    if counts.articles_loaded:
        refresh_marts(url)
    loader.finish_run(engine, run_id, "succeeded", counts)
    get_run_logger().info("run %s: %s", run_id, counts)
    engine.dispose()
    return counts


@task(name="refresh-marts", retries=2, retry_delay_seconds=5, retry_condition_fn=_transient)
def refresh_marts(url: str) -> None:
    engine = make_engine(url)
    try:
        loader.refresh_marts(engine)
    finally:
        engine.dispose()


def _process(engine: Engine, url: str, run_id: int, docs: list[RawDocument], settings: Settings) -> RunCounts:
    known = loader.known_documents(engine, [d.sha256 for d in docs])
    raws: dict[str, RawDocument] = {}
    for d in docs:
        if d.sha256 not in known:
            raws.setdefault(d.sha256, d)
    batch_counts = RunCounts(documents_read=len(docs), unchanged=len(docs) - len(raws))
    if raws:
        articles, rejections = clean_batch(list(raws.values()), settings.max_document_bytes)
        extractions, failed = extract(articles, settings.spacy_model, settings.nlp_processes)
        batch_counts.add(load(url, run_id, raws, extractions, rejections + failed))
    return batch_counts


def count_documents(paths: Sequence[str]) -> int:
    return sum(1 for _ in expand_paths(paths))
