"""Writes a batch of extractions in one transaction: documents, articles, entities, statements, events.

Every insert is keyed by a natural key (document sha256, article content hash,
entity name key), so a batch that is retried after a failure, or a rerun over
the same files, changes nothing. Entity resolution runs under a transaction
advisory lock so two concurrent runs cannot create the same person twice.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable, Sequence

from sqlalchemy import Connection, Engine, delete, func, select, text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import DBAPIError

from pipeline.clean import dedupe
from pipeline.load import entities
from pipeline.load import schema as t
from pipeline.models import Extraction, RawDocument, Rejection, RunCounts, SeenMark
from pipeline.nlp.names import name_key

LOGGER = logging.getLogger(__name__)

ENTITY_LOCK = 0x6E657773  # "news": serialises entity resolution between concurrent runs


def known_documents(engine: Engine, hashes: Sequence[str]) -> set[str]:
    """Raw documents already read by an earlier run (whatever became of them)."""
    with engine.connect() as conn:
        return _known(conn, hashes)


RUN_LOCK = 0x72756E  # "run": with the run id, the session lock that says a run's process is alive


class RunHandle:
    """A started run: its id, and a connection holding the lock that marks it alive.

    When the process dies, PostgreSQL closes the connection and drops the lock;
    the next run finds the lock free and records the dead run as failed.
    """

    def __init__(self, engine: Engine, run_id: int) -> None:
        self.run_id = run_id
        self._conn = engine.connect()
        self._conn.execute(text("select pg_advisory_lock(:c, :r)"), {"c": RUN_LOCK, "r": run_id})
        self._conn.commit()

    def release(self) -> None:
        """Drop the lock; if its connection is already gone, so is the lock, and there is nothing to do."""
        try:
            self._conn.execute(text("select pg_advisory_unlock(:c, :r)"), {"c": RUN_LOCK, "r": self.run_id})
            self._conn.commit()
        except DBAPIError:
            LOGGER.info("run %s: its lock connection was already closed", self.run_id)
        finally:
            self._conn.close()


def start_run(engine: Engine, source: str, version: str, flow_run_id: str | None) -> RunHandle:
    fail_dead_runs(engine)
    with engine.begin() as conn:
        run_id = int(
            conn.execute(
                insert(t.PipelineRun)
                .values(source=source[:2000], pipeline_version=version, flow_run_id=flow_run_id)
                .returning(t.PipelineRun.run_id)
            ).scalar_one()
        )
    return RunHandle(engine, run_id)


def fail_dead_runs(engine: Engine) -> list[int]:
    """Runs still marked running whose process is gone (their lock is free) become failed."""
    dead: list[int] = []
    with engine.connect() as conn:
        running = conn.execute(select(t.PipelineRun.run_id).where(t.PipelineRun.status == "running")).scalars().all()
        for run_id in running:
            if conn.execute(text("select pg_try_advisory_lock(:c, :r)"), {"c": RUN_LOCK, "r": run_id}).scalar():
                conn.execute(text("select pg_advisory_unlock(:c, :r)"), {"c": RUN_LOCK, "r": run_id})
                dead.append(run_id)
        if dead:
            conn.execute(
                update(t.PipelineRun)
                .where(t.PipelineRun.run_id.in_(dead))
                .values(status="failed", error="the process running it stopped", finished_at=func.now())
            )
        conn.commit()
    return dead


def finish_run(engine: Engine, run_id: int, status: str, counts: RunCounts, error: str | None = None) -> None:
    payload = dataclasses.asdict(counts)
    with engine.begin() as conn:
        conn.execute(
            update(t.PipelineRun)
            .where(t.PipelineRun.run_id == run_id)
            .values(status=status, counts=payload, error=error, finished_at=func.now())
        )


# materialized views of migration 0005, refreshed after a run that loaded articles
MARTS = ("person_mentions_daily", "organization_mentions_daily", "statements_monthly", "cooccurrence")


def refresh_marts(engine: Engine) -> None:
    """Concurrently: dashboards keep reading the old rows while the new ones are computed."""
    with engine.begin() as conn:
        for mart in MARTS:
            conn.execute(text(f"refresh materialized view concurrently analytics.{mart}"))


def load_batch(
    engine: Engine,
    run_id: int,
    raws: dict[str, RawDocument],
    extractions: Iterable[Extraction],
    rejections: Iterable[Rejection],
    version: str,
    marks: Iterable[SeenMark] = (),
    reprocess: bool = False,
) -> RunCounts:
    """One transaction: the batch's documents, articles, derived rows and source marks, or nothing."""
    counts = RunCounts()
    extractions, rejections = list(extractions), list(rejections)
    with engine.begin() as conn:
        conn.execute(text("select pg_advisory_xact_lock(:k)"), {"k": ENTITY_LOCK})
        if not reprocess:
            # a concurrent run may have loaded some of these while this one was cleaning them
            shas = [x.article.raw_sha256 for x in extractions] + [r.raw_sha256 for r in rejections if r.raw_sha256]
            done = _known(conn, shas)
            extractions = [x for x in extractions if x.article.raw_sha256 not in done]
            rejections = [r for r in rejections if not r.raw_sha256 or r.raw_sha256 not in done]
            counts.unchanged += len(set(shas) & done)
        for rejection in rejections:
            _reject(conn, run_id, rejection, raws.get(rejection.raw_sha256 or ""))
            counts.rejected += 1
            counts.rejected_reasons[rejection.reason] = counts.rejected_reasons.get(rejection.reason, 0) + 1
        derived = _Derived(entities.registries(conn, [ref for x in extractions for ref in x.entities]))
        # --reprocess rewrites articles' hashes as it goes: there, each article asks the table itself
        if reprocess:
            memo = _Memo(None)
        else:
            fingerprints = {x.article.raw_sha256: x.article.sketch for x in extractions}
            memo = _Memo(
                _articles_by_hash(conn, [x.article.content_hash for x in extractions]),
                sketches=_sketches_sharing(conn, {h for sketch in fingerprints.values() for h in sketch}),
                fingerprints=fingerprints,
            )
        for extraction in extractions:
            raw = raws[extraction.article.raw_sha256]
            _load_one(conn, run_id, raw, extraction, version, counts, derived, memo, reprocess)
        derived.write(conn, counts)
        _remember(conn, marks, run_id)
    return counts


