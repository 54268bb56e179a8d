"""Polite HTTP fetching with httpx: timeouts, retries with backoff, a per-host rate limit, robots.txt,
a clear User-Agent, and conditional requests so a feed polled every 15 minutes fetches only what changed.

One Fetcher serves a whole run (one connection pool). Its answers are the
source vocabulary: a RawDocument with the SeenMark to remember, Unchanged for
a 304, or a Rejection with the reason when the page cannot be had.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import threading
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from pipeline import __version__
from pipeline.models import RawDocument, Rejection, SeenMark, Unchanged

LOGGER = logging.getLogger(__name__)

# names the software and its purpose, so a site's operator can tell who is asking and filter it in robots.txt
USER_AGENT = f"newsetl/{__version__} (news archiving pipeline)"
RETRY_STATUS = {429, 500, 502, 503, 504}
HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # after redirects
    content: bytes
    media_type: str
    mark: SeenMark


@dataclass(frozen=True, slots=True)
class FetchSettings:
    timeout_s: float = 20.0
    retries: int = 3
    backoff_s: float = 1.0  # doubled at each retry; a Retry-After header wins
    min_interval_s: float = 1.0  # between two requests to the same host
    max_bytes: int = 5_000_000
    respect_robots: bool = True


class Fetcher:
    def __init__(
        self,
        settings: FetchSettings | None = None,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings or FetchSettings()
        self._sleep = sleep
        self._client = httpx.Client(
            headers={"User-Agent": USER_AGENT},
            timeout=self.settings.timeout_s,
            follow_redirects=True,
            transport=transport,
        )
        self._last_request: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def fetch(self, url: str, seen: SeenMark | None = None) -> Fetched | Unchanged | Rejection:
        """GET `url`, conditionally on what was seen of it before (its ETag and Last-Modified)."""
        if not self.allowed(url):
            return Rejection(url, "robots_disallowed", f"robots.txt of {urlsplit(url).netloc} disallows {url}")
        headers = {}
        if seen is not None and seen.etag:
            headers["If-None-Match"] = seen.etag
        if seen is not None and seen.last_modified:
            headers["If-Modified-Since"] = seen.last_modified
        try:
            response = self._get(url, headers)
        except httpx.HTTPError as exc:
            return Rejection(url, "fetch_error", f"{type(exc).__name__}: {exc}")
        if response.status_code == 304:
            return Unchanged(url)
        if response.status_code != 200:
            return Rejection(url, "fetch_error", f"HTTP {response.status_code}")
        if len(response.content) > self.settings.max_bytes:
            return Rejection.too_large(url, len(response.content), self.settings.max_bytes)
        mark = SeenMark(url, etag=response.headers.get("etag"), last_modified=response.headers.get("last-modified"))
        media = response.headers.get("content-type", "").split(";")[0].strip().lower()
        return Fetched(str(response.url), response.content, media, mark)

    def fetch_page(
        self, url: str, seen: SeenMark | None = None
    ) -> tuple[RawDocument, SeenMark] | Unchanged | Rejection:
        """A news page: HTML (or plain text) only."""
        result = self.fetch(url, seen)
        if not isinstance(result, Fetched):
            return result
        if result.media_type and result.media_type not in HTML_TYPES and not result.media_type.startswith("text/"):
            return Rejection(url, "not_html", f"content type {result.media_type}")
        doc = RawDocument(
            uri=result.url,
            content=result.content,
            media_type="text/plain" if result.media_type == "text/plain" else "text/html",
            fetched_at=dt.datetime.now(dt.UTC),
        )
        return doc, result.mark

    def _get(self, url: str, headers: dict[str, str]) -> httpx.Response:
        attempt = 0
        while True:
            self._wait_turn(url)
            try:
                response = self._client.get(url, headers=headers)
            except (httpx.TransportError, httpx.TimeoutException):
                if attempt >= self.settings.retries:
                    raise
                self._sleep(self.settings.backoff_s * 2**attempt)
                attempt += 1
                continue
            if response.status_code in RETRY_STATUS and attempt < self.settings.retries:
                self._sleep(_retry_after(response) or self.settings.backoff_s * 2**attempt)
                attempt += 1
                continue
            return response

    def _wait_turn(self, url: str) -> None:
        """At most one request per host every min_interval_s, across threads."""
        host = urlsplit(url).netloc
        with self._lock:
            now = time.monotonic()
            wait = self._last_request.get(host, -1e9) + self.settings.min_interval_s - now
            self._last_request[host] = now + max(wait, 0)
        if wait > 0:
            self._sleep(wait)

    def allowed(self, url: str) -> bool:
        if not self.settings.respect_robots:
            return True
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(origin)
        robots = self._robots[origin]
        return robots is None or robots.can_fetch(USER_AGENT, url)

    def _read_robots(self, origin: str) -> urllib.robotparser.RobotFileParser | None:
        """None (everything allowed) when the site has no robots.txt; all disallowed when it errors (RFC 9309)."""
        try:
            self._wait_turn(origin + "/robots.txt")
            response = self._client.get(origin + "/robots.txt")
        except httpx.HTTPError:
            LOGGER.info("robots.txt of %s unreachable; fetching as allowed", origin)
            return None
        if 400 <= response.status_code < 500:
            return None
        parser = urllib.robotparser.RobotFileParser()
        if response.status_code >= 500:  # the site is unwell: stay away until it answers
            parser.parse(["User-agent: *", "Disallow: /"])
            return parser
        parser.parse(response.text.splitlines())
        return parser


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    if not value:
        return None
    if value.isdigit():
        return float(value)
    parsed = email.utils.parsedate_to_datetime(value)
    return max((parsed - dt.datetime.now(dt.UTC)).total_seconds(), 0.0) if parsed else None
