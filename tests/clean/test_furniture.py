"""Cross-document furniture: what recurs across a site's stories goes, the stories' own lines stay."""

from __future__ import annotations

from pathlib import Path

from pipeline.clean import clean_document, clean_documents, site_furniture
from pipeline.clean.furniture import line_key, recurring_lines, site_key
from pipeline.models import Article, RawDocument, Rejection

BANNER = "The Daily Planet Online Edition"
FOOTER = "Send your letters and comments to the editors of the Daily Planet at any time of day."


def _page(headline: str, story: str) -> str:
    return f"{BANNER}\n{headline}\nBy Jane Reporter\n{story}\n{FOOTER}\nHome | World | Sport | Weather\n"


STORIES = [
    (
        "Port strike ends after two weeks",
        "Dock workers in the northern port returned to work on Monday after union leaders accepted a new pay "
        "offer from the port authority, ending a strike that had lasted for two weeks and stranded dozens of ships.",
    ),
    (
        "City council approves new budget",
        "The city council approved a budget on Thursday that raises spending on schools and public transport, "
        "after a debate that lasted late into the night and ended with a narrow vote of the members present.",
    ),
    (
        "Flooding closes the coastal road",
        "Heavy rain flooded the coastal road on Saturday, and the police closed it to traffic for most of the day "
        "while crews cleared mud and fallen trees from the carriageway near the old lighthouse at the bay.",
    ),
]


def test_lines_recurring_across_a_sites_stories_are_furniture() -> None:
    found = recurring_lines([_page(h, s) for h, s in STORIES])
    assert line_key(BANNER) in found and line_key(FOOTER) in found
    assert not any(line_key(s) in found for _, s in STORIES)


def test_copies_of_one_story_do_not_make_its_lines_furniture() -> None:
    headline, story = STORIES[0]
    assert recurring_lines([_page(headline, story)] * 5) == frozenset()


def test_speaker_turns_recur_in_every_transcript_and_stay() -> None:
    pages = [f"CRI:\n{s}\nSpokesman:\nWe have no comment on that." for _, s in STORIES]
    found = recurring_lines(pages)
    assert line_key("CRI:") not in found and line_key("Spokesman:") not in found


def test_a_site_is_a_host_or_a_folder() -> None:
    assert site_key("https://www.example.org/news/1.html") == "example.org"
    assert site_key("/crawl/example/2001/a.txt") == "/crawl/example/2001"


def test_the_banner_is_neither_title_nor_body_and_the_footer_prose_is_gone(tmp_path: Path) -> None:
    docs = [
        RawDocument(uri=str(tmp_path / f"{i}.txt"), content=_page(h, s).encode(), media_type="text/plain")
        for i, (h, s) in enumerate(STORIES)
    ]
    furniture = site_furniture(docs)
    for doc, recurring, (headline, story) in zip(docs, furniture, STORIES, strict=True):
        article = clean_document(doc, furniture=recurring)
        assert isinstance(article, Article)
        assert article.title == headline
        assert article.body == story
        assert article.byline == "Jane Reporter"


def test_a_batch_is_cleaned_page_by_page_with_the_sites_furniture(tmp_path: Path) -> None:
    docs = [
        RawDocument(uri=str(tmp_path / f"{i}.txt"), content=_page(h, s).encode(), media_type="text/plain")
        for i, (h, s) in enumerate(STORIES)
    ]
    broken = RawDocument(uri=str(tmp_path / "broken.txt"), content=bytes(range(256)) * 4, media_type="text/plain")
    results = clean_documents([*docs, broken])
    assert [type(r).__name__ for r in results] == ["Article", "Article", "Article", "Rejection"]
    assert [r.body for r in results[:3] if isinstance(r, Article)] == [s for _, s in STORIES]
    assert isinstance(results[3], Rejection) and results[3].reason == "binary"
