"""Alembic, driven from code: the CLI's `db` commands and the automatic upgrade of an empty database."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from pipeline.load.database import DatabaseError, make_engine, sqlalchemy_url

PROJECT_ROOT = Path(__file__).resolve().parents[2]
MIGRATIONS = PROJECT_ROOT / "migrations"


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", sqlalchemy_url(url).replace("%", "%%"))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config("postgresql://")).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str) -> None:
    command.downgrade(alembic_config(url), revision)


def ensure_current(url: str) -> None:
    """Upgrade an empty database; refuse one that is behind (or ahead of) this code's schema."""
    engine = make_engine(url)
    try:
        current = current_revision(engine)
    finally:
        engine.dispose()
    head = head_revision()
    if current is None:
        upgrade(url)
    elif current != head and not _known_revision(current):
        raise DatabaseError(
            f"the database schema is at revision {current}, which this code does not know: it was upgraded by a "
            f"newer newsetl (this one needs {head}). Install that version; never downgrade a database in use"
        )
    elif current != head:
        raise DatabaseError(
            f"the database schema is at revision {current}, this code needs {head}: "
            "run `newsetl db upgrade` (back it up first) and try again"
        )


def _known_revision(revision: str) -> bool:
    scripts = ScriptDirectory.from_config(alembic_config("postgresql://"))
    return any(script.revision == revision for script in scripts.walk_revisions())
