"""Search vectors read a bounded prefix, so a very long article still loads.

A tsvector holds at most 1 MB; the generated column over a whole 2 MB body made the
article's insert fail. The SQL is in sql/search/0012_bounded_search.sql. Dropping and
re-adding the column (rather than ALTER ... SET EXPRESSION) works on PostgreSQL before 17;
the search functions name the column in their bodies and need no change.

Revision ID: 0012
Revises: 0011
"""

import re
from collections.abc import Sequence
from pathlib import Path

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQL = Path(__file__).resolve().parents[2] / "sql"


def upgrade() -> None:
    op.execute((SQL / "search" / "0012_bounded_search.sql").read_text(encoding="utf-8"))


def downgrade() -> None:
    for table in ("articles", "statements"):
        op.execute(f"drop index public.ix_{table}_search_vector")
        op.execute(f"alter table public.{table} drop column search_vector")
    earlier = (SQL / "search" / "0004_search.sql").read_text(encoding="utf-8")
    for statement in re.findall(r"(?:alter table|create index)[^;]*search_vector[^;]*;", earlier):
        op.execute(statement)
    comments = (SQL / "comments" / "0007_comments.sql").read_text(encoding="utf-8")
    for line in comments.splitlines():
        if ".search_vector is" in line:
            op.execute(line)