@dataclasses.dataclass(slots=True)
class _Memo:
    """What one batch's articles look up in the database, read once per batch and kept up to date as the batch
    inserts (one statement per article each cost more CPU than the row it looked up)."""

    by_hash: dict[str, int] | None  # content hash -> article id; None: look each one up
    sources: dict[tuple[str, str | None], int] = dataclasses.field(default_factory=dict)
    # (article id, sketch) of every article sharing a hash with one of the batch's sketches, in id order, and
    # the batch's own as they are inserted; None: look each one up
    sketches: list[tuple[int, list[int]]] | None = None
    fingerprints: dict[str, list[int]] = dataclasses.field(default_factory=dict)  # raw sha256 -> its article's sketch


def _articles_by_hash(conn: Connection, hashes: Sequence[str]) -> dict[str, int]:
    if not hashes:
        return {}
    found = conn.execute(select(t.Article.content_hash, t.Article.article_id).where(t.Article.content_hash.in_(hashes)))
    return {h: int(i) for h, i in found}


def _known(conn: Connection, hashes: Sequence[str]) -> set[str]:
    if not hashes:
        return set()
    loaded = conn.execute(select(t.RawDocument.sha256).where(t.RawDocument.sha256.in_(list(hashes)))).scalars()
    rejected = conn.execute(
        select(t.RejectedDocument.raw_sha256).where(t.RejectedDocument.raw_sha256.in_(list(hashes)))
    ).scalars()
    return set(loaded) | {h for h in rejected if h}


MARKED = ("fingerprint", "etag", "last_modified", "run_id")


def _remember(conn: Connection, marks: Iterable[SeenMark], run_id: int) -> None:
    """The batch's source marks in one multi-row upsert; a key marked twice keeps its last mark."""
    rows = {
        m.key: {
            "key": m.key,
            "fingerprint": m.fingerprint,
            "etag": m.etag,
            "last_modified": m.last_modified,
            "run_id": run_id,
        }
        for m in marks
    }
    if not rows:
        return
    stmt = insert(t.SourceMark)
    changes = {c: stmt.excluded[c] for c in MARKED} | {"seen_at": func.now()}
    conn.execute(stmt.on_conflict_do_update(index_elements=["key"], set_=changes), list(rows.values()))


