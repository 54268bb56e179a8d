"""Dashboard marts: materialized views with unique indexes (refreshed concurrently after each run) and
the event timeline view. The SQL is in sql/marts/0005_marts.sql.

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence
from pathlib import Path

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQL = Path(__file__).resolve().parents[2] / "sql" / "marts" / "0005_marts.sql"
MARTS = ("person_mentions_daily", "organization_mentions_daily", "statements_monthly", "cooccurrence")


def upgrade() -> None:
    op.execute(SQL.read_text(encoding="utf-8"))


def downgrade() -> None:
    op.execute("drop view if exists analytics.event_timeline")
    for mart in reversed(MARTS):
        op.execute(f"drop materialized view if exists analytics.{mart}")
