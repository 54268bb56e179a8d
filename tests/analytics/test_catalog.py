"""The database explains itself: every relation and column described, and docs/schema.md current."""

from __future__ import annotations

from pathlib import Path

import psycopg

from pipeline.docs.dictionary import read_catalog, render
from pipeline.load import migrate
from pipeline.load.database import make_engine

DOCS = Path(__file__).resolve().parents[2] / "docs" / "schema.md"


def test_every_table_view_and_column_has_a_comment(db_url: str) -> None:
    migrate.upgrade(db_url)
    with psycopg.connect(db_url) as conn:
        relations = conn.execute(
            "select c.oid::regclass::text from pg_class c join pg_namespace n on n.oid = c.relnamespace "
            "where n.nspname in ('public', 'analytics') and c.relkind in ('r', 'v', 'm') "
            "and coalesce(obj_description(c.oid, 'pg_class'), '') = ''"
        ).fetchall()
        columns = conn.execute(
            "select c.oid::regclass::text || '.' || a.attname from pg_class c "
            "join pg_namespace n on n.oid = c.relnamespace "
            "join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped "
            "where n.nspname in ('public', 'analytics') and c.relkind in ('r', 'v', 'm') "
            "and coalesce(col_description(c.oid, a.attnum), '') = ''"
        ).fetchall()
        count = conn.execute(
            "select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace "
            "where n.nspname = 'analytics' and c.relkind in ('v', 'm')"
        ).fetchone()
    assert relations == [] and columns == []
    assert count is not None and count[0] >= 13  # the contract's views, the timeline and four marts


def test_the_checked_in_data_dictionary_is_current(db_url: str) -> None:
    migrate.upgrade(db_url)
    engine = make_engine(db_url)
    with engine.connect() as conn:
        fresh = render(*read_catalog(conn))
    engine.dispose()
    assert DOCS.read_text(encoding="utf-8") == fresh, "run `newsetl db docs` and commit docs/schema.md"
    assert "```mermaid" in fresh and "people ||--o{ person_aliases" in fresh
