"""Full-text search: generated tsvector columns with GIN indexes, and two search functions in `analytics`.

The SQL is in sql/search/0004_search.sql so it reads as SQL.

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence
from pathlib import Path

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQL = Path(__file__).resolve().parents[2] / "sql" / "search" / "0004_search.sql"


def upgrade() -> None:
    op.execute(SQL.read_text(encoding="utf-8"))


def downgrade() -> None:
    op.execute("drop function if exists analytics.search_statements(text, integer)")
    op.execute("drop function if exists analytics.search_articles(text, integer)")
    op.drop_index("ix_statements_search_vector", table_name="statements")
    op.drop_column("statements", "search_vector")
    op.drop_index("ix_articles_search_vector", table_name="articles")
    op.drop_column("articles", "search_vector")