class SeenLookup:
    """The sources' memory (`source_marks`): the marks of many keys in one read when the source knows
    its keys ahead (a folder's files), else one short read per item.

    Each read takes a connection from the pool (checked before use) and gives it back, so a
    connection lost mid-run costs one retry, not the run; `retry` wraps each read in the run's backoff.
    A read per item cost 2 ms, most of an unchanged folder's no-op run (`newsetl bench`).
    """

    def __init__(
        self, engine: Engine, retry: Callable[[str, Callable[[], dict[str, SeenMark]]], dict[str, SeenMark]]
    ) -> None:
        self._engine = engine
        self._retry = retry
        self._ahead: dict[str, SeenMark | None] = {}

    def prefetch(self, keys: Sequence[str]) -> None:
        """Read the marks of `keys` now; each is answered from memory once, then forgotten (memory stays
        bounded by what the source announces at a time)."""
        wanted = [k for k in keys if k not in self._ahead]
        if not wanted:
            return
        found = self._retry("reading what the sources saw before", lambda: self._read_many(wanted))
        self._ahead.update({k: found.get(k) for k in wanted})

    def __call__(self, key: str) -> SeenMark | None:
        if key in self._ahead:
            return self._ahead.pop(key)
        return self._retry("reading what the sources saw before", lambda: self._read_many([key])).get(key)

    def _read_many(self, keys: list[str]) -> dict[str, SeenMark]:
        columns = (t.SourceMark.key, t.SourceMark.fingerprint, t.SourceMark.etag, t.SourceMark.last_modified)
        with self._engine.connect() as conn:
            rows = conn.execute(select(*columns).where(t.SourceMark.key.in_(keys))).all()
        return {row[0]: SeenMark(row[0], row[1], row[2], row[3]) for row in rows}


def _sketches_sharing(conn: Connection, hashes: set[int]) -> list[tuple[int, list[int]]]:
    """Every article whose sketch holds one of `hashes`: the candidates of a whole batch in one read (a read
    per article cost more than the lookup it made)."""
    if not hashes:
        return []
    found = conn.execute(
        select(t.Article.article_id, t.Article.body_sketch)
        .where(t.Article.body_sketch.overlap(sorted(hashes)))
        .order_by(t.Article.article_id)
    )
    return [(int(article_id), list(sketch or [])) for article_id, sketch in found]


def _near_duplicate_of(
    conn: Connection, body: str, fingerprint: list[int], known: list[tuple[int, list[int]]] | None = None
) -> int | None:
    """The earliest article this body repeats: sketches that share hashes, then confirmed on the texts.
    `known` holds the candidates read ahead (`_sketches_sharing`); without it they are read here."""
    if not fingerprint:
        return None
    mine = set(fingerprint)
    candidates = known if known is not None else _sketches_sharing(conn, mine)
    for article_id, other in (c for c in candidates if not mine.isdisjoint(c[1])):
        if dedupe.resemblance(fingerprint, other) < dedupe.MIN_RESEMBLANCE / 2:
            continue  # a shared stock phrase, not a shared story
        other_body = conn.execute(select(t.Article.body).where(t.Article.article_id == article_id)).scalar_one()
        if dedupe.is_near_duplicate(body, other_body):
            return article_id
    return None


def _raw_row(raw: RawDocument, status: str, run_id: int, article_id: int | None = None) -> dict[str, object]:
    return {
        "sha256": raw.sha256,
        "uri": raw.uri,
        "media_type": raw.media_type,
        "content": raw.content,
        "size_bytes": len(raw.content),
        "status": status,
        "article_id": article_id,
        "run_id": run_id,
        "fetched_at": raw.fetched_at,
    }


def _reject(conn: Connection, run_id: int, rejection: Rejection, raw: RawDocument | None) -> None:
    if raw is not None:
        conn.execute(insert(t.RawDocument).values(_raw_row(raw, "rejected", run_id)).on_conflict_do_nothing())
    conn.execute(
        insert(t.RejectedDocument).values(
            run_id=run_id,
            uri=rejection.uri,
            raw_sha256=rejection.raw_sha256,
            reason=rejection.reason,
            detail=rejection.detail,
        )
    )


