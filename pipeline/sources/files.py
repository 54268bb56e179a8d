"""Files, folders and globs of page dumps (.txt) and HTML pages (.html, .htm).

Paths are expanded lazily and files read one at a time, so a folder of a
million pages costs the memory of one page.
"""

from __future__ import annotations

import datetime as dt
import glob
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path

from pipeline.models import RawDocument

LOGGER = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES


class SourceError(Exception):
    """The user pointed at something that does not exist or holds nothing readable."""


def expand_paths(specs: Iterable[str]) -> Iterator[Path]:
    """Each spec is a file, a folder (searched recursively) or a glob; order is stable."""
    for spec in specs:
        path = Path(spec)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        elif path.is_file():
            yield path
        elif glob.has_magic(spec):
            matches = sorted(Path(p) for p in glob.glob(spec, recursive=True) if Path(p).is_file())
            if not matches:
                raise SourceError(f"no file matches {spec!r}")
            yield from matches
        else:
            raise SourceError(f"no such file or folder: {spec!r}")


def media_type_of(path: Path, head: bytes) -> str:
    """By suffix first; an unknown suffix is sniffed from the first bytes."""
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "text/html"
    if suffix in TEXT_SUFFIXES:
        return "text/plain"
    sniff = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:100].lower()
    return "text/html" if sniff.startswith((b"<!doctype html", b"<html", b"<?xml")) else "text/plain"


def iter_documents(specs: Iterable[str]) -> Iterator[RawDocument]:
    for path in expand_paths(specs):
        content = path.read_bytes()
        mtime = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC)
        media = media_type_of(path, content[:512])
        yield RawDocument(
            uri=str(path.resolve()),
            content=content,
            media_type=media,  # type: ignore[arg-type]
            fetched_at=mtime,
        )
