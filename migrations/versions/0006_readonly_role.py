"""The read-only role for BI tools and analysts (pipeline/load/roles.py): reads `analytics`, writes nowhere.

The role name and password come from configuration (NEWSETL_READONLY_ROLE,
NEWSETL_READONLY_PASSWORD); `newsetl db reader` re-applies them later, for a
password rotation. Roles belong to the whole server, so the downgrade drops the
role only when no other database still grants it something.

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence

from alembic import op

from pipeline.config import get_settings
from pipeline.load import roles

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    settings = get_settings()
    password = settings.readonly_password.get_secret_value() if settings.readonly_password else None
    roles.ensure_reader(op.get_bind(), settings.readonly_role, password)


def downgrade() -> None:
    # "revoke create on schema public from public" stays: it is PostgreSQL's own default since version 15
    roles.drop_reader(op.get_bind(), get_settings().readonly_role)
