"""One raw document to one clean article, or a rejection with its reason."""

from __future__ import annotations

import logging

from pipeline.clean.decode import DecodeError, decode_bytes
from pipeline.clean.html import clean_html
from pipeline.clean.language import detect_language
from pipeline.clean.text import clean_text_dump
from pipeline.models import Article, RawDocument, Rejection

LOGGER = logging.getLogger(__name__)

MIN_BODY_WORDS = 15


def clean_document(raw: RawDocument, max_bytes: int = 5_000_000) -> Article | Rejection:
    if len(raw.content) > max_bytes:
        return Rejection(raw.uri, "too_large", f"{len(raw.content)} bytes > {max_bytes}", raw.sha256)
    try:
        text = decode_bytes(raw.content)
    except DecodeError as exc:
        reason = "empty" if "empty" in str(exc) else "undecodable"
        return Rejection(raw.uri, reason, str(exc), raw.sha256)
    url = raw.uri if raw.uri.startswith(("http://", "https://")) else None
    cleaned = clean_html(text, url) if raw.media_type == "text/html" else clean_text_dump(text)
    if len(cleaned.body.split()) < MIN_BODY_WORDS:
        LOGGER.info("no article text in %s", raw.uri)
        return Rejection(raw.uri, "no_article_text", f"{len(cleaned.body.split())} words of body found", raw.sha256)
    return Article(
        uri=raw.uri,
        raw_sha256=raw.sha256,
        title=cleaned.title,
        body=cleaned.body,
        published=cleaned.published,
        byline=cleaned.byline,
        publisher=cleaned.publisher,
        publisher_domain=cleaned.publisher_domain,
        language=detect_language(cleaned.body),
        captions=cleaned.captions,
    )
