"""The analyst contract: schema `analytics` and its views, from sql/views/0002_analytics.sql.

The SQL lives in a numbered file so analysts can read it as SQL; this revision
always applies that same file, and a later change to the views gets a new file.

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence
from pathlib import Path

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQL = Path(__file__).resolve().parents[2] / "sql" / "views" / "0002_analytics.sql"


def upgrade() -> None:
    op.execute(SQL.read_text(encoding="utf-8"))


def downgrade() -> None:
    op.execute("drop schema if exists analytics cascade")
