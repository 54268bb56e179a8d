"""Typed hand-offs between the stages: each stage takes one of these and returns the next.

Plain frozen dataclasses keep the stages pure and picklable (Dask ships them
between machines), and make every boundary visible in a type signature.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from dataclasses import dataclass, field
from typing import Literal

Precision = Literal["day", "month", "year", "month_day", "estimated"]  # month_day: the text gave no year
StatementKind = Literal["direct", "indirect", "question"]
EntityKind = Literal["person", "organization"]


@dataclass(frozen=True, slots=True)
class RawDocument:
    """What a source read: bytes untouched, so the article can be rebuilt later.

    `title_hint` and `published_hint` carry metadata the source gave beside
    the page (a JSON Lines field, a feed entry); the page's own statement wins.
    """

    uri: str
    content: bytes
    media_type: Literal["text/plain", "text/html"]
    fetched_at: dt.datetime | None = None
    title_hint: str | None = None
    published_hint: str | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


@dataclass(frozen=True, slots=True)
class SeenMark:
    """What a source remembers of one item (a file, an archive, a URL) so the next run can skip it.

    Sources emit it after the item's documents; the loader stores it in the
    transaction of the batch that holds them, so a run that dies never marks
    an item it did not finish.
    """

    key: str  # absolute path or URL
    fingerprint: str | None = None  # size and modification time of a file
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class Unchanged:
    """An item the source skipped because it has not changed since it was last seen (HTTP 304, same file)."""

    uri: str


@dataclass(frozen=True, slots=True)
class Rejection:
    """A document that could not become an article, and why (kept, never dropped)."""

    uri: str
    reason: str
    detail: str = ""
    raw_sha256: str | None = None

    @classmethod
    def too_large(cls, uri: str, size: int | None, max_bytes: int, raw_sha256: str | None = None) -> Rejection:
        """Every source's oversized item says the same: the sizes, and the setting that raises the limit."""
        found = f"{size:,} bytes" if size is not None else "more bytes"
        detail = f"{found} > the limit of {max_bytes:,} (NEWSETL_MAX_DOCUMENT_BYTES); not a news page, or raise it"
        return cls(uri, "too_large", detail, raw_sha256)


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date with the precision the text gave ("July 2002" is month precision)."""

    value: dt.date
    precision: Precision = "day"

    def isoformat(self) -> str:
        return {
            "day": self.value.isoformat(),
            "month": self.value.strftime("%Y-%m"),
            "year": str(self.value.year),
            "month_day": self.value.strftime("--%m-%d"),
            "estimated": self.value.isoformat(),
        }[self.precision]


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article: body text only, with the metadata the page itself states."""

    uri: str
    raw_sha256: str
    title: str | None
    body: str
    published: PartialDate | None = None
    byline: str | None = None
    publisher: str | None = None
    publisher_domain: str | None = None
    language: str | None = None
    captions: tuple[str, ...] = ()
    nul_removed: int = 0  # NUL characters dropped from the page (PostgreSQL text cannot hold them)

    @property
    def word_count(self) -> int:
        return len(self.body.split())

    @property
    def content_hash(self) -> str:
        """Key for idempotence: the same cleaned story from two crawls is one article."""
        norm = " ".join(((self.title or "") + "\n" + self.body).lower().split())
        return hashlib.sha256(norm.encode("utf-8")).hexdigest()

    @property
    def sketch(self) -> list[int]:
        """MinHash sketch of the body for near-duplicate lookup (see pipeline.clean.dedupe)."""
        from pipeline.clean.dedupe import sketch

        return sketch(self.body)

    @property
    def nlp_text(self) -> str:
        """What the language model reads: title, body, then captions (offsets index this text).

        Parts are separated by a blank line, or by a full stop and a line break when the part before has no
        closing punctuation: the same two characters, so offsets do not move, but the parser no longer joins
        a headline or a caption to the next sentence ("Report Russia and China signed ...").
        """
        parts = [self.title or "", self.body, *self.captions]
        text = parts[0]
        for before, part in itertools.pairwise(parts):
            ends_sentence = not before.strip() or before.rstrip().endswith((".", "!", "?", ":", '"', "”", "'"))
            text += ("\n\n" if ends_sentence else ".\n") + part
        return text


@dataclass(frozen=True, slots=True)
class Mention:
    """One named person or organization as one article names it."""

    kind: EntityKind
    name: str  # cleaned: no title, no honorific, no possessive
    surface: str  # as written
    start: int
    end: int
    role_title: str | None = None
    acronym: str | None = None


@dataclass(frozen=True, slots=True)
class EntityRef:
    """An entity of one article after within-article clustering; `key` is its local id."""

    key: str
    kind: EntityKind
    name: str
    aliases: tuple[str, ...]
    acronym: str | None
    role_title: str | None
    mentions: int


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    kind: Literal["country", "city", "region", "place"]
    country_code: str | None = None


@dataclass(frozen=True, slots=True)
class Statement:
    speaker_text: str
    speaker_key: str | None  # EntityRef.key when resolved
    kind: StatementKind
    cue: str | None
    text: str
    start: int  # offsets into the article body: body[start:end] == text
    end: int


@dataclass(frozen=True, slots=True)
class Event:
    event_type: str
    cameo_code: str
    trigger: str
    summary: str
    start_date: PartialDate | None
    end_date: PartialDate | None
    date_text: str | None
    place: str | None
    participant_keys: tuple[str, ...] = ()
    participant_names: tuple[str, ...] = ()  # countries and unresolved names


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything the language stage found in one article, with article-local entity keys."""

    article: Article
    entities: tuple[EntityRef, ...] = ()
    places: tuple[Place, ...] = ()
    statements: tuple[Statement, ...] = ()
    events: tuple[Event, ...] = ()


@dataclass(slots=True)
class RunCounts:
    """What a run did; printed as the summary table and stored in pipeline_runs."""

    documents_read: int = 0
    articles_loaded: int = 0
    unchanged: int = 0
    duplicates: int = 0
    reprocessed: int = 0
    rejected: int = 0
    people: int = 0
    organizations: int = 0
    statements: int = 0
    events: int = 0
    nul_removed: int = 0
    rejected_reasons: dict[str, int] = field(default_factory=dict)

    def add(self, other: RunCounts) -> None:
        for name in (
            "documents_read",
            "articles_loaded",
            "unchanged",
            "duplicates",
            "reprocessed",
            "rejected",
            "people",
            "organizations",
            "statements",
            "events",
            "nul_removed",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for reason, n in other.rejected_reasons.items():
            self.rejected_reasons[reason] = self.rejected_reasons.get(reason, 0) + n
