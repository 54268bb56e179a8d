"""Alembic owns the schema: up, down to base, up again; and the models match the migrations."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from pipeline.load import migrate
from pipeline.load.database import make_engine
from pipeline.load.schema import Base

VIEWS = {"articles", "people", "organizations", "article_people", "article_organizations", "statements", "events"}


def test_upgrade_downgrade_roundtrip(db_url: str) -> None:
    engine = make_engine(db_url)
    migrate.upgrade(db_url)
    insp = inspect(engine)
    assert set(Base.metadata.tables) <= set(insp.get_table_names())
    assert set(insp.get_view_names(schema="analytics")) >= VIEWS
    assert migrate.current_revision(engine) == migrate.head_revision()

    migrate.downgrade(db_url, "base")
    insp = inspect(engine)
    assert [t for t in insp.get_table_names() if t != "alembic_version"] == []
    assert "analytics" not in insp.get_schema_names()

    migrate.upgrade(db_url)
    assert set(inspect(engine).get_view_names(schema="analytics")) >= VIEWS
    engine.dispose()


def test_models_match_migrations(db_url: str) -> None:
    migrate.upgrade(db_url)
    engine = make_engine(db_url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    # descriptions live in sql/comments (checked in tests/analytics/test_catalog.py), not in the models
    comment_ops = {"modify_comment", "add_table_comment", "remove_table_comment"}
    structural = [d for d in diff if not (isinstance(d, list) and all(op[0] in comment_ops for op in d))]
    structural = [d for d in structural if not (isinstance(d, tuple) and d[0] in comment_ops)]
    assert structural == []


def test_behind_database_is_refused(db_url: str) -> None:
    import pytest

    from pipeline.load.database import DatabaseError

    migrate.upgrade(db_url, "0001")
    with pytest.raises(DatabaseError, match="newsetl db upgrade"):
        migrate.ensure_current(db_url)


def test_statement_offsets_move_into_the_body_and_back(db_url: str) -> None:
    import psycopg

    migrate.upgrade(db_url, "0010")
    title, body = "Talks in Beijing", 'Officials met. "We agreed on everything," Liu said.'
    parser_text = title + "\n\n" + body  # what the parser read before 0011
    quote = "We agreed on everything,"
    with psycopg.connect(db_url) as conn:
        article_id = conn.execute(
            "insert into articles (content_hash, source_uri, title, body, word_count, pipeline_version) "
            "values ('h', 'talks.txt', %s, %s, 8, 'test') returning article_id",
            (title, body),
        ).fetchone()[0]  # type: ignore[index]
        start = parser_text.index(quote)
        conn.execute(
            "insert into statements (article_id, speaker_text, kind, text, start_char, end_char) "
            "values (%s, 'Liu', 'direct', %s, %s, %s)",
            (article_id, quote, start, start + len(quote)),
        )
    shown = "select substr(body, start_char + 1, end_char - start_char) from analytics.statements join articles using (article_id)"
    migrate.upgrade(db_url)
    with psycopg.connect(db_url) as conn:
        assert conn.execute(shown).fetchall() == [(quote,)]
    migrate.downgrade(db_url, "0010")
    with psycopg.connect(db_url) as conn:
        assert conn.execute("select start_char from statements").fetchall() == [(parser_text.index(quote),)]
        columns = conn.execute(
            "select column_name from information_schema.columns where table_schema = 'analytics' "
            "and table_name = 'statements' and column_name like '%_char'"
        ).fetchall()
        assert columns == []
