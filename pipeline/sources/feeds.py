"""RSS and Atom feeds (feedparser), and plain lists of URLs: the linked pages are fetched.

A feed polled every few minutes costs little: the feed itself is asked for
conditionally (304 when unchanged), and so is every page it links to, with the
ETag and Last-Modified the last run remembered. The feed's entry title and
date travel with the page as hints.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import feedparser

from pipeline.models import RawDocument, Rejection, Unchanged
from pipeline.sources.http import Fetched, Fetcher
from pipeline.sources.state import Seen, SourceItem

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml", "application/rdf+xml")


def is_url(spec: str) -> bool:
    return spec.startswith(("http://", "https://"))


def looks_like_feed(media_type: str, content: bytes) -> bool:
    head = content.lstrip()[:300].lower()
    return media_type in FEED_TYPES or head.startswith(b"<?xml") or b"<rss" in head or b"<feed" in head


def iter_feed(spec: str, fetcher: Fetcher, seen: Seen) -> Iterator[SourceItem]:
    """A feed file or URL: every entry's linked page."""
    if is_url(spec):
        got = fetcher.fetch(spec, seen(spec))
        if not isinstance(got, Fetched):
            yield got
            return
        yield from iter_feed_content(spec, got.content, fetcher, seen)
        yield got.mark
    else:
        yield from iter_feed_content(str(Path(spec).resolve()), Path(spec).read_bytes(), fetcher, seen)


def iter_feed_content(where: str, content: bytes, fetcher: Fetcher, seen: Seen) -> Iterator[SourceItem]:
    feed = feedparser.parse(content)
    if not feed.entries:
        reason = str(feed.get("bozo_exception") or "no entries")
        yield Rejection(where, "bad_feed", reason)
        return
    for entry in feed.entries:
        link = entry.get("link")
        if not link:
            yield Rejection(where, "bad_feed", f"entry without a link: {entry.get('title', '')!r}")
            continue
        for item in iter_pages([link], fetcher, seen):
            if isinstance(item, RawDocument):
                item = dataclasses.replace(item, title_hint=entry.get("title"), published_hint=_entry_date(entry))
            yield item


def _entry_date(entry: feedparser.FeedParserDict) -> str | None:
    for field in ("published", "updated", "created"):
        value = entry.get(field)
        if isinstance(value, str) and value:
            return value
    return None


def iter_pages(urls: list[str], fetcher: Fetcher, seen: Seen) -> Iterator[SourceItem]:
    for url in urls:
        got = fetcher.fetch_page(url, seen(url))
        if isinstance(got, (Unchanged, Rejection)):
            yield got
        else:
            doc, mark = got
            yield doc
            yield mark


def read_url_list(spec: str, fetcher: Fetcher, seen: Seen) -> Iterator[SourceItem]:
    """A file (or URL) with one URL per line; blank lines and # comments are skipped."""
    if is_url(spec):
        got = fetcher.fetch(spec, seen(spec))
        if not isinstance(got, Fetched):
            yield got
            return
        text, mark = got.content.decode("utf-8", errors="replace"), got.mark
    else:
        text, mark = Path(spec).read_text(encoding="utf-8", errors="replace"), None
    urls = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    bad = [u for u in urls if not is_url(u)]
    for u in bad:
        yield Rejection(u, "bad_url", f"not an http(s) URL in {spec}")
    yield from iter_pages([u for u in urls if is_url(u)], fetcher, seen)
    if mark is not None:
        yield mark


def iter_url(url: str, fetcher: Fetcher, seen: Seen) -> Iterator[SourceItem]:
    """A URL given on its own: a feed when it serves one, else a page."""
    got = fetcher.fetch(url, seen(url))
    if not isinstance(got, Fetched):
        yield got
        return
    if looks_like_feed(got.media_type, got.content):
        yield from iter_feed_content(url, got.content, fetcher, seen)
    else:
        media = "text/plain" if got.media_type == "text/plain" else "text/html"
        yield RawDocument(uri=got.url, content=got.content, media_type=media)  # type: ignore[arg-type]
    yield got.mark
