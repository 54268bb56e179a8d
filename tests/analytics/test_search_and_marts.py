"""Full-text search and the dashboard marts on the loaded seeds."""

from __future__ import annotations

import psycopg


def _rows(url: str, sql: str, params: tuple = ()) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(sql, params).fetchall()


def test_article_search_ranks_and_highlights(seeded_url: str) -> None:
    rows = _rows(
        seeded_url, "select article_id, title, rank, snippet from analytics.search_articles(%s)", ("terrorism",)
    )
    assert len(rows) >= 3
    assert [r[2] for r in rows] == sorted((r[2] for r in rows), reverse=True)
    assert all("«" in r[3] and "\n" not in r[3] for r in rows)
    assert _rows(seeded_url, "select * from analytics.search_articles('zzzunknownword')") == []


def test_statement_search_gives_the_speaker(seeded_url: str) -> None:
    rows = _rows(seeded_url, "select speaker, kind, snippet from analytics.search_statements(%s, 50)", ("security",))
    assert rows and all(r[0] for r in rows)
    assert all("«" in r[2] for r in rows)


def test_search_vectors_follow_updates(db_url: str) -> None:
    from pipeline.load import migrate

    migrate.upgrade(db_url)
    with psycopg.connect(db_url) as conn:
        conn.execute(
            "insert into articles (content_hash, source_uri, title, body, word_count, pipeline_version) "
            "values ('h', 'u', 'Harbour strike', 'Pilots walked out.', 3, 't')"
        )
        assert conn.execute("select count(*) from analytics.search_articles('pilots')").fetchone() == (1,)
        conn.execute("update articles set body = 'Dockers walked out.'")
        assert conn.execute("select count(*) from analytics.search_articles('pilots')").fetchone() == (0,)
        assert conn.execute("select count(*) from analytics.search_articles('dockers')").fetchone() == (1,)


def test_marts_are_refreshed_after_a_run_and_agree_with_the_views(seeded_url: str) -> None:
    daily = _rows(
        seeded_url,
        "select person_name, sum(mentions)::int from analytics.person_mentions_daily group by 1 order by 1",
    )
    direct = _rows(
        seeded_url,
        "select ap.person_name, sum(ap.mentions)::int from analytics.article_people ap "
        "join analytics.articles a using (article_id) where a.published_on is not null group by 1 order by 1",
    )
    assert daily and daily == direct
    monthly = _rows(seeded_url, "select sum(statements)::int from analytics.statements_monthly")
    dated = _rows(seeded_url, "select count(*)::int from analytics.statements where published_on is not null")
    assert monthly == dated
    pairs = _rows(
        seeded_url,
        "select articles from analytics.cooccurrence where entity_a_kind = 'person' and entity_b_kind = 'person' "
        "and least(entity_a, entity_b) = 'Jiang Zemin' and greatest(entity_a, entity_b) = 'Vladimir Putin'",
    )
    assert pairs and pairs[0][0] >= 2
    timeline = _rows(seeded_url, "select count(*) from analytics.event_timeline")
    assert timeline == _rows(seeded_url, "select count(*) from analytics.events")
