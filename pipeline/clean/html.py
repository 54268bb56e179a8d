"""Article text and metadata out of an HTML page, by trafilatura.

trafilatura is the maintained, benchmarked extractor for news HTML; writing our
own would only be worse. When it finds no main text (tiny or odd pages) the
visible text goes through the plain-text dump cleaner instead.
"""

from __future__ import annotations

import logging
from html.parser import HTMLParser

import trafilatura
from trafilatura.settings import Document

from pipeline.clean.decode import normalise_text
from pipeline.clean.metadata import parse_stated_date
from pipeline.clean.patterns import FURNITURE
from pipeline.clean.text import CleanedText, clean_text_dump

LOGGER = logging.getLogger(__name__)


def clean_html(markup: str, url: str | None = None) -> CleanedText:
    """`markup` is decoded but not repaired: mojibake is fixed (ftfy) in the extracted text, which is far smaller."""
    document = trafilatura.bare_extraction(
        markup,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        deduplicate=False,
    )
    if not isinstance(document, Document) or not (document.text or "").strip():
        LOGGER.info("trafilatura found no main text in %s; falling back to the text cleaner", url)
        return _fallback(markup)
    title = _repair(document.title)
    paragraphs = [p.strip() for p in normalise_text(document.text or "").split("\n") if p.strip()]
    body = "\n\n".join(trim_edges(paragraphs, title))
    published = parse_stated_date(document.date) if document.date else None
    domain = (document.hostname or "").removeprefix("www.") or None
    publisher = _repair(document.sitename) or domain
    return CleanedText(
        title=title,
        body=body,
        published=published,
        byline=_repair(document.author),
        publisher=publisher,
        publisher_domain=domain,
        captions=(),
    )


def trim_edges(paragraphs: list[str], title: str | None) -> list[str]:
    """Drop what trafilatura lets through at the edges of a story: the headline again, menu words, widgets.

    Only the edges are trimmed: inside the story a short line is a sub-heading.
    """

    def stray(p: str) -> bool:
        words = p.split()
        return (
            bool(FURNITURE.match(p))
            or (title is not None and " ".join(words).casefold() == " ".join(title.split()).casefold())
            or (len(words) <= 3 and not p.rstrip("\"'”’)").endswith((".", "!", "?", ":")))
        )

    start, end = 0, len(paragraphs)
    while start < end and stray(paragraphs[start]):
        start += 1
    while end > start and stray(paragraphs[end - 1]):
        end -= 1
    return paragraphs[start:end]


class _VisibleText(HTMLParser):
    """The page's text outside script and style, one piece per text node.

    The standard library's event parser, not a tree: it keeps no depth, so a page nested
    deeper than libxml2 allows (256 levels, where trafilatura sees nothing) still gives its text.
    """

    HIDDEN = frozenset({"script", "style", "noscript", "template", "svg"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._hidden += tag in self.HIDDEN

    def handle_endtag(self, tag: str) -> None:
        self._hidden -= tag in self.HIDDEN and self._hidden > 0

    def handle_data(self, data: str) -> None:
        if not self._hidden and data.strip():
            self.pieces.append(data.strip())


def _fallback(markup: str) -> CleanedText:
    parser = _VisibleText()
    parser.feed(markup)
    parser.close()
    return clean_text_dump(normalise_text("\n".join(parser.pieces)))


def _repair(value: str | None) -> str | None:
    return normalise_text(value) or None if value else None
