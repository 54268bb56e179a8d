"""Faults and bad input: the run survives, nothing is lost, nothing is half-loaded.

Outages are made deterministic with a lock: the test holds an uncommitted row of a
person that one story names, so the loader's transaction for that story stops,
mid-way, on that row. While it waits, the test terminates its connection, closes
the database, or kills the process; then lets go and checks what is left.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from tests.conftest import server_url
from tests.faultkit import (
    BAD_GOOD_ARTICLES,
    BAD_REASONS,
    during_held_load,
    holding_person,
    terminate_others,
    waiting_loader,
    write_bad_documents,
    write_stories,
)
from tests.stories import person_of, story, story_text
from tests.test_runs import _cli

pytestmark = pytest.mark.usefixtures("prefect_harness")


def _rows(url: str, sql: str, params: tuple[object, ...] = ()) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(sql, params).fetchall()  # type: ignore[arg-type]


def _ingest(paths: list[str], **kwargs: object):  # type: ignore[no-untyped-def]
    from pipeline.flows.ingest import ingest

    return ingest(paths, **kwargs)


@pytest.fixture
def fast_retries() -> Iterator[None]:
    from pipeline.config import get_settings

    os.environ["NEWSETL_DB_RETRY_DELAY_S"] = "0.05"
    get_settings.cache_clear()
    yield
    del os.environ["NEWSETL_DB_RETRY_DELAY_S"]
    get_settings.cache_clear()


def _whole(url: str) -> list[tuple]:
    """Per article: people, statements; an article without them would be half-loaded."""
    return _rows(
        url,
        "select a.source_uri, "
        "(select count(*) from article_people p where p.article_id = a.article_id), "
        "(select count(*) from statements s where s.article_id = a.article_id) "
        "from articles a order by a.source_uri",
    )


def _expected_whole(paths: list[Path]) -> list[tuple]:
    """The same per-article figures computed without a database: clean and extract in this process."""
    from pipeline.clean import clean_documents
    from pipeline.config import get_settings
    from pipeline.models import Article, RawDocument
    from pipeline.nlp.extract import extract_batch

    docs = [RawDocument(str(p.resolve()), p.read_bytes(), "text/plain") for p in paths]
    articles = [a for a in clean_documents(docs) if isinstance(a, Article)]
    out = []
    for x in extract_batch(articles, get_settings().spacy_model):
        out.append((x.article.uri, sum(e.kind == "person" for e in x.entities), len(x.statements)))
    return sorted(out)


def test_every_kind_of_bad_document_is_quarantined_and_the_run_goes_on(db_url: str, tmp_path: Path) -> None:
    write_bad_documents(tmp_path)
    write_stories(tmp_path / "good", range(6, 8))

    counts = _ingest([str(tmp_path)])

    reasons = dict(_rows(db_url, "select reason, count(*) from rejected_documents group by reason"))
    assert reasons == BAD_REASONS
    assert counts.rejected_reasons == reasons and counts.rejected == sum(BAD_REASONS.values())
    details = dict(_rows(db_url, "select reason, detail from rejected_documents where reason <> 'empty'"))
    assert "a PNG image" in details["binary"] or "a PDF document" in details["binary"]
    assert "NEWSETL_MAX_DOCUMENT_BYTES" in details["too_large"]
    assert "re-save or re-fetch it as UTF-8" in details["invalid_utf8"]
    assert "re-download" in details["truncated_record"] and "each line must be one JSON object" in details["bad_record"]
    # the good ones all arrived: nested page, the whole WARC record, the good JSON line, the two stories
    loaded = {u for (u,) in _rows(db_url, "select source_uri from articles")}
    assert len(loaded) == BAD_GOOD_ARTICLES + 2 and counts.articles_loaded == len(loaded)
    assert {"https://news.example/3", "https://news.example/5"} <= loaded
    assert any(u.endswith("nested.html") for u in loaded)
    assert _rows(db_url, "select status from pipeline_runs") == [("succeeded",)]


def test_a_few_bad_bytes_in_utf8_text_are_replaced_not_rejected(db_url: str, tmp_path: Path) -> None:
    text = story_text(9).replace("Tuesday", "Tuesday \u2013 in Tromsø \u2013").encode()
    (tmp_path / "a.txt").write_bytes(text.replace(b"Tuesday", b"Tues\xffday", 1))
    counts = _ingest([str(tmp_path)])
    assert (counts.articles_loaded, counts.rejected) == (1, 0)
    [(body,)] = _rows(db_url, "select body from articles")
    assert "Tues\ufffdday" in body and "Tromsø" in body


def test_a_lost_connection_mid_load_is_retried_and_the_run_completes(
    db_url: str, tmp_path: Path, fast_retries: None
) -> None:
    from pipeline.load import migrate

    migrate.upgrade(db_url)
    paths = write_stories(tmp_path, range(10, 16))
    dbname = _rows(db_url, "select current_database()")[0][0]
    with holding_person(db_url, person_of(12)) as hold, psycopg.connect(db_url, autocommit=True) as admin:
        helper = during_held_load(hold, lambda: terminate_others(admin, dbname, hold.info.backend_pid))
        counts = _ingest([str(tmp_path)], batch_size=2)
        helper.join()
    assert (counts.articles_loaded, counts.rejected) == (6, 0)
    assert _rows(db_url, "select count(*), count(distinct content_hash) from articles") == [(6, 6)]
    assert _rows(db_url, "select status from pipeline_runs") == [("succeeded",)]
    assert _whole(db_url) == _expected_whole(paths)


def test_a_database_that_stays_away_fails_the_run_cleanly_and_the_rerun_completes(
    db_url: str, tmp_path: Path, fast_retries: None
) -> None:
    from pipeline.load import migrate
    from pipeline.load.database import DatabaseUnavailable

    migrate.upgrade(db_url)
    paths = write_stories(tmp_path, range(20, 26))
    dbname = _rows(db_url, "select current_database()")[0][0]
    admin = psycopg.connect(server_url("postgres"), autocommit=True)  # closes and reopens the test database
    with holding_person(db_url, person_of(23)) as hold:

        def close() -> None:
            admin.execute(f'alter database "{dbname}" allow_connections false')
            terminate_others(admin, dbname, hold.info.backend_pid)

        helper = during_held_load(hold, close)
        try:
            with pytest.raises(DatabaseUnavailable, match="run the same command again"):
                _ingest([str(tmp_path)], batch_size=2)
        finally:
            helper.join()
            admin.execute(f'alter database "{dbname}" allow_connections true')
            admin.close()
    loaded_before = _rows(db_url, "select count(*) from articles")[0][0]
    assert 2 <= loaded_before < 6  # the batches before the outage, whole

    again = _ingest([str(tmp_path)], batch_size=2)
    assert again.articles_loaded == 6 - loaded_before
    assert _rows(db_url, "select count(*), count(distinct content_hash) from articles") == [(6, 6)]
    runs = _rows(db_url, "select status from pipeline_runs order by run_id")
    assert runs == [("failed",), ("succeeded",)]
    assert _whole(db_url) == _expected_whole(paths)


def test_a_process_killed_inside_a_load_transaction_leaves_nothing_half_loaded(db_url: str, tmp_path: Path) -> None:
    from pipeline.load import migrate

    migrate.upgrade(db_url)
    paths = write_stories(tmp_path, range(30, 35))
    with holding_person(db_url, person_of(32)) as hold:
        proc = _cli(["ingest", str(tmp_path), "--batch-size", "1"], db_url)
        try:
            waiting = waiting_loader(hold, timeout_s=240)
            # the loader of story 32 has written its document and article rows and waits for the person
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
        hold.rollback()
        with psycopg.connect(db_url, autocommit=True) as probe:  # the orphaned backend gives up its transaction
            deadline = time.monotonic() + 30
            while probe.execute("select count(*) from pg_stat_activity where pid = %s", (waiting,)).fetchone()[0]:  # type: ignore[index]
                assert time.monotonic() < deadline, "the killed run's backend never went away"
                time.sleep(0.1)
    assert _rows(db_url, "select count(*) from articles")[0][0] == 2  # stories 30 and 31, whole
    assert _whole(db_url) == _expected_whole(paths[:2])

    again = _ingest([str(tmp_path)])
    assert again.articles_loaded == 3
    assert _rows(db_url, "select count(*), count(distinct sha256) from raw_documents") == [(5, 5)]
    assert _whole(db_url) == _expected_whole(paths)
    assert [s for (s,) in _rows(db_url, "select status from pipeline_runs order by run_id")] == ["failed", "succeeded"]


def test_overlapping_concurrent_runs_load_every_article_and_person_once(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.config import get_settings
    from pipeline.load import database, migrate

    migrate.upgrade(db_url)
    paths = write_stories(tmp_path / "all", range(40, 49))
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    for p in paths[:6]:
        (first / p.name).symlink_to(p)
    for p in paths[3:]:
        (second / p.name).symlink_to(p)
    runs = [_cli(["ingest", str(folder), "--batch-size", "2"], db_url) for folder in (first, second)]
    outputs = [p.communicate(timeout=400)[0].decode() for p in runs]
    assert [p.returncode for p in runs] == [0, 0], outputs
    assert _rows(db_url, "select count(*), count(distinct content_hash) from articles") == [(9, 9)]
    people = _rows(db_url, "select canonical_name, count(*) from people group by 1 having count(*) > 1")
    assert people == []
    # the same rows as one run alone: no person split or doubled by the race
    concurrent = _rows(db_url, "select canonical_name from people order by 1")
    with psycopg.connect(server_url("postgres"), autocommit=True) as admin:
        admin.execute("drop database if exists newsetl_sequential with (force)")
        admin.execute("create database newsetl_sequential")
    try:
        sequential_url = server_url("newsetl_sequential")
        monkeypatch.setenv("DATABASE_URL", sequential_url)
        get_settings.cache_clear()
        database._resolve.cache_clear()
        _ingest([str(tmp_path / "all")])
        assert _rows(sequential_url, "select canonical_name from people order by 1") == concurrent
    finally:
        with psycopg.connect(server_url("postgres"), autocommit=True) as admin:
            admin.execute("drop database if exists newsetl_sequential with (force)")


def test_a_database_newer_than_the_code_is_refused(db_url: str) -> None:
    from pipeline.load import migrate
    from pipeline.load.database import DatabaseError

    migrate.upgrade(db_url)
    with psycopg.connect(db_url) as conn:
        conn.execute("update alembic_version set version_num = '9999_from_the_future'")
    with pytest.raises(DatabaseError, match="newer newsetl"):
        _ingest([str(Path(__file__))])
    assert _rows(db_url, "select count(*) from pipeline_runs") == [(0,)]


def test_untrusted_text_is_loaded_verbatim(db_url: str, tmp_path: Path) -> None:
    nasty = (
        "Robert'); DROP TABLE articles; -- said O'Brien, quoting \"Little Bobby Tables\" and a path C:\\new\\table. "
        "Then $$ select pg_sleep(10) $$ and E'\\x41' and %s %(name)s {0} :param appeared in the minutes."
    )
    long_word = "x" * 30000
    headline, body = story(50)
    prose = (  # inside an ordinary paragraph: the cleaner keeps prose, and this must survive it verbatim
        f"At the meeting the clerk read out a message from a resident that said {nasty} "
        "and then the members of the council went on with the rest of the agenda for the evening."
    )
    text = f"{headline}\n\n{body}\n\n{prose}\n\nThe annex listed {long_word} as an identifier.\n"
    (tmp_path / "nasty.txt").write_bytes(text.encode().replace(b"annex", b"an\x00nex\x00", 1))
    counts = _ingest([str(tmp_path)])
    assert (counts.articles_loaded, counts.rejected, counts.nul_removed) == (1, 0, 2)
    [(stored,)] = _rows(db_url, "select body from articles")
    assert nasty in stored and long_word in stored and "annex listed" in stored and "\x00" not in stored
    assert _rows(db_url, "select count(*) from articles where body like %s", ("%DROP TABLE articles%",)) == [(1,)]
    found = _rows(db_url, "select count(*) from analytics.search_articles('Bobby Tables')")
    assert found == [(1,)]
    [(run_counts,)] = _rows(db_url, "select counts->>'nul_removed' from pipeline_runs")
    assert run_counts == "2"


def test_a_very_long_article_loads_and_is_searchable(db_url: str, tmp_path: Path) -> None:
    headline, body = story(51)
    filler = " ".join(f"w{n}x{n * 7919 % 100003}" for n in range(250_000))  # 3 MB of distinct words
    (tmp_path / "long.txt").write_text(f"{headline}\n\n{body}\n\nAppendix: {filler}.\n", encoding="utf-8")
    counts = _ingest([str(tmp_path)])
    assert (counts.articles_loaded, counts.rejected) == (1, 0)
    assert _rows(db_url, "select count(*) from analytics.search_articles('councillor')") == [(1,)]
