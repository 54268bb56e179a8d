"""The base tables, as typed SQLAlchemy models. Alembic migrations own the real DDL;
`alembic check` in the tests keeps these and the migrations from drifting apart."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dict[str, Any]: JSONB, list[str]: ARRAY(Text)}  # noqa: RUF012 (SQLAlchemy API)


def _now() -> Mapped[dt.datetime]:
    return mapped_column(DateTime(timezone=True), server_default=func.now())


class PipelineRun(Base):
    __tablename__ = "pipeline_runs"
    run_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    flow_run_id: Mapped[str | None] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(Text)
    pipeline_version: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), server_default="running")
    counts: Mapped[dict[str, Any]] = mapped_column(server_default="{}")
    error: Mapped[str | None] = mapped_column(Text)
    started_at: Mapped[dt.datetime] = _now()
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    __table_args__ = (CheckConstraint("status in ('running', 'succeeded', 'failed')", name="status"),)


class Source(Base):
    __tablename__ = "sources"
    source_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    name_key: Mapped[str] = mapped_column(Text, unique=True)
    domain: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = _now()


class RawDocument(Base):
    __tablename__ = "raw_documents"
    raw_document_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    uri: Mapped[str] = mapped_column(Text)
    media_type: Mapped[str] = mapped_column(String(32))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    size_bytes: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.article_id", ondelete="SET NULL"), index=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("pipeline_runs.run_id", ondelete="SET NULL"))
    fetched_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[dt.datetime] = _now()
    __table_args__ = (
        CheckConstraint("status in ('loaded', 'duplicate', 'near_duplicate', 'rejected')", name="status"),
    )


class Article(Base):
    __tablename__ = "articles"
    article_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.source_id"), index=True)
    source_uri: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    published_on: Mapped[dt.date | None] = mapped_column(Date, index=True)
    published_precision: Mapped[str | None] = mapped_column(String(16))
    byline: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(8))
    body: Mapped[str] = mapped_column(Text)
    captions: Mapped[list[str]] = mapped_column(server_default="{}")
    word_count: Mapped[int] = mapped_column(Integer)
    body_sketch: Mapped[list[int] | None] = mapped_column(ARRAY(BigInteger))
    pipeline_version: Mapped[str] = mapped_column(String(32))
    run_id: Mapped[int | None] = mapped_column(ForeignKey("pipeline_runs.run_id", ondelete="SET NULL"))
    ingested_at: Mapped[dt.datetime] = _now()
    __table_args__ = (
        CheckConstraint("published_precision in ('day', 'month', 'year')", name="published_precision"),
        Index("ix_articles_body_sketch", "body_sketch", postgresql_using="gin"),
    )


class Person(Base):
    __tablename__ = "people"
    person_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    canonical_name: Mapped[str] = mapped_column(Text)
    name_key: Mapped[str] = mapped_column(Text, unique=True)
    created_at: Mapped[dt.datetime] = _now()


class PersonAlias(Base):
    __tablename__ = "person_aliases"
    person_id: Mapped[int] = mapped_column(ForeignKey("people.person_id", ondelete="CASCADE"), primary_key=True)
    alias: Mapped[str] = mapped_column(Text, primary_key=True)
    alias_key: Mapped[str] = mapped_column(Text, index=True)


class Organization(Base):
    __tablename__ = "organizations"
    organization_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    canonical_name: Mapped[str] = mapped_column(Text)
    name_key: Mapped[str] = mapped_column(Text, unique=True)
    acronym: Mapped[str | None] = mapped_column(Text, index=True)
    created_at: Mapped[dt.datetime] = _now()


class OrganizationAlias(Base):
    __tablename__ = "organization_aliases"
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.organization_id", ondelete="CASCADE"), primary_key=True
    )
    alias: Mapped[str] = mapped_column(Text, primary_key=True)
    alias_key: Mapped[str] = mapped_column(Text, index=True)


class Place(Base):
    __tablename__ = "places"
    place_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    name_key: Mapped[str] = mapped_column(Text, unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    country_code: Mapped[str | None] = mapped_column(String(2))


class ArticlePerson(Base):
    __tablename__ = "article_people"
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.article_id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.person_id", ondelete="CASCADE"), primary_key=True, index=True
    )
    name_as_written: Mapped[str] = mapped_column(Text)
    role_title: Mapped[str | None] = mapped_column(Text)
    mentions: Mapped[int] = mapped_column(Integer)


class ArticleOrganization(Base):
    __tablename__ = "article_organizations"
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.article_id", ondelete="CASCADE"), primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.organization_id", ondelete="CASCADE"), primary_key=True, index=True
    )
    name_as_written: Mapped[str] = mapped_column(Text)
    mentions: Mapped[int] = mapped_column(Integer)


class ArticlePlace(Base):
    __tablename__ = "article_places"
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.article_id", ondelete="CASCADE"), primary_key=True)
    place_id: Mapped[int] = mapped_column(
        ForeignKey("places.place_id", ondelete="CASCADE"), primary_key=True, index=True
    )
    mentions: Mapped[int] = mapped_column(Integer)


class Statement(Base):
    __tablename__ = "statements"
    statement_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.article_id", ondelete="CASCADE"), index=True)
    speaker_text: Mapped[str] = mapped_column(Text)
    speaker_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.person_id", ondelete="SET NULL"), index=True
    )
    speaker_organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.organization_id", ondelete="SET NULL"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    cue: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    start_char: Mapped[int] = mapped_column(Integer)
    end_char: Mapped[int] = mapped_column(Integer)
    __table_args__ = (CheckConstraint("kind in ('direct', 'indirect', 'question')", name="kind"),)


class Event(Base):
    __tablename__ = "events"
    event_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.article_id", ondelete="CASCADE"), index=True)
    event_type: Mapped[str] = mapped_column(String(32))
    cameo_code: Mapped[str] = mapped_column(String(4))
    trigger: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text)
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    date_precision: Mapped[str | None] = mapped_column(String(16))
    date_text: Mapped[str | None] = mapped_column(Text)
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.place_id", ondelete="SET NULL"), index=True)
    place_text: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (Index("ix_events_start_date_event_type", "start_date", "event_type"),)


class EventParticipant(Base):
    __tablename__ = "event_participants"
    event_participant_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.event_id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(Text)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.person_id", ondelete="SET NULL"), index=True)
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.organization_id", ondelete="SET NULL"), index=True
    )
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.place_id", ondelete="SET NULL"))
    __table_args__ = (UniqueConstraint("event_id", "name"),)


class RejectedDocument(Base):
    __tablename__ = "rejected_documents"
    rejected_document_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("pipeline_runs.run_id", ondelete="SET NULL"), index=True)
    uri: Mapped[str] = mapped_column(Text)
    raw_sha256: Mapped[str | None] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(String(32), index=True)
    detail: Mapped[str] = mapped_column(Text, server_default="")
    created_at: Mapped[dt.datetime] = _now()
