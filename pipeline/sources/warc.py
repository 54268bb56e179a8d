"""WARC and WARC.gz archives (warcio): the form web archives and news crawls are published in.

Records are streamed one at a time, so memory stays flat however large the
archive. Only HTTP responses with status 200 and an HTML content type become
documents; requests, metadata, images and scripts are passed over.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import logging
import zlib
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from pipeline.models import RawDocument, Rejection, SeenMark, Unchanged
from pipeline.sources.files import fingerprint, unchanged
from pipeline.sources.state import Seen, SourceItem

LOGGER = logging.getLogger(__name__)
HTML_TYPES = ("text/html", "application/xhtml+xml")


def iter_warc(path: Path, seen: Seen, max_bytes: int = 5_000_000) -> Iterator[SourceItem]:
    key = str(path.resolve())
    if unchanged(path, seen):
        yield Unchanged(key)
        return
    damage = _gzip_damage(path) if path.name.lower().endswith(".gz") else None
    read = 0
    try:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                doc = _document(record, max_bytes)
                if isinstance(doc, Rejection) and doc.reason == "truncated_record":
                    damage = damage or "the archive ends inside a record"
                if doc is not None:
                    read += isinstance(doc, RawDocument)
                    yield doc
    except (ArchiveLoadFailed, OSError, ValueError) as exc:  # a corrupt archive: keep what was read
        damage = f"{type(exc).__name__}: {exc}"
    if damage:
        # no mark: the archive is read again next time (documents already loaded are skipped by their hash)
        yield Rejection(key, "bad_archive", f"{damage}; {read} documents read before it")
        return
    yield SeenMark(key, fingerprint(path))


def _gzip_damage(path: Path) -> str | None:
    """warcio stops quietly at a truncated or corrupt gzip member; a streaming pass over the members tells."""
    try:
        with gzip.open(path, "rb") as stream:
            while stream.read(1 << 20):
                pass
    except (EOFError, OSError, zlib.error) as exc:
        return f"damaged gzip stream ({type(exc).__name__}: {exc})"
    return None


def _document(record: object, max_bytes: int) -> RawDocument | Rejection | None:
    if getattr(record, "rec_type", None) != "response" or record.http_headers is None:  # type: ignore[attr-defined]
        return None
    headers = record.http_headers  # type: ignore[attr-defined]
    if headers.get_statuscode() != "200":
        return None
    media = (headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if media not in HTML_TYPES:
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""  # type: ignore[attr-defined]
    content = record.content_stream().read(max_bytes + 1)  # type: ignore[attr-defined]
    if len(content) > max_bytes:
        return Rejection.too_large(uri, None, max_bytes)
    missing = getattr(record.raw_stream, "limit", 0)  # type: ignore[attr-defined]
    if missing:  # the record's declared length was not all there: a cut-off page is not an article
        return Rejection(
            uri,
            "truncated_record",
            f"the archive ends inside this record ({missing:,} bytes missing); re-download the archive",
            hashlib.sha256(content).hexdigest(),
        )
    return RawDocument(uri=uri, content=content, media_type="text/html", fetched_at=_warc_date(record))


def _warc_date(record: object) -> dt.datetime | None:
    value = record.rec_headers.get_header("WARC-Date")  # type: ignore[attr-defined]
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
