"""Near-duplicate detection: the same story from two crawls, or with another footer or one more paragraph.

Each text gets a bottom-k MinHash sketch: the K smallest 64-bit hashes of its
word 4-grams. Two copies of a story share most of their sketch, two different
stories almost none, so the sketch (a bigint[] with a GIN index) finds the
candidates in PostgreSQL with no separate LSH store, and the candidates are
then confirmed on the texts themselves. A hand-written sketch because the LSH
libraries keep their index in memory or Redis, not in the database that is the
single point of truth here; the method is Broder's (1997).
"""

from __future__ import annotations

import hashlib
import heapq
import re

K = 16
SHINGLE = 4
MIN_RESEMBLANCE = 0.5  # estimated Jaccard of two sketches: same story
MIN_OVERLAP = 0.8  # share of the shorter text's 4-grams found in the longer
MIN_LENGTH_RATIO = 0.5  # a digest of a long story is another article, not a copy
_WORD = re.compile(r"\w+")


def _shingles(text: str) -> set[str]:
    words = _WORD.findall(text.casefold())
    if len(words) <= SHINGLE:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def _hash64(shingle: str) -> int:
    """A stable signed 64-bit hash (PostgreSQL bigint); Python's hash() changes between processes."""
    return int.from_bytes(hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


def sketch(text: str) -> list[int]:
    """The K smallest shingle hashes, ascending (`_hash64` written out inline: a long story has thousands of
    shingles, and the call per shingle was a third of the sketch's time)."""
    blake2b, from_bytes = hashlib.blake2b, int.from_bytes
    hashes = {
        from_bytes(blake2b(s.encode("utf-8"), digest_size=8).digest(), "big", signed=True) for s in _shingles(text)
    }
    return heapq.nsmallest(K, hashes)


def resemblance(a: list[int], b: list[int]) -> float:
    """Jaccard estimate: of the K smallest hashes of the union, the share found in both."""
    if not a or not b:
        return 0.0
    sa, sb = set(a), set(b)
    union = heapq.nsmallest(K, sa | sb)
    return sum(1 for h in union if h in sa and h in sb) / len(union)


def overlap(a: str, b: str) -> float:
    """Share of the shorter text's word 4-grams found in the other: a footer or a trimmed tail barely moves it."""
    sa, sb = _shingles(a), _shingles(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


def is_near_duplicate(a: str, b: str) -> bool:
    la, lb = len(a.split()), len(b.split())
    if not la or not lb or min(la, lb) / max(la, lb) < MIN_LENGTH_RATIO:
        return False
    return overlap(a, b) >= MIN_OVERLAP
