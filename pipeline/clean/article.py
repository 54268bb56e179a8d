"""Raw documents to clean articles, or rejections with their reasons: one page, or a batch of them."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from pipeline.clean.decode import DecodeError, decode_bytes, nul_count
from pipeline.clean.furniture import group_by_site, recurring_lines
from pipeline.clean.html import clean_html
from pipeline.clean.language import detect_language
from pipeline.clean.metadata import parse_stated_date
from pipeline.clean.text import clean_text_dump
from pipeline.models import Article, RawDocument, Rejection

LOGGER = logging.getLogger(__name__)

MIN_BODY_WORDS = 15


def decode_document(raw: RawDocument, max_bytes: int = 5_000_000) -> str | Rejection:
    if len(raw.content) > max_bytes:
        return Rejection.too_large(raw.uri, len(raw.content), max_bytes, raw.sha256)
    try:
        return decode_bytes(raw.content, repair=raw.media_type != "text/html")
    except DecodeError as exc:
        return Rejection(raw.uri, exc.reason, str(exc), raw.sha256)


def clean_document(
    raw: RawDocument, max_bytes: int = 5_000_000, furniture: frozenset[str] = frozenset(), text: str | None = None
) -> Article | Rejection:
    """`furniture` holds line keys known, from other documents of the site, to be page furniture;
    `text` is the document already decoded, when the caller has it."""
    decoded = text if text is not None else decode_document(raw, max_bytes)
    if isinstance(decoded, Rejection):
        return decoded
    url = raw.uri if raw.uri.startswith(("http://", "https://")) else None
    cleaned = clean_html(decoded, url) if raw.media_type == "text/html" else clean_text_dump(decoded, furniture)
    if len(cleaned.body.split()) < MIN_BODY_WORDS:
        LOGGER.info("no article text in %s", raw.uri)
        return Rejection(raw.uri, "no_article_text", f"{len(cleaned.body.split())} words of body found", raw.sha256)
    published = cleaned.published
    if published is None and raw.published_hint:  # the feed's or dataset's date, when the page states none
        published = parse_stated_date(raw.published_hint)
    return Article(
        uri=raw.uri,
        raw_sha256=raw.sha256,
        title=cleaned.title or (raw.title_hint.replace("\x00", "").strip() if raw.title_hint else None) or None,
        body=cleaned.body,
        published=published,
        byline=cleaned.byline,
        publisher=cleaned.publisher,
        publisher_domain=cleaned.publisher_domain,
        language=detect_language(cleaned.body),
        captions=cleaned.captions,
        nul_removed=nul_count(raw.content),
    )


def clean_documents(docs: Sequence[RawDocument], max_bytes: int = 5_000_000) -> list[Article | Rejection]:
    """A batch: each page decoded once, the site's recurring lines counted, then each page cleaned.

    One page's failure is that page's rejection (`clean_error`), never the batch's.
    """
    texts = [decode_document(d, max_bytes) for d in docs]
    try:
        furniture = _recurring_by_site(docs, texts)
    except Exception:  # the cross-document evidence is a refinement: without it each page is still cleaned
        LOGGER.exception("counting recurring lines failed; cleaning each page on its own")
        furniture = [frozenset()] * len(docs)
    out: list[Article | Rejection] = []
    for doc, text, recurring in zip(docs, texts, furniture, strict=True):
        if isinstance(text, Rejection):
            out.append(text)
            continue
        try:
            out.append(clean_document(doc, max_bytes, recurring, text))
        except Exception as exc:
            LOGGER.exception("cleaning failed for %s", doc.uri)
            out.append(Rejection(doc.uri, "clean_error", f"{type(exc).__name__}: {exc}", doc.sha256))
    return out


def site_furniture(docs: Sequence[RawDocument], max_bytes: int = 5_000_000) -> list[frozenset[str]]:
    """For each document, the lines that recur across the batch's other stories of its site."""
    return _recurring_by_site(docs, [decode_document(d, max_bytes) for d in docs])


def _recurring_by_site(docs: Sequence[RawDocument], texts: Sequence[str | Rejection]) -> list[frozenset[str]]:
    """Only text dumps are counted: trafilatura already drops what repeats across HTML pages (its own
    deduplication cache) and reads structure, not lines."""
    out: list[frozenset[str]] = [frozenset()] * len(docs)
    for indexes in group_by_site([d.uri for d in docs]).values():
        dumps = {i: t for i in indexes if docs[i].media_type == "text/plain" and isinstance(t := texts[i], str)}
        found = recurring_lines(list(dumps.values()))
        for i in dumps:
            out[i] = found
    return out
