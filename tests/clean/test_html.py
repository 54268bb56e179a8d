"""The HTML path: trafilatura's text and metadata, and the fallback when it finds no article."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pipeline.clean import clean_document
from pipeline.models import Article, RawDocument, Rejection

PAGE = Path(__file__).parents[1] / "fixtures" / "harbour_page.html"


def _clean(markup: bytes, uri: str = "https://www.coastalcourier.example/news/harbour-pilots-strike"):  # type: ignore[no-untyped-def]
    return clean_document(RawDocument(uri=uri, content=markup, media_type="text/html"))


def test_article_text_and_metadata_from_a_news_page() -> None:
    article = _clean(PAGE.read_bytes())
    assert isinstance(article, Article)
    assert article.title == "Harbour pilots strike over new shift rules"
    assert article.published is not None and article.published.value == dt.date(2019, 3, 14)
    assert article.published.precision == "day"
    assert article.byline == "Maria Lindqvist"
    assert article.publisher == "Coastal Courier"
    assert article.language == "en"
    paragraphs = article.body.split("\n\n")
    assert paragraphs[0].startswith("Harbour pilots walked off the job on Thursday morning")
    assert any(p.startswith('"We cannot guide ships safely') for p in paragraphs)
    assert paragraphs[-1].endswith("per ship each day.")
    for furniture in ("Skip to main content", "Most read", "Ferry delayed", "All rights reserved", "Privacy policy"):
        assert furniture not in article.body


def test_menu_words_around_a_story_without_article_markup_are_trimmed() -> None:
    story = (
        "Harbour pilots walked off the job on Thursday morning, leaving a dozen cargo ships waiting at anchor "
        "outside the port after talks on new shift rules broke down late on Wednesday night."
    )
    markup = f"<html><body><div>Home</div><div>News</div><div>{story}</div><div>Contact us</div></body></html>"
    article = _clean(markup.encode())
    assert isinstance(article, Article)
    assert article.body == story


def test_a_page_with_only_navigation_is_rejected_with_a_reason() -> None:
    markup = b"<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><p>Contact us</p></body></html>"
    result = _clean(markup)
    assert isinstance(result, Rejection) and result.reason == "no_article_text"


def test_the_same_page_cleans_the_same_every_time_in_one_process() -> None:
    """No memory of pages seen before (trafilatura's duplicate cache is off): a reprocess run in a long-lived
    worker, or the same story from two addresses, must not lose paragraphs already seen."""
    first = _clean(PAGE.read_bytes())
    for _ in range(3):
        again = _clean(PAGE.read_bytes(), uri="https://mirror.example/harbour")
        assert isinstance(first, Article) and isinstance(again, Article)
        assert again.body == first.body