def _load_one(
    conn: Connection,
    run_id: int,
    raw: RawDocument,
    x: Extraction,
    version: str,
    counts: RunCounts,
    derived: _Derived,
    memo: _Memo,
    reprocess: bool = False,
) -> None:
    article = x.article
    if reprocess:
        previous = conn.execute(
            select(t.RawDocument.article_id).where(t.RawDocument.sha256 == raw.sha256, t.RawDocument.status == "loaded")
        ).scalar()
        if previous is not None:
            _replace_article(conn, int(previous), run_id, x, version, counts, derived, memo)
            return
    if memo.by_hash is None:
        found = conn.execute(select(t.Article.article_id).where(t.Article.content_hash == article.content_hash))
        existing = found.scalar()
    else:
        existing = memo.by_hash.get(article.content_hash)
    if existing is not None:
        conn.execute(
            insert(t.RawDocument).values(_raw_row(raw, "duplicate", run_id, existing)).on_conflict_do_nothing()
        )
        counts.duplicates += 1
        return
    sketch = memo.fingerprints.get(raw.sha256)
    if sketch is None:  # --reprocess: no sketches computed ahead (an empty one is not computed twice)
        sketch = article.sketch
    repeated = _near_duplicate_of(conn, article.body, sketch, memo.sketches)
    if repeated is not None:
        conn.execute(
            insert(t.RawDocument).values(_raw_row(raw, "near_duplicate", run_id, repeated)).on_conflict_do_nothing()
        )
        counts.duplicates += 1
        return
    article_id = conn.execute(
        insert(t.Article).values(_article_row(conn, x, version, run_id, sketch, memo)).returning(t.Article.article_id)
    ).scalar_one()
    if memo.by_hash is not None:
        memo.by_hash[article.content_hash] = article_id
    if memo.sketches is not None and sketch:
        memo.sketches.append((article_id, sketch))  # a later copy in this batch finds it
    conn.execute(
        insert(t.RawDocument)
        .values(_raw_row(raw, "loaded", run_id, article_id))
        .on_conflict_do_update(index_elements=["sha256"], set_={"status": "loaded", "article_id": article_id})
    )
    counts.articles_loaded += 1
    counts.nul_removed += article.nul_removed
    derived.add(article_id, x, counts)


def _article_row(
    conn: Connection, x: Extraction, version: str, run_id: int, sketch: list[int], memo: _Memo
) -> dict[str, object]:
    article = x.article
    published = article.published
    return {
        "content_hash": article.content_hash,
        "source_id": _source(conn, article.publisher, article.publisher_domain, memo.sources),
        "source_uri": article.uri,
        "title": article.title,
        "published_on": published.value if published else None,
        "published_precision": published.precision if published else None,
        "byline": article.byline,
        "language": article.language,
        "body": article.body,
        "captions": list(article.captions),
        "word_count": article.word_count,
        "body_sketch": sketch,
        "pipeline_version": version,
        "run_id": run_id,
    }


DERIVED = (t.ArticlePerson, t.ArticleOrganization, t.ArticlePlace, t.Statement, t.Event)


def _replace_article(
    conn: Connection,
    article_id: int,
    run_id: int,
    x: Extraction,
    version: str,
    counts: RunCounts,
    derived: _Derived,
    memo: _Memo,
) -> None:
    """--reprocess: the article keeps its id; its text, metadata and every derived row are rebuilt, in this
    batch's transaction, so readers see the old rows or the new ones, never a mix."""
    row = _article_row(conn, x, version, run_id, x.article.sketch, memo)
    clash = conn.execute(
        select(t.Article.article_id).where(
            t.Article.content_hash == row["content_hash"], t.Article.article_id != article_id
        )
    ).scalar()
    if clash is not None:  # the new cleaning made it a copy of another article: keep that one only
        conn.execute(
            update(t.RawDocument)
            .where(t.RawDocument.article_id == article_id)
            .values(article_id=clash, status="duplicate")
        )
        conn.execute(delete(t.Article).where(t.Article.article_id == article_id))
        counts.duplicates += 1
        return
    for table in DERIVED:
        conn.execute(table.__table__.delete().where(table.__table__.c.article_id == article_id))  # type: ignore[attr-defined]
    conn.execute(update(t.Article).where(t.Article.article_id == article_id).values(row))
    counts.reprocessed += 1
    derived.add(article_id, x, counts)


