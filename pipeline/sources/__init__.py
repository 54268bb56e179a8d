"""Sources: turn what the user points at into a stream of items (documents, rejections, marks).

A spec is a file, folder or glob (.txt/.html pages, .warc/.warc.gz, .jsonl/.jsonl.gz, .rss/.atom feeds,
.urls lists), a URL (a feed when it serves one, else a page), or an explicit `feed:PATH_OR_URL` or
`urls:PATH_OR_URL`. Everything is streamed: one page, one record or one line at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from pipeline.sources.feeds import is_url, iter_feed, iter_url, read_url_list
from pipeline.sources.files import SourceError, expand_paths, iter_page, kind_of
from pipeline.sources.http import Fetcher, FetchSettings
from pipeline.sources.jsonl import iter_jsonl
from pipeline.sources.state import Seen, SourceItem, nothing_seen
from pipeline.sources.warc import iter_warc

__all__ = ["SourceError", "SourceItem", "check_specs", "expand_paths", "iter_items"]


class _LazyFetcher:
    """One HTTP client for the run, made only when a spec needs the network."""

    def __init__(self, settings: FetchSettings | None, given: Fetcher | None) -> None:
        self._settings, self._fetcher, self._owned = settings, given, False

    def get(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher, self._owned = Fetcher(self._settings), True
        return self._fetcher

    def close(self) -> None:
        if self._owned and self._fetcher is not None:
            self._fetcher.close()


def check_specs(specs: Iterable[str]) -> None:
    """Fail early, before a run starts, on a path that does not exist."""
    for spec in specs:
        target = spec.split(":", 1)[1] if spec.startswith(("feed:", "urls:")) else spec
        if not is_url(target):
            next(iter(expand_paths([target])), None)


def iter_items(
    specs: Iterable[str],
    seen: Seen = nothing_seen,
    fetcher: Fetcher | None = None,
    fetch_settings: FetchSettings | None = None,
    max_bytes: int = 5_000_000,
) -> Iterator[SourceItem]:
    lazy = _LazyFetcher(fetch_settings, fetcher)
    try:
        for spec in specs:
            if spec.startswith("feed:"):
                yield from iter_feed(spec[5:], lazy.get(), seen)
            elif spec.startswith("urls:"):
                yield from read_url_list(spec[5:], lazy.get(), seen)
            elif is_url(spec):
                yield from iter_url(spec, lazy.get(), seen)
            else:
                for path in expand_paths([spec]):
                    yield from _iter_path(path, seen, lazy, max_bytes)
    finally:
        lazy.close()


def _iter_path(path: Path, seen: Seen, lazy: _LazyFetcher, max_bytes: int) -> Iterator[SourceItem]:
    kind = kind_of(path)
    if kind == "warc":
        yield from iter_warc(path, seen, max_bytes)
    elif kind == "jsonl":
        yield from iter_jsonl(path, seen)
    elif kind == "feed":
        yield from iter_feed(str(path), lazy.get(), seen)
    elif kind == "urls":
        yield from read_url_list(str(path), lazy.get(), seen)
    else:  # a page, or a file named explicitly whatever its suffix
        yield from iter_page(path, seen)
