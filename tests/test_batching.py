"""The flow's batches count documents: a folder's marks ride along with their files instead of halving each batch."""

from __future__ import annotations

import itertools
from pathlib import Path

from pipeline.flows.ingest import NON_DOCUMENTS_PER_BATCH, batched, ramp_sizes
from pipeline.models import RawDocument, Rejection, SeenMark, Unchanged
from pipeline.sources import iter_items
from pipeline.sources.state import nothing_seen


def _documents(batch: list[object]) -> list[str]:
    return [Path(i.uri).name for i in batch if isinstance(i, RawDocument)]


def test_a_folder_is_batched_by_documents_and_each_file_keeps_its_mark(tmp_path: Path) -> None:
    for i in range(5):
        (tmp_path / f"page-{i}.txt").write_text(f"Page {i} of a folder.\n")
    batches = list(batched(iter_items([str(tmp_path)], nothing_seen), 2))
    assert [_documents(b) for b in batches] == [
        ["page-0.txt", "page-1.txt"],
        ["page-2.txt", "page-3.txt"],
        ["page-4.txt"],
    ]
    for batch in batches:  # the file's mark comes after its document, in the same batch
        marks = [Path(i.key).name for i in batch if isinstance(i, SeenMark)]
        assert marks == _documents(batch)


def test_items_that_are_not_documents_still_close_a_batch() -> None:
    unchanged = [Unchanged(f"file:///page-{i}.txt") for i in range(2 * 3 * NON_DOCUMENTS_PER_BATCH + 1)]
    batches = list(batched(iter(unchanged), 3))
    assert [len(b) for b in batches] == [3 * NON_DOCUMENTS_PER_BATCH, 3 * NON_DOCUMENTS_PER_BATCH, 1]

    page = RawDocument("file:///a.txt", b"A page.", "text/plain")
    refused = Rejection("file:///b.bin", "unsupported_media_type", "not a page")
    batches = list(batched(iter([refused, page, refused, page, refused]), 1))
    assert [[type(i).__name__ for i in b] for b in batches] == [
        ["Rejection", "RawDocument", "Rejection"],
        ["RawDocument", "Rejection"],
    ]


def test_the_first_batches_ramp_up_to_the_batch_size_one_round_per_worker() -> None:
    assert list(itertools.islice(ramp_sizes(22, 2), 7)) == [6, 6, 12, 12, 22, 22, 22]
    assert list(itertools.islice(ramp_sizes(50, 1), 4)) == [13, 26, 50, 50]
    assert list(itertools.islice(ramp_sizes(1, 3), 3)) == [1, 1, 1]


def test_a_ramped_folder_keeps_every_document_once_and_in_order(tmp_path: Path) -> None:
    for i in range(30):
        (tmp_path / f"page-{i:02}.txt").write_text(f"Page {i} of a folder.\n")
    batches = list(batched(iter_items([str(tmp_path)], nothing_seen), 8, workers=2))
    assert [len(_documents(b)) for b in batches] == [2, 2, 4, 4, 8, 8, 2]
    assert [name for b in batches for name in _documents(b)] == [f"page-{i:02}.txt" for i in range(30)]
