"""Article text and metadata out of an HTML page, by trafilatura.

trafilatura is the maintained, benchmarked extractor for news HTML; writing our
own would only be worse. When it finds no main text (tiny or odd pages) the
visible text goes through the plain-text dump cleaner instead.
"""

from __future__ import annotations

import logging

import trafilatura
from lxml import html as lxml_html
from trafilatura.settings import Document

from pipeline.clean.metadata import parse_stated_date
from pipeline.clean.text import CleanedText, clean_text_dump

LOGGER = logging.getLogger(__name__)


def clean_html(markup: str, url: str | None = None) -> CleanedText:
    document = trafilatura.bare_extraction(
        markup,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        deduplicate=True,
    )
    if not isinstance(document, Document) or not (document.text or "").strip():
        LOGGER.info("trafilatura found no main text in %s; falling back to the text cleaner", url)
        return _fallback(markup)
    body = "\n\n".join(p.strip() for p in (document.text or "").split("\n") if p.strip())
    published = parse_stated_date(document.date) if document.date else None
    domain = (document.hostname or "").removeprefix("www.") or None
    publisher = document.sitename or domain
    return CleanedText(
        title=document.title or None,
        body=body,
        published=published,
        byline=document.author or None,
        publisher=publisher,
        publisher_domain=domain,
        captions=(),
    )


def _fallback(markup: str) -> CleanedText:
    try:
        tree = lxml_html.fromstring(markup)
    except (ValueError, lxml_html.etree.ParserError):
        return CleanedText(None, "", None, None, None, None, ())
    for bad in tree.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    text = "\n".join(t.strip() for t in tree.itertext() if t.strip())
    return clean_text_dump(text)
