"""Near-duplicate links: a MinHash sketch per article body, and a raw-document status for the copies.

A second crawl of a story, or the same story with another footer, is kept as a
raw document with status `near_duplicate` pointing at the article it repeats,
so nothing read is lost and the article is loaded once. The GIN index answers
"which articles share a hash with this sketch" (the `&&` operator). Articles
loaded before this revision have no sketch; they are still found as exact duplicates.

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("articles", sa.Column("body_sketch", postgresql.ARRAY(sa.BigInteger()), nullable=True))
    op.create_index(op.f("ix_articles_body_sketch"), "articles", ["body_sketch"], unique=False, postgresql_using="gin")
    op.drop_constraint(op.f("ck_raw_documents_status"), "raw_documents", type_="check")
    op.create_check_constraint(
        op.f("ck_raw_documents_status"),
        "raw_documents",
        "status in ('loaded', 'duplicate', 'near_duplicate', 'rejected')",
    )


def downgrade() -> None:
    op.execute("update raw_documents set status = 'duplicate' where status = 'near_duplicate'")
    op.drop_constraint(op.f("ck_raw_documents_status"), "raw_documents", type_="check")
    op.create_check_constraint(
        op.f("ck_raw_documents_status"), "raw_documents", "status in ('loaded', 'duplicate', 'rejected')"
    )
    op.drop_index(op.f("ix_articles_body_sketch"), table_name="articles", postgresql_using="gin")
    op.drop_column("articles", "body_sketch")
