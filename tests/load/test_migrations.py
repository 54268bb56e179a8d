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
