"""What a batch looks up once (articles by content hash, sources, source marks) behaves as one lookup per article.

The loader reads the batch's known content hashes in one query and keeps them up to date as it inserts,
upserts each site once per batch and writes the batch's source marks in one statement. The cases are the
ones a per-batch memory could get wrong: a copy of an article inserted earlier in the same batch, a copy
of an article from an earlier batch, two pages of one site, a key marked twice in one batch.
"""

from __future__ import annotations

import hashlib

import psycopg

from pipeline.load import loader
from pipeline.load.database import make_engine
from pipeline.load.migrate import upgrade
from pipeline.models import Article, Extraction, RawDocument, SeenMark


def _page(name: str, body: str, site: str, padding: str = "") -> tuple[RawDocument, Extraction]:
    """A page of `site`; pages with the same body and another padding are other documents of one article."""
    content = (body + padding).encode()
    domain = f"{site.lower().replace(' ', '')}.example"
    sha = hashlib.sha256(content).hexdigest()
    article = Article(f"file:///{name}", sha, f"About {body[:12]}", body, publisher=site, publisher_domain=domain)
    return RawDocument(article.uri, content, "text/plain"), Extraction(article)


STORY = "The council met on Tuesday and agreed a budget for the coming year after a long debate."
OTHER = "Rain is expected across the north of the country for most of the weekend, forecasters said."


def _load(url: str, batch: list[tuple[RawDocument, Extraction]], marks: tuple[SeenMark, ...] = ()) -> None:
    engine = make_engine(url)
    run = loader.start_run(engine, "test", "test", None)
    try:
        raws = {raw.sha256: raw for raw, _ in batch}
        loader.load_batch(engine, run.run_id, raws, [x for _, x in batch], [], "test", marks)
    finally:
        run.release()
        engine.dispose()


def test_copies_within_and_across_batches_link_to_the_first_article(db_url: str) -> None:
    upgrade(db_url)
    _load(db_url, [_page("a.txt", STORY, "Daily Post"), _page("b.txt", STORY, "Daily Post", "\n\n")])
    _load(db_url, [_page("c.txt", STORY, "Evening Star", "\n\n\n"), _page("d.txt", OTHER, "Daily Post")])
    with psycopg.connect(db_url) as conn:
        documents = conn.execute(
            "select r.uri, r.status, a.source_uri from raw_documents r left join articles a using (article_id) "
            "order by r.uri"
        ).fetchall()
        sources = conn.execute(
            "select s.name, count(a.*) from sources s left join articles a using (source_id) group by 1 order by 1"
        ).fetchall()
    assert documents == [
        ("file:///a.txt", "loaded", "file:///a.txt"),
        ("file:///b.txt", "duplicate", "file:///a.txt"),  # a copy of an article this same batch inserted
        ("file:///c.txt", "duplicate", "file:///a.txt"),  # a copy of an earlier batch's article
        ("file:///d.txt", "loaded", "file:///d.txt"),
    ]
    assert sources == [("Daily Post", 2)]  # a site's articles share one row, across batches


def test_a_key_marked_twice_in_one_batch_keeps_its_last_mark(db_url: str) -> None:
    upgrade(db_url)
    _load(db_url, [], (SeenMark("file:///x.txt", "v1"), SeenMark("file:///y.txt", "v1")))
    _load(db_url, [], (SeenMark("file:///x.txt", "v2"), SeenMark("file:///x.txt", "v3", etag='"e"')))
    with psycopg.connect(db_url) as conn:
        marks = conn.execute("select key, fingerprint, etag from source_marks order by key").fetchall()
    assert marks == [("file:///x.txt", "v3", '"e"'), ("file:///y.txt", "v1", None)]


LONG = (
    "Harbour pilots walked off the job on Thursday morning, leaving a dozen cargo ships waiting at anchor "
    "outside the port after talks on new shift rules broke down late on Wednesday night. The port authority "
    "said in a statement that the rules met national safety standards and that it remained ready to return "
    "to the table at any time, but gave no date for new talks. Shipping agents warned that a strike lasting "
    "more than two days would force vessels to divert to other ports along the coast."
)


def test_near_duplicates_read_ahead_per_batch_find_this_batch_s_articles_and_earlier_ones(db_url: str) -> None:
    upgrade(db_url)
    update = " The pilots' association said on Friday that it would meet the port authority again next week."
    later = " Talks resumed on Monday."
    _load(db_url, [_page("a.txt", LONG, "Harbour News"), _page("b.txt", LONG + update, "Harbour News")])
    _load(db_url, [_page("c.txt", OTHER, "Daily Post"), _page("d.txt", LONG + later, "Coast Radio")])
    with psycopg.connect(db_url) as conn:
        documents = conn.execute(
            "select r.uri, r.status, a.source_uri from raw_documents r left join articles a using (article_id) "
            "order by r.uri"
        ).fetchall()
    assert documents == [
        ("file:///a.txt", "loaded", "file:///a.txt"),
        ("file:///b.txt", "near_duplicate", "file:///a.txt"),  # repeats an article inserted earlier in its batch
        ("file:///c.txt", "loaded", "file:///c.txt"),
        ("file:///d.txt", "near_duplicate", "file:///a.txt"),  # repeats an earlier batch's article
    ]
