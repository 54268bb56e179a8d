"""JSON Lines: one article per line, {"url", "html" or "text", optional "title", "date"}.

The shape news datasets and scrapers export. A line that is not valid JSON or
carries no page is quarantined with its line number; the rest of the file goes on.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from pipeline.models import RawDocument, Rejection, SeenMark, Unchanged
from pipeline.sources.files import fingerprint, unchanged
from pipeline.sources.state import Seen, SourceItem

DATE_FIELDS = ("date", "published", "published_on", "date_publish")


def _open(path: Path) -> IO[bytes]:
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def iter_jsonl(path: Path, seen: Seen) -> Iterator[SourceItem]:
    key = str(path.resolve())
    if unchanged(path, seen):
        yield Unchanged(key)
        return
    number = 0
    try:
        with _open(path) as stream:
            for number, line in enumerate(stream, start=1):
                if line.strip():
                    yield _record(key, number, line)
    except (EOFError, OSError, zlib.error) as exc:  # a cut or corrupt gzip stream: keep what was read
        # no mark: the file is read again next time; records already loaded are skipped by their hash
        yield Rejection(key, "bad_archive", f"{type(exc).__name__}: {exc}; stopped after line {number}")
        return
    yield SeenMark(key, fingerprint(path))


def _text(value: object) -> str | None:
    """A JSON string as text PostgreSQL can hold: no NUL, no lone surrogate (JSON allows both)."""
    if not isinstance(value, str):
        return None
    return value.encode("utf-8", errors="replace").decode("utf-8").replace("\x00", "")


def _record(key: str, number: int, line: bytes) -> RawDocument | Rejection:
    where = f"{key}#L{number}"
    try:
        data = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return Rejection(where, "bad_record", f"line {number} is not JSON ({exc}); each line must be one JSON object")
    if not isinstance(data, dict):
        return Rejection(where, "bad_record", "a line must hold one JSON object")
    html, text = data.get("html"), data.get("text")
    page = html if isinstance(html, str) and html.strip() else text if isinstance(text, str) else None
    if not page:
        return Rejection(where, "bad_record", 'no "html" or "text" field')
    url = _text(data.get("url"))
    date = next((_text(data[f]) for f in DATE_FIELDS if isinstance(data.get(f), str)), None)
    title = _text(data.get("title"))
    return RawDocument(
        uri=url or where,
        content=page.encode("utf-8", errors="replace"),
        media_type="text/html" if page is html else "text/plain",
        title_hint=title,
        published_hint=date,
    )
