"""Feeds and URL lists over the loopback server: linked pages fetched once, then only when changed."""

from __future__ import annotations

from pathlib import Path

from pipeline.models import RawDocument, Rejection, SeenMark, Unchanged
from pipeline.sources import iter_items
from pipeline.sources.http import Fetcher, FetchSettings
from tests.loopback import Site, page

FAST = FetchSettings(min_interval_s=0.0, backoff_s=0.01)


def _rss(site: Site, links: list[str]) -> bytes:
    items = "".join(
        f"<item><title>Entry {i}</title><link>{link}</link><pubDate>Thu, 14 Mar 2019 08:30:00 GMT</pubDate></item>"
        for i, link in enumerate(links)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>{items}</channel></rss>'.encode()


def test_a_feed_url_brings_its_pages_with_entry_hints_then_nothing_when_unchanged(site: Site) -> None:
    links = [site.add(f"/story/{i}.html", page(f"Story {i}"), ETag=f'"s{i}"') for i in range(2)]
    feed = site.add("/feed.xml", _rss(site, links), content_type="application/rss+xml", ETag='"f1"')
    with Fetcher(FAST) as fetcher:
        first = list(iter_items([feed], fetcher=fetcher))
        docs = [i for i in first if isinstance(i, RawDocument)]
        assert [d.uri for d in docs] == links
        assert docs[0].title_hint == "Entry 0" and docs[0].published_hint == "Thu, 14 Mar 2019 08:30:00 GMT"
        assert first[-1] == SeenMark(feed, etag='"f1"')  # the feed is marked after its pages
        marks = {i.key: i for i in first if isinstance(i, SeenMark)}
        again = list(iter_items([feed], seen=marks.get, fetcher=fetcher))
    assert again == [Unchanged(feed)]
    assert len(site.hits("/story/0.html")) == 1


def test_a_changed_feed_refetches_only_changed_pages(site: Site) -> None:
    links = [site.add(f"/s/{i}.html", page(f"Story {i}"), ETag=f'"s{i}"') for i in range(2)]
    feed = site.add("/rss", _rss(site, links), content_type="application/rss+xml", ETag='"f1"')
    with Fetcher(FAST) as fetcher:
        marks = {i.key: i for i in iter_items([feed], fetcher=fetcher) if isinstance(i, SeenMark)}
        new = site.add("/s/new.html", page("Fresh"), ETag='"n"')
        site.add("/rss", _rss(site, [*links, new]), content_type="application/rss+xml", ETag='"f2"')
        again = list(iter_items([feed], seen=marks.get, fetcher=fetcher))
    assert [i.uri for i in again if isinstance(i, RawDocument)] == [new]
    assert [i.uri for i in again if isinstance(i, Unchanged)] == links


def test_a_feed_file_and_a_url_list(site: Site, tmp_path: Path) -> None:
    links = [site.add(f"/p/{i}.html", page(f"P {i}")) for i in range(2)]
    feed_file = tmp_path / "news.rss"
    feed_file.write_bytes(_rss(site, links[:1]))
    url_list = tmp_path / "pages.urls"
    url_list.write_text(f"# today\n{links[1]}\n\nnot-a-url\n")
    with Fetcher(FAST) as fetcher:
        items = list(iter_items([str(feed_file), str(url_list)], fetcher=fetcher))
    assert [i.uri for i in items if isinstance(i, RawDocument)] == links
    assert [(i.uri, i.reason) for i in items if isinstance(i, Rejection)] == [("not-a-url", "bad_url")]


def test_a_broken_feed_is_quarantined(site: Site) -> None:
    feed = site.add("/broken.xml", b"<?xml version='1.0'?><rss><channel><item>", content_type="application/rss+xml")
    with Fetcher(FAST) as fetcher:
        items = list(iter_items([f"feed:{feed}"], fetcher=fetcher))
    assert isinstance(items[0], Rejection) and items[0].reason == "bad_feed"
