"""Base tables of the data model (DESIGN.md): documents, articles, entities, statements, events, runs.

Natural keys (raw document sha256, article content hash, entity name keys) carry
unique constraints so that every load is an idempotent upsert. Constraint and
index names follow the naming convention in pipeline/load/schema.py.

Revision ID: 0001
Revises:
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "organizations",
        sa.Column("organization_id", sa.BigInteger(), nullable=False),
        sa.Column("canonical_name", sa.Text(), nullable=False),
        sa.Column("name_key", sa.Text(), nullable=False),
        sa.Column("acronym", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("organization_id", name=op.f("pk_organizations")),
        sa.UniqueConstraint("name_key", name=op.f("uq_organizations_name_key")),
    )
    op.create_index(op.f("ix_organizations_acronym"), "organizations", ["acronym"], unique=False)
    op.create_table(
        "people",
        sa.Column("person_id", sa.BigInteger(), nullable=False),
        sa.Column("canonical_name", sa.Text(), nullable=False),
        sa.Column("name_key", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_people")),
        sa.UniqueConstraint("name_key", name=op.f("uq_people_name_key")),
    )
    op.create_table(
        "pipeline_runs",
        sa.Column("run_id", sa.BigInteger(), nullable=False),
        sa.Column("flow_run_id", sa.String(length=64), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("pipeline_version", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), server_default="running", nullable=False),
        sa.Column("counts", postgresql.JSONB(astext_type=sa.Text()), server_default="{}", nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("status in ('running', 'succeeded', 'failed')", name=op.f("ck_pipeline_runs_status")),
        sa.PrimaryKeyConstraint("run_id", name=op.f("pk_pipeline_runs")),
    )
    op.create_table(
        "places",
        sa.Column("place_id", sa.BigInteger(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_key", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("country_code", sa.String(length=2), nullable=True),
        sa.PrimaryKeyConstraint("place_id", name=op.f("pk_places")),
        sa.UniqueConstraint("name_key", name=op.f("uq_places_name_key")),
    )
    op.create_table(
        "sources",
        sa.Column("source_id", sa.BigInteger(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_key", sa.Text(), nullable=False),
        sa.Column("domain", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("source_id", name=op.f("pk_sources")),
        sa.UniqueConstraint("name_key", name=op.f("uq_sources_name_key")),
    )
    op.create_table(
        "articles",
        sa.Column("article_id", sa.BigInteger(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("source_id", sa.BigInteger(), nullable=True),
        sa.Column("source_uri", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("published_precision", sa.String(length=16), nullable=True),
        sa.Column("byline", sa.Text(), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("captions", postgresql.ARRAY(sa.Text()), server_default="{}", nullable=False),
        sa.Column("word_count", sa.Integer(), nullable=False),
        sa.Column("pipeline_version", sa.String(length=32), nullable=False),
        sa.Column("run_id", sa.BigInteger(), nullable=True),
        sa.Column("ingested_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "published_precision in ('day', 'month', 'year')", name=op.f("ck_articles_published_precision")
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["pipeline_runs.run_id"],
            name=op.f("fk_articles_run_id_pipeline_runs"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(["source_id"], ["sources.source_id"], name=op.f("fk_articles_source_id_sources")),
        sa.PrimaryKeyConstraint("article_id", name=op.f("pk_articles")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_articles_content_hash")),
    )
    op.create_index(op.f("ix_articles_published_on"), "articles", ["published_on"], unique=False)
    op.create_index(op.f("ix_articles_source_id"), "articles", ["source_id"], unique=False)
    op.create_table(
        "organization_aliases",
        sa.Column("organization_id", sa.BigInteger(), nullable=False),
        sa.Column("alias", sa.Text(), nullable=False),
        sa.Column("alias_key", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.organization_id"],
            name=op.f("fk_organization_aliases_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("organization_id", "alias", name=op.f("pk_organization_aliases")),
    )
    op.create_index(op.f("ix_organization_aliases_alias_key"), "organization_aliases", ["alias_key"], unique=False)
    op.create_table(
        "person_aliases",
        sa.Column("person_id", sa.BigInteger(), nullable=False),
        sa.Column("alias", sa.Text(), nullable=False),
        sa.Column("alias_key", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.person_id"],
            name=op.f("fk_person_aliases_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("person_id", "alias", name=op.f("pk_person_aliases")),
    )
    op.create_index(op.f("ix_person_aliases_alias_key"), "person_aliases", ["alias_key"], unique=False)
    op.create_table(
        "rejected_documents",
        sa.Column("rejected_document_id", sa.BigInteger(), nullable=False),
        sa.Column("run_id", sa.BigInteger(), nullable=True),
        sa.Column("uri", sa.Text(), nullable=False),
        sa.Column("raw_sha256", sa.String(length=64), nullable=True),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("detail", sa.Text(), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["pipeline_runs.run_id"],
            name=op.f("fk_rejected_documents_run_id_pipeline_runs"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("rejected_document_id", name=op.f("pk_rejected_documents")),
    )
    op.create_index(op.f("ix_rejected_documents_reason"), "rejected_documents", ["reason"], unique=False)
    op.create_index(op.f("ix_rejected_documents_run_id"), "rejected_documents", ["run_id"], unique=False)
    op.create_table(
        "article_organizations",
        sa.Column("article_id", sa.BigInteger(), nullable=False),
        sa.Column("organization_id", sa.BigInteger(), nullable=False),
        sa.Column("name_as_written", sa.Text(), nullable=False),
        sa.Column("mentions", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.article_id"],
            name=op.f("fk_article_organizations_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.organization_id"],
            name=op.f("fk_article_organizations_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", "organization_id", name=op.f("pk_article_organizations")),
    )
    op.create_index(
        op.f("ix_article_organizations_organization_id"),
        "article_organizations",
        ["organization_id"],
        unique=False,
    )
    op.create_table(
        "article_people",
        sa.Column("article_id", sa.BigInteger(), nullable=False),
        sa.Column("person_id", sa.BigInteger(), nullable=False),
        sa.Column("name_as_written", sa.Text(), nullable=False),
        sa.Column("role_title", sa.Text(), nullable=True),
        sa.Column("mentions", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.article_id"],
            name=op.f("fk_article_people_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.person_id"],
            name=op.f("fk_article_people_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", "person_id", name=op.f("pk_article_people")),
    )
    op.create_index(op.f("ix_article_people_person_id"), "article_people", ["person_id"], unique=False)
    op.create_table(
        "article_places",
        sa.Column("article_id", sa.BigInteger(), nullable=False),
        sa.Column("place_id", sa.BigInteger(), nullable=False),
        sa.Column("mentions", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.article_id"],
            name=op.f("fk_article_places_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["place_id"],
            ["places.place_id"],
            name=op.f("fk_article_places_place_id_places"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", "place_id", name=op.f("pk_article_places")),
    )
    op.create_index(op.f("ix_article_places_place_id"), "article_places", ["place_id"], unique=False)
    op.create_table(
        "events",
        sa.Column("event_id", sa.BigInteger(), nullable=False),
        sa.Column("article_id", sa.BigInteger(), nullable=False),
        sa.Column("event_type", sa.String(length=32), nullable=False),
        sa.Column("cameo_code", sa.String(length=4), nullable=False),
        sa.Column("trigger", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.String(length=16), nullable=True),
        sa.Column("date_text", sa.Text(), nullable=True),
        sa.Column("place_id", sa.BigInteger(), nullable=True),
        sa.Column("place_text", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.article_id"],
            name=op.f("fk_events_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["place_id"], ["places.place_id"], name=op.f("fk_events_place_id_places"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_events")),
    )
    op.create_index(op.f("ix_events_article_id"), "events", ["article_id"], unique=False)
    op.create_index(op.f("ix_events_place_id"), "events", ["place_id"], unique=False)
    op.create_index("ix_events_start_date_event_type", "events", ["start_date", "event_type"], unique=False)
    op.create_table(
        "raw_documents",
        sa.Column("raw_document_id", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("uri", sa.Text(), nullable=False),
        sa.Column("media_type", sa.String(length=32), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("article_id", sa.BigInteger(), nullable=True),
        sa.Column("run_id", sa.BigInteger(), nullable=True),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("status in ('loaded', 'duplicate', 'rejected')", name=op.f("ck_raw_documents_status")),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.article_id"],
            name=op.f("fk_raw_documents_article_id_articles"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["pipeline_runs.run_id"],
            name=op.f("fk_raw_documents_run_id_pipeline_runs"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("raw_document_id", name=op.f("pk_raw_documents")),
        sa.UniqueConstraint("sha256", name=op.f("uq_raw_documents_sha256")),
    )
    op.create_index(op.f("ix_raw_documents_article_id"), "raw_documents", ["article_id"], unique=False)
    op.create_table(
        "statements",
        sa.Column("statement_id", sa.BigInteger(), nullable=False),
        sa.Column("article_id", sa.BigInteger(), nullable=False),
        sa.Column("speaker_text", sa.Text(), nullable=False),
        sa.Column("speaker_person_id", sa.BigInteger(), nullable=True),
        sa.Column("speaker_organization_id", sa.BigInteger(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("cue", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start_char", sa.Integer(), nullable=False),
        sa.Column("end_char", sa.Integer(), nullable=False),
        sa.CheckConstraint("kind in ('direct', 'indirect', 'question')", name=op.f("ck_statements_kind")),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.article_id"],
            name=op.f("fk_statements_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["speaker_organization_id"],
            ["organizations.organization_id"],
            name=op.f("fk_statements_speaker_organization_id_organizations"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["speaker_person_id"],
            ["people.person_id"],
            name=op.f("fk_statements_speaker_person_id_people"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("statement_id", name=op.f("pk_statements")),
    )
    op.create_index(op.f("ix_statements_article_id"), "statements", ["article_id"], unique=False)
    op.create_index(
        op.f("ix_statements_speaker_organization_id"), "statements", ["speaker_organization_id"], unique=False
    )
    op.create_index(op.f("ix_statements_speaker_person_id"), "statements", ["speaker_person_id"], unique=False)
    op.create_table(
        "event_participants",
        sa.Column("event_participant_id", sa.BigInteger(), nullable=False),
        sa.Column("event_id", sa.BigInteger(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("person_id", sa.BigInteger(), nullable=True),
        sa.Column("organization_id", sa.BigInteger(), nullable=True),
        sa.Column("place_id", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.event_id"],
            name=op.f("fk_event_participants_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.organization_id"],
            name=op.f("fk_event_participants_organization_id_organizations"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.person_id"],
            name=op.f("fk_event_participants_person_id_people"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["place_id"],
            ["places.place_id"],
            name=op.f("fk_event_participants_place_id_places"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("event_participant_id", name=op.f("pk_event_participants")),
        sa.UniqueConstraint("event_id", "name", name=op.f("uq_event_participants_event_id_name")),
    )
    op.create_index(op.f("ix_event_participants_event_id"), "event_participants", ["event_id"], unique=False)
    op.create_index(
        op.f("ix_event_participants_organization_id"), "event_participants", ["organization_id"], unique=False
    )
    op.create_index(op.f("ix_event_participants_person_id"), "event_participants", ["person_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_event_participants_person_id"), table_name="event_participants")
    op.drop_index(op.f("ix_event_participants_organization_id"), table_name="event_participants")
    op.drop_index(op.f("ix_event_participants_event_id"), table_name="event_participants")
    op.drop_table("event_participants")
    op.drop_index(op.f("ix_statements_speaker_person_id"), table_name="statements")
    op.drop_index(op.f("ix_statements_speaker_organization_id"), table_name="statements")
    op.drop_index(op.f("ix_statements_article_id"), table_name="statements")
    op.drop_table("statements")
    op.drop_index(op.f("ix_raw_documents_article_id"), table_name="raw_documents")
    op.drop_table("raw_documents")
    op.drop_index("ix_events_start_date_event_type", table_name="events")
    op.drop_index(op.f("ix_events_place_id"), table_name="events")
    op.drop_index(op.f("ix_events_article_id"), table_name="events")
    op.drop_table("events")
    op.drop_index(op.f("ix_article_places_place_id"), table_name="article_places")
    op.drop_table("article_places")
    op.drop_index(op.f("ix_article_people_person_id"), table_name="article_people")
    op.drop_table("article_people")
    op.drop_index(op.f("ix_article_organizations_organization_id"), table_name="article_organizations")
    op.drop_table("article_organizations")
    op.drop_index(op.f("ix_rejected_documents_run_id"), table_name="rejected_documents")
    op.drop_index(op.f("ix_rejected_documents_reason"), table_name="rejected_documents")
    op.drop_table("rejected_documents")
    op.drop_index(op.f("ix_person_aliases_alias_key"), table_name="person_aliases")
    op.drop_table("person_aliases")
    op.drop_index(op.f("ix_organization_aliases_alias_key"), table_name="organization_aliases")
    op.drop_table("organization_aliases")
    op.drop_index(op.f("ix_articles_source_id"), table_name="articles")
    op.drop_index(op.f("ix_articles_published_on"), table_name="articles")
    op.drop_table("articles")
    op.drop_table("sources")
    op.drop_table("places")
    op.drop_table("pipeline_runs")
    op.drop_table("people")
    op.drop_index(op.f("ix_organizations_acronym"), table_name="organizations")
    op.drop_table("organizations")
