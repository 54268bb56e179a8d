"""The HTTP fetcher against a real server on loopback: politeness, retries and conditional requests."""

from __future__ import annotations

from pipeline.models import RawDocument, Rejection, Unchanged
from pipeline.sources.http import USER_AGENT, Fetcher, FetchSettings
from tests.loopback import Site, page

FAST = FetchSettings(min_interval_s=0.0, backoff_s=0.01, retries=3)


def test_a_page_is_fetched_with_a_clear_user_agent(site: Site) -> None:
    url = site.add("/news/1.html", page("Pilots strike"))
    with Fetcher(FAST) as fetcher:
        got = fetcher.fetch_page(url)
    assert isinstance(got, tuple)
    doc, mark = got
    assert isinstance(doc, RawDocument) and doc.media_type == "text/html" and b"Pilots strike" in doc.content
    assert mark.key == url
    assert site.hits("/news/1.html")[0]["user-agent"] == USER_AGENT


def test_unchanged_pages_are_not_fetched_again(site: Site) -> None:
    url = site.add("/news/2.html", page("Ferry delayed"), ETag='"v1"', Last_Modified="Tue, 03 Dec 2002 10:00:00 GMT")
    with Fetcher(FAST) as fetcher:
        first = fetcher.fetch_page(url)
        assert isinstance(first, tuple)
        _, mark = first
        assert mark.etag == '"v1"' and mark.last_modified == "Tue, 03 Dec 2002 10:00:00 GMT"
        second = fetcher.fetch_page(url, mark)
    assert second == Unchanged(url)
    conditional = site.hits("/news/2.html")[1]
    assert conditional["if-none-match"] == '"v1"' and conditional["if-modified-since"] == mark.last_modified


def test_server_errors_are_retried_with_backoff(site: Site) -> None:
    url = site.add("/flaky.html", page("Back again"))
    site.failures["/flaky.html"] = 2
    sleeps: list[float] = []
    with Fetcher(FAST, sleep=sleeps.append) as fetcher:
        got = fetcher.fetch_page(url)
    assert isinstance(got, tuple)
    assert len(site.hits("/flaky.html")) == 3 and len(sleeps) >= 2


def test_a_page_that_keeps_failing_is_rejected_with_the_reason(site: Site) -> None:
    url = site.add("/down.html", page("Never"))
    site.failures["/down.html"] = 10
    with Fetcher(FAST, sleep=lambda s: None) as fetcher:
        got = fetcher.fetch_page(url)
    assert isinstance(got, Rejection) and got.reason == "fetch_error" and "503" in got.detail
    assert len(site.hits("/down.html")) == FAST.retries + 1


def test_robots_txt_is_respected(site: Site) -> None:
    site.add("/robots.txt", b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    private = site.add("/private/a.html", page("Secret"))
    public = site.add("/public/a.html", page("Open"))
    with Fetcher(FAST) as fetcher:
        refused = fetcher.fetch_page(private)
        allowed = fetcher.fetch_page(public)
    assert isinstance(refused, Rejection) and refused.reason == "robots_disallowed"
    assert isinstance(allowed, tuple)
    assert site.hits("/private/a.html") == [] and len(site.hits("/robots.txt")) == 1  # asked once per host


def test_requests_to_one_host_are_spaced_out(site: Site) -> None:
    urls = [site.add(f"/n/{i}.html", page(f"Story {i}")) for i in range(3)]
    sleeps: list[float] = []
    with Fetcher(FetchSettings(min_interval_s=0.5), sleep=sleeps.append) as fetcher:
        for url in urls:
            fetcher.fetch_page(url)
    assert len([s for s in sleeps if s > 0.3]) >= 2  # every request after the first waited its turn


def test_not_html_and_missing_pages_are_rejected(site: Site) -> None:
    image = site.add("/photo.jpg", b"\xff\xd8\xff", content_type="image/jpeg")
    with Fetcher(FAST) as fetcher:
        not_html = fetcher.fetch_page(image)
        missing = fetcher.fetch_page(site.base + "/nowhere.html")
    assert isinstance(not_html, Rejection) and not_html.reason == "not_html"
    assert isinstance(missing, Rejection) and "404" in missing.detail
