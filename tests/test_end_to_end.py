"""The whole path on the seeds: files in, every analytics view filled; a rerun changes nothing."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from tests.conftest import SEEDS

pytestmark = pytest.mark.usefixtures("prefect_harness")


def _rows(url: str, sql: str) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(sql).fetchall()


def _ingest(paths: list[str]):  # type: ignore[no-untyped-def]
    from pipeline.flows.ingest import ingest

    return ingest(paths)


def test_seeds_fill_every_view_and_rerun_is_a_no_op(db_url: str) -> None:
    counts = _ingest([str(SEEDS)])
    assert (counts.documents_read, counts.articles_loaded, counts.rejected) == (5, 5, 0)

    articles = _rows(
        db_url,
        "select title, published_on, publisher, byline, language, word_count, source_uri "
        "from analytics.articles order by source_uri",
    )
    assert len(articles) == 5
    titles = {a[0] for a in articles}
    assert "China, Russia to Start Anti-terror Talks" in titles  # the " - 2001-11-27" suffix is gone
    by_file = {Path(a[6]).name: a for a in articles}
    assert str(by_file["000_60e2772f75cdaa30.txt"][1]) == "2001-11-27"
    assert by_file["002_1d1d38af210f2cb6.txt"][1] is None  # the page states no date; not the 2004 copyright
    assert by_file["002_1d1d38af210f2cb6.txt"][2] == "CNN"
    assert all(a[4] == "en" and a[5] > 100 for a in articles)

    people = dict(_rows(db_url, "select person_name, article_count from analytics.people"))
    assert people["Vladimir Putin"] == 4  # "Putin", "Mr. Putin", "Russian President Vladimir Putin": one row
    assert "Putin" not in people and "Story Tools" not in people
    orgs = _rows(
        db_url, "select organization_name, acronym, article_count from analytics.organizations where acronym = 'SCO'"
    )
    assert orgs == [("Shanghai Cooperation Organization", "SCO", 3)]
    roles = _rows(db_url, "select role_title from analytics.article_people where person_name = 'Zhang Qiyue'")
    assert roles == [("Chinese Foreign Ministry spokeswoman",)]

    quotes = _rows(db_url, "select speaker, kind, text from analytics.statements where kind = 'direct'")
    assert ("Kong Quan", "direct") in {(q[0], q[1]) for q in quotes}
    misplaced = _rows(
        db_url,
        "select s.text from analytics.statements s join analytics.articles a using (article_id) "
        "where substr(a.body, s.start_char + 1, s.end_char - s.start_char) <> s.text",
    )
    assert misplaced == []  # every statement can be shown in its article
    questions = _rows(db_url, "select speaker from analytics.statements where kind = 'question'")
    assert {"CRI", "BBC"} <= {q[0] for q in questions}

    events = _rows(db_url, "select event_type, cameo_code, start_date, participants from analytics.events")
    signing = [e for e in events if e[0] == "signing"]
    assert signing and str(signing[0][2]) == "2002-12-02"  # "signed ... Monday", published Tuesday 2002-12-03
    assert {"Vladimir Putin", "Jiang Zemin"} <= set(signing[0][3]) and signing[0][1] == "057"

    again = _ingest([str(SEEDS)])
    assert (again.documents_read, again.unchanged, again.articles_loaded) == (5, 5, 0)
    assert _rows(db_url, "select count(*) from analytics.articles") == [(5,)]
    runs = _rows(db_url, "select status, counts->>'articles_loaded' from analytics.pipeline_runs order by run_id")
    assert runs == [("succeeded", "5"), ("succeeded", "0")]


def test_bad_documents_are_quarantined_and_the_run_goes_on(db_url: str, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "menu.txt").write_text("Home\nNews\nSport\nContact us\n")
    (tmp_path / "good.txt").write_bytes((SEEDS / "003_6571e39c44e675eb.txt").read_bytes())
    counts = _ingest([str(tmp_path)])
    assert (counts.documents_read, counts.articles_loaded, counts.rejected) == (4, 1, 3)
    reasons = dict(_rows(db_url, "select reason, count(*) from rejected_documents group by reason"))
    assert reasons == {"empty": 1, "binary": 1, "no_article_text": 1}
    again = _ingest([str(tmp_path)])
    assert again.unchanged == 4 and again.rejected == 0


def test_one_person_two_spellings_is_one_row(db_url: str, tmp_path: Path) -> None:
    first = (
        "Leaders meet - 2020-03-02\n\nGerman Chancellor Angela Merkel met French President Emmanuel Macron "
        "in Paris on Monday to discuss the budget of the European Union, officials said.\n\n"
        "Ms. Merkel told reporters that the talks had been useful and that more work was needed soon.\n"
    )
    second = (
        "Budget talks continue - 2020-03-09\n\nMerkel said on Monday that the budget of the European Union "
        "would be agreed before the summer, according to a statement from her office in Berlin.\n\n"
        "The chancellor added that she expected the talks to conclude within weeks, not months.\n"
    )
    (tmp_path / "a.txt").write_text(first)
    (tmp_path / "b.txt").write_text(second)
    _ingest([str(tmp_path / "b.txt")])  # the lone surname arrives first
    _ingest([str(tmp_path / "a.txt")])
    rows = _rows(
        db_url, "select person_name, article_count, aliases from analytics.people where person_name like '%Merkel%'"
    )
    assert len(rows) == 1 and rows[0][0] == "Angela Merkel" and rows[0][1] == 2
    assert {"Merkel", "Angela Merkel"} <= set(rows[0][2])


def test_a_near_duplicate_is_counted_and_linked_not_loaded_twice(db_url: str, tmp_path: Path) -> None:
    story = (
        "Harbour pilots walked off the job on Thursday morning, leaving a dozen cargo ships waiting at anchor "
        "outside the port after talks on new shift rules broke down late on Wednesday night.\n\n"
        "The port authority said in a statement that the rules met national safety standards and that it "
        "remained ready to return to the table at any time, but gave no date for new talks.\n\n"
        "Shipping agents warned that a strike lasting more than two days would force vessels to divert to other "
        "ports along the coast, at a cost of several thousand euros per ship each day.\n"
    )
    update = "The pilots' association said on Friday that it would meet the port authority again next week.\n"
    (tmp_path / "first-crawl.txt").write_text("Harbour pilots strike - 2019-03-14\n\n" + story)
    (tmp_path / "second-crawl.txt").write_text("Harbour pilots strike - 2019-03-14\n\n" + story + "\n" + update)
    counts = _ingest([str(tmp_path)])
    assert (counts.documents_read, counts.articles_loaded, counts.duplicates) == (2, 1, 1)
    raws = _rows(db_url, "select uri, status, article_id from raw_documents order by uri")
    assert [(Path(r[0]).name, r[1]) for r in raws] == [
        ("first-crawl.txt", "loaded"),
        ("second-crawl.txt", "near_duplicate"),
    ]
    assert raws[0][2] == raws[1][2] is not None  # the copy points at the article it repeats
    assert _rows(db_url, "select count(*) from analytics.articles") == [(1,)]


def test_a_lone_surname_shared_by_two_known_people_joins_neither(db_url: str, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Ranch visit - 2003-08-09\n\nGeorge Bush and Laura Bush spent Saturday at their ranch in Texas, where they "
        "met a group of local teachers and students, aides said in a statement.\n"
    )
    (tmp_path / "b.txt").write_text(
        "School reading plan - 2003-08-12\n\nBush said on Tuesday that the reading programme for schools would "
        "be extended to every state next year, according to a statement released by the White House.\n"
    )
    _ingest([str(tmp_path / "a.txt")])
    _ingest([str(tmp_path / "b.txt")])
    people = dict(
        _rows(db_url, "select person_name, article_count from analytics.people where person_name like '%Bush'")
    )
    assert people == {"George Bush": 1, "Laura Bush": 1, "Bush": 1}
