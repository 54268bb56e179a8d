"""source_marks: what each source remembers between runs (file fingerprints, HTTP validators).

A scheduled run skips a file whose size and modification time it has seen,
and asks a web server for a page only if it changed since the ETag or
Last-Modified it kept. Marks are written in the transaction of the batch that
loaded the item, so a run that dies leaves no mark for what it did not finish.

Revision ID: 0009
Revises: 0008
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "source_marks",
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("fingerprint", sa.Text(), nullable=True),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("run_id", sa.BigInteger(), nullable=True),
        sa.Column("seen_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"], ["pipeline_runs.run_id"], name=op.f("fk_source_marks_run_id_pipeline_runs"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_source_marks")),
        comment="What each source remembers between runs, so a scheduled run reads only what is new.",
    )
    for column, text in (
        ("key", "Absolute file path or URL of the item."),
        ("fingerprint", "Size and modification time of a file when last read."),
        ("etag", "ETag the web server gave with the last copy."),
        ("last_modified", "Last-Modified the web server gave with the last copy."),
        ("run_id", "Run that last read the item."),
        ("seen_at", "When the item was last read."),
    ):
        op.execute(f"comment on column public.source_marks.{column} is '{text}'")


def downgrade() -> None:
    op.drop_table("source_marks")
