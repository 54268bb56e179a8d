"""Entity resolution by batch gives the rows that resolving one article at a time gives.

The loader resolves a batch's people and organizations in memory and writes them at the end
(`pipeline.load.entities`). These tests load the same articles as one batch into one database
and one article per batch into another, then compare every entity row, alias, article link and
statement speaker: the cases are the ones where order matters (a single name absorbed by a full
name that arrives later in the same batch, a row the batch created and then merged away, a
database row merged into a row the batch created, renames to a fuller name, acronyms).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import psycopg
import pytest

from pipeline.load import loader
from pipeline.load.database import make_engine
from pipeline.load.migrate import upgrade
from pipeline.models import Article, EntityRef, Extraction, RawDocument, Statement
from tests.conftest import server_url


def _person(key: str, name: str, *aliases: str, title: str | None = None) -> EntityRef:
    return EntityRef(key, "person", name, (name, *aliases), None, title, 1 + len(aliases))


def _org(key: str, name: str, *aliases: str, acronym: str | None = None) -> EntityRef:
    return EntityRef(key, "organization", name, (name, *aliases), acronym, None, 1)


def _story(n: int, *refs: EntityRef) -> tuple[RawDocument, Extraction]:
    body = f"Story {n}. " + " ".join(f"{r.name} was mentioned here." for r in refs) + " Someone said it was so."
    content = body.encode()
    sha = hashlib.sha256(content).hexdigest()
    article = Article(f"file:///story-{n}.txt", sha, f"Title {n}", body)
    speaker = refs[0]
    statement = Statement(speaker.name, speaker.key, "indirect", "said", "it was so", len(body) - 10, len(body) - 1)
    return RawDocument(article.uri, content, "text/plain"), Extraction(article, refs, (), (statement,))


EARLIER = [
    _story(0, _person("p", "Putin"), _org("o", "NATO", acronym="NATO")),
]
BATCH = [
    _story(1, _person("p", "Merkel")),
    _story(2, _person("p", "Angela Merkel", "Merkel", "Ms. Merkel", title="Chancellor")),
    _story(3, _org("o", "SCO", acronym="SCO")),
    _story(4, _org("o", "Shanghai Cooperation Organization", "SCO", acronym="SCO")),
    _story(5, _person("p", "Vladimir Putin", "Putin"), _org("o", "North Atlantic Treaty Organization", acronym="NATO")),
    _story(6, _person("p", "Vladimir Vladimirovich Putin", "Vladimir Putin")),
    _story(7, _person("a", "George Bush"), _person("b", "Laura Bush")),
    _story(8, _person("p", "Bush")),
    _story(9, _person("p", "Mr. Putin", "Putin")),
]

DUMP = """
select 'person', p.canonical_name, a.source_uri, ap.mentions, coalesce(ap.role_title, ''), ap.name_as_written
  from people p join article_people ap using (person_id) join articles a using (article_id)
union all
select 'organization', o.canonical_name || coalesce(' (' || o.acronym || ')', ''), a.source_uri, ao.mentions, '',
       ao.name_as_written
  from organizations o join article_organizations ao using (organization_id) join articles a using (article_id)
union all
select 'person alias', p.canonical_name, pa.alias, 0, pa.alias_key, '' from people p join person_aliases pa using (person_id)
union all
select 'organization alias', o.canonical_name, oa.alias, 0, oa.alias_key, ''
  from organizations o join organization_aliases oa using (organization_id)
union all
select 'speaker', coalesce(p.canonical_name, o.canonical_name, '-'), a.source_uri, 0, s.text, ''
  from statements s join articles a using (article_id)
  left join people p on p.person_id = s.speaker_person_id
  left join organizations o on o.organization_id = s.speaker_organization_id
order by 1, 2, 3, 4, 5, 6
"""


@pytest.fixture
def other_url() -> Iterator[str]:
    name = "newsetl_entities_other"
    with psycopg.connect(server_url("postgres"), autocommit=True) as admin:
        admin.execute(f"drop database if exists {name} with (force)")
        admin.execute(f"create database {name}")
    yield server_url(name)
    with psycopg.connect(server_url("postgres"), autocommit=True) as admin:
        admin.execute(f"drop database if exists {name} with (force)")


def _load(url: str, batches: list[list[tuple[RawDocument, Extraction]]]) -> list[tuple]:
    upgrade(url)
    engine = make_engine(url)
    run = loader.start_run(engine, "test", "test", None)
    try:
        for batch in batches:
            raws = {raw.sha256: raw for raw, _ in batch}
            loader.load_batch(engine, run.run_id, raws, [x for _, x in batch], [], "test")
    finally:
        run.release()
        engine.dispose()
    with psycopg.connect(url) as conn:
        return conn.execute(DUMP).fetchall()


def test_one_batch_gives_the_rows_of_one_article_at_a_time(db_url: str, other_url: str) -> None:
    together = _load(db_url, [EARLIER, BATCH])
    apart = _load(other_url, [EARLIER, *([story] for story in BATCH)])
    assert together == apart

    people = {(kind, name) for kind, name, *_ in together if kind == "person"}
    # "Merkel" (created by the batch) absorbed by "Angela Merkel"; the stored "Putin" absorbed by a row
    # the batch created, then renamed to the fuller "Vladimir Vladimirovich Putin"; a shared surname joins no one
    assert {name for _, name in people} == {
        "Angela Merkel",
        "Vladimir Vladimirovich Putin",
        "George Bush",
        "Laura Bush",
        "Bush",
    }
    links = [(name, uri.rsplit("/", 1)[1]) for kind, name, uri, *_ in together if kind == "person"]
    assert sorted(u for n, u in links if n == "Angela Merkel") == ["story-1.txt", "story-2.txt"]
    assert sorted(u for n, u in links if n == "Vladimir Vladimirovich Putin") == [
        "story-0.txt",
        "story-5.txt",
        "story-6.txt",
        "story-9.txt",
    ]
    orgs = {name for kind, name, *_ in together if kind == "organization"}
    assert orgs == {"Shanghai Cooperation Organization (SCO)", "North Atlantic Treaty Organization (NATO)"}
    speakers = {uri.rsplit("/", 1)[1]: name for kind, name, uri, *_ in together if kind == "speaker"}
    assert speakers["story-0.txt"] == "Vladimir Vladimirovich Putin"  # moved with the merge of an earlier batch's row
    assert speakers["story-3.txt"] == "Shanghai Cooperation Organization"
