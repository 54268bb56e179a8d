"""Sources: turn what the user points at into a stream of items (documents, rejections, marks).

A spec is a file, folder or glob (.txt/.html pages, .warc/.warc.gz, .jsonl/.jsonl.gz, .rss/.atom feeds,
.urls lists), a URL (a feed when it serves one, else a page), or an explicit `feed:PATH_OR_URL` or
`urls:PATH_OR_URL`. Everything is streamed: one page, one record or one line at a time.
"""

from __future__ import annotations

import glob
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

from pipeline.sources.feeds import is_url, iter_feed, iter_url, read_url_list
from pipeline.sources.files import SourceError, expand_paths, iter_page, kind_of, mark_key
from pipeline.sources.http import Fetcher, FetchSettings
from pipeline.sources.jsonl import iter_jsonl
from pipeline.sources.state import Seen, SourceItem, nothing_seen, prefetch
from pipeline.sources.warc import iter_warc

__all__ = [
    "SourceError",
    "SourceItem",
    "absolute_spec",
    "check_specs",
    "expand_paths",
    "is_local",
    "iter_items",
    "split_spec",
]


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


PREFIXES = ("feed:", "urls:")
LOOKAHEAD = 500  # pages whose source marks are read together


def split_spec(spec: str) -> tuple[str, str]:
    """'feed:news.rss' -> ('feed:', 'news.rss'); a spec without a prefix -> ('', spec)."""
    prefix = next((p for p in PREFIXES if spec.startswith(p)), "")
    return prefix, spec[len(prefix) :]


def is_local(spec: str) -> bool:
    """A file, folder or glob read as pages or archives (not a URL, a feed or a URL list)."""
    prefix, target = split_spec(spec)
    return not prefix and not is_url(target)


def absolute_spec(spec: str) -> str:
    """The same spec with a local path made absolute, for a run started from another folder."""
    prefix, target = split_spec(spec)
    return spec if is_url(target) else prefix + str(Path(target).resolve())


def check_specs(specs: Iterable[str]) -> None:
    """Fail early, before a run starts, on a path that does not exist (without walking a folder)."""
    for spec in specs:
        _, target = split_spec(spec)
        if is_url(target) or Path(target).exists():
            continue
        if glob.has_magic(target):
            if next(glob.iglob(target, recursive=True), None) is None:
                raise SourceError(f"no file matches {target!r}")
            continue
        raise SourceError(f"no such file or folder: {target!r}")


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
            prefix, target = split_spec(spec)
            if prefix == "feed:":
                yield from iter_feed(target, lazy.get(), seen)
            elif prefix == "urls:":
                yield from read_url_list(target, lazy.get(), seen)
            elif is_url(spec):
                yield from iter_url(spec, lazy.get(), seen)
            else:
                paths = expand_paths([spec])
                while chunk := list(islice(paths, LOOKAHEAD)):
                    # a folder's pages: their marks in one read, not one read per page
                    prefetch(seen, [mark_key(p) for p in chunk if kind_of(p) in ("page", None)])
                    for path in chunk:
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
        yield from iter_page(path, seen, max_bytes)