class _Derived:
    """The batch's entities, places, statements and events: entities resolved as each article comes (in memory,
    `entities.Registry`), every row written at the end of the batch, one statement per table."""

    def __init__(self, registries: dict[entities.Kind, entities.Registry]) -> None:
        self.registries = registries
        self.articles: list[tuple[int, Extraction, dict[str, tuple[entities.Kind, int]]]] = []

    def add(self, article_id: int, x: Extraction, counts: RunCounts) -> None:
        ids: dict[str, tuple[entities.Kind, int]] = {}
        for ref in x.entities:
            kind: entities.Kind = "person" if ref.kind == "person" else "organization"
            ids[ref.key] = (kind, self.registries[kind].resolve(ref, article_id))
            counts.people += kind == "person"
            counts.organizations += kind == "organization"
        self.articles.append((article_id, x, ids))

    def write(self, conn: Connection, counts: RunCounts) -> None:
        if not self.articles:
            return
        written = {kind: registry.flush(conn) for kind, registry in self.registries.items()}

        def entity(kind_and_id: tuple[entities.Kind, int] | None) -> tuple[str, int | None]:
            if kind_and_id is None:
                return "", None
            kind, temp_id = kind_and_id
            return kind, self.registries[kind].final_id(temp_id, written[kind])

        place_ids = _places(conn, self.articles)
        statements = []
        event_rows = []
        events = []
        for article_id, x, ids in self.articles:
            for st in x.statements:
                kind, entity_id = entity(ids.get(st.speaker_key or ""))
                statements.append(
                    {
                        "article_id": article_id,
                        "speaker_text": st.speaker_text[:500],
                        "speaker_person_id": entity_id if kind == "person" else None,
                        "speaker_organization_id": entity_id if kind == "organization" else None,
                        "kind": st.kind,
                        "cue": st.cue,
                        "text": st.text,
                        "start_char": st.start,
                        "end_char": st.end,
                    }
                )
            names = {r.key: r.name for r in x.entities}
            for ev in x.events:
                events.append((names, ids, ev))
                event_rows.append(
                    {
                        "article_id": article_id,
                        "event_type": ev.event_type,
                        "cameo_code": ev.cameo_code,
                        "trigger": ev.trigger,
                        "summary": ev.summary,
                        "start_date": ev.start_date.value if ev.start_date else None,
                        "end_date": ev.end_date.value if ev.end_date else None,
                        "date_precision": ev.start_date.precision if ev.start_date else None,
                        "date_text": ev.date_text,
                        "place_id": place_ids.get(ev.place or ""),
                        "place_text": ev.place,
                    }
                )
        if statements:  # one multi-row INSERT (SQLAlchemy's insertmanyvalues), not one round trip per statement
            conn.execute(insert(t.Statement), statements)
            counts.statements += len(statements)
        if not event_rows:
            return
        event_ids = (
            conn.execute(insert(t.Event).returning(t.Event.event_id, sort_by_parameter_order=True), event_rows)
            .scalars()
            .all()
        )
        participants: dict[tuple[int, str], dict[str, object]] = {}
        for (names, ids, ev), event_id in zip(events, event_ids, strict=True):
            for key in ev.participant_keys:
                kind, entity_id = entity(ids[key])
                participants.setdefault(
                    (event_id, names[key]),
                    {
                        "event_id": event_id,
                        "name": names[key],
                        "person_id": entity_id if kind == "person" else None,
                        "organization_id": entity_id if kind == "organization" else None,
                        "place_id": None,
                    },
                )
            for name in ev.participant_names:
                participants.setdefault(
                    (event_id, name),
                    {
                        "event_id": event_id,
                        "name": name,
                        "person_id": None,
                        "organization_id": None,
                        "place_id": place_ids.get(name),
                    },
                )
        if participants:
            conn.execute(insert(t.EventParticipant).on_conflict_do_nothing(), list(participants.values()))
        counts.events += len(event_rows)


def _places(conn: Connection, articles: Sequence[tuple[int, Extraction, object]]) -> dict[str, int]:
    """The batch's places: one multi-row upsert for the places, one for the articles' links to them."""
    rows = {
        name_key(p.name): {"name": p.name, "name_key": name_key(p.name), "kind": p.kind, "country_code": p.country_code}
        for _, x, _ in articles
        for p in x.places
    }
    if not rows:
        return {}
    stmt = insert(t.Place)
    stmt = stmt.on_conflict_do_update(index_elements=["name_key"], set_={"kind": stmt.excluded.kind})
    found = conn.execute(stmt.returning(t.Place.name_key, t.Place.place_id), list(rows.values())).all()
    by_key = {k: int(i) for k, i in found}
    place_ids = {p.name: by_key[name_key(p.name)] for _, x, _ in articles for p in x.places}
    links = {
        (article_id, place_id): {"article_id": article_id, "place_id": place_id, "mentions": 1}
        for article_id, x, _ in articles
        for place_id in (place_ids[p.name] for p in x.places)
    }
    conn.execute(insert(t.ArticlePlace).on_conflict_do_nothing(), list(links.values()))
    return place_ids


def _source(
    conn: Connection, name: str | None, domain: str | None, known: dict[tuple[str, str | None], int]
) -> int | None:
    """The source's id; `known` holds those this batch upserted already (the same site, the same domain)."""
    label = name or domain
    if not label:
        return None
    key = name_key(label)
    if (key, domain) in known:
        return known[key, domain]
    stmt = insert(t.Source).values(name=label, name_key=key, domain=domain)
    stmt = stmt.on_conflict_do_update(
        index_elements=["name_key"], set_={"domain": func.coalesce(t.Source.domain, stmt.excluded.domain)}
    )
    known[key, domain] = source_id = int(conn.execute(stmt.returning(t.Source.source_id)).scalar_one())
    return source_id


__all__ = ["finish_run", "known_documents", "load_batch", "start_run"]
