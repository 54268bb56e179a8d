"""What a source may ask about the past: the SeenMark of an item, or None when it is new.

Sources stay free of the database: the flow hands them a lookup function
(backed by the `source_marks` table), tests hand them a dict's `get`.
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline.models import RawDocument, Rejection, SeenMark, Unchanged

Seen = Callable[[str], SeenMark | None]
SourceItem = RawDocument | Rejection | Unchanged | SeenMark


def nothing_seen(key: str) -> SeenMark | None:
    return None


def prefetch(seen: Seen, keys: list[str]) -> None:
    """Tell a lookup that can read ahead (the flow's, backed by the database) which keys come next."""
    ahead = getattr(seen, "prefetch", None)
    if ahead is not None and keys:
        ahead(keys)
