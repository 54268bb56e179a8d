"""Cleaning throughput: the seeds repeated to 1,000 documents, cleaned in one process.

Runs what the clean-batch task runs (cross-document furniture per batch of
200, then each page) and prints documents per second; cleaning must stay cheap
next to the language model.
"""

from __future__ import annotations

import time
from pathlib import Path

from pipeline.clean import clean_document, clean_documents
from pipeline.models import RawDocument

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


BATCH = 200


def main(total: int = 1000) -> None:
    seeds = [p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))]
    docs = [RawDocument(f"doc{i}.txt", seeds[i % len(seeds)] + f"\n{i}".encode(), "text/plain") for i in range(total)]
    clean_document(docs[0])  # warm caches (jusText stoplist, language model)
    start = time.perf_counter()
    cleaned = []
    for first in range(0, total, BATCH):
        cleaned.extend(clean_documents(docs[first : first + BATCH]))
    elapsed = time.perf_counter() - start
    ok = sum(1 for c in cleaned if hasattr(c, "body"))
    print(f"cleaned {ok}/{total} documents in {elapsed:.2f} s: {total / elapsed:.0f} documents/s")


if __name__ == "__main__":
    main()
