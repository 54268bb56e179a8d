"""One raw document to one clean article, or a rejection with its reason."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from pipeline.clean.decode import DecodeError, decode_bytes
from pipeline.clean.furniture import group_by_site, recurring_lines
from pipeline.clean.html import clean_html
from pipeline.clean.language import detect_language
from pipeline.clean.metadata import parse_stated_date
from pipeline.clean.text import clean_text_dump
from pipeline.models import Article, RawDocument, Rejection

LOGGER = logging.getLogger(__name__)

MIN_BODY_WORDS = 15


def clean_document(
    raw: RawDocument, max_bytes: int = 5_000_000, furniture: frozenset[str] = frozenset()
) -> Article | Rejection:
    """`furniture` holds line keys known, from other documents of the site, to be page furniture."""
    if len(raw.content) > max_bytes:
        return Rejection(raw.uri, "too_large", f"{len(raw.content)} bytes > {max_bytes}", raw.sha256)
    try:
        text = decode_bytes(raw.content, repair=raw.media_type != "text/html")
    except DecodeError as exc:
        reason = "empty" if "empty" in str(exc) else "undecodable"
        return Rejection(raw.uri, reason, str(exc), raw.sha256)
    url = raw.uri if raw.uri.startswith(("http://", "https://")) else None
    cleaned = clean_html(text, url) if raw.media_type == "text/html" else clean_text_dump(text, furniture)
    if len(cleaned.body.split()) < MIN_BODY_WORDS:
        LOGGER.info("no article text in %s", raw.uri)
        return Rejection(raw.uri, "no_article_text", f"{len(cleaned.body.split())} words of body found", raw.sha256)
    published = cleaned.published
    if published is None and raw.published_hint:  # the feed's or dataset's date, when the page states none
        published = parse_stated_date(raw.published_hint)
    return Article(
        uri=raw.uri,
        raw_sha256=raw.sha256,
        title=cleaned.title or (raw.title_hint.strip() if raw.title_hint else None) or None,
        body=cleaned.body,
        published=published,
        byline=cleaned.byline,
        publisher=cleaned.publisher,
        publisher_domain=cleaned.publisher_domain,
        language=detect_language(cleaned.body),
        captions=cleaned.captions,
    )


def site_furniture(docs: Sequence[RawDocument], max_bytes: int = 5_000_000) -> list[frozenset[str]]:
    """For each document, the lines that recur across the batch's other stories of its site.

    Only text dumps are counted: trafilatura already drops what repeats across
    HTML pages (its own deduplication cache) and reads structure, not lines.
    """
    out: list[frozenset[str]] = [frozenset()] * len(docs)
    for indexes in group_by_site([d.uri for d in docs]).values():
        texts: dict[int, str] = {}
        for i in indexes:
            doc = docs[i]
            if doc.media_type != "text/plain" or len(doc.content) > max_bytes:
                continue
            try:
                texts[i] = decode_bytes(doc.content)
            except DecodeError:
                continue
        found = recurring_lines(list(texts.values()))
        for i in texts:
            out[i] = found
    return out
