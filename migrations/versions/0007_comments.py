"""Descriptions (COMMENT ON) of every table, view, column and function, from sql/comments/0007_comments.sql.

Revision ID: 0007
Revises: 0006
"""

from collections.abc import Sequence
from pathlib import Path

from alembic import op

from pipeline.load.database import execute_verbatim

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQL = Path(__file__).resolve().parents[2] / "sql" / "comments" / "0007_comments.sql"


def upgrade() -> None:
    op.execute(SQL.read_text(encoding="utf-8"))


def downgrade() -> None:
    execute_verbatim(
        op.get_bind(),
        """
        do $$
        declare r record;
        begin
            for r in select c.oid::regclass as rel, c.relkind
                     from pg_class c join pg_namespace n on n.oid = c.relnamespace
                     where n.nspname in ('public', 'analytics') and c.relkind in ('r', 'v', 'm')
            loop
                execute format('comment on %s %s is null',
                               case r.relkind when 'r' then 'table' when 'v' then 'view' else 'materialized view' end,
                               r.rel);
            end loop;
            for r in select c.oid::regclass as rel, a.attname
                     from pg_class c
                     join pg_namespace n on n.oid = c.relnamespace
                     join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                     where n.nspname in ('public', 'analytics') and c.relkind in ('r', 'v', 'm')
            loop
                execute format('comment on column %s.%I is null', r.rel, r.attname);
            end loop;
        end $$
        """,
    )
    op.execute("comment on schema analytics is null")
    op.execute("comment on function analytics.search_articles(text, integer) is null")
    op.execute("comment on function analytics.search_statements(text, integer) is null")
