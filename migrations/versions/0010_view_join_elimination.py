"""Views with LEFT JOINs along foreign keys, so PostgreSQL can skip joins a query does not need.

The SQL is in sql/views/0010_view_joins.sql; the downgrade restores the views of 0002 and 0008.

Revision ID: 0010
Revises: 0009
"""

import re
from collections.abc import Sequence
from pathlib import Path

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VIEWS = Path(__file__).resolve().parents[2] / "sql" / "views"
REDEFINED = ("article_people", "article_organizations", "statements")


def upgrade() -> None:
    op.execute((VIEWS / "0010_view_joins.sql").read_text(encoding="utf-8"))


def downgrade() -> None:
    earlier = (VIEWS / "0002_analytics.sql").read_text(encoding="utf-8")
    for name in REDEFINED:
        match = re.search(rf"create view analytics\.{name} as.*?;", earlier, re.S)
        assert match, name
        op.execute(match.group(0).replace("create view", "create or replace view", 1))
    later = (VIEWS / "0008_event_participants.sql").read_text(encoding="utf-8")
    match = re.search(r"create view analytics\.event_participants as.*?;", later, re.S)
    assert match
    op.execute(match.group(0).replace("create view", "create or replace view", 1))
