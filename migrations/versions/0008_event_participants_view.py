"""analytics.event_participants: one row per participant, from sql/views/0008_event_participants.sql.

Revision ID: 0008
Revises: 0007
"""

from collections.abc import Sequence
from pathlib import Path

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQL = Path(__file__).resolve().parents[2] / "sql" / "views" / "0008_event_participants.sql"


def upgrade() -> None:
    op.execute(SQL.read_text(encoding="utf-8"))


def downgrade() -> None:
    op.execute("drop view if exists analytics.event_participants")
