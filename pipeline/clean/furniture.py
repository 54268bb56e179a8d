"""Cross-document evidence: a line that recurs in many stories of one site is page furniture.

Patterns catch widgets every site has; what is peculiar to one site (its banner,
its footer, the headline ticker of that day) is caught by counting. A line is
furniture when it stands, whole, in at least MIN_STORIES different stories of
the same site and in at least MIN_SHARE of that site's stories in the batch.
Copies of one story count once (MinHash resemblance), or a re-crawled story would lose its
own text. Speaker turns ("CRI:") recur in every transcript and are content.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import PurePath
from urllib.parse import urlsplit

from pipeline.clean.dedupe import MIN_RESEMBLANCE, resemblance, sketch
from pipeline.clean.patterns import SPEAKER_TURN

MIN_STORIES = 3
MIN_SHARE = 0.25


def site_key(uri: str) -> str:
    """The site a document comes from: the URL's host, or for a file its folder (crawls keep a site per folder)."""
    parts = urlsplit(uri)
    if parts.scheme in ("http", "https") and parts.hostname:
        return parts.hostname.removeprefix("www.")
    return str(PurePath(uri).parent)


def line_key(line: str) -> str:
    return " ".join(line.split()).casefold()


def recurring_lines(texts: Sequence[str]) -> frozenset[str]:
    """Line keys (see line_key) that are furniture among these texts of one site."""
    stories: list[tuple[list[int], set[str]]] = []
    for text in texts:
        lines = {line_key(line) for line in text.splitlines() if line.strip()}
        fingerprint = sketch(text)
        for i, (other, other_lines) in enumerate(stories):
            if resemblance(fingerprint, other) >= MIN_RESEMBLANCE:
                stories[i] = (other, other_lines | lines)  # one story, however many copies
                break
        else:
            stories.append((fingerprint, lines))
    if len(stories) < MIN_STORIES:
        return frozenset()
    counts = Counter(line for _, lines in stories for line in lines)
    floor = max(MIN_STORIES, MIN_SHARE * len(stories))
    return frozenset(line for line, n in counts.items() if n >= floor and not SPEAKER_TURN.match(line.title()))


def group_by_site(uris: Sequence[str]) -> dict[str, list[int]]:
    groups: dict[str, list[int]] = defaultdict(list)
    for i, uri in enumerate(uris):
        groups[site_key(uri)].append(i)
    return groups
