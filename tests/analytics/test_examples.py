"""Every analyst example in sql/examples runs against the loaded seeds and answers its question."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "sql" / "examples"
Rows = list[tuple]


def _run(url: str, name: str, settings: dict[str, str] | None = None) -> tuple[list[str], Rows]:
    with psycopg.connect(url) as conn:
        for key, value in (settings or {}).items():
            conn.execute("select set_config(%s, %s, false)", (key, value))
        cur = conn.execute((EXAMPLES / name).read_text(encoding="utf-8"))
        return [d.name for d in cur.description or []], cur.fetchall()


def _terrorism(cols: list[str], rows: Rows) -> None:
    assert cols[:2] == ["speaker", "kind"] and len(rows) >= 5
    assert all("«" in r[cols.index("snippet")] for r in rows)
    assert {"direct", "indirect"} <= {r[1] for r in rows}


def _statements_over_time(cols: list[str], rows: Rows) -> None:
    dates = [r[0] for r in rows if r[0] is not None]
    assert rows and dates == sorted(dates) and len({r[1] for r in rows}) == 1


def _co_mentioned(cols: list[str], rows: Rows) -> None:
    counts = [r[2] for r in rows]
    assert rows and counts == sorted(counts, reverse=True) and all(n >= 1 for n in counts)


def _events_by_month(cols: list[str], rows: Rows) -> None:
    assert rows and all(r[0].day == 1 for r in rows)
    assert sum(r[3] for r in rows) >= 8


def _busiest(cols: list[str], rows: Rows) -> None:
    assert all(r[3] <= 3 for r in rows)
    assert len({r[0] for r in rows}) >= 3  # several outlets, each with its own ranking


def _in_the_news(cols: list[str], rows: Rows) -> None:
    per_month: dict[object, int] = {}
    for r in rows:
        per_month[r[0]] = per_month.get(r[0], 0) + 1
    assert rows and max(per_month.values()) <= 5


def _questions(cols: list[str], rows: Rows) -> None:
    assert len(rows) >= 2 and all(r[2] and r[3] for r in rows)


def _who_met_whom(cols: list[str], rows: Rows) -> None:
    assert rows and all(r[0] < r[1] for r in rows)
    assert rows[0][2] >= 2


def _titles(cols: list[str], rows: Rows) -> None:
    assert rows and all(r[1] for r in rows)
    assert not any(r[0].split()[0].lower() in {"mr.", "president", "minister"} for r in rows)  # names carry no titles


def _coverage(cols: list[str], rows: Rows) -> None:
    assert sum(r[1] for r in rows) == 5 and all(r[2] == "en" for r in rows)


CHECKS: dict[str, Callable[[list[str], Rows], None]] = {
    "01_who_said_what_about_terrorism.sql": _terrorism,
    "02_person_statements_over_time.sql": _statements_over_time,
    "03_organizations_co_mentioned_with.sql": _co_mentioned,
    "04_events_by_month_and_place.sql": _events_by_month,
    "05_busiest_speakers_per_outlet.sql": _busiest,
    "06_people_in_the_news_by_month.sql": _in_the_news,
    "07_questions_and_who_asked.sql": _questions,
    "08_who_met_whom.sql": _who_met_whom,
    "09_people_and_their_titles.sql": _titles,
    "10_coverage_by_publisher.sql": _coverage,
}


def test_every_example_file_is_checked() -> None:
    assert sorted(p.name for p in EXAMPLES.glob("*.sql")) == sorted(CHECKS)


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_example_answers_its_question(seeded_url: str, name: str) -> None:
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    assert text.startswith("-- "), "each example opens with the question it answers"
    cols, rows = _run(seeded_url, name)
    CHECKS[name](cols, rows)


def test_examples_take_a_chosen_person_or_organization(seeded_url: str) -> None:
    _, rows = _run(seeded_url, "02_person_statements_over_time.sql", {"newsetl.person": "Vladimir Putin"})
    assert rows and {r[1] for r in rows} == {"Vladimir Putin"}
    _, rows = _run(seeded_url, "03_organizations_co_mentioned_with.sql", {"newsetl.organization": "SCO"})
    assert rows and "Shanghai Cooperation Organization" not in {r[0] for r in rows}
