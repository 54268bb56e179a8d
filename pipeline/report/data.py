"""What the report shows, read from the `analytics` views only (what the read-only role may read)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, text


@dataclass(frozen=True, slots=True)
class Totals:
    articles: int
    people: int
    organizations: int
    statements: int
    events: int
    first_day: dt.date | None
    last_day: dt.date | None


@dataclass(frozen=True, slots=True)
class MonthlyMentions:
    name: str
    months: tuple[tuple[dt.date, int], ...]


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str
    statements: int
    direct: int
    questions: int


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    day: dt.date
    event_type: str
    participants: tuple[str, ...]
    place: str | None
    from_publication: bool


@dataclass(frozen=True, slots=True)
class Pair:
    a: str
    a_kind: str
    b: str
    b_kind: str
    articles: int


@dataclass(frozen=True, slots=True)
class ReportData:
    totals: Totals
    mentions: tuple[MonthlyMentions, ...]
    speakers: tuple[Speaker, ...]
    events: tuple[TimelineEvent, ...]
    pairs: tuple[Pair, ...]


def read_report_data(conn: Connection, top: int = 8, max_events: int = 60, max_pairs: int = 40) -> ReportData:
    t = conn.execute(
        text(
            """
            select (select count(*) from analytics.articles), (select count(*) from analytics.people),
                   (select count(*) from analytics.organizations), (select count(*) from analytics.statements),
                   (select count(*) from analytics.events),
                   (select min(published_on) from analytics.articles),
                   (select max(published_on) from analytics.articles)
            """
        )
    ).one()
    totals = Totals(*t)
    rows = conn.execute(
        text(
            """
            with top as (
                select person_id from analytics.person_mentions_daily
                group by person_id order by sum(mentions) desc, person_id limit :top
            )
            select m.person_name, date_trunc('month', m.day)::date, sum(m.mentions)::int
            from analytics.person_mentions_daily m join top using (person_id)
            group by 1, 2 order by 1, 2
            """
        ),
        {"top": min(top, 6)},
    ).all()
    series: dict[str, list[tuple[dt.date, int]]] = {}
    for name, month, n in rows:
        series.setdefault(name, []).append((month, n))
    mentions = tuple(MonthlyMentions(name, tuple(points)) for name, points in series.items())
    speakers = tuple(
        Speaker(*r)
        for r in conn.execute(
            text(
                """
                select speaker, count(*)::int, count(*) filter (where kind = 'direct')::int,
                       count(*) filter (where kind = 'question')::int
                from analytics.statements group by speaker order by 2 desc, 1 limit :top
                """
            ),
            {"top": top},
        )
    )
    events = tuple(
        TimelineEvent(r[0], r[1], tuple(r[2] or ()), r[3], r[4])
        for r in conn.execute(
            text(
                """
                select day, event_type, participants, place, day_from_publication
                from analytics.event_timeline where day is not null
                order by day desc, event_id desc limit :n
                """
            ),
            {"n": max_events},
        )
    )
    pairs = tuple(
        Pair(*r)
        for r in conn.execute(
            text(
                """
                select entity_a, entity_a_kind, entity_b, entity_b_kind, articles from analytics.cooccurrence
                order by articles desc, entity_a, entity_b limit :n
                """
            ),
            {"n": max_pairs},
        )
    )
    return ReportData(totals, mentions, speakers, tuple(sorted(events, key=lambda e: e.day)), pairs)
