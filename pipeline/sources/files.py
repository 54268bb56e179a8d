"""Files, folders and globs: page dumps (.txt), HTML pages, and the archive formats of pipeline.sources.

Paths are expanded lazily and files read one at a time, so a folder of a
million pages costs the memory of one page. A file whose size and modification
time match what the last run saw is skipped without being read.
"""

from __future__ import annotations

import datetime as dt
import glob
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path

from pipeline.models import RawDocument, Rejection, SeenMark, Unchanged
from pipeline.sources.state import Seen

LOGGER = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
ARCHIVE_SUFFIXES = (".warc", ".warc.gz", ".jsonl", ".jsonl.gz", ".ndjson")
FEED_SUFFIXES = (".rss", ".atom")
LIST_SUFFIXES = (".urls",)
PAGE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES


class SourceError(Exception):
    """The user pointed at something that does not exist or holds nothing readable."""


def kind_of(path: Path) -> str | None:
    """page, warc, jsonl, feed or urls; None for a file no source reads."""
    name = path.name.lower()
    if name.endswith((".warc", ".warc.gz")):
        return "warc"
    if name.endswith((".jsonl", ".jsonl.gz", ".ndjson")):
        return "jsonl"
    if name.endswith(FEED_SUFFIXES):
        return "feed"
    if name.endswith(LIST_SUFFIXES):
        return "urls"
    return "page" if path.suffix.lower() in PAGE_SUFFIXES else None


def expand_paths(specs: Iterable[str]) -> Iterator[Path]:
    """Each spec is a file, a folder (searched recursively) or a glob; order is stable."""
    for spec in specs:
        path = Path(spec)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and kind_of(p) is not None)
        elif path.is_file():
            yield path
        elif glob.has_magic(spec):
            matches = sorted(Path(p) for p in glob.glob(spec, recursive=True) if Path(p).is_file())
            if not matches:
                raise SourceError(f"no file matches {spec!r}")
            yield from matches
        else:
            raise SourceError(f"no such file or folder: {spec!r}")


def fingerprint(path: Path) -> str:
    stat = path.stat()
    return f"{stat.st_size}:{stat.st_mtime_ns}"


def mark_key(path: Path) -> str:
    """The key a file's SeenMark is kept under (and read ahead by)."""
    return str(path.resolve())


def unchanged(path: Path, seen: Seen) -> bool:
    mark = seen(mark_key(path))
    return mark is not None and mark.fingerprint == fingerprint(path)


def media_type_of(path: Path, head: bytes) -> str:
    """By suffix first; an unknown suffix is sniffed from the first bytes."""
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "text/html"
    if suffix in TEXT_SUFFIXES:
        return "text/plain"
    sniff = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:100].lower()
    return "text/html" if sniff.startswith((b"<!doctype html", b"<html", b"<?xml")) else "text/plain"


def iter_page(
    path: Path, seen: Seen, max_bytes: int = 5_000_000
) -> Iterator[RawDocument | Rejection | SeenMark | Unchanged]:
    key = mark_key(path)
    if unchanged(path, seen):
        yield Unchanged(key)
        return
    size = path.stat().st_size
    if size > max_bytes:  # never read into memory; the mark skips it next time until it changes
        yield Rejection.too_large(key, size, max_bytes)
        yield SeenMark(key, fingerprint(path))
        return
    content = path.read_bytes()
    mtime = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC)
    media = media_type_of(path, content[:512])
    yield RawDocument(uri=key, content=content, media_type=media, fetched_at=mtime)  # type: ignore[arg-type]
    yield SeenMark(key, fingerprint(path))
